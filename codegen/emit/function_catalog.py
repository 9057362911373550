"""What PostgreSQL's catalog says about a function, as Supabase's type generator reads it:
which functions it sees, the order it lists them in, which arguments count as inputs and
which have defaults, the text of ``pg_get_function_arguments`` and the type OIDs its
overload checks compare. Shared by every emitter that types RPC functions.

The generator reads ``pg_proc`` through postgres-meta's ``functions.sql``; docs/supabase-typegen.md
(§ Functions) lists the rules reproduced here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from pglast.keywords import COL_NAME_KEYWORDS, RESERVED_KEYWORDS, TYPE_FUNC_NAME_KEYWORDS

from codegen.emit.ts_text import en_collation_key
from codegen.emit.ts_types import column_format
from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS

INPUT_MODES = frozenset({"in", "inout", "variadic"})  # the generator's VALID_FUNCTION_ARGS_MODE

# Schemas on Supabase's search_path: their types are written unqualified by format_type().
_VISIBLE_SCHEMAS = ("public", "extensions")

# format_type() spellings that differ from the migration's.
_FORMAT_TYPE = {"varchar": "character varying", "char": "character",
                "timestamptz": "timestamp with time zone",
                "timestamp": "timestamp without time zone", "time": "time without time zone"}

# OIDs of the built-in types and their array types (fixed in PostgreSQL's catalog).
_BUILTIN_OIDS = {
    "bool": (16, 1000), "bytea": (17, 1001), "int8": (20, 1016), "int2": (21, 1005),
    "int4": (23, 1007), "text": (25, 1009), "json": (114, 199), "float4": (700, 1021),
    "float8": (701, 1022), "inet": (869, 1041), "bpchar": (1042, 1014),
    "varchar": (1043, 1015), "date": (1082, 1182), "time": (1083, 1183),
    "timestamp": (1114, 1115), "timestamptz": (1184, 1185), "interval": (1186, 1187),
    "numeric": (1700, 1231), "uuid": (2950, 2951), "jsonb": (3802, 3807),
    "record": (2249, 2287), "void": (2278, 2278), "trigger": (2279, 2279),
}


def is_trigger_function(function: ir.Function) -> bool:
    return function.returns_trigger


def returns_set(function: ir.Function) -> bool:
    """``proretset``: SETOF, and RETURNS TABLE (always a set)."""
    return function.returns_set or function.returns is None


def rpc_functions(schema: ir.Schema, schema_name: str) -> list[ir.Function]:
    """The functions of one schema the generator lists (every one but trigger functions),
    in its order: by name (``Intl.Collator``), then by the identity arguments' text."""
    functions = [f for f in schema.functions
                 if f.name.schema == schema_name and not is_trigger_function(f)]
    functions.sort(key=lambda f: (en_collation_key(f.name.name),
                                  en_collation_key(identity_arguments(f))))
    return functions


def input_args(function: ir.Function) -> list[ir.FunctionArg]:
    return [arg for arg in function.args if arg.mode in INPUT_MODES]


def catalog_args(function: ir.Function) -> list[ir.FunctionArg]:
    """Every argument as ``proallargtypes`` lists them: declared ones, then RETURNS TABLE's."""
    return [*function.args, *function.returns_table]


def has_defaults(function: ir.Function) -> list[bool]:
    """Each catalog argument's ``has_default`` as the generator's query computes it: a list of
    ``pronargs`` flags (the last ``pronargdefaults`` true) zipped with *all* arguments, so an
    OUT argument among the inputs shifts the flags (and arguments past the list get none)."""
    inputs = input_args(function)
    defaults = sum(arg.default is not None for arg in inputs)
    flags = [False] * (len(inputs) - defaults) + [True] * defaults
    count = len(catalog_args(function))
    return (flags + [False] * count)[:count]


# -- text of the catalog ------------------------------------------------------------------------


_PLAIN = re.compile(r"[a-z_][a-z0-9_$]*")
_QUOTED_KEYWORDS = frozenset(RESERVED_KEYWORDS) | frozenset(TYPE_FUNC_NAME_KEYWORDS) | frozenset(
    COL_NAME_KEYWORDS)


@cache
def quote_ident(name: str) -> str:
    """PostgreSQL's ``quote_ident``: unreserved keywords stay bare."""
    if _PLAIN.fullmatch(name) and name not in _QUOTED_KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


def format_type(column_type: ir.ColumnType) -> str:
    """``format_type(oid, NULL)``: no type modifiers; a type outside the search path is
    schema-qualified."""
    named = column_type.enum or column_type.composite
    if named is not None:
        text = quote_ident(named.name)
        if named.schema not in _VISIBLE_SCHEMAS:
            text = f"{quote_ident(named.schema)}.{text}"
    else:
        base = column_type.base
        text = _FORMAT_TYPE.get(base, BUILTINS[base].sql)
    return text + ("[]" if column_type.array_dims else "")


