"""A JSON Schema (draft 2020-12) of every table's rows, derived from the IR.

Each table gets three definitions, named like the generated pydantic models:
``<Model>`` is a row as read (every column; nullable ones may be null),
``<Model>Insert`` requires the NOT NULL columns without a default, and
``<Model>Update`` makes every column optional. Identity ``ALWAYS`` columns are
left out of Insert and Update: PostgreSQL rejects writes to them. Each enum is a
string enum. ``varchar(n)``, integer ranges, ``numeric(p, s)`` and CHECK
constraints that are simple bounds (``x >= 0``, ``char_length(c) = 3``,
``x BETWEEN 1 AND 9`` and conjunctions of these) become keywords such as
``minimum`` and ``maxLength`` (worked out in :mod:`codegen.emit.column_limits`), and
``column ~ 'regex'`` a ``pattern`` when JavaScript and Python read the regex as PostgreSQL
does (:mod:`codegen.emit.column_patterns`). ``bytea`` is a string of PostgreSQL's hex format
(``"\\x00ff"``), as PostgREST sends and accepts it.

The pydantic emitter feeds this same schema to datamodel-code-generator, which reads
a few keywords beyond the standard: ``format`` values ``decimal``,
``date-time-local`` and ``time-local``, and ``x-python-import`` on the JSON value and
``inet`` definitions.
"""

from __future__ import annotations

import json
from typing import Any

from codegen.emit import json_text
from codegen.emit.column_limits import Fact, check_facts, limit_keywords
from codegen.emit.column_patterns import check_patterns
from codegen.emit.json_schema_functions import function_definitions, function_names
from codegen.emit.json_types import embedded_definitions, json_types
from codegen.emit.view_rows import as_column, row_description
from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# bytea travels through PostgREST (and to_jsonb) as PostgreSQL's hex text: "\x" and hex pairs.
BYTEA_PATTERN = r"^\\x([0-9a-fA-F]{2})*$"
COMMENT = "Generated from the spec by codegen; do not edit."

# Definitions of types that have no JSON Schema spelling of their own: (description, extra keywords).
_SPECIAL_DEFS: dict[str, tuple[str, dict[str, Any]]] = {
    "JsonValue": ("Any JSON value (PostgreSQL json/jsonb).",
                  {"x-python-import": {"module": "pydantic", "name": "JsonValue"}}),
    "Inet": ("An IPv4 or IPv6 host address, optionally with its subnet (PostgreSQL inet).",
             {"type": "string", "x-python-import": {"module": "pydantic", "name": "IPvAnyInterface"}}),
}
_FORMATS: dict[str, str] = {
    "uuid": "uuid",
    "date": "date",
    "time": "time-local",
    "timestamp": "date-time-local",
    "timestamptz": "date-time",
    "interval": "duration",
    "numeric": "decimal",
}


def emit_json_schema(schema: ir.Schema, existing: str | None = None,
                     schemas: tuple[str, ...] = ("public",)) -> str:
    """The JSON Schema file: deterministic, LF line ends, one trailing newline; ``schemas``:
    those the API exposes (their functions get definitions)."""
    del existing  # always regenerated in full
    return dump_json(build_json_schema(schema, schemas))


_last_built: tuple[ir.Schema, tuple[str, ...], dict[str, Any]] | None = None


def build_json_schema(schema: ir.Schema, schemas: tuple[str, ...] = ("public",)
                      ) -> dict[str, Any]:
    """The document (not to be modified: the pydantic emitter reads the same one, built once
    per schema)."""
    global _last_built
    if _last_built is None or _last_built[0] is not schema or _last_built[1] != schemas:
        _last_built = (schema, schemas, _Builder(schema, schemas).build())
    return _last_built[2]


def dump_json(document: dict[str, Any]) -> str:
    """One line per property and per non-object definition; the levels above them are
    indented. Keys are sorted, except at the top ($schema first) and where their order
    means something: properties follow the columns, definitions the spec."""
    items = [(key, _definitions(value) if key == "$defs" else _inline(value))
             for key, value in document.items()]
    return _block(items, 0) + "\n"


def _definitions(defs: dict[str, Any]) -> str:
    return _block([(name, _definition(d)) for name, d in defs.items()], 1)


