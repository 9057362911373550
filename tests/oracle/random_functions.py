"""Random functions for the random schemas of :mod:`oracle.metadata`: overloads (some whose
one argument shares its name, which the generator reports as ambiguous), argument modes and
defaults, arguments and results of built-in, extension, enum, array and row types, sets,
RETURNS TABLE, void, record with OUT arguments, computed fields and trigger functions."""

from __future__ import annotations

import random

from codegen.emit.function_catalog import identity_arguments
from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS

_ARG_NAMES = ["id", "value", "name", "q", "limit_rows", "Odd Name", "données", "x1"]


def _value_type(rng: random.Random, enums: list[ir.Enum], tables: list[ir.Table]) -> ir.ColumnType:
    roll = rng.random()
    if enums and roll < 0.2:
        enum = rng.choice(enums)
        column_type = ir.ColumnType(enum.name.name, enum=enum.name)
    elif tables and roll < 0.35:
        table = rng.choice(tables)
        column_type = ir.ColumnType(table.name.name, composite=table.name)
    else:
        column_type = ir.ColumnType(rng.choice(
            sorted(name for name, b in BUILTINS.items() if b.kind != "pseudo")))
    if rng.random() < 0.2:
        column_type = ir.ColumnType(column_type.base, (), 1, column_type.enum,
                                    column_type.composite)
    return column_type


def _arguments(rng: random.Random, enums: list[ir.Enum], tables: list[ir.Table],
               names: list[str]) -> list[ir.FunctionArg]:
    args: list[ir.FunctionArg] = []
    defaulted = False
    for name in rng.sample(names, min(len(names), rng.choice([0, 1, 1, 1, 2, 3]))):
        mode: ir.ArgMode = rng.choice(["in", "in", "in", "in", "inout", "out"])
        arg_type = _value_type(rng, enums, tables)
        default = None
        if mode != "out" and (defaulted or rng.random() < 0.25):
            defaulted, default = True, "NULL"
        args.append(ir.FunctionArg(name, arg_type, mode, default))
    if args and rng.random() < 0.1 and args[-1].mode == "in":  # variadic: last, an array
        last = args[-1]
        args[-1] = ir.FunctionArg(last.name, ir.ColumnType(last.type.base, (), 1, last.type.enum,
                                                           last.type.composite), "variadic")
    return args


def random_functions(rng: random.Random, enums: list[ir.Enum], tables: list[ir.Table],
                     random_name: object) -> tuple[ir.Function, ...]:
    assert callable(random_name)
    functions: dict[tuple[object, ...], ir.Function] = {}
    names = [str(random_name(rng)) for _ in range(rng.randint(0, 6))]
    for number in range(rng.randint(0, 10)):
        if not names:
            break
        name = ir.QualifiedName("public" if rng.random() < 0.8 else "private", rng.choice(names))
        arg_names = _ARG_NAMES[:2] if rng.random() < 0.4 else _ARG_NAMES
        args = _arguments(rng, enums, tables, arg_names)
        if tables and rng.random() < 0.15:  # a computed field: one argument, a table's row
            table = rng.choice(tables)
            args = [ir.FunctionArg("row", ir.ColumnType(table.name.name, composite=table.name))]
        returns: ir.ColumnType | None = _value_type(rng, enums, tables)
        returns_set = rng.random() < 0.3
        returns_table: tuple[ir.FunctionArg, ...] = ()
        roll = rng.random()
        outs = [arg for arg in args if arg.mode in ("out", "inout")]
        if outs:  # OUT arguments decide the result: one is its type, several a record
            returns = outs[0].type if len(outs) == 1 else ir.ColumnType("record")
        elif roll < 0.15:
            returns, returns_set = None, True
            returns_table = tuple(
                ir.FunctionArg(column, _value_type(rng, enums, tables), "table")
                for column in rng.sample(["a", "B", "c_d", "Odd col", "z"], rng.randint(1, 3))
                if column not in {arg.name for arg in args})
            if not returns_table:
                returns, returns_set = ir.ColumnType("integer"), False
        elif roll < 0.22:
            returns, returns_set = ir.ColumnType(rng.choice(["void", "record"])), False
        elif roll < 0.27:
            returns, returns_set, args = ir.ColumnType("trigger"), False, []
        function = ir.Function(name, tuple(args), returns, "sql", "select 1",
                               returns_set=returns_set, returns_table=returns_table,
                               model=f"F{number}")
        functions.setdefault(function.identity, function)
    return tuple(sorted(functions.values(),
                        key=lambda f: (f.name, identity_arguments(f))))
