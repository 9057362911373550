"""TypeScript types of json/jsonb columns that carry a JSON Schema (``json_schema:``).

Each such column gets a type alias named after its table's model and the column
(``AuditLogDetails``), and one per definition of its schema (``AuditLogDetailsChange``).
Aliases of object literal types, not interfaces: only those are assignable to Supabase's
``Json`` (an index signature), so a typed row still fits the generated ``Database`` type.
Keywords without a TypeScript spelling (``not``, ``if``, ``pattern``...) leave the type wider,
never narrower: at worst a part is ``Json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from codegen.emit.ts_text import is_identifier_name, ts_key, ts_string
from codegen.schema import ir
from codegen.schema.json_checks import definitions, ref_name

JSON_REST = "Json | undefined"


@dataclass(frozen=True)
class JsonType:
    """A json column's JSON Schema and the names its TypeScript (and zod) types get."""

    name: str
    schema: dict[str, Any]
    defs: dict[str, str]  # definition name in the schema -> type name


JsonTypes = dict[tuple[ir.QualifiedName, str], JsonType]


def _pascal(text: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[^A-Za-z0-9]+", text))


def json_types(schema: ir.Schema) -> JsonTypes:
    """(table, column) -> the column's type names, for every column with a JSON Schema."""
    taken = {enum.model for enum in schema.enums}
    for table in schema.tables:
        taken.update({table.model, f"{table.model}Insert", f"{table.model}Update"})
    taken.update({"Json", "Database", "Tables", "TablesInsert", "TablesUpdate", "Enums"})

    def fresh(wanted: str) -> str:
        name = wanted if is_identifier_name(wanted) else "JsonType"
        candidate, number = name, 2
        while candidate in taken:
            candidate, number = f"{name}{number}", number + 1
        taken.add(candidate)
        return candidate

    result: JsonTypes = {}
    for table in schema.tables:
        for column in table.columns:
            if column.json_schema is None:
                continue
            document = json.loads(column.json_schema)
            name = fresh(table.model + _pascal(column.name))
            defs = {key: fresh(name + _pascal(key)) for key in definitions(document)}
            result[table.name, column.name] = JsonType(name, document, defs)
    return result


def ts_declarations(json_type: JsonType) -> list[str]:
    """``export type`` lines of the column's type and its definitions."""
    out: list[str] = []
    doc = definitions(json_type.schema)
    for key, name in json_type.defs.items():
        out += ["", *description_lines(doc[key]), f"export type {name} = "
                + TsWriter(json_type).type(doc[key], 0)]
    out += ["", *description_lines(json_type.schema), f"export type {json_type.name} = "
            + TsWriter(json_type).type(json_type.schema, 0)]
    return out[1:]


def description_lines(schema: Any) -> list[str]:
    """The schema's ``description`` as JSDoc lines (none without one)."""
    text = schema.get("description") if isinstance(schema, dict) else None
    if not isinstance(text, str) or not text.strip():
        return []
    lines = [line.rstrip().replace("*/", "*\\/") for line in text.strip().splitlines()]
    if len(lines) == 1:
        return [f"/** {lines[0]} */"]
    return ["/**", *(f" * {line}" if line else " *" for line in lines), " */"]


def literal(value: Any) -> str | None:
    """A JSON scalar as a TypeScript literal type (None for objects and arrays)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return ts_string(value)
    if isinstance(value, int | float):
        return json.dumps(value)
    return None


def schema_types(schema: dict[str, Any]) -> list[str]:
    """The JSON types a schema names (``type``), or what its other keywords imply."""
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [t for t in declared if isinstance(t, str)]
    if "properties" in schema or "additionalProperties" in schema or "required" in schema:
        return ["object"]
    if "items" in schema:
        return ["array"]
    return []


class TsWriter:
    """Writes a JSON Schema as a TypeScript type, objects one member a line."""

    def __init__(self, json_type: JsonType) -> None:
        self.json_type = json_type

    def type(self, schema: Any, indent: int) -> str:
        if schema is True or schema == {}:
            return "Json"
        if schema is False:
            return "never"
        if not isinstance(schema, dict):
            return "Json"
        if isinstance(schema.get("$ref"), str):
            name = ref_name(schema["$ref"])
            return self.json_type.defs.get(name or "", "Json")
        if "const" in schema:
            return literal(schema["const"]) or "Json"
        if isinstance(schema.get("enum"), list):
            members = [literal(value) for value in schema["enum"]]
            return "Json" if None in members or not members else _union(
                [m for m in members if m is not None])
        for keyword in ("anyOf", "oneOf"):
            if isinstance(schema.get(keyword), list) and schema[keyword]:
                return _union([self.type(member, indent) for member in schema[keyword]])
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            parts = [self.type(member, indent) for member in schema["allOf"]]
            return " & ".join(f"({p})" if " | " in p else p for p in parts)
        types = schema_types(schema)
        if not types:
            return "Json"
        return _union([self.single(kind, schema, indent) for kind in types])

    def single(self, kind: str, schema: dict[str, Any], indent: int) -> str:
        match kind:
            case "string":
                return "string"
            case "number" | "integer":
                return "number"
            case "boolean":
                return "boolean"
            case "null":
                return "null"
            case "array":
                items = schema.get("items")
                element = self.type(items, indent) if isinstance(items, dict | bool) \
                    and "prefixItems" not in schema else "Json"
                return f"{element}[]" if re.fullmatch(r"[A-Za-z0-9_$]+", element) \
                    else f"Array<{element}>"
            case "object":
                return self.object(schema, indent)
        return "Json"

    def object(self, schema: dict[str, Any], indent: int) -> str:
        properties = schema.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        required = schema.get("required")
        required = set(required) if isinstance(required, list) else set()
        rest = self.rest(schema, indent, bool(properties))
        if not properties:
            return f"{{ [key: string]: {rest} }}" if rest else "Record<string, never>"
        pad = " " * (indent + 2)
        lines = ["{"]
        for key, subschema in properties.items():
            lines += [pad + line for line in description_lines(subschema)]
            mark = "" if key in required else "?"
            lines.append(f"{pad}{ts_key(key)}{mark}: {self.type(subschema, indent + 2)}")
        if rest:
            lines.append(f"{pad}[key: string]: {rest}")
        lines.append(" " * indent + "}")
        return "\n".join(lines)

    def rest(self, schema: dict[str, Any], indent: int, has_properties: bool) -> str | None:
        """The type of keys the schema does not list (None: there are none)."""
        extra = schema.get("additionalProperties", True)
        if extra is False and not schema.get("patternProperties"):
            return None
        if isinstance(extra, dict) and extra and not has_properties:
            return f"{self.type(extra, indent)} | undefined"
        return JSON_REST


def _union(members: list[str]) -> str:
    unique = list(dict.fromkeys(members))
    if "Json" in unique:
        return "Json"
    return " | ".join(unique)


# -- the JSON Schema output ---------------------------------------------------------------------

_ROOT_ONLY = frozenset({"$schema", "$id", "$defs", "definitions", "title"})


def embedded_definitions(json_type: JsonType) -> dict[str, dict[str, Any]]:
    """The column's schema and its definitions as definitions of the JSON Schema output, named
    as the TypeScript types (the name is their title, which datamodel-code-generator gives the
    pydantic classes), definitions first and references pointed at them."""
    result: dict[str, dict[str, Any]] = {}
    doc = definitions(json_type.schema)
    for key, name in json_type.defs.items():
        result[name] = _root(json_type, doc[key], name)
    result[json_type.name] = _root(json_type, json_type.schema, json_type.name)
    return result


def _root(json_type: JsonType, schema: Any, name: str) -> dict[str, Any]:
    if not isinstance(schema, dict):
        return {"title": name} if schema is True else {"title": name, "not": {}}
    body = {k: _rewrite(json_type, v) for k, v in schema.items() if k not in _ROOT_ONLY}
    return {"title": name, **body}


def _rewrite(json_type: JsonType, node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (f"#/$defs/{json_type.defs.get(ref_name(v) or '', '')}"
                    if k == "$ref" and isinstance(v, str) else _rewrite(json_type, v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite(json_type, item) for item in node]
    return node
