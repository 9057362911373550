"""Whether a database's default privileges are as the spec's entries say.

Each entry of the spec is an ``ALTER DEFAULT PRIVILEGES`` statement, and the catalog keeps
only their sum, on top of what was there before: Supabase itself grants every privilege on
new tables, sequences and functions in ``public`` to its API roles. So verify checks that
each statement holds — a grant's privileges are there, a revoke's are not — for its kind of
object, schema, owner and grantee. An entry that holds reads as itself; one that does not
reads as what the database has for that grantee instead (nothing, or its entries), so the
difference names both. Privileges granted beyond an entry are not drift.
"""

from __future__ import annotations

from dataclasses import replace

from codegen.live.introspect.default_privileges import full_privileges
from codegen.schema import ir

Target = tuple[str, str | None, str | None, str]

# PostgreSQL's built-in defaults beyond the owner's own (acldefault): PUBLIC may execute new
# functions and use new types. A global entry is read against them.
_BUILTIN_PUBLIC = {"functions": frozenset({"execute"}), "types": frozenset({"usage"})}


def held_default_privileges(database: tuple[ir.DefaultPrivilege, ...], spec: ir.Schema,
                            server_version: int) -> tuple[ir.DefaultPrivilege, ...]:
    """The database's default privileges as the spec's entries they satisfy, else as they
    are (``spec`` names every entry's owner: see
    :func:`codegen.live.introspect.default_privileges.with_owner`)."""
    found: list[ir.DefaultPrivilege] = []
    for entry in spec.default_privileges:
        target = _target(entry)
        effective = _effective(target, database, server_version)
        wanted = _expanded(entry, server_version)
        holds = wanted <= effective if entry.grant else not wanted & effective
        shown = [replace(entry, span=None)] if holds else [
            e for e in database if _target(e) == target]
        found.extend(e for e in shown if e not in found)
    return tuple(found)


def _target(entry: ir.DefaultPrivilege) -> Target:
    return entry.objects, entry.schema, entry.for_role, entry.role


def _expanded(entry: ir.DefaultPrivilege, server_version: int) -> set[str]:
    if "all" in entry.privileges:
        return set(full_privileges(entry.objects, server_version))
    return set(entry.privileges)


def _effective(target: Target, database: tuple[ir.DefaultPrivilege, ...],
               server_version: int) -> set[str]:
    """What new objects of the target's kind, schema and owner give its grantee. A
    per-schema entry adds to the global defaults; its own effect is what it grants."""
    objects, schema, owner, role = target
    granted: set[str] = set()
    revoked: set[str] = set()
    for entry in database:
        if _target(entry) == target:
            (granted if entry.grant else revoked).update(_expanded(entry, server_version))
    if schema is not None:
        return granted
    builtin = set(full_privileges(objects, server_version)) if role == owner else set(
        _BUILTIN_PUBLIC.get(objects, frozenset()) if role == "public" else ())
    return (builtin - revoked) | granted
