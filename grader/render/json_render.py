"""A verdict as one JSON object (stable key order, so reports are byte-identical)."""

from __future__ import annotations

from typing import Any

from grader.reports.common import json_text
from grader.verdict import Verdict


def verdict_json(verdict: Verdict, **extra: Any) -> str:
    return json_text({**verdict.to_dict(), **extra}, indent=2)
