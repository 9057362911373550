"""Compare functions: overloads are matched by name and input types; a body changes in place,
a result type cannot."""

from __future__ import annotations

from dataclasses import replace

from codegen.migrate.changes import (
    Change,
    CreateFunction,
    DropFunction,
    RecreateFunction,
    RenameFunction,
    ReplaceFunction,
    SetFunctionComment,
    SetFunctionExecute,
)
from codegen.migrate.compare.renames import kept_columns
from codegen.schema import ir
from codegen.schema.references import calls_function


def compare_functions(old: ir.Schema, new: ir.Schema,
                      changes: list[Change]) -> set[ir.QualifiedName]:
    """Append function changes; return the names of functions dropped or recreated, whose
    policies and triggers must be dropped first and created again after."""
    old_functions = {f.identity: f for f in old.functions}
    new_identities = {f.identity for f in new.functions}
    rebuilt: set[ir.QualifiedName] = set()
    renamed: set[object] = set()
    for function in new.functions:
        before = old_functions.get(function.identity)
        if before is None and function.renamed_from is not None:
            old_identity = (function.renamed_from, function.identity[1])
            if old_identity in old_functions and old_identity not in new_identities:
                before = old_functions[old_identity]
                renamed.add(old_identity)
                changes.append(RenameFunction(before.name, function))
        if before is None:
            changes.extend(create_function(function))
            continue
        moved = before.name != function.name
        as_moved = replace(before, name=function.name) if moved else before
        if _definition(as_moved) == _definition(function):
            pass
        elif _replaceable(as_moved, function):
            changes.append(ReplaceFunction(as_moved, function))
        else:
            changes.append(RecreateFunction(as_moved, function, _defaults_calling(old, new,
                                                                                  function)))
            rebuilt.add(function.name)
            # DROP FUNCTION takes the comment and the grants with it.
            before = replace(as_moved, comment=None, execute=None)
        if before.comment != function.comment:
            changes.append(SetFunctionComment(function, function.comment))
        if before.execute != function.execute:
            changes.append(SetFunctionExecute(function, function.execute))
    for function in old.functions:
        if function.identity not in new_identities and function.identity not in renamed:
            changes.append(DropFunction(function))
            rebuilt.add(function.name)
    return rebuilt


def _defaults_calling(old: ir.Schema, new: ir.Schema, function: ir.Function
                      ) -> tuple[tuple[ir.QualifiedName, ir.Column], ...]:
    """Columns (as in the new spec) whose default in the database calls ``function``:
    PostgreSQL refuses to drop it while they do."""
    target = (function.name.schema, function.name.name)
    return tuple((table.name, column) for before, table, was, column in kept_columns(old, new)
                 if was.default is not None and not was.default.literal
                 and calls_function(was.default.sql, before.name.schema, target))


def create_function(function: ir.Function) -> list[Change]:
    changes: list[Change] = [CreateFunction(function)]
    if function.comment is not None:
        changes.append(SetFunctionComment(function, function.comment))
    if function.execute is not None:
        changes.append(SetFunctionExecute(function, function.execute))
    return changes


def _definition(function: ir.Function) -> object:
    """Everything CREATE OR REPLACE FUNCTION writes (not the comment or the grants)."""
    return (function.name, function.args, function.returns, function.returns_set,
            function.returns_table, function.language, function.body, function.volatility,
            function.strict, function.security_definer, function.config)


def _replaceable(old: ir.Function, new: ir.Function) -> bool:
    """What CREATE OR REPLACE may change: not the result (OUT arguments included), not an
    input argument's name, and no default may be removed."""
    if (old.returns, old.returns_set, old.returns_table) != (
            new.returns, new.returns_set, new.returns_table):
        return False
    if [(a.name, a.mode, a.type) for a in old.args] != [(a.name, a.mode, a.type) for a in new.args]:
        return False
    return all(b.default is not None or a.default is None for a, b in zip(old.args, new.args))
