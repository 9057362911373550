"""Canonical JSON of a schema: the committed record of what a migration left behind.

Deterministic (sorted keys, fixed separators, LF, trailing newline) and free
of source positions, so it changes only when the schema does.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from codegen import ir

FORMAT_VERSION = 1


def _encode(value: Any) -> Any:
    if is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value) if f.metadata.get("snapshot", True)}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def to_json(schema: ir.Schema) -> str:
    data = {"format": FORMAT_VERSION, "schema": _encode(schema)}
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def from_json(text: str) -> ir.Schema:
    data = json.loads(text)
    if data.get("format") != FORMAT_VERSION:
        raise ValueError(f"unsupported snapshot format {data.get('format')!r}")
    result = _decode(ir.Schema, data["schema"])
    assert isinstance(result, ir.Schema)
    return result


_HINTS: dict[type, dict[str, Any]] = {}


def _decode(hint: Any, data: Any) -> Any:
    """Rebuild a value of type ``hint`` (a dataclass, ``X | None``, ``tuple[X, ...]``)."""
    if data is None:
        return None
    if is_dataclass(hint):
        hints = _HINTS.get(hint) or _HINTS.setdefault(hint, get_type_hints(hint, vars(ir)))
        return hint(**{f.name: _decode(hints[f.name], data[f.name])
                       for f in fields(hint) if f.metadata.get("snapshot", True) and f.name in data})
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        members = [a for a in get_args(hint) if a is not type(None)]
        return _decode(members[0], data) if len(members) == 1 else data
    if origin is tuple:
        return tuple(_decode(get_args(hint)[0], item) for item in data)
    return data
