"""JSON Schemas of json/jsonb columns: what makes one usable (a valid document of its draft,
local references only) and the CHECK expression it adds to its table.

The default check (``top_level``) is what PostgreSQL can test without an extension: the
document's JSON type, its required keys, the JSON types of its top-level properties and,
with ``additionalProperties: false``, that it has no other keys. ``pg_jsonschema`` checks
the whole schema with the extension's ``jsonb_matches_schema`` (``json_matches_schema`` for
json columns).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from codegen.spec.document import Path

# JSON Schema's type names -> what jsonb_typeof() says of such a value.
_JSONB_TYPES = {"object": "object", "array": "array", "string": "string", "number": "number",
                "integer": "number", "boolean": "boolean", "null": "null"}
LOCAL_REF_PREFIXES = ("#/$defs/", "#/definitions/")
MATCHES_SCHEMA_FUNCTIONS = ("jsonb_matches_schema", "json_matches_schema")


def canonical_json(document: Any) -> str:
    """The text the IR keeps: compact, keys in the order written (property order matters)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def schema_problems(document: Any) -> list[tuple[Path, str]]:
    """Why ``document`` is not a usable JSON Schema: (path inside it, message) pairs."""
    if not isinstance(document, dict):
        return [((), "a JSON Schema must be an object (a mapping of keywords)")]
    from jsonschema.validators import validator_for  # type: ignore[import-untyped]

    validator_class = validator_for(document)
    problems: list[tuple[Path, str]] = []
    meta = validator_class(validator_class.META_SCHEMA)
    for error in sorted(meta.iter_errors(document), key=lambda e: list(map(str, e.path))):
        problems.append((tuple(error.absolute_path), f"invalid JSON Schema: {error.message}"))
    if problems:
        return problems[:5]
    for path, ref in _refs(document, ()):
        name = _local_ref_name(ref)
        if name is None:
            problems.append((path, (f'unsupported reference "{ref}": only references to the '
                                    "schema's own $defs (#/$defs/<name>) can be followed")))
        elif name not in _definitions(document):
            problems.append((path, f'reference "{ref}" names no definition of this schema'))
    return problems


def first_violation(document: dict[str, Any], instance: Any) -> str | None:
    """Why ``instance`` does not match the (valid) schema, or None when it does."""
    from jsonschema.exceptions import best_match  # type: ignore[import-untyped]
    from jsonschema.validators import validator_for

    error = best_match(validator_for(document)(document).iter_errors(instance))
    if error is None:
        return None
    where = "".join(f"[{json.dumps(p)}]" for p in error.absolute_path)
    return f"{where + ': ' if where else ''}{error.message}"


def _refs(node: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield (*path, key), value
            elif key not in ("const", "enum", "default", "examples"):
                yield from _refs(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _refs(item, (*path, index))


def _local_ref_name(ref: str) -> str | None:
    for prefix in LOCAL_REF_PREFIXES:
        if ref.startswith(prefix) and "/" not in ref[len(prefix):]:
            return ref[len(prefix):]
    return None


def _definitions(document: dict[str, Any]) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    for key in ("definitions", "$defs"):
        value = document.get(key)
        if isinstance(value, dict):
            defs.update(value)
    return defs


def definitions(document: dict[str, Any]) -> dict[str, Any]:
    """The schema's named definitions (``$defs`` and draft-07 ``definitions``)."""
    return _definitions(document)


def ref_name(ref: str) -> str | None:
    """The definition a local ``$ref`` names."""
    return _local_ref_name(ref)


# -- the CHECK --------------------------------------------------------------------------------


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote_ident(name: str) -> str:
    from pglast import keywords

    plain = name.isascii() and name.replace("_", "a").isalnum() and name == name.lower() \
        and not name[0].isdigit()
    # Like PostgreSQL's quote_identifier: unreserved keywords stay bare.
    words = keywords.RESERVED_KEYWORDS | keywords.TYPE_FUNC_NAME_KEYWORDS \
        | keywords.COL_NAME_KEYWORDS
    return name if plain and name not in words else '"' + name.replace('"', '""') + '"'


def _types(schema: Any) -> list[str] | None:
    """The jsonb_typeof() names a schema's ``type`` allows, or None when it does not say."""
    if not isinstance(schema, dict):
        return None
    declared = schema.get("type")
    names = [declared] if isinstance(declared, str) else declared
    if not isinstance(names, list) or not names:
        return None
    return sorted({_JSONB_TYPES[name] for name in names if name in _JSONB_TYPES})


def _type_test(value: str, types: list[str]) -> str:
    if len(types) == 1:
        return f"jsonb_typeof({value}) = {_literal(types[0])}"
    return f"jsonb_typeof({value}) IN ({', '.join(map(_literal, types))})"


def check_expression(column: str, base: str, schema: dict[str, Any], mode: str) -> str | None:
    """The CHECK of a column's JSON Schema (None when ``mode`` is none or the schema states
    nothing that can be checked)."""
    quoted = _quote_ident(column)
    if mode == "none":
        return None
    if mode == "pg_jsonschema":
        function = MATCHES_SCHEMA_FUNCTIONS[0 if base == "jsonb" else 1]
        return f"{function}({_literal(canonical_json(schema))}::json, {quoted})"
    value = quoted if base == "jsonb" else f"{quoted}::jsonb"
    types = _types(schema)
    object_tests = _object_tests(value, schema) if not types or "object" in types else []
    if not object_tests:
        return _type_test(value, types) if types else None
    # A simple CASE: a NULL column matches no branch and its ELSE is NULL, which passes.
    otherwise = _type_test(value, types) if types else "true"
    return (f"CASE jsonb_typeof({value}) WHEN 'object' THEN {' AND '.join(object_tests)} "
            f"ELSE {otherwise} END")


def _object_tests(value: str, schema: dict[str, Any]) -> list[str]:
    tests: list[str] = []
    required = schema.get("required")
    for key in required if isinstance(required, list) else []:
        if isinstance(key, str):
            tests.append(f"({value} -> {_literal(key)}) IS NOT NULL")
    properties = schema.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    for key, subschema in properties.items():
        types = _types(subschema)
        if types:
            tests.append(_type_test(f"{value} -> {_literal(key)}", types))
    if schema.get("additionalProperties") is False and not schema.get("patternProperties"):
        keys = ", ".join(_literal(key) for key in properties)
        rest = f"({value} - ARRAY[{keys}]::text[])" if properties else value
        tests.append(f"{rest} = '{{}}'::jsonb")
    return tests
