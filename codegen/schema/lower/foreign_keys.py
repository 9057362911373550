"""Foreign keys: their targets (tables of the spec or Supabase's), columns, types, actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from codegen.schema import ir
from codegen.schema.lower.context import DEFAULT_SCHEMA, Context, Located, did_you_mean, qualify
from codegen.schema.naming import default_name
from codegen.schema.pgtypes import TypeSyntaxError, parse_type
from codegen.schema.supabase import EXTERNAL_PRIMARY_KEYS, EXTERNAL_TABLES
from codegen.spec.document import Path
from codegen.spec.models import TableSpec


class ForeignKeys(Context):
    """Builds the foreign keys of a table and checks what they reference."""

    def lower_foreign_keys(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
                           columns: tuple[ir.Column, ...], check_columns: Any) -> list[ir.ForeignKey]:
        by_name = {c.name: c for c in columns}
        result: list[ir.ForeignKey] = []
        fk_paths: dict[str, Path] = {}
        for col, cspec in spec.columns.items():
            ref = cspec.references
            if ref is None:
                continue
            path: Path = ("columns", col, "references")
            target = self._target_table(ref.table, name, where, (*path, "table"))
            if target is None:
                continue
            target_column = ref.column or self._target_primary_key(target, where, path)
            if target_column is None:
                continue
            self._check_target_columns(name, (col,), target, (target_column,), by_name, where,
                                       path)
            fk_name = ref.name or default_name(name.name, [col], "fkey")
            fk_paths[fk_name] = path
            result.append(ir.ForeignKey(fk_name, (col,), target, (target_column,), ref.on_delete,
                                        ref.on_update, where.span(*path)))
        for i, fk in enumerate(spec.foreign_keys):
            path = ("foreign_keys", i)
            check_columns(fk.columns, *path, "columns", what="foreign key")
            target = self._target_table(fk.references.table, name, where,
                                        (*path, "references", "table"))
            if target is None:
                continue
            if len(fk.columns) != len(fk.references.columns):
                self.error(where.span(*path, "references", "columns"), "E253",
                           f"foreign key of table \"{name}\" has {len(fk.columns)} column(s) but "
                           f"references {len(fk.references.columns)}")
                continue
            self._check_target_columns(name, tuple(fk.columns), target,
                                       tuple(fk.references.columns), by_name, where, path)
            fk_name = fk.name or default_name(name.name, fk.columns, "fkey")
            fk_paths[fk_name] = path
            result.append(ir.ForeignKey(fk_name, tuple(fk.columns), target,
                                        tuple(fk.references.columns), fk.on_delete, fk.on_update,
                                        where.span(*path)))
        for foreign_key in result:
            self._check_actions(name, foreign_key, by_name, where, fk_paths[foreign_key.name])
        return result

    def _check_actions(self, name: ir.QualifiedName, fk: ir.ForeignKey,
                       by_name: dict[str, ir.Column], where: Located, path: Path) -> None:
        # PostgreSQL accepts these at CREATE time and fails only when a row is deleted.
        for key, action in (("on_delete", fk.on_delete), ("on_update", fk.on_update)):
            for col in fk.columns:
                column = by_name.get(col)
                if column is None or column.nullable:
                    continue
                if action == "set null":
                    self.error(where.span(*path), "E255",
                               f'{key}: set null on foreign key "{fk.name}", but column '
                               f'"{name}.{col}" is NOT NULL', hint="make the column "
                               "nullable or choose another action, e.g. cascade")
                elif action == "set default" and column.default is None:
                    self.error(where.span(*path), "E256",
                               f'{key}: set default on foreign key "{fk.name}", but column '
                               f'"{name}.{col}" has no default and is NOT NULL',
                               hint="give the column a default or choose another action")

    def _target_table(self, text: str, source: ir.QualifiedName, where: Located,
                      path: Path) -> ir.QualifiedName | None:
        target = qualify(text, None)
        if "." not in text and source.schema != DEFAULT_SCHEMA:
            local = ir.QualifiedName(source.schema, text)
            if local in self.tables:
                return local
        if target in self.tables or target in EXTERNAL_TABLES:
            return target
        if "." in text:
            known = [str(t) for t in (*self.tables, *EXTERNAL_TABLES)]
        else:
            known = [t.name for t in self.tables if t.schema == DEFAULT_SCHEMA]
        self.error(where.span(*path), "E250",
                   f'column references unknown table "{target}"{did_you_mean(text, known)}',
                   hint="reference a table of the spec or a Supabase table such as auth.users")
        return None

    def _target_primary_key(self, target: ir.QualifiedName, where: Located,
                            path: Path) -> str | None:
        if target in EXTERNAL_PRIMARY_KEYS:
            return EXTERNAL_PRIMARY_KEYS[target]
        spec = self.tables[target][0]
        keys = spec.primary_key or [c for c, s in spec.columns.items() if s.primary_key]
        if len(keys) == 1:
            return keys[0]
        self.error(where.span(*path), "E251",
                   f'table "{target}" has no single-column primary key to reference',
                   hint="name the referenced column with `column:`")
        return None

    def _check_target_columns(self, source: ir.QualifiedName, columns: tuple[str, ...],
                              target: ir.QualifiedName, target_columns: tuple[str, ...],
                              by_name: dict[str, ir.Column], where: Located, path: Path) -> None:
        available: Mapping[str, object]  # the target's columns, by name
        if target in EXTERNAL_TABLES:
            available = external = EXTERNAL_TABLES[target]
            target_types = {c: external[c] for c in target_columns if c in external}
        else:
            target_spec, _ = self.tables[target]
            target_types = {}
            for c in target_columns:
                if c in target_spec.columns:
                    parsed = self._peek_type(target_spec.columns[c].type, target)
                    if parsed is not None:
                        target_types[c] = parsed
            available = target_spec.columns
            if set(target_columns) <= set(available) and \
                    frozenset(target_columns) not in _keys(target_spec):
                listed = ", ".join(target_columns)
                self.error(where.span(*path), "E257",
                           f'the referenced column(s) ({listed}) of "{target}" are neither its '
                           "primary key nor unique: PostgreSQL refuses the foreign key",
                           hint=f"add `unique: [[{listed}]]` to {target.name}, or reference its "
                                "primary key")
        for col, target_col in zip(columns, target_columns):
            if target_col not in available:
                self.error(where.span(*path), "E252",
                           f'foreign key references unknown column "{target}.{target_col}"'
                           f"{did_you_mean(target_col, available)}")
                continue
            own = by_name.get(col)
            other = target_types.get(target_col)
            if own is not None and other is not None and (
                own.type.base, own.type.array_dims, own.type.enum
            ) != (other.base, other.array_dims, other.enum):
                self.error(where.span(*path), "E254",
                           f'foreign key column "{source}.{col}" and referenced column '
                           f'"{target}.{target_col}" have different types',
                           hint="give both columns the same type")

    def _peek_type(self, text: str, table: ir.QualifiedName) -> ir.ColumnType | None:
        try:
            parsed = parse_type(text)
        except TypeSyntaxError:
            return None
        if parsed.builtin:
            return ir.ColumnType(parsed.name, parsed.args, parsed.array_dims)
        for candidate in (qualify(parsed.name, None) if "." in parsed.name else
                          ir.QualifiedName(table.schema, parsed.name),
                          ir.QualifiedName(DEFAULT_SCHEMA, parsed.name)):
            if candidate in self.enums:
                return ir.ColumnType(candidate.name, (), parsed.array_dims, candidate)
        return None


def _keys(spec: TableSpec) -> set[frozenset[str]]:
    """The column sets a foreign key may reference: the primary key, unique constraints and
    unique indexes without a WHERE."""
    keys = {frozenset(u if isinstance(u, list) else u.columns) for u in spec.unique}
    keys |= {frozenset(i.columns) for i in spec.indexes if i.unique and i.where is None}
    keys |= {frozenset([c]) for c, s in spec.columns.items() if s.unique or s.primary_key}
    if spec.primary_key:
        keys.add(frozenset(spec.primary_key))
    return keys