def _definition(definition: dict[str, Any]) -> str:
    if "properties" not in definition:
        return _inline(definition)
    return _block([(key, _block([(name, _inline(p)) for name, p in value.items()], 3)
                    if key == "properties" else _inline(value))
                   for key, value in sorted(definition.items())], 2)


def _block(items: list[tuple[str, str]], level: int) -> str:
    if not items:
        return "{}"
    inner = "  " * (level + 1)
    lines = ",\n".join(f"{inner}{_string(key)}: {text}" for key, text in items)
    return "{\n" + lines + "\n" + "  " * level + "}"


_string = json.encoder.encode_basestring  # what the encoder below does with a str
_inline = json_text.encoder(ensure_ascii=False, sort_keys=True)


# -- the document -------------------------------------------------------------------------------


class _Builder:
    def __init__(self, schema: ir.Schema, api_schemas: tuple[str, ...]) -> None:
        self.schema = schema
        self.api_schemas = api_schemas
        self.tables = [table for table in schema.tables if not table.external]
        self.taken = {enum.model for enum in schema.enums}
        for table in self.tables:
            self.taken.update({table.model, table.model + "Insert", table.model + "Update"})
        self.taken |= function_names(schema, api_schemas)
        self.taken.update(view.model for view in schema.views)
        self.helpers: dict[str, str] = {}  # helper kind -> definition name
        self.helper_defs: dict[str, dict[str, Any]] = {}
        self.typed = json_types(schema)
        self.taken.update(name for t in self.typed.values() for name in (t.name, *t.defs.values()))

    def build(self) -> dict[str, Any]:
        defs: dict[str, Any] = {}
        for enum in self.schema.enums:
            defs[enum.model] = self.enum(enum)
        for table in self.tables:
            properties = self.properties(table)
            writable = [c for c in table.columns if c.identity != "always"]
            defs[table.model] = self.object(
                table.model, table.comment, properties, [c.name for c in table.columns])
            defs[table.model + "Insert"] = self.object(
                table.model + "Insert",
                f"A row to insert into {table.name}; omitted columns take their defaults.",
                {c.name: properties[c.name] for c in writable},
                [c.name for c in writable
                 if not c.nullable and c.default is None and c.identity is None])
            defs[table.model + "Update"] = self.object(
                table.model + "Update",
                f"New values for columns of {table.name}; omitted columns keep their values.",
                {c.name: properties[c.name] for c in writable}, [])
        defs.update(function_definitions(self, self.schema, self.api_schemas))
        for view in self.schema.views:
            columns = [as_column(c) for c in view.columns]
            defs[view.model] = self.object(view.model, row_description(view), {
                c.name: self.column(c, []) for c in columns}, [c.name for c in columns])
        # Helper definitions first: datamodel-code-generator then writes the models in exactly
        # the order of $defs, since every definition only refers to earlier ones.
        return {"$schema": DIALECT, "$comment": COMMENT, "$defs": {**self.helper_defs, **defs}}

    @staticmethod
    def enum(enum: ir.Enum) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "string", "title": enum.model, "enum": list(enum.values)}
        if enum.comment:
            result["description"] = enum.comment
        return result

    @staticmethod
    def object(title: str, description: str | None, properties: dict[str, Any],
               required: list[str]) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "object", "title": title}
        if description:
            result["description"] = description
        result["properties"] = properties
        if required:
            result["required"] = required
        result["additionalProperties"] = False
        return result

    def properties(self, table: ir.Table) -> dict[str, Any]:
        facts: dict[str, list[Fact]] = {}
        for check in table.checks:
            for fact in check_facts(table, check.expression):
                facts.setdefault(fact.column, []).append(fact)
        result = {column.name: self.column(column, facts.get(column.name, []), table.name)
                  for column in table.columns}
        for check in table.checks:  # `code ~ '^[A-Z]+$'`: JSON Schema patterns search as ~ does
            for pattern in check_patterns(table, check.expression):
                column = result[pattern.column]
                if not pattern.case_insensitive and "pattern" not in column \
                        and column.get("type") in ("string", ["string", "null"]):
                    column["pattern"] = pattern.regex
        return result

    def column(self, column: ir.Column, facts: list[Fact],
               table: ir.QualifiedName | None = None) -> dict[str, Any]:
        typed = self.typed.get((table, column.name)) if table is not None else None
        if typed is not None:  # its JSON Schema, as definitions of the document
            self.helper_defs.update(embedded_definitions(typed))
            result: dict[str, Any] = {"$ref": f"#/$defs/{typed.name}"}
            if column.nullable:
                result = {"anyOf": [result, {"type": "null"}]}
        else:
            result = self.type_schema(column.type, column.nullable, facts)
        if column.comment:
            result["description"] = column.comment
        return result

    def type_schema(self, column_type: ir.ColumnType, nullable: bool,
                    facts: list[Fact] | None = None, limits: bool = True) -> dict[str, Any]:
        """The schema of a value of a type (an array's elements are never null); ``limits``:
        with the bounds of the type (integer ranges, lengths)."""
        if column_type.array_dims and limits:
            result = self.element(column_type.element)
            for _ in range(column_type.array_dims):
                result = {"type": "array", "items": result}
        elif column_type.array_dims:
            result = self.value(column_type.element, [], limits)
            for _ in range(column_type.array_dims):
                result = {"type": "array", "items": result}
        else:
            result = self.value(column_type, facts or [], limits)
        if nullable and result:  # {} (any value) takes null already
            if "$ref" in result:
                result = {"anyOf": [result, {"type": "null"}]}
            else:
                result["type"] = [result["type"], "null"]
        return result

    def value(self, column_type: ir.ColumnType, facts: list[Fact],
              limits: bool = True) -> dict[str, Any]:
        """The schema of one value of a (non-array) type, with the bounds ``facts`` imply."""
        if column_type.enum is not None:
            enum = self.schema.enum(column_type.enum)
            assert enum is not None, column_type.enum
            return {"$ref": f"#/$defs/{enum.model}"}
        if column_type.composite is not None:  # a table's row type (function arguments)
            table = self.schema.table(column_type.composite)
            return {"$ref": f"#/$defs/{table.model}"} if table and not table.external else {}
        base = column_type.base
        kind = BUILTINS[base].kind
        if kind == "json":
            return self.ref("JsonValue")
        if kind == "other":
            return {}  # an extension's type: the API's text form is not ours to promise
        if base == "inet":
            return self.ref("Inet")
        json_type = {"integer": "integer", "number": "number", "boolean": "boolean"}.get(kind)
        result: dict[str, Any] = {"type": json_type or "string"}
        if base in _FORMATS:
            result["format"] = _FORMATS[base]
        if base == "bytea":  # as PostgREST writes and reads it: hex text, \x00ff
            result["pattern"] = BYTEA_PATTERN
        if limits:
            result.update(limit_keywords(column_type, facts))
        return result

    def element(self, column_type: ir.ColumnType) -> dict[str, Any]:
        """An array element: a constrained one refers to a named definition (datamodel-code-generator
        would otherwise make a root model of every such element)."""
        result = self.value(column_type, [])
        if set(result) <= {"type", "format", "$ref"}:
            return result
        key = " ".join([column_type.base, *map(str, column_type.args)])
        if key not in self.helpers:
            self.helpers[key] = name = self.unique_name(_element_name(column_type))
            self.helper_defs[name] = result
        return {"$ref": f"#/$defs/{self.helpers[key]}"}

    def ref(self, kind: str) -> dict[str, Any]:
        if kind not in self.helpers:
            description, extra = _SPECIAL_DEFS[kind]
            name = self.unique_name(kind)
            self.helpers[kind] = name
            self.helper_defs[name] = {"description": description, **extra}
        return {"$ref": f"#/$defs/{self.helpers[kind]}"}

    def unique_name(self, name: str) -> str:
        """``name``, or if a model already has it ``<name>Type``, ``<name>Type2``, ..."""
        candidate, number = name, 1
        while candidate in self.taken:
            candidate = f"{name}Type{number if number > 1 else ''}"
            number += 1
        self.taken.add(candidate)
        return candidate


def _element_name(column_type: ir.ColumnType) -> str:
    """``Varchar64``, ``Char3``, ``Integer``, ``Numeric10Scale2``: no underscores, which
    datamodel-code-generator would drop from class names."""
    name = "".join(word.capitalize() for word in column_type.base.split())
    args = column_type.args
    if args:
        name += str(args[0]) + "".join(f"Scale{arg}" for arg in args[1:])
    return name
