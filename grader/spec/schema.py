"""The JSON Schema of exercise specs: common fields plus each registered kind's fields.

`grader schema` prints it; `grader/schema/exercise.schema.json` ships it for editors.
"""

from __future__ import annotations

import difflib
import math
from functools import cache
from typing import Any

import yaml

from grader import kinds
from grader.errors import Problem
from grader.spec.bounds import MAX_POINTS, MAX_SLUG, SLUG
from grader.spec.raw import PathKey, RawSpec, field_name, yaml_reading
from grader.spec.samples import SAMPLES_SCHEMA
from grader.toolkit.rules import RULES_SCHEMA
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
    "requires": {
        **RULES_SCHEMA,
        "description": "Rules the solution must keep, checked on its code (code kinds only).",
    },
    "forbids": {
        **RULES_SCHEMA,
        "description": "What the solution must not use, checked on its code (code kinds only).",
    },
    "samples": SAMPLES_SCHEMA,
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


INTERNAL = "Written by `grader lock`"
"""How the description of a field that only `grader lock` writes begins."""


def is_internal(field_schema: Any) -> bool:
    """Whether a field is written by `grader lock` (never suggested to authors)."""
    description = field_schema.get("description", "") if isinstance(field_schema, dict) else ""
    return isinstance(description, str) and description.startswith(INTERNAL)


def public_fields(properties: dict[str, Any]) -> list[str]:
    """The fields authors write: every property but those `grader lock` writes."""
    return [name for name, value in properties.items() if not is_internal(value)]


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


def _known_fields(data: Any) -> dict[str, Any]:
    fields = dict(COMMON)
    kind = kinds.get(data.get("kind")) if isinstance(data, dict) else None
    if kind is not None:
        fields.update(kind.properties)
    return fields


def _translate(raw: RawSpec, error: Any) -> list[Problem]:
    path = tuple(error.absolute_path)
    validator = error.validator
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
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
    return [raw.problem(path, _message(error) + _trap(raw, path, error))]


def _trap(raw: RawSpec, path: PathKey, error: Any) -> str:
    """What YAML did to an unquoted value that is not the text it looks like, and the fix."""
    if path not in raw.plain or error.validator not in ("type", "enum", "oneOf", "anyOf"):
        return ""
    source, value = raw.plain[path], error.instance
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # reported on its own
    wanted = _types(error)
    if value is not None and ("string" not in wanted or error.validator == "enum"):
        return ""  # no trap: a number where a mapping belongs, `kind: 3`
    shown = (
        f"an empty value as {yaml_reading(value)}"
        if not source
        else (f"`{source}` as {yaml_reading(value)}")
    )
    if value is None and wanted & {"array", "object"}:
        fix = (
            "write the items under it, indented, or `[]`"
            if "array" in wanted
            else "write the fields under it, indented, or `{}`"
        )
    elif error.validator == "enum":
        fix = "write one of them"
    elif value is None and not source:
        fix = 'write the value, or `""` for empty text'
    elif value is None:
        fix = f'write the value, or "{source}" in quotes if you mean that text'
    else:
        fix = f'put the text in quotes: "{source}"'
    return f" (YAML reads {shown}; {fix})"


def _types(error: Any) -> set[str]:
    """The JSON types the failing schema asks for."""
    types = error.schema.get("type", []) if isinstance(error.schema, dict) else []
    wanted = {types} if isinstance(types, str) else set(types)
    for branch in error.schema.get("oneOf", []) + error.schema.get("anyOf", []):
        wanted |= {branch.get("type")} if isinstance(branch.get("type"), str) else set()
    if error.validator == "enum":
        wanted.add("string")
    return wanted


def _example(error: Any) -> str:
    """`tolerance: {rel: 0.01}`: the first example the schema gives for the field."""
    examples = error.schema.get("examples") if isinstance(error.schema, dict) else None
    if not examples:
        return ""
    name = next((p for p in reversed(error.absolute_path) if isinstance(p, str)), "value")
    return " or ".join(f"`{name}: {_flow(example)}`" for example in examples)


def _flow(value: Any) -> str:
    """A value as one line of YAML (`{rel: 0.01}`, `[A, C]`)."""
    text: str = yaml.safe_dump(value, default_flow_style=True, width=1000)
    return text.strip().removesuffix("...").strip()


def _unknown_field(
    raw: RawSpec, path: tuple[Any, ...], name: str, known: dict[str, Any] | None = None
) -> Problem:
    """An unknown field, with the closest field an author writes (never one that only
    `grader lock` writes), or else the fields there are."""
    candidates = public_fields(known if known is not None else _known_fields(raw.data))
    suggestion = difflib.get_close_matches(name, candidates, n=1)
    if suggestion:
        hint = f"; did you mean '{suggestion[0]}'?"
    elif known is None and (kind := kinds.get(raw.data.get("kind"))) is not None:
        own = ", ".join(public_fields(kind.properties))
        hint = f"; remove it. Besides the common fields, {kind.name} takes: {own}"
    else:
        hint = "; remove it. The fields here are: " + ", ".join(sorted(candidates))
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
        if example := _example(error):
            message += f", such as {example}"
        if "number" in types and isinstance(error.instance, str) and _is_float_text(error.instance):
            how = (
                "a signed exponent, e.g. 1.0e+9" if "." in error.instance else "a dot, e.g. 1.0e-9"
            )
            message += f" (YAML reads {error.instance} as text; write it with {how})"
        return message
    if validator == "enum":
        return _enum_message(expected, error.instance)
    if validator == "const":
        return f"must be {expected!r}"
    if validator == "pattern":
        return "must be a lowercase slug such as 'loops-basics' (letters, digits, hyphens)"
    if validator in ("oneOf", "anyOf"):
        return _forms_message(error)
    if validator == "minLength" and expected > 1:
        return f"is too short: write at least {expected} characters"
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


def _forms_message(error: Any) -> str:
    """A value in none of the forms a field takes: its examples, and the list form of a
    text that names several items (`"A, B"` -> `[A, B]`)."""
    example = _example(error)
    message = f"must be written like {example}" if example else "is not in a form this field takes"
    value = error.instance
    lists = any(b.get("type") == "array" for b in error.schema.get(error.validator, []))
    if isinstance(value, str) and lists and ("," in value or " " in value.strip()):
        items = [part for part in value.replace(",", " ").split() if part]
        name = next((p for p in reversed(error.absolute_path) if isinstance(p, str)), "value")
        message += f"; several go in a list: `{name}: [{', '.join(items)}]`"
    return message


def _is_float_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
