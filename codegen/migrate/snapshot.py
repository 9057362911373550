"""Canonical JSON of a schema: the committed record of what a migration left behind.

Deterministic (sorted keys, LF, trailing newline) and free of source positions
and migration hints, so it changes only when the schema does. Each enum and each
table is one line: review diffs show which objects changed, and the C JSON
encoder writes a thousand tables in milliseconds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import cache
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from codegen.schema import ir

FORMAT_VERSION = 2


@cache
def _recorded(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.metadata.get("snapshot", True))


_dump_line = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def _line(value: ir.Table | ir.Enum) -> str:
    encode = _converter(ir.Table if isinstance(value, ir.Table) else ir.Enum, True)
    return _dump_line(encode(value))


def to_json(schema: ir.Schema) -> str:
    head = json.dumps({"format": FORMAT_VERSION, "migration_name": schema.migration_name,
                       "sources": list(schema.sources)}, sort_keys=True, ensure_ascii=False)
    parts = [head[:-1] + ","]
    for key, items in (("enums", schema.enums), ("tables", schema.tables)):
        body = ",\n".join(_line(item) for item in items)
        parts.append(f' "{key}": [\n{body}\n ]' if items else f' "{key}": []')
    return parts[0] + "\n" + ",\n".join(parts[1:]) + "\n}\n"


def from_json(text: str) -> ir.Schema:
    data = json.loads(text)
    if data.get("format") != FORMAT_VERSION:
        raise ValueError(f"unsupported snapshot format {data.get('format')!r}")
    return ir.Schema(
        enums=tuple(_converter(ir.Enum, False)(e) for e in data["enums"]),
        tables=tuple(_converter(ir.Table, False)(t) for t in data["tables"]),
        migration_name=data["migration_name"],
        sources=tuple(data["sources"]),
    )


Convert = Callable[[Any], Any]


def _identity(data: Any) -> Any:
    return data


@cache
def _converter(hint: Any, encode: bool) -> Convert:
    """A function turning a value of type ``hint`` into its JSON data (``encode``) or back,
    made once per type: no type tests per value."""
    if isinstance(hint, type) and is_dataclass(hint):
        hints = get_type_hints(hint, vars(ir))
        fields_ = [(name, _converter(hints[name], encode)) for name in _recorded(hint)]
        if encode:
            return lambda value: {name: convert(getattr(value, name)) for name, convert in fields_}
        cls = hint
        return lambda data: cls(**{name: convert(data[name]) for name, convert in fields_
                                   if name in data})
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        members = [a for a in get_args(hint) if a is not type(None)]
        inner = _converter(members[0], encode) if len(members) == 1 else _identity
        if inner is _identity:
            return _identity
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _converter(get_args(hint)[0], encode)
        container: Convert = list if encode else tuple
        if item is _identity:
            return container
        return lambda value: container(map(item, value))
    return _identity
