"""The ``Functions`` section of the ``Database`` type, and the computed fields it adds to a
table's ``Row``, as ``@supabase/postgrest-typegen`` 0.2.5 writes them.

Per function name (``Intl.Collator`` order; names that are array indices first, as a
JavaScript object orders its keys) one signature ``{ Args; Returns; SetofOptions? }``, or
a union of them for overloads (ordered by ``pg_get_function_arguments``):

- ``Args``: the input arguments by name, ``?`` for those with a default (as the
  generator's catalog query flags them); ``Record<PropertyKey, never>`` without inputs.
- ``Returns``: RETURNS TABLE as an object of its columns; the row of a table of the same
  schema spelled out as an object; any other type as a column of it would be; ``[]``
  appended to the text for a set. Two overloads whose one argument has the same name and
  different types cannot be told apart by PostgREST: both return an error type.
- ``SetofOptions`` for results that are a table's row (``from`` the argument's table when
  the only argument is a row, else ``"*"``).

A function whose one input is a table's row is a computed field of that table: its result
(or-null, never an array) joins the table's ``Row``. docs/supabase-typegen.md has the rules.
"""

from __future__ import annotations

from collections.abc import Callable

from codegen.emit.function_catalog import (
    arguments,
    catalog_args,
    has_defaults,
    input_args,
    relation_format,
    returns_set,
    rpc_functions,
    type_name,
    type_order,
)
from codegen.emit.ts_text import en_collation_key, ts_key, ts_string
from codegen.emit.ts_types import (
    TsAtom,
    TsIntersection,
    TsMember,
    TsObject,
    TsType,
    TsUnion,
    nullable,
    text_array,
)
from codegen.schema import ir

NO_ARGS = TsAtom("Record<PropertyKey, never>")
_CONFLICT = ("Could not choose the best candidate function between: {}. Try renaming the "
             "parameters or the function itself in the database so function overloading can "
             "be resolved")

# A type of the function's catalog (argument, result) -> its TypeScript type.
Resolve = Callable[[ir.ColumnType], TsType]
# A table -> its Row as an object type (columns by name, nullable ones or-null).
RowObject = Callable[[ir.Table], TsObject]


def _sorted_by_name(args: list[ir.FunctionArg]) -> list[ir.FunctionArg]:
    return sorted(args, key=lambda arg: en_collation_key(arg.name))


def _object_key_order(names: list[str]) -> list[str]:
    """A JavaScript object's key order: array indices ascending first, then insertion order."""
    def index(name: str) -> int | None:
        if name.isdigit() and name.isascii() and str(int(name)) == name and int(name) < 2**32 - 1:
            return int(name)
        return None

    indices = sorted((n for n in names if index(n) is not None), key=lambda n: index(n) or 0)
    return indices + [n for n in names if index(n) is None]


