"""Finding submissions: `DIR/<learner>/<exercise-id>.<ext>`, streamed, optionally sharded."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from grader.errors import UsageError
from grader.exercise import AnyExercise

SUFFIXES = {"code": (".py",), "text": (".txt", ".md")}


@dataclass(frozen=True)
class Shard:
    """Submission `index` of `total` (1-based), chosen by a stable hash of its name."""

    index: int = 1
    total: int = 1

    @classmethod
    def parse(cls, text: str, source: str = "--shard") -> Shard:
        try:
            index, total = (int(part) for part in text.split("/"))
        except ValueError:
            raise UsageError(f"{source} takes I/N, such as 2/4, not {text!r}") from None
        if not 1 <= index <= total:
            raise UsageError(f"{source} {text}: I must be between 1 and N")
        return cls(index, total)

    @classmethod
    def from_environment(
        cls, environ: dict[str, str] | os._Environ[str] = os.environ
    ) -> Shard | None:
        """The shard a CI job's variables name, or None:
        - GitLab's `parallel:` jobs set CI_NODE_INDEX (1-based) and CI_NODE_TOTAL;
        - a Kubernetes Indexed Job sets JOB_COMPLETION_INDEX (0-based); its manifest passes
          the Job's `completions` as JOB_COMPLETIONS, which Kubernetes does not set."""
        index, total = environ.get("CI_NODE_INDEX"), environ.get("CI_NODE_TOTAL")
        if index and total:
            return cls.parse(f"{index}/{total}", source="CI_NODE_INDEX/CI_NODE_TOTAL")
        completion = environ.get("JOB_COMPLETION_INDEX")
        if not completion:
            return None
        completions = environ.get("JOB_COMPLETIONS")
        if not completions:
            raise UsageError(
                f"JOB_COMPLETION_INDEX is {completion}, but JOB_COMPLETIONS is not set: "
                "give the Job's `completions` in the pod's env (see docs/ci.md), or pass --shard"
            )
        source = "JOB_COMPLETION_INDEX/JOB_COMPLETIONS"
        try:
            first, total_count = int(completion), int(completions)
        except ValueError:
            raise UsageError(
                f"{source} take whole numbers, not {completion!r}/{completions!r}"
            ) from None
        if not 0 <= first < total_count:
            raise UsageError(
                f"{source} {completion}/{completions}: the index must be between 0 and "
                "JOB_COMPLETIONS - 1 (Kubernetes counts from 0)"
            )
        return cls(first + 1, total_count)

    def includes(self, name: str) -> bool:
        return self.total == 1 or zlib.crc32(name.encode("utf-8")) % self.total == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"


@dataclass(frozen=True)
class Task:
    learner: str
    exercise: AnyExercise
    path: str
    """The file's path (a plain string: a Path per file is measurable in large batches)."""
    relative: str

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


@dataclass(frozen=True)
class Skipped:
    relative: str
    reason: str


def scan(
    root: Path, exercises: dict[str, AnyExercise], shard: Shard = Shard(), out: Path | None = None
) -> Iterator[Task | Skipped]:
    """Every submission under `root` in sorted order, one at a time (`out`, the batch's
    own output folder, is skipped if it lies in `root`)."""
    if not root.is_dir():
        raise UsageError(f"{root}: no such submissions directory")
    own = out.resolve() if out is not None else None
    own_name = own.name if own is not None and own.parent == root.resolve() else None
    for entry in _sorted_entries(root):
        if entry.name == own_name:
            if shard.includes(entry.name):
                yield Skipped(entry.name, "the batch's own output folder (--out)")
            continue
        if not _good_name(entry.name) or entry.is_symlink() or not entry.is_dir():
            if shard.includes(_shown(entry.name)):
                yield _skipped_at_top(entry)
            continue
        try:
            files = _sorted_entries(entry.path)
        except OSError as exc:  # vanished or unreadable: the rest of the batch goes on
            if shard.includes(entry.name):
                yield Skipped(entry.name, f"cannot list it ({exc.strerror})")
            continue
        yield from _learner_files(entry.name, files, exercises, shard)


def _learner_files(
    learner: str, files: list[os.DirEntry[str]], exercises: dict[str, AnyExercise], shard: Shard
) -> Iterator[Task | Skipped]:
    """A learner's submissions, one per exercise: the store keeps one verdict per exercise,
    so a second answer (`x.txt` beside `x.md`) would replace the first at every run."""
    graded: dict[str, str] = {}
    for file in files:
        relative = f"{learner}/{_shown(file.name)}"
        if not shard.includes(relative.rsplit(".", 1)[0]):
            continue
        item = _classify(learner, file, relative, exercises)
        if isinstance(item, Task):
            first = graded.setdefault(item.exercise.id, file.name)
            if first != file.name:
                item = Skipped(
                    relative, f"a second answer to '{item.exercise.id}'; {first} is graded"
                )
        yield item


def _sorted_entries(directory: str | Path) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as entries:
        return sorted(entries, key=lambda e: e.name)


def _shown(name: str) -> str:
    """A file name as printable text: bytes that are not UTF-8 and characters that are not
    printable (a newline, say) appear as escapes (`\\xff`, `\\n`)."""
    if name.isascii() and name.isprintable():
        return name  # the common case, shown as it is
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _good_name(name: str) -> bool:
    """UTF-8 and printable: reports, logs and CSV cells show it as it is."""
    return _shown(name) == name


def _skipped_at_top(entry: os.DirEntry[str]) -> Skipped:
    if not _good_name(entry.name):
        return Skipped(_shown(entry.name), _BAD_NAME)
    if entry.is_symlink():  # it could lead to any folder the grader can read
        return Skipped(entry.name, "a symbolic link; submit the folder itself")
    return Skipped(entry.name, "not inside a learner directory (DIR/<learner>/<exercise>.<ext>)")


_BAD_NAME = "its name is not printable UTF-8 text (every report shows it); rename it"


def _classify(
    learner: str, file: os.DirEntry[str], relative: str, exercises: dict[str, AnyExercise]
) -> Task | Skipped:
    if not _good_name(file.name):
        return Skipped(relative, _BAD_NAME)
    if file.is_symlink():  # a learner's link could point at any file the grader can read
        return Skipped(relative, "a symbolic link; submit the file itself")
    if not file.is_file():
        return Skipped(relative, "not a file")
    stem, suffix = os.path.splitext(file.name)
    exercise = exercises.get(stem)
    if exercise is None:
        return Skipped(relative, f"no exercise '{stem}' in the bank")
    suffixes = SUFFIXES[exercise.kind.answer]
    if suffix not in suffixes:
        return Skipped(relative, f"'{exercise.id}' takes {' or '.join(suffixes)} files")
    return Task(learner, exercise, file.path, relative)
