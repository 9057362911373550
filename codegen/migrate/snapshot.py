"""Canonical JSON of a schema: the committed record of what a migration left behind.

Deterministic (sorted keys, LF, trailing newline) and free of source positions
and migration hints, so it changes only when the schema does. Each enum and each
table is one line: review diffs show which objects changed, and the C JSON
encoder writes a thousand tables in milliseconds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, fields, is_dataclass
from functools import cache
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from codegen.schema import ir

FORMAT_VERSION = 2


@cache
def _recorded(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.metadata.get("snapshot", True))


@cache
def _defaults_omitted(cls: type) -> dict[str, Any]:
    """Fields recorded only when set (added after snapshots were first written): name -> default."""
    return {f.name: f.default for f in fields(cls) if f.metadata.get("snapshot") == "if_set"}


_dump_line = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


# One line per object of each collection; the collections after the first two were added
# later and appear only when the schema has such objects (older snapshots keep their bytes).
_COLLECTIONS: tuple[tuple[str, type, bool], ...] = (
    ("enums", ir.Enum, True), ("tables", ir.Table, True), ("extensions", ir.Extension, False),
    ("functions", ir.Function, False), ("namespaces", ir.Namespace, False),
    ("views", ir.View, False), ("buckets", ir.Bucket, False),
    ("default_privileges", ir.DefaultPrivilege, False),
)


def table_lines(tables: Sequence[ir.Table]) -> list[str]:
    """The line of each table in a snapshot."""
    return _lines(ir.Table, tables)


def _lines(cls: type, items: Sequence[Any]) -> list[str]:
    encode = _converter(cls, True)
    return [_dump_line(encode(item)) for item in items]


def to_json(schema: ir.Schema, tables: Sequence[str] | None = None) -> str:
    """The snapshot; ``tables``: the lines of ``schema.tables`` (:func:`table_lines`), when the
    caller has them already."""
    head = json.dumps({"format": FORMAT_VERSION, "migration_name": schema.migration_name,
                       "sources": list(schema.sources)}, sort_keys=True, ensure_ascii=False)
    parts = [head[:-1] + ","]
    for key, cls, always in _COLLECTIONS:
        items = getattr(schema, key)
        if not items and not always:
            continue
        body = ",\n".join(tables if key == "tables" and tables is not None
                          else _lines(cls, items))
        parts.append(f' "{key}": [\n{body}\n ]' if items else f' "{key}": []')
    return parts[0] + "\n" + ",\n".join(parts[1:]) + "\n}\n"


class SnapshotError(ValueError):
    """A snapshot that cannot be read; ``line``/``column`` locate a JSON syntax error."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def from_json(text: str) -> ir.Schema:
    """The schema a snapshot records; :class:`SnapshotError` when it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SnapshotError(f"not valid JSON: {err.msg}", err.lineno, err.colno) from None
    if not isinstance(data, dict) or "format" not in data:
        raise SnapshotError("not a snapshot of codegen (a JSON object with a \"format\" key)")
    if data["format"] != FORMAT_VERSION:
        raise SnapshotError(f"unsupported snapshot format {data['format']!r} "
                            f"(this codegen reads format {FORMAT_VERSION})")
    try:
        return _decode(data)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise SnapshotError(f"damaged snapshot ({type(err).__name__}: {err})") from None


_TABLES = '\n "tables": [\n'


def from_json_sharing(text: str, tables: Sequence[ir.Table], lines: Sequence[str]) -> ir.Schema:
    """:func:`from_json`, where a table whose line is one of ``lines`` (those of ``tables``) is
    that table instead of one decoded: the line holds everything a snapshot records, so both
    compare equal. After a one-table edit that is all tables but one, and decoding them was
    most of the time of reading a snapshot. Any text not laid out as :func:`to_json` lays it
    out is read by :func:`from_json` alone, errors included."""
    start = text.find(_TABLES)
    end = text.find("\n ]", start)
    if start < 0 or end < 0:
        return from_json(text)
    known = dict(zip(lines, tables, strict=True))
    rows = text[start + len(_TABLES):end].split("\n")
    shared: dict[int, ir.Table] = {}
    for index, row in enumerate(rows):
        table = known.get(row.removesuffix(","))
        if table is not None:
            shared[index] = table
            rows[index] = "null," if row.endswith(",") else "null"
    try:
        data = json.loads(text[:start + len(_TABLES)] + "\n".join(rows) + text[end:])
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION or \
                len(data["tables"]) != len(rows):
            return from_json(text)  # whatever it is, reported as from_json reports it
        return _decode(data, shared)
    except (ValueError, KeyError, TypeError, AttributeError):
        return from_json(text)


def _decode(data: dict[str, Any], shared: Mapping[int, ir.Table] | None = None) -> ir.Schema:
    # The collections always written must be there (a KeyError: a damaged snapshot).
    collections: dict[str, Any] = {
        key: tuple(map(_converter(cls, False), data[key] if always else data.get(key, ())))
        for key, cls, always in _COLLECTIONS if not (shared and key == "tables")}
    if shared:
        decode = _converter(ir.Table, False)
        collections["tables"] = tuple(shared[i] if i in shared else decode(item)
                                      for i, item in enumerate(data["tables"]))
    return ir.Schema(**collections, migration_name=data["migration_name"],
                     sources=tuple(data["sources"]))


Convert = Callable[[Any], Any]


def _decoder(cls: type, fields_: list[tuple[str, Convert]]) -> Convert:
    """Build an object of ``cls`` from its recorded fields without its ``__init__``: a frozen
    dataclass's sets each field through ``object.__setattr__``, which made decoding the
    last snapshot of 1,000 tables take twice as long. Defaults fill what is not recorded;
    a field without one that the data lacks is a damaged snapshot (KeyError), as before."""
    defaults: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    required = set()
    for f in fields(cls):
        if f.default is not MISSING:
            defaults[f.name] = f.default
        elif f.default_factory is not MISSING:
            factories.append((f.name, f.default_factory))
        else:
            required.add(f.name)
    new = object.__new__

    def decode(data: dict[str, Any]) -> Any:
        missing = required.difference(data)
        if missing:
            raise KeyError(min(missing))
        values = dict(defaults)
        for name, factory in factories:
            values[name] = factory()
        for name, convert in fields_:
            if name in data:
                values[name] = convert(data[name])
        obj: Any = new(cls)
        obj.__dict__.update(values)
        return obj
    return decode


def _encoder(fields_: list[tuple[str, Convert]], omitted: dict[str, Any]) -> Convert:
    """The data of an object, by a function written out field by field for its class (as
    dataclasses writes ``__init__``): no loop over the fields, and no call for a field
    recorded as it is. A field added later (``omitted``) is recorded only when set."""
    env: dict[str, Any] = {}
    always: list[str] = []
    when_set: list[str] = []
    for index, (name, convert) in enumerate(fields_):
        value = f"v.{name}"
        if convert is not _identity:
            env[f"c{index}"] = convert
            value = f"c{index}({value})"
        if name in omitted:
            env[f"d{index}"] = omitted[name]
            when_set.append(f"    if v.{name} != d{index}:\n        d[{name!r}] = {value}\n")
        else:
            always.append(f"{name!r}: {value}")
    exec("def encode(v):\n    d = {" + ", ".join(always) + "}\n"  # noqa: S102 - our own names
         + "".join(when_set) + "    return d\n", env)
    encode: Convert = env["encode"]
    return encode


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
            return _encoder(fields_, _defaults_omitted(hint))
        return _decoder(hint, fields_)
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
