"""What a program's text says it may need loaded before it runs (after Landlock, the child
can load nothing)."""

from __future__ import annotations

__all__ = ["mentions_codecs"]

_CODEC_HINTS = ("encode", "decode", "codecs", "bytes", "bytearray", "b'", 'b"')


def mentions_codecs(source: str) -> bool:
    """Whether a program may convert between str and bytes (and need codecs loaded)."""
    return any(hint in source for hint in _CODEC_HINTS)
