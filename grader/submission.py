"""A learner's submission: text, or the reason it cannot be graded."""

from __future__ import annotations

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
            return cls(decode_text(data, max_bytes=max_bytes, size=size), filename)
        except UnreadableText as exc:
            return cls(None, filename, f"{filename}: {exc}")

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
