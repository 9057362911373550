"""``codegen pull``: an existing database (or a folder of SQL migrations applied to the
scratch server) written as spec files.

What the spec cannot express is a warning naming the object, never dropped silently; the
written spec is loaded back through the spec's own checks, and what they reject is a
warning too (the files need a hand edit before ``codegen generate``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import psycopg

from codegen.diagnostics import SpecError
from codegen.live.apply import apply_migration
from codegen.live.connection import connect, privilege_error
from codegen.live.introspect import Introspection, introspect
from codegen.live.introspect.default_privileges import without_owner
from codegen.live.server import ScratchServer
from codegen.live.spec_writer import write_spec
from codegen.schema import ir
from codegen.schema.lower import lower
from codegen.schema.supabase import EXTERNAL_TABLES
from codegen.spec.load import load_documents
from codegen.spec.shape import validate_documents

NOTE = "Pulled by `codegen pull`: this is your spec now; edit it, then `codegen generate`."


@dataclass(frozen=True)
class Pulled:
    """The spec files written for a database (file name -> text) and the warnings."""

    files: dict[str, str]
    schema: ir.Schema
    warnings: tuple[str, ...]


def pull_database(url: str, schemas: Sequence[str]) -> Pulled:
    """Read ``schemas`` of the database at ``url`` (read-only) into spec files."""
    with connect(url) as conn:
        try:
            found = introspect(conn, schemas)
        except psycopg.Error as err:
            raise privilege_error(err, url) from None
    return _pulled(found)


def pull_migrations(server: ScratchServer, migrations: Sequence[tuple[str, str]],
                    schemas: Sequence[str]) -> Pulled:
    """Apply ``migrations`` (name, text) to a scratch database, then pull it."""
    with server.database() as url, connect(url) as conn:
        for name, text in migrations:
            apply_migration(conn, name, text)
        return _pulled(introspect(conn, schemas))


def _pulled(found: Introspection) -> Pulled:
    schema = without_owner(found.schema, found.user)
    warnings = list(found.warnings)
    pulled = {t.name for t in schema.tables}
    for table in schema.tables:
        for fk in table.foreign_keys:
            if fk.target not in pulled and fk.target not in EXTERNAL_TABLES:
                warnings.append(f"foreign key {fk.name} on {table.name}: targets {fk.target}, "
                                "which is not pulled (add its schema with --schema)")
    files = write_spec(schema, NOTE)
    warnings.extend(_spec_problems(files))
    return Pulled(files, schema, tuple(warnings))


def _spec_problems(files: dict[str, str]) -> list[str]:
    if not files:
        return []
    try:
        lower(validate_documents(load_documents(sorted(files.items()))))
    except SpecError as err:
        return [f"the written spec needs an edit: {d.format({})}" for d in err.diagnostics]
    return []
