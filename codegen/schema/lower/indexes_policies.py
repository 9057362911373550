"""Indexes and row-level-security policies of a table."""

from __future__ import annotations

from typing import Any

from codegen.schema import ir
from codegen.schema.lower.context import Context, Located
from codegen.schema.naming import default_name
from codegen.schema.pgtypes import has_default_opclass
from codegen.spec.models import TableSpec


class IndexesAndPolicies(Context):
    """Builds the indexes and the policies of a table."""

    def _indexes(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
                 columns: tuple[ir.Column, ...], check_columns: Any) -> list[ir.Index]:
        by_name = {c.name: c for c in columns}
        column_names = set(by_name)
        result: list[ir.Index] = []
        for i, index in enumerate(spec.indexes):
            path = ("indexes", i)
            check_columns(index.columns, *path, "columns", what="index")
            if index.opclass is None:
                for i_col, col in enumerate(index.columns):
                    column = by_name.get(col)
                    if column is not None and not has_default_opclass(column.type, index.using):
                        self.error(where.span(*path, "columns", i_col), "E280",
                                   f'column "{name}.{col}" cannot be indexed with {index.using}: '
                                   "its type has no default operator class for that method",
                                   hint="choose another `using:` method, or name an operator "
                                   "class with `opclass:` (e.g. inet_ops)")
            if index.where is not None:
                self._expression(index.where, where, (*path, "where"), name, column_names)
            if index.name is not None:
                self.check_identifier(index.name, where.span(*path, "name"), "index")
            # CREATE [UNIQUE] INDEX without a name: PostgreSQL says "_idx" either way.
            index_name = index.name or default_name(name.name, index.columns, "idx")
            result.append(ir.Index(index_name, tuple(index.columns), index.unique, index.using,
                                   index.where, index.opclass,
                                   self._lint_ignore(index.lint_ignore, where, path),
                                   where.span(*path)))
        return result

    def _policies(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
                  column_names: set[str]) -> list[ir.Policy]:
        result: list[ir.Policy] = []
        seen: set[str] = set()
        for i, policy in enumerate(spec.policies):
            path = ("policies", i)
            self.check_identifier(policy.name, where.span(*path, "name"), "policy")
            if policy.name in seen:
                self.error(where.span(*path, "name"), "E260",
                           f'table "{name}" has two policies named "{policy.name}"')
            seen.add(policy.name)
            if policy.with_check is not None and policy.for_ in ("select", "delete"):
                self.error(where.span(*path, "with_check"), "E261",
                           f'a "{policy.for_}" policy cannot have `with_check`',
                           hint="use `using:` to choose which rows it applies to")
            if policy.using is not None and policy.for_ == "insert":
                self.error(where.span(*path, "using"), "E262",
                           'an "insert" policy cannot have `using`',
                           hint="use `with_check:` to choose which new rows are allowed")
            if policy.using is None and policy.with_check is None:
                self.error(where.span(*path), "E263",
                           f'policy "{policy.name}" has neither `using` nor `with_check`',
                           hint='write `using: "true"` to allow every row explicitly')
            for key in ("using", "with_check"):
                text = getattr(policy, key)
                if text is not None:
                    self._expression(text, where, (*path, key), name, column_names)
            result.append(ir.Policy(
                policy.name, policy.for_, policy.as_ == "permissive",
                tuple(sorted(set(policy.to))), policy.using, policy.with_check,
                self._lint_ignore(policy.lint_ignore, where, path), where.span(*path),
            ))
        return result
