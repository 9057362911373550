"""JSON Schema definitions of the RPC functions the API exposes (not trigger functions, in a
schema of ``api_schemas``), named like the TypeScript types
(:func:`codegen.emit.function_catalog.rpc_models`):

- ``<Name>Args``: the input arguments, in order; those without a default are required, so a
  Python backend calls ``supabase.rpc("name", <Name>Args(...).model_dump())`` with checked
  parameters (left-out ones are left out of the dump);
- ``<Name>Row`` for RETURNS TABLE: its columns, each may be null (PostgreSQL does not check
  a function's result against NOT NULL);
- ``<Name>Returns``: what the call returns (values from PostgreSQL: no bounds checked), as PostgREST sends it: a set is an array, a
  table's row its model (or null), a scalar its type or null, void null, record (OUT
  arguments) an object or null.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from codegen.emit.function_catalog import (
    arguments,
    catalog_args,
    has_defaults,
    input_args,
    returns_set,
    rpc_call,
    rpc_models,
)
from codegen.schema import ir


class TypeSchemas(Protocol):
    """What the JSON Schema builder offers: the schema of a value of a type, an object."""

    def type_schema(self, column_type: ir.ColumnType, nullable: bool, facts: None = None,
                    limits: bool = True) -> dict[str, Any]: ...

    def object(self, title: str, description: str | None, properties: dict[str, Any],
               required: list[str]) -> dict[str, Any]: ...


def function_names(schema: ir.Schema, api_schemas: tuple[str, ...]) -> set[str]:
    """The definition names the functions take."""
    names = set()
    for function, name in rpc_models(schema, api_schemas):
        names |= {name + "Args", name + "Returns"}
        if function.returns is None:
            names.add(name + "Row")
    return names


def function_definitions(builder: TypeSchemas, schema: ir.Schema,
                         api_schemas: tuple[str, ...]) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    for function, name in rpc_models(schema, api_schemas):
        call = rpc_call(function, f'{name}Args(...).model_dump(mode="json")')
        signature = f"{function.name}({arguments(function)})"
        flags = dict(zip((a.name for a in catalog_args(function)), has_defaults(function),
                         strict=True))
        inputs = input_args(function)
        defs[name + "Args"] = builder.object(
            name + "Args", function.comment or f"Arguments of {signature}: {call}.",
            {arg.name: builder.type_schema(_unmodified(arg.type), False) for arg in inputs},
            [arg.name for arg in inputs if not flags[arg.name]])
        result: dict[str, Any]
        if function.returns is None:
            defs[name + "Row"] = builder.object(
                name + "Row", f"A row of what {signature} returns.",
                {c.name: builder.type_schema(c.type, True, limits=False)
                 for c in function.returns_table},
                [c.name for c in function.returns_table])
            result = {"$ref": f"#/$defs/{name}Row"}
        else:
            result = _result(builder, function.returns, returns_set(function))
        if returns_set(function):
            result = {"type": "array", "items": result}
        defs[name + "Returns"] = {"description": f"What {signature} returns.", **result}
    return defs


def _result(builder: TypeSchemas, column_type: ir.ColumnType, is_set: bool) -> dict[str, Any]:
    if column_type.enum is None and column_type.composite is None and not column_type.array_dims:
        if column_type.base == "void":
            return {"type": "null"}
        if column_type.base == "record":  # OUT arguments: an object of them (or null)
            return {"anyOf": [{"type": "object", "additionalProperties": True},
                              {"type": "null"}]}
    # A set's rows of a table are its rows; any other value may be null.
    nullable = not (is_set and column_type.composite is not None and not column_type.array_dims)
    return builder.type_schema(column_type, nullable, limits=False)


def _unmodified(column_type: ir.ColumnType) -> ir.ColumnType:
    """PostgreSQL drops an argument's type modifiers (varchar(64) takes any length)."""
    return replace(column_type, args=())
