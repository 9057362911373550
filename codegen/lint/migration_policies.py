"""Migration safety of drops and renames that policies depend on.

What PostgreSQL does, checked by tests/test_lint_migrations_postgres.py: a policy
records a dependency on every column and table its expressions read, sub-selects
included. ``DROP COLUMN`` / ``DROP TABLE`` of one of them fails without CASCADE
("cannot drop … because other objects depend on it"). ``RENAME COLUMN`` rewrites the
stored policy, which keeps reading the renamed column under its new name.

Policy expressions are read as PostgreSQL's parse tree (pglast) and every column
reference is resolved to its table: unqualified names to the innermost ``FROM``
that has such a column (the policy's own table outside sub-selects), qualified
names through the table names and aliases in scope, ``schema.table.column`` directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from codegen.lint import sqltree
from codegen.lint.finding import Issue, Subject, table_name
from codegen.lint.migration import Migration, also_owned_by, dropped
from codegen.migrate.changes import (
    AlterPolicy,
    CreatePolicy,
    DropColumn,
    DropPolicy,
    DropTable,
    RenameColumn,
)
from codegen.schema import ir

Reference = tuple[ir.QualifiedName, str | None]  # (table, column); column None: the table itself
_SEARCH_PATH = ("public", "extensions")  # Supabase's search_path, after "$user"


@dataclass(frozen=True)
class _Source:
    """One entry of a FROM clause (or the policy's own table)."""

    name: str | None  # alias, or the table's name; None: cannot be named
    qualified: ir.QualifiedName | None  # set when `schema.table.column` may name it (no alias)
    table: ir.Table | None  # None: not a table of the schema, its columns are unknown


def references(schema: ir.Schema, table: ir.Table, policy: ir.Policy) -> set[Reference]:
    """Every column (and every table read in a sub-select) of ``schema`` the policy uses."""
    found: set[Reference] = set()
    own = _Source(table.name.name, table.name, table)
    for text in (policy.using, policy.with_check):
        if text is not None:
            _walk(schema, sqltree.parse(text), [[own]], found)
    return found


def _walk(schema: ir.Schema, node: Any, scopes: list[list[_Source]], found: set[Reference]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(schema, item, scopes, found)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "ColumnRef":
            ref = _resolve(sqltree.names(value.get("fields", [])), len(value.get("fields", [])),
                           scopes)
            if ref is not None:
                found.add(ref)
        elif key == "SelectStmt" and "fromClause" in value:
            level = [s for item in value["fromClause"] for s in _sources(schema, item)]
            found.update((s.table.name, None) for s in level if s.table is not None)
            _walk(schema, value, [*scopes, level], found)
        else:
            _walk(schema, value, scopes, found)


def _sources(schema: ir.Schema, item: dict[str, Any]) -> Iterator[_Source]:
    if "RangeVar" in item:
        var = item["RangeVar"]
        alias = var.get("alias", {}).get("aliasname")
        table = _table(schema, var.get("schemaname"), var["relname"])
        yield _Source(alias or var["relname"], None if alias else (table.name if table else None),
                      table)
    elif "JoinExpr" in item and "alias" not in item["JoinExpr"]:
        for side in ("larg", "rarg"):
            yield from _sources(schema, item["JoinExpr"][side])
    else:  # a sub-select or a function: named by its alias, columns unknown
        alias = next((v.get("alias", {}).get("aliasname") for v in item.values()
                      if isinstance(v, dict)), None)
        yield _Source(alias, None, None)


def _table(schema: ir.Schema, written: str | None, name: str) -> ir.Table | None:
    for candidate in ([written] if written else _SEARCH_PATH):
        table = schema.table(ir.QualifiedName(candidate, name))
        if table is not None:
            return table
    return None


def _columns(table: ir.Table) -> set[str]:
    return {c.name for c in table.columns}


def _resolve(names: list[str], fields: int, scopes: list[list[_Source]]) -> Reference | None:
    if len(names) != fields or not 1 <= len(names) <= 3:
        return None  # `t.*`, or db.schema.table.column
    column = names[-1]
    for level in reversed(scopes):
        for source in level:
            if len(names) == 1:
                if source.table is None:
                    return None  # a source with unknown columns may have it
                if column in _columns(source.table):
                    return source.table.name, column
            elif (len(names) == 2 and source.name == names[0]) or (
                    len(names) == 3 and source.qualified == ir.QualifiedName(names[0], names[1])):
                return (source.table.name, column) if source.table else None
    return None


class _Policies:
    """The policies of the old schema, with their references computed once."""

    def __init__(self, schema: ir.Schema) -> None:
        self.schema = schema
        self.live: dict[tuple[ir.QualifiedName, str], tuple[ir.Table, ir.Policy]] = {
            (t.name, p.name): (t, p) for t in schema.tables for p in t.policies}
        self._refs: dict[tuple[ir.QualifiedName, str], set[Reference]] = {}

    def using(self, target: Reference) -> list[tuple[ir.Table, ir.Policy]]:
        """The live policies that use ``target``, in a stable order."""
        return [(t, p) for key, (t, p) in sorted(self.live.items(), key=lambda kv: kv[0])
                if target in self.refs(t, p)]

    def refs(self, table: ir.Table, policy: ir.Policy) -> set[Reference]:
        key = (table.name, policy.name)
        if key not in self._refs:
            self._refs[key] = references(self.schema, table, policy)
        return self._refs[key]


def drop_referenced_by_policy(m: Migration) -> Iterator[Issue]:
    """A DROP COLUMN / DROP TABLE that a policy still depends on when it runs (ours).

    squawk's ban-drop-column / ban-drop-table flag every drop; here dropping data is
    acknowledged by `allow_destructive`, and this rule finds the drops that fail.
    """
    policies = _Policies(m.old)
    # (the policy's table before this migration, its name, the dropped table) already reported
    reported: set[tuple[ir.QualifiedName, str, ir.QualifiedName]] = set()
    dropped_tables = {c.table.name for c in m.changes if isinstance(c, DropTable)}
    for change in m.changes:
        if isinstance(change, DropPolicy):
            policies.live.pop((m.old_name(change.table), change.policy.name), None)
        elif isinstance(change, DropColumn):
            what = f'DROP COLUMN "{change.table}.{change.column.name}"'
            for table, policy in policies.using((m.old_name(change.table), change.column.name)):
                yield _drop_issue(m, what, table, policy, m.on_table(change.table))
        elif isinstance(change, DropTable):
            name = change.table.name
            for table, policy in policies.using((name, None)):
                if table.name != name:
                    reported.add((table.name, policy.name, name))
                    yield _drop_issue(m, f'DROP TABLE "{name}"', table, policy,
                                      dropped(f"table {name}"))
            for key in [k for k in policies.live if k[0] == name]:
                del policies.live[key]
        elif isinstance(change, (CreatePolicy, AlterPolicy)):
            policy_name = change.policy.name
            for target in _reads_dropped(m, change.policy, dropped_tables):
                if (m.old_name(change.table), policy_name, target) in reported:
                    continue
                verb = "CREATE POLICY" if isinstance(change, CreatePolicy) else "ALTER POLICY"
                yield Issue(
                    m.on_policy(change.table, policy_name) or m.on_table(change.table),
                    f'policy "{policy_name}" on "{change.table}" reads table "{target}", which '
                    f"this migration drops first: {verb} fails (relation does not exist)",
                    "remove the table from the policy, or keep the table",
                )


def _drop_issue(m: Migration, what: str, table: ir.Table, policy: ir.Policy,
                fallback: Subject) -> Issue:
    new_table = m.new_name(table.name)
    subject = m.on_policy(new_table, policy.name)
    if subject is None:
        why = f'its table "{table.name}" is dropped only later in the migration'
        subject = fallback
    elif m.policy_changed(new_table, policy.name):
        why = "the migration rewrites the policy only after the drop"
    else:
        why = "the spec keeps the policy unchanged"
    if subject is not fallback and fallback.owners:
        subject = also_owned_by(subject, *fallback.owners)
    return Issue(
        subject,
        f'{what} fails: policy "{policy.name}" on "{table.name}" still uses it at that point '
        f"({why}), and PostgreSQL refuses to drop what a policy depends on",
        "change or remove the policy in a migration of its own before this one; or rename the "
        "policy, which drops it before the drop and creates it again after",
    )


def _reads_dropped(m: Migration, policy: ir.Policy, dropped_tables: set[ir.QualifiedName]) -> list[ir.QualifiedName]:
    """Tables dropped by this migration that a created or altered policy reads."""
    found: list[ir.QualifiedName] = []
    for text in (policy.using, policy.with_check):
        tree = sqltree.parse(text) if text is not None else None
        for written, name in sqltree.relations(tree):
            for schema in ([written] if written else _SEARCH_PATH):
                candidate = ir.QualifiedName(schema, name)
                if m.new.table(candidate) is not None:
                    break
                if candidate in dropped_tables and candidate not in found:
                    found.append(candidate)
                    break
    return found


def rename_column_used_by_policy(m: Migration) -> Iterator[Issue]:
    """A column renamed under a policy that the spec leaves unchanged (ours).

    squawk's renaming-column flags every rename, for clients using the old name.
    """
    policies = _Policies(m.old)
    for change in m.changes:
        if not isinstance(change, RenameColumn):
            continue
        target = (m.old_name(change.table), change.old)
        renamed = m.new.table(change.table)
        for table, policy in policies.using(target):
            new_name = m.new_name(table.name)
            subject = m.on_policy(new_name, policy.name)
            if subject is None or m.policy_changed(new_name, policy.name):
                continue  # dropped, or rewritten with the spec's text: no mismatch left
            yield Issue(
                also_owned_by(subject, table_name(renamed)) if renamed else subject,
                f'policy "{policy.name}" on "{new_name}" uses column "{change.table}.{change.old}"'
                f', which this migration renames to "{change.new}": PostgreSQL updates the stored '
                f'policy to read "{change.new}", but the spec\'s policy is unchanged and still '
                f'says "{change.old}"{_now_reads(m, new_name, policy.name, change.old)}',
                f'write the policy with the new name, "{change.new}" (the migration then rewrites '
                "it too)",
            )


def _now_reads(m: Migration, table_name: ir.QualifiedName, policy: str, column: str) -> str:
    """What the spec's unchanged text means now, if it still resolves (to another table)."""
    table = m.new.table(table_name)
    found = next((p for p in table.policies if p.name == policy), None) if table else None
    if table is None or found is None:
        return ""
    others = sorted(str(t) for t, c in references(m.new, table, found) if c == column)
    if not others:
        return ""
    return (f', which now means "{others[0]}.{column}": the database and a fresh install from the '
            "spec would check different columns")
