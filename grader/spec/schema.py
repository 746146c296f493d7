"""The JSON Schema of exercise specs: common fields plus each registered kind's fields.

`grader schema` prints it; `grader/schema/exercise.schema.json` ships it for editors.
"""

from __future__ import annotations

import difflib
import math
from functools import cache
from typing import Any

from grader import kinds
from grader.errors import Problem
from grader.spec.bounds import MAX_POINTS, MAX_SLUG, SLUG
from grader.spec.raw import PathKey, RawSpec, field_name
from sandbox.limits import DEFAULT_MODULES, MAX_MEMORY_MB, MAX_OUTPUT_BYTES, MAX_TIMEOUT

SCHEMA_ID = "https://pygrader.invalid/schema/exercise.schema.json"
INFINITY_ALLOWED = frozenset({"returns"})
"""Fields whose values are data, where `.inf` is an answer (a function may return it)."""

COMMON: dict[str, Any] = {
    "id": {
        "type": "string",
        "pattern": SLUG,
        "maxLength": MAX_SLUG,
        "description": "Unique slug across the bank.",
    },
    "kind": {"type": "string", "description": "The exercise kind."},
    "title": {"type": "string", "minLength": 1},
    "topic": {"type": "string", "pattern": SLUG, "maxLength": MAX_SLUG},
    "difficulty": {
        "type": "string",
        "description": "easy, medium or hard; a recall card's is beginner or intermediate.",
    },
    "prompt": {"type": "string", "minLength": 1, "description": "Markdown shown to learners."},
    "hint": {"type": "string", "minLength": 1, "description": "The general hint, given last."},
    "solution": {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "minItems": 1,
        "description": "Step-by-step solution.",
    },
    "points": {
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": MAX_POINTS,
        "default": 1,
    },
    "tags": {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True},
    "limits": {
        "type": "object",
        "properties": {
            "timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_TIMEOUT},
            "memory_mb": {"type": "integer", "minimum": 16, "maximum": MAX_MEMORY_MB},
            "output_bytes": {"type": "integer", "minimum": 1024, "maximum": MAX_OUTPUT_BYTES},
            "random_seed": {"type": ["integer", "null"]},
        },
        "additionalProperties": False,
    },
    "allowed_imports": {
        "type": "array",
        "items": {"enum": sorted(DEFAULT_MODULES)},
        "uniqueItems": True,
        "description": "Narrows the sandbox's module allowlist.",
    },
    "lock": {
        "type": "object",
        "description": "Written by `grader lock`; do not edit.",
        "properties": {"salt": {"type": "string", "pattern": "^[0-9a-f]{32}$"}},
        "required": ["salt"],
        "additionalProperties": False,
    },
}
REQUIRED = ("id", "kind", "title", "topic", "difficulty", "prompt", "hint", "solution")


@cache
def build(*, closed: bool = True) -> dict[str, Any]:
    """The complete schema (Draft 2020-12).

    `closed` adds `unevaluatedProperties: false` for editors. Validation uses the open form
    and reports unknown top-level fields itself: a failing kind branch would otherwise make
    every field of that kind look unknown.
    """
    every = kinds.all_kinds()
    derivable = {name for kind in every for name in kind.derived}
    branches = [
        {
            "if": {"properties": {"kind": {"const": kind.name}}, "required": ["kind"]},
            "then": {
                "properties": {
                    "difficulty": {"enum": [d.value for d in kind.difficulties]},
                    **kind.properties,
                },
                # the common fields some kind may leave out are required kind by kind
                "required": [
                    *(f for f in REQUIRED if f in derivable and f not in kind.derived),
                    *kind.required,
                ],
            },
        }
        for kind in every
    ]
    common = dict(COMMON, kind={**COMMON["kind"], "enum": kinds.names()})
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "pygrader exercise",
        "type": "object",
        "properties": common,
        "required": [f for f in REQUIRED if f not in derivable],
        "allOf": branches,
    }
    if closed:
        schema["unevaluatedProperties"] = False
    return schema


@cache
def _validator() -> Any:
    """The validator of the open schema (the tests check both schemas against the
    metaschema, which would cost every run 40 ms)."""
    import jsonschema

    return jsonschema.Draft202012Validator(build(closed=False))


def problems(raw: RawSpec) -> list[Problem]:
    """Every schema violation in the spec, each with its line and field."""
    found = [_unknown_field(raw, (), name) for name in _unknown_top_level(raw.data)]
    non_finite = dict(_non_finite(raw.data, ()))
    found += [raw.problem(path, message) for path, message in non_finite.items()]
    errors = [
        error
        for error in _validator().iter_errors(raw.data)
        if tuple(error.absolute_path) not in non_finite
    ]
    for error in _without_redundant_type_errors(errors):
        found.extend(_translate(raw, error))
    return found


