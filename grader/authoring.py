"""`grader new`: a commented skeleton of a spec for one kind."""

from __future__ import annotations

import os
import re
from pathlib import Path

from grader import kinds
from grader.errors import UsageError
from grader.spec.schema import SLUG

HEADER = """\
# yaml-language-server: $schema={schema}
# Fill in every TODO, then run `grader validate {path}`.
id: {id}
kind: {kind}
title: "TODO: a short title"
topic: {topic}
difficulty: easy  # easy, medium or hard
prompt: |
  TODO: what the learner must do (Markdown).
hint: "TODO: the general hint, given after the specific ones"
solution:
  - "TODO: step 1"
  - "TODO: step 2"
points: 1
tags: []
"""


def skeleton(kind_name: str, exercise_id: str, topic: str, schema: str) -> str:
    kind = kinds.get(kind_name)
    if kind is None:
        raise UsageError(f"unknown kind '{kind_name}'; choose one of: {', '.join(kinds.names())}")
    path = f"{topic}/{exercise_id}.yaml"
    header = HEADER.format(schema=schema, path=path, id=exercise_id, kind=kind_name, topic=topic)
    return header + kind.template


def write_skeleton(root: Path, kind_name: str, exercise_id: str, topic: str) -> Path:
    for label, value in (("ID", exercise_id), ("--topic", topic)):
        if not re.fullmatch(SLUG, value):
            raise UsageError(f"{label} '{value}' must be a lowercase slug such as 'loops-basics'")
    target = root / topic / f"{exercise_id}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists; choose another id")
    schema = Path(__file__).resolve().parent / "schema" / "exercise.schema.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    reference = os.path.relpath(schema, target.parent.resolve())
    target.write_text(skeleton(kind_name, exercise_id, topic, reference))
    return target
