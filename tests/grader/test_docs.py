"""Every complete exercise shown in docs/authoring.md is valid and behaves as documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from grader.runner import CachingRunner
from grader.spec.loader import parse_exercise
from grader.validation import behaviour_problems

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "authoring.md").read_text(), re.DOTALL)
EXAMPLES = [block for block in BLOCKS if "\nkind: " in block or block.startswith("id: ")]


def test_the_guide_shows_every_kind() -> None:
    kinds = {yaml.safe_load(block)["kind"] for block in EXAMPLES}
    assert kinds == {
        "predict-output",
        "fix-syntax-error",
        "find-the-error",
        "multiple-choice",
        "write-program",
        "write-function",
        "explain",
        "recall",
    }


@pytest.mark.parametrize("block", EXAMPLES, ids=lambda b: yaml.safe_load(b)["id"])
def test_guide_example_is_valid(block: str, runner: CachingRunner) -> None:
    exercise = parse_exercise(block, "guide-example.yaml")
    assert behaviour_problems(exercise, runner) == []


def schema_fields(properties: dict, prefix: str = "") -> dict[str, bool]:
    """Every field of a schema's properties, as the guide's tables name them (`limits.timeout`,
    `cases[].name`, `forbids[]`, `forbids[].call`), and whether only `grader lock` writes it."""
    from grader.spec.schema import is_internal

    found: dict[str, bool] = {}
    for name, sub in properties.items():
        found[prefix + name] = is_internal(sub)
        items = sub.get("items", {})
        if items.get("anyOf") or items.get("oneOf"):
            found[prefix + name + "[]"] = False  # a list of alternatives: the items themselves
        for node, mark in ((sub, "."), (items, "[].")):
            for branch in [node, *node.get("anyOf", []), *node.get("oneOf", [])]:
                if isinstance(branch, dict) and "properties" in branch:
                    found |= schema_fields(branch["properties"], prefix + name + mark)
    return found


def documented_fields() -> dict[str, set[str]]:
    """The fields in the guide's tables whose first column is `field`, by section: a kind's
    own under its heading in "The ... kinds", every other table under "common"."""
    sections: dict[str, set[str]] = {}
    section, in_kinds, in_table = "common", False, False
    for line in (ROOT / "docs" / "authoring.md").read_text().splitlines():
        if line.startswith("## "):
            in_kinds, section = bool(re.fullmatch(r"## The \w+ kinds", line)), "common"
        elif line.startswith("### "):
            section = line[4:].strip() if in_kinds else "common"
        if line.startswith("| field |"):
            in_table = True
        elif not line.startswith("|"):
            in_table = False
        elif in_table and not line.startswith("| ---"):
            first = line.split("|")[1]
            sections.setdefault(section, set()).update(re.findall(r"`([^`]+)`", first))
    return sections


def test_every_schema_field_is_documented_in_the_guide() -> None:
    """A field added to the schema (by anyone, later) must be in a table of the guide: the
    common fields in a common table, a kind's own in its section, and those that only
    `grader lock` writes in its section or in the locking table. Every field the tables
    name exists."""
    from grader import kinds
    from grader.spec import schema

    docs = documented_fields()
    common = docs.get("common", set())
    every = set(schema_fields(schema.COMMON))
    missing = sorted(set(schema_fields(schema.COMMON)) - common)
    for kind in kinds.all_kinds():
        own, fields = docs.get(kind.name, set()), schema_fields(kind.properties)
        every |= set(fields)
        missing += [
            f"{kind.name}: {name}"
            for name, internal in sorted(fields.items())
            if name not in own and not (internal and name in common)
        ]
        assert own <= set(fields), (
            f"{kind.name} documents what it lacks: {sorted(own - set(fields))}"
        )
    assert not missing, f"fields missing from docs/authoring.md: {missing}"
    assert common <= every, f"documented but not in the schema: {sorted(common - every)}"


def test_the_readme_makes_a_virtual_environment_before_installing() -> None:
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line and not line.startswith("#")]
    assert commands[0] == "python3 -m venv .venv && . .venv/bin/activate"
    assert all("pip install" in line for line in commands[1:]) and len(commands) == 3
