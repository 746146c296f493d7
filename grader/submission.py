"""A learner's submission: text, or the reason it cannot be graded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from grader.files import MAX_SUBMISSION_BYTES, UnreadableText, decode_text, read_limited


@dataclass(frozen=True)
class Submission:
    """What the learner handed in. `problem` says why it is invalid (then `text` is None)."""

    text: str | None
    filename: str
    problem: str | None = None

    @classmethod
    def from_text(cls, text: str, filename: str = "answer.txt") -> Submission:
        return cls.from_bytes(text.encode("utf-8", "surrogatepass"), filename)

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        filename: str,
        max_bytes: int = MAX_SUBMISSION_BYTES,
        size: int | None = None,
    ) -> Submission:
        """`size`: the whole file's, when `data` holds only its first `max_bytes + 1`."""
        try:
            text = decode_text(data, max_bytes=max_bytes, size=size)
        except UnreadableText as exc:
            return cls(None, filename, f"{filename}: {exc}")
        return cls(plain_markdown(text) if filename.endswith(".md") else text, filename)

    @classmethod
    def from_path(cls, path: Path, max_bytes: int = MAX_SUBMISSION_BYTES) -> Submission:
        """Read a file; unreadable content becomes an invalid submission (never an exception)."""
        try:
            data, size = read_limited(path, max_bytes)
        except OSError as exc:
            return cls(None, path.name, f"{path.name}: cannot read it ({exc.strerror})")
        except UnreadableText as exc:
            return cls(None, path.name, f"{path.name}: {exc}")
        return cls.from_bytes(data, path.name, max_bytes, size)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^`]*$")
_STRONG = re.compile(r"(\*\*)(?=\S)(.+?)(?<=\S)\1")
"""`**bold**` (not `__bold__`, which would unmark `__name__`)."""
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_QUOTE = re.compile(r"^ {0,3}> ?")


def plain_markdown(text: str) -> str:
    """A `.md` answer as the text it shows: fence lines (```) dropped and what they hold
    kept as written; outside them, `**bold**`, `*emphasis*` and `> ` quotes unmarked.
    (Headings, list items and `code` are read by the kinds, as in a `.txt` answer.)"""
    lines: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)[0] * len(opened.group(1))
            continue
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
                continue
            lines.append(line)
            continue
        line = _QUOTE.sub("", line)
        lines.append(_EMPHASIS.sub(r"\1", _STRONG.sub(r"\2", line)))
    return "\n".join(lines)