def _non_finite(value: Any, path: PathKey) -> list[tuple[PathKey, str]]:
    """Every NaN or infinity in the data (`.nan`, `.inf` in YAML), as (path, message).

    jsonschema lets NaN through every bound, and an infinity breaks sums and JSON reports.
    """
    if isinstance(value, dict):
        return [f for key, item in value.items() for f in _non_finite(item, (*path, key))]
    if isinstance(value, list):
        return [f for i, item in enumerate(value) for f in _non_finite(item, (*path, i))]
    if not isinstance(value, float) or math.isfinite(value):
        return []
    if math.isnan(value):
        return [(path, "must be a finite number, not NaN (.nan); write a number")]
    if INFINITY_ALLOWED & {part for part in path if isinstance(part, str)}:
        return []
    return [(path, "must be a finite number, not infinity (.inf); write a number")]


def _without_redundant_type_errors(errors: list[Any]) -> list[Any]:
    """Drop "expected a string" where the same value also gets "must be one of: ..."."""
    enums = {tuple(e.absolute_path) for e in errors if e.validator == "enum"}
    return [e for e in errors if not (e.validator == "type" and tuple(e.absolute_path) in enums)]


def _unknown_top_level(data: Any) -> list[str]:
    if not isinstance(data, dict) or kinds.get(data.get("kind", "")) is None:
        return []
    known = set(_known_fields(data))
    return [name for name in data if name not in known]


def _known_fields(data: Any) -> list[str]:
    fields = list(COMMON)
    kind = kinds.get(data.get("kind")) if isinstance(data, dict) else None
    if kind is not None:
        fields += list(kind.properties)
    return fields


def _translate(raw: RawSpec, error: Any) -> list[Problem]:
    path = tuple(error.absolute_path)
    validator = error.validator
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        extra = [name for name in error.instance if name not in known]
        return [_unknown_field(raw, path, name, known) for name in extra]
    if validator == "required":
        missing = error.message.split("'")[1]
        where = ("kind",) if path == () and missing not in REQUIRED else path
        return [
            Problem(
                raw.file, raw.line(where), field_name((*path, missing)), "missing required field"
            )
        ]
    return [raw.problem(path, _message(error))]


def _unknown_field(
    raw: RawSpec, path: tuple[Any, ...], name: str, known: list[str] | None = None
) -> Problem:
    candidates = known if known is not None else _known_fields(raw.data)
    suggestion = difflib.get_close_matches(name, candidates, n=1)
    hint = f"; did you mean '{suggestion[0]}'?" if suggestion else "; remove it"
    return raw.problem((*path, name), f"unknown field{hint}")


_TYPE_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


def _enum_message(expected: list[Any], given: Any) -> str:
    """The allowed values, and the closest one to a misspelt text (`predict_output`)."""
    message = "must be one of: " + ", ".join(str(v) for v in expected)
    if not isinstance(given, str):
        return message
    choices = {str(v).replace("-", "_").lower(): str(v) for v in expected}
    typed = given.replace("-", "_").lower()
    close = difflib.get_close_matches(typed, list(choices), n=1, cutoff=0.6)
    return f"{message} (did you mean '{choices[close[0]]}'?)" if close else message


def _message(error: Any) -> str:
    validator, expected = error.validator, error.validator_value
    text: str = error.message
    if validator == "type":
        types: list[str] = expected if isinstance(expected, list) else [expected]
        message = "expected " + " or ".join(_TYPE_NAMES.get(t, t) for t in types)
        if "number" in types and isinstance(error.instance, str) and _is_float_text(error.instance):
            how = (
                "a signed exponent, e.g. 1.0e+9" if "." in error.instance else "a dot, e.g. 1.0e-9"
            )
            message += f" (YAML reads {error.instance} as text; write it with {how})"
        elif "string" in types and isinstance(error.instance, bool):
            shown = str(error.instance).lower()
            message += f" (YAML read this as {shown}; put the text in quotes)"
        return message
    if validator == "enum":
        return _enum_message(expected, error.instance)
    if validator == "const":
        return f"must be {expected!r}"
    if validator == "pattern":
        return "must be a lowercase slug such as 'loops-basics' (letters, digits, hyphens)"
    if validator == "minItems" and expected > 1:
        noun = next((p for p in reversed(error.absolute_path) if isinstance(p, str)), "items")
        return f"needs at least {expected} {noun}; it has {len(error.instance)}"
    if validator in ("minLength", "minItems"):
        return "must not be empty"
    if validator == "maxLength" and isinstance(error.instance, str):
        return f"is {len(error.instance)} characters long; keep it to {expected} at most"
    if validator == "maxItems":
        return f"has {len(error.instance)} items; at most {expected} are allowed"
    if validator in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        return text.replace(repr(error.instance), "the value", 1)
    if validator == "uniqueItems":
        return "has repeated items"
    return text


def _is_float_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
