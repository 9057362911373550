"""The RPC types of the interfaces file (``index.ts``): per function the API exposes (not a
trigger function, in a schema of ``api_schemas``)

- ``<Name>Args``: its input arguments in the spec's order, ``?`` for those with a default (an
  interface; ``Record<PropertyKey, never>`` when it takes none), for
  ``supabase.rpc("name", args)``;
- ``<Name>Returns``: its result, typed as ``Database[…]["Functions"][name]["Returns"]`` types it
  (a set is an array, a table's row its interface, RETURNS TABLE an interface
  ``<Name>Row`` of its columns).

``<Name>`` is the function's PascalCase name; overloads are told apart by their arguments
(:func:`codegen.emit.function_catalog.rpc_models`).
"""

from __future__ import annotations

from collections.abc import Callable

from codegen.emit.function_catalog import (
    arguments,
    catalog_args,
    has_defaults,
    input_args,
    returns_set,
    rpc_call,
    rpc_models,
)
from codegen.emit.ts_layout import jsdoc, member_line
from codegen.emit.ts_text import ts_key
from codegen.emit.ts_types import TsArray, TsAtom, TsType
from codegen.schema import ir

NO_ARGS = "Record<PropertyKey, never>"


def function_lines(schema: ir.Schema, api_schemas: tuple[str, ...],
                   value_type: Callable[[ir.ColumnType], TsType]) -> list[str]:
    """The Args and Returns types of every exposed function, each block after an empty line."""
    out: list[str] = []
    for function, name in rpc_models(schema, api_schemas):
        signature = f"{function.name}({arguments(function)})"
        call = f"`{rpc_call(function, 'args')}`"
        args_doc = function.comment or f"Arguments of `{signature}`, for {call}."
        out += ["", *jsdoc(args_doc, 0)]
        inputs = input_args(function)
        if not inputs:
            out.append(f"export type {name}Args = {NO_ARGS}")
        else:
            flags = dict(zip((a.name for a in catalog_args(function)), has_defaults(function),
                             strict=True))
            out.append(f"export interface {name}Args {{")
            for arg in inputs:
                head = f"{ts_key(arg.name)}{'?' if flags[arg.name] else ''}: "
                out.append(member_line(2, head, value_type(arg.type)))
            out.append("}")
        result: TsType
        if function.returns is None:
            out += ["", f"/** A row of what `{signature}` returns. */",
                    f"export interface {name}Row {{"]
            for column in function.returns_table:
                out.append(member_line(2, f"{ts_key(column.name)}: ", value_type(column.type)))
            out.append("}")
            result = TsAtom(f"{name}Row")
        else:
            result = value_type(function.returns)
        if returns_set(function):
            result = TsArray(result)
        out += ["", f"/** What `{signature}` returns. */",
                member_line(0, f"export type {name}Returns = ", result)]
    return out
