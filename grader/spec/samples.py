"""Sample submissions in a spec (`samples:`): what the instructor expects the grader to
say about each, read with the rest of the spec. `grader.samples` runs them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from grader.spec.raw import PathKey
from grader.spec.reader import SpecReader
from grader.verdict import Status

__all__ = ["SAMPLES_SCHEMA", "SUFFIXES", "Sample", "parse_samples"]

SUFFIXES = {"code": (".py",), "text": (".txt", ".md")}
"""The files each sort of kind takes (as `grader batch` does)."""

SAMPLES_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "Sample submissions and the verdict each must get; validate runs them.",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1, "description": "How reports name it."},
            "submission": {"type": "string", "description": "The submission itself."},
            "file": {
                "type": "string",
                "minLength": 1,
                "description": "Or a file with it, relative to the spec's folder.",
            },
            "status": {
                "enum": [status.value for status in Status],
                "description": "The verdict's status it must get.",
            },
            "score": {"type": "number", "minimum": 0, "description": "The points it must get."},
            "hint": {
                "type": "string",
                "minLength": 1,
                "description": "Text one of its hints must contain (case aside).",
            },
        },
        "required": ["status"],
        "additionalProperties": False,
    },
    "examples": [[{"name": "correct", "file": "samples/my-id/correct.py", "status": "passed"}]],
}


@dataclass(frozen=True)
class Sample:
    """One sample submission and the verdict it must get."""

    name: str
    path: PathKey
    """Where the spec states it (`samples[2]`)."""
    status: Status
    text: str | None = None
    file: Path | None = None
    """The file that holds it, relative to the working folder, like the spec's path."""
    score: float | None = None
    hint: str | None = None

    @property
    def filename(self) -> str:
        return self.file.name if self.file is not None else "sample"


def parse_samples(spec: SpecReader, answer: str) -> tuple[Sample, ...]:
    """The spec's samples; problems for a sample with no submission (or two), or a file
    outside the spec's folder or of a type the kind does not take."""
    items = spec.data.get("samples")
    if not isinstance(items, list):
        return ()
    folder = Path(spec.raw.file).parent
    samples = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or item.get("status") not in Status._value2member_map_:
            continue  # the schema reports it
        path: PathKey = ("samples", index)
        given = [key for key in ("submission", "file") if key in item]
        if len(given) != 1:
            spec.problem(path, "give the sample as `submission:` (its text) or `file:`, not both")
            continue
        file = _file(spec, (*path, "file"), item.get("file"), SUFFIXES[answer])
        if "file" in item and file is None:
            continue
        samples.append(
            Sample(
                name=item.get("name") or f"sample {index + 1}",
                path=path,
                status=Status(item["status"]),
                text=item.get("submission"),
                file=None if file is None else folder / file,
                score=float(item["score"]) if "score" in item else None,
                hint=item.get("hint"),
            )
        )
    seen: set[str] = set()
    for sample in samples:
        if sample.name in seen:
            spec.problem((*sample.path, "name"), f"'{sample.name}' names another sample too")
        seen.add(sample.name)
    return tuple(samples)


def _file(
    spec: SpecReader, path: PathKey, value: object, suffixes: tuple[str, ...]
) -> PurePosixPath | None:
    """A sample file's path, relative to the spec's folder and inside it."""
    if not isinstance(value, str):
        return None
    relative = PurePosixPath(value)
    if relative.is_absolute() or ".." in relative.parts or "\\" in value:
        spec.problem(
            path,
            f"'{value}' must be a path inside the spec's folder, with /, such as "
            "samples/my-id/correct.py",
        )
        return None
    if relative.suffix not in suffixes:
        spec.problem(path, f"this kind takes {' or '.join(suffixes)} files, not '{value}'")
        return None
    return relative