def relation_format(table: ir.QualifiedName) -> str:
    """``format_type`` of a table's row type."""
    return format_type(ir.ColumnType(table.name, composite=table))


def _argument_text(arg: ir.FunctionArg, with_default: bool) -> str:
    mode = {"in": "", "out": "OUT ", "inout": "INOUT ", "variadic": "VARIADIC "}[arg.mode]
    text = f"{mode}{quote_ident(arg.name)} {format_type(arg.type)}"
    if with_default and arg.default is not None:
        text += f" DEFAULT {arg.default}"  # as written; PostgreSQL would deparse it
    return text


def arguments(function: ir.Function) -> str:
    """``pg_get_function_arguments``: the order of overloads in the generator's output."""
    return ", ".join(_argument_text(arg, True) for arg in function.args)


def identity_arguments(function: ir.Function) -> str:
    """``pg_get_function_identity_arguments``: the input arguments, no defaults."""
    return ", ".join(_argument_text(arg, False) for arg in function.args
                     if arg.mode in INPUT_MODES)


def type_name(column_type: ir.ColumnType) -> str:
    """``pg_type.typname`` (``int4``, ``_text``, an enum's or a table's name)."""
    return column_format(column_type)[0]


def type_order(schema: ir.Schema, column_type: ir.ColumnType) -> tuple[int, int]:
    """A stand-in for the type's OID, for the generator's sort by ``type_id``: built-in types
    by their fixed OIDs; then, in the migration's order, extensions' types, enums and tables
    (an array type right after its element type)."""
    array = 1 if column_type.array_dims else 0
    if column_type.enum is None and column_type.composite is None:
        builtin = BUILTINS[column_type.base]
        if builtin.udt in _BUILTIN_OIDS:
            return _BUILTIN_OIDS[builtin.udt][array], 0
        return 1 << 20, sorted(BUILTINS).index(column_type.base) * 2 + array
    if column_type.enum is not None:
        names = [enum.name for enum in schema.enums]
        position = names.index(column_type.enum) if column_type.enum in names else len(names)
        return 2 << 20, position * 2 + array
    assert column_type.composite is not None
    names = [table.name for table in schema.tables]
    position = (names.index(column_type.composite) if column_type.composite in names
                else len(names))
    return 3 << 20, position * 2 + array


# -- names of the generated RPC types -----------------------------------------------------------


def _pascal(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text)
                   if part)


def rpc_call(function: ir.Function, args: str) -> str:
    """How supabase-js and supabase-py call it: ``supabase.rpc("name", args)``, through
    ``.schema("s")`` outside ``public``."""
    client = "supabase" if function.name.schema == "public" else \
        f'supabase.schema("{function.name.schema}")'
    return f'{client}.rpc("{function.name.name}", {args})'


def rpc_models(schema: ir.Schema, api_schemas: tuple[str, ...] | list[str]
               ) -> list[tuple[ir.Function, str]]:
    """The functions the API exposes (not trigger functions, in ``api_schemas``), each with
    the name of its generated types (``<name>Args``, ``<name>Returns``), in the spec's order.

    A function's name is its ``model``; functions sharing one (overloads) are told apart by
    their input arguments' names (``SearchProfilesByQueryLim``, ``…NoArgs``), then by their
    types (``EchoByValueInteger``), then by their schema. A name whose types a table or enum
    type already has gets ``Fn`` appended."""
    exposed = [f for f in schema.functions
               if f.name.schema in api_schemas and not is_trigger_function(f)]
    by_model: dict[str, list[ir.Function]] = {}
    for function in exposed:
        by_model.setdefault(function.model, []).append(function)
    names: dict[int, str] = {}
    for model, functions in by_model.items():
        if len(functions) == 1:
            names[id(functions[0])] = model
            continue
        candidates = {id(f): model + ("By" + "".join(_pascal(a.name) for a in input_args(f))
                                      if input_args(f) else "NoArgs") for f in functions}
        refinements: list[Callable[[ir.Function], str]] = [
            lambda f: "".join(_pascal(format_type(a.type).replace("[]", " array"))
                              for a in input_args(f)),
            lambda f: _pascal(f.name.schema)]
        for refine in refinements:  # only names still shared are refined
            taken = [candidates[id(f)] for f in functions]
            candidates = {id(f): candidates[id(f)] + (refine(f) if taken.count(
                candidates[id(f)]) > 1 else "") for f in functions}
        names.update(candidates)
    # A name whose types another type already has (a table `search_rows` is `SearchRow`,
    # the rows of a function `search` too) takes a suffix.
    used = {enum.model for enum in schema.enums} | {enum.model + "Values" for enum in schema.enums}
    used |= {table.model + suffix for table in schema.tables for suffix in ("", "Insert", "Update")
             if not table.external}
    for function in exposed:
        while {names[id(function)] + suffix for suffix in ("Args", "Returns", "Row")} & used:
            names[id(function)] += "Fn"
        used |= {names[id(function)] + suffix for suffix in ("Args", "Returns", "Row")}
    return [(function, names[id(function)]) for function in exposed]
