"""zod schemas of JSON Schemas (the json/jsonb columns that carry one), for :mod:`codegen.emit.zod`.

Each column's schema becomes ``<Type>Schema``, annotated ``z.ZodType<<Type>>`` with the
TypeScript type of :mod:`codegen.emit.json_types`: tsc then proves the zod schema yields
exactly what the types promise. Beyond the types, zod checks lengths, ranges, patterns,
``multipleOf``, item counts and the common string formats; keywords it has no spelling for
are left out (the value is then checked less, never refused wrongly).
"""

from __future__ import annotations

import json
from typing import Any

from codegen.emit.json_types import JsonType, TsWriter, description_lines, literal, schema_types
from codegen.emit.ts_text import ts_key
from codegen.schema.json_checks import definitions, ref_name

JSON_VALUE = "JsonValueSchema"
# JSON Schema string formats -> zod's own schema of that format.
_FORMATS = {"email": "z.email()", "uuid": "z.uuid()", "uri": "z.url()", "ipv4": "z.ipv4()",
            "ipv6": "z.ipv6()", "date-time": "z.iso.datetime({ offset: true })",
            "date": "z.iso.date()", "time": "z.iso.time()", "duration": "z.iso.duration()"}


def zod_declarations(json_type: JsonType) -> list[str]:
    """The type aliases and annotated zod schemas of one column's JSON Schema."""
    out: list[str] = []
    doc = definitions(json_type.schema)
    writer = ZodWriter(json_type)
    entries = [(name, doc[key]) for key, name in json_type.defs.items()]
    for name, schema in [*entries, (json_type.name, json_type.schema)]:
        out += ["", *description_lines(schema),
                f"export type {name} = " + TsWriter(json_type).type(schema, 0),
                f"export const {name}Schema: z.ZodType<{name}> = " + writer.zod(schema, 0)]
    return out[1:]


def _number_literal(value: Any) -> str:
    return json.dumps(value)


class ZodWriter:
    """Writes a JSON Schema as a zod expression, object members one a line."""

    def __init__(self, json_type: JsonType) -> None:
        self.json_type = json_type

    def zod(self, schema: Any, indent: int) -> str:
        if schema is True or schema == {}:
            return JSON_VALUE
        if schema is False:
            return "z.never()"
        if not isinstance(schema, dict):
            return JSON_VALUE
        if isinstance(schema.get("$ref"), str):
            name = self.json_type.defs.get(ref_name(schema["$ref"]) or "")
            return f"z.lazy(() => {name}Schema)" if name else JSON_VALUE
        if "const" in schema:
            return _literal_schema([schema["const"]])
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return _literal_schema(schema["enum"])
        for keyword in ("anyOf", "oneOf"):
            if isinstance(schema.get(keyword), list) and schema[keyword]:
                return _union([self.zod(member, indent) for member in schema[keyword]])
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            parts = [self.zod(member, indent) for member in schema["allOf"]]
            result = parts[0]
            for part in parts[1:]:
                result = f"z.intersection({result}, {part})"
            return result
        types = schema_types(schema)
        if not types:
            return JSON_VALUE
        return _union([self.single(kind, schema, indent) for kind in dict.fromkeys(types)])

    def single(self, kind: str, schema: dict[str, Any], indent: int) -> str:
        match kind:
            case "string":
                return _string(schema)
            case "number" | "integer":
                return _number(schema, kind == "integer")
            case "boolean":
                return "z.boolean()"
            case "null":
                return "z.null()"
            case "array":
                items = schema.get("items")
                element = self.zod(items, indent) if isinstance(items, dict | bool) \
                    and "prefixItems" not in schema else JSON_VALUE
                return f"z.array({element})" + _bounds(schema, "minItems", "maxItems")
            case "object":
                return self.object(schema, indent)
        return JSON_VALUE

    def object(self, schema: dict[str, Any], indent: int) -> str:
        properties = schema.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        required = schema.get("required")
        required = set(required) if isinstance(required, list) else set()
        extra = schema.get("additionalProperties", True)
        closed = extra is False and not schema.get("patternProperties")
        if not properties:
            if closed:
                return "z.strictObject({})"
            rest = self.zod(extra, indent) if isinstance(extra, dict) and extra else JSON_VALUE
            return f"z.record(z.string(), {rest}.optional())"
        pad = " " * (indent + 2)
        members = []
        for key, subschema in properties.items():
            value = self.zod(subschema, indent + 2)
            members.append(f"{pad}{ts_key(key)}: {value}"
                           + ("" if key in required else ".optional()") + ",")
        body = "{\n" + "\n".join(members) + "\n" + " " * indent + "}"
        if closed:
            return f"z.strictObject({body})"
        return f"z.object({body}).catchall({JSON_VALUE}.optional())"


def _literal_schema(values: list[Any]) -> str:
    if all(isinstance(v, str) for v in values):
        return "z.enum([" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "])"
    members = []
    for value in values:
        if value is None:
            members.append("z.null()")
        elif literal(value) is not None:
            members.append(f"z.literal({json.dumps(value, ensure_ascii=False)})")
        else:
            return JSON_VALUE  # an object or array constant: any JSON value, as the type says
    return _union(members)


def _union(members: list[str]) -> str:
    unique = list(dict.fromkeys(members))
    if JSON_VALUE in unique:
        return JSON_VALUE
    return unique[0] if len(unique) == 1 else "z.union([" + ", ".join(unique) + "])"


def _bounds(schema: dict[str, Any], low: str, high: str) -> str:
    text = ""
    for keyword, method in ((low, "min"), (high, "max")):
        value = schema.get(keyword)
        if isinstance(value, int) and not isinstance(value, bool):
            text += f".{method}({value})"
    return text


def _string(schema: dict[str, Any]) -> str:
    text = _FORMATS.get(str(schema.get("format")), "z.string()")
    text += _bounds(schema, "minLength", "maxLength")
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        text += f".regex(new RegExp({json.dumps(pattern, ensure_ascii=False)}, \"u\"))"
    return text


def _number(schema: dict[str, Any], integer: bool) -> str:
    text = "z.number()" + (".int()" if integer else "")
    for keyword, method in (("minimum", "gte"), ("maximum", "lte"),
                            ("exclusiveMinimum", "gt"), ("exclusiveMaximum", "lt"),
                            ("multipleOf", "multipleOf")):
        value = schema.get(keyword)
        if isinstance(value, int | float) and not isinstance(value, bool):
            text += f".{method}({_number_literal(value)})"
    return text