class FunctionTypes:
    """The functions of one schema of the ``Database`` type."""

    def __init__(self, schema: ir.Schema, schema_name: str, tables: dict[ir.QualifiedName, ir.Table],
                 resolve: Resolve, row_object: RowObject) -> None:
        self.schema = schema
        self.schema_name = schema_name
        self.tables = tables  # the tables the Database type lists (of every included schema)
        self.resolve = resolve
        self.row_object = row_object
        self.functions = rpc_functions(schema, schema_name)
        self._computed: dict[ir.QualifiedName, list[ir.Function]] | None = None

    # -- the Functions section ----------------------------------------------------------------

    def entries(self) -> list[tuple[str, TsType]]:
        """(key, type) of each function name, in the generator's order."""
        groups: dict[str, list[ir.Function]] = {}
        for function in self.functions:
            groups.setdefault(function.name.name, []).append(function)
        result: list[tuple[str, TsType]] = []
        for name in _object_key_order(list(groups)):
            overloads = sorted(groups[name], key=lambda f: en_collation_key(arguments(f)))
            signatures = [self.signature(f, overloads) for f in overloads]
            value = signatures[0] if len(signatures) == 1 else TsUnion(tuple(signatures))
            result.append((ts_key(name), value))
        return result

    def signature(self, function: ir.Function, overloads: list[ir.Function]) -> TsObject:
        inputs = input_args(function)
        flags = dict(zip((arg.name for arg in catalog_args(function)), has_defaults(function),
                         strict=True))
        args: TsType = NO_ARGS
        if inputs:
            args = TsObject(tuple(TsMember(ts_key(arg.name), self.resolve(arg.type),
                                           flags[arg.name])
                                  for arg in _sorted_by_name(inputs)))
        conflict = self.conflict(function, overloads)
        returns = self.returns(function) if conflict is None else TsIntersection((
            TsObject((TsMember("error", TsAtom("true")),)), TsAtom(ts_string(conflict))))
        if returns_set(function):
            returns = text_array(returns)
        members = [TsMember("Args", args), TsMember("Returns", returns)]
        setof = self.setof_options(function)
        if setof is not None:
            members.append(TsMember("SetofOptions", setof))
        return TsObject(tuple(members))

    def returns(self, function: ir.Function) -> TsType:
        """The generator's ``getFunctionReturnType`` (no ``[]`` for sets)."""
        if function.returns is None:
            return TsObject(tuple(TsMember(ts_key(column.name), self.resolve(column.type))
                                  for column in _sorted_by_name(list(function.returns_table))),
                            expanded=True)
        row = function.returns.composite
        if row is not None and not function.returns.array_dims and row.schema == \
                self.schema_name and row in self.tables:
            return self.row_object(self.tables[row])
        return self.resolve(function.returns)

    def setof_options(self, function: ir.Function) -> TsObject | None:
        result = function.returns
        if result is None or result.composite is None or result.array_dims:
            return None
        to = result.composite.name
        is_set = returns_set(function)
        source = "*"
        args = catalog_args(function)
        if len(args) == 1 and args[0].type.composite is not None and not args[0].type.array_dims:
            source = relation_format(args[0].type.composite)
        members = [("from", ts_string(source)), ("to", ts_string(to)),
                   ("isOneToOne", "false" if is_set else "true"),
                   ("isSetofReturn", "true" if is_set else "false")]
        return TsObject(tuple(TsMember(key, TsAtom(value)) for key, value in members),
                        expanded=True)

    def conflict(self, function: ir.Function, overloads: list[ir.Function]) -> str | None:
        """PostgREST's ambiguity the generator reports: overloads whose one input argument
        has the same name and different types."""
        inputs = input_args(function)
        if len(overloads) <= 1 or len(inputs) != 1:
            return None
        sole = inputs[0]
        clashing = []
        for other in overloads:
            other_inputs = input_args(other)
            if other is not function and len(other_inputs) == 1 and \
                    other_inputs[0].name == sole.name and \
                    type_name(other_inputs[0].type) != type_name(sole.type):
                clashing.append(other)
        if not clashing:
            return None
        every = sorted([function, *clashing],
                       key=lambda f: type_order(self.schema, input_args(f)[0].type))
        listed = ", ".join(
            f"{self.schema_name}.{function.name.name}("
            + ", ".join(f"{arg.name} => {type_name(arg.type)}" for arg in input_args(f)) + ")"
            for f in every)
        return _CONFLICT.format(listed)

    # -- computed fields ----------------------------------------------------------------------

    def computed_fields(self, table: ir.Table) -> list[TsMember]:
        """Functions of this schema whose one input is ``table``'s row, as Row members."""
        if self._computed is None:
            self._computed = {}
            for function in self.functions:
                inputs = input_args(function)
                row = inputs[0].type.composite if len(inputs) == 1 else None
                if row is not None and not inputs[0].type.array_dims:
                    self._computed.setdefault(row, []).append(function)
        return [TsMember(ts_key(function.name.name), nullable(self.returns(function)))
                for function in self._computed.get(table.name, [])]
