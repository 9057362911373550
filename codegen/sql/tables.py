"""SQL for tables as a whole."""

from __future__ import annotations

from sqlglot import exp

from codegen.migrate.changes import CreateTable, DropTable, RenameTable, SetTableComment
from codegen.schema import ir
from codegen.sql.dialect import quote_ident, table, to_sql
from codegen.sql.registry import renderer
from codegen.sql.statements import alter_table_sql, column_def, comment_sql, constraint_element


@renderer
def render_create_table(change: CreateTable) -> str:
    t = change.table
    elements: list[exp.Expression] = [column_def(c) for c in t.columns]
    constraints: list[ir.PrimaryKey | ir.Unique | ir.Check] = [
        *([t.primary_key] if t.primary_key else []), *t.uniques, *t.checks]
    elements.extend(constraint_element(c) for c in constraints)
    # One element per line, each printed compactly (sqlglot's pretty mode would also
    # spread every constraint's column list over several lines).
    body = ",\n  ".join(to_sql(element) for element in elements)
    return f"CREATE TABLE {to_sql(table(t.name))} (\n  {body}\n)"


@renderer
def render_drop_table(change: DropTable) -> str:
    return to_sql(exp.Drop(kind="TABLE", tables=[table(change.table.name)]))


@renderer
def render_rename_table(change: RenameTable) -> list[str]:
    statements = []
    if change.old.schema != change.new.schema:
        statements.append(alter_table_sql(change.old, f"SET SCHEMA {quote_ident(change.new.schema)}"))
    if change.old.name != change.new.name:
        moved = ir.QualifiedName(change.new.schema, change.old.name)
        statements.append(alter_table_sql(moved, f"RENAME TO {quote_ident(change.new.name)}"))
    return statements


@renderer
def render_table_comment(change: SetTableComment) -> str:
    return comment_sql("TABLE", table(change.table), change.comment)
