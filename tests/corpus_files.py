"""Where the code corpus's submissions are (tests/corpus/expected.yaml lists them): in
tests/corpus/<exercise>/, or, when a submission is also one of the bank's samples, only in
that exercise's samples folder, so that each file has one copy."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
BANK = ROOT / "exercises"


def expected() -> dict[str, list[str]]:
    """`exercise/file` -> [status, part of the first hint] (none for a right one)."""
    found: dict[str, list[str]] = yaml.safe_load((CORPUS / "expected.yaml").read_text())
    return found


def corpus_path(entry: str) -> Path:
    """The file of corpus entry `exercise/file`."""
    own = CORPUS / entry
    if own.is_file():
        return own
    samples = sorted(BANK.glob(f"*/samples/{entry}"))
    if not samples:
        raise FileNotFoundError(
            f"corpus entry {entry}: in neither tests/corpus nor a samples folder"
        )
    return samples[0]


def corpus_paths() -> dict[str, Path]:
    """Every entry of the corpus with its file."""
    return {entry: corpus_path(entry) for entry in sorted(expected())}
