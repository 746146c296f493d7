"""A verdict as one JSON object (stable key order, so reports are byte-identical)."""

from __future__ import annotations

import json
from typing import Any

from grader.verdict import Verdict


def verdict_json(verdict: Verdict, **extra: Any) -> str:
    return json.dumps({**verdict.to_dict(), **extra}, ensure_ascii=False, sort_keys=True, indent=2)
