"""Salted digests, the form answers take in a locked spec."""

from __future__ import annotations

import hashlib
from typing import Any

LOCKED_DIGESTS: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    "description": "Written by `grader lock`.",
}
DIGEST_LIST: dict[str, Any] = {
    "type": "array",
    "items": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    "description": "Written by `grader lock`.",
}


def salted(salt: str, text: str) -> str:
    """The digest stored for `text` in a locked spec."""
    return hashlib.sha256(f"{salt}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def digests(salt: str, forms: dict[str, str]) -> dict[str, str]:
    """`{form: text}` to `{form: digest}`."""
    return {name: salted(salt, text) for name, text in forms.items()}
