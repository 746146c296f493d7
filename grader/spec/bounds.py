"""Bounds that spec values keep, shared by the schema's common fields and the kinds' own."""

from __future__ import annotations

__all__ = ["MAX_POINTS", "MAX_SLUG", "SLUG"]

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_SLUG = 64
"""The longest id or topic (each becomes a file or folder name)."""
MAX_POINTS = 1_000_000
"""What an exercise or a case may be worth: sums of points stay finite."""
