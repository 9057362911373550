"""`codegen verify`: apply the migrations to a throwaway PostgreSQL (or read an existing
database, read-only) and compare the catalog with the spec; run the spec's RLS tests.

Exit codes: 0 the database matches the spec and every test passed, 1 differences or failed
tests (each reported at its spec file:line), 2 invalid spec, configuration, usage or a
database that cannot be used (one line; passwords are never printed).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from codegen.cli.common import EXIT_DRIFT, EXIT_INVALID, config_option, fail_spec, load_workspace
from codegen.cli.output import count, echo_json, format_option, ok
from codegen.diagnostics import Span, SpecError

DATABASE_URL_ENV = "CODEGEN_DATABASE_URL"


def fail_live(message: str, output_format: str = "human") -> None:
    """One clear line (or a JSON error) and exit 2."""
    if output_format == "json":
        echo_json({"error": message})
    else:
        click.echo(f"{click.style('error', fg='red', bold=True)}: {message}", err=True)
    sys.exit(EXIT_INVALID)


def _where(span: Span | None) -> dict[str, Any]:
    if span is None:
        return {"file": None, "line": None, "column": None}
    return {"file": span.file, "line": span.line, "column": span.col}


@click.command(name="verify")
@config_option
@click.option("--database-url", envvar=DATABASE_URL_ENV, metavar="URL",
              help="Check this database instead (read-only: one transaction, rolled back). "
                   f"Also ${DATABASE_URL_ENV}.")
@format_option("json: {differences, tests, warnings}; errors as {error}.")
def verify_command(config_file: Path | None, database_url: str | None, output_format: str) -> None:
    """Prove the migrations produce the spec on PostgreSQL, and run the spec's RLS tests.

    Without --database-url: a throwaway embedded PostgreSQL (its initialised data directory
    cached per user) gets the Supabase stand-in and every migration in order. With it: that
    database is compared with the spec (drift made by hand), nothing written.
    """
    from codegen.live.apply import MigrationFailed
    from codegen.live.errors import LiveError
    from codegen.live.server import scratch_server
    from codegen.live.verify import verify_database, verify_migrations
    from codegen.project import load_schema

    workspace = load_workspace(config_file, output_format)
    try:
        spec = load_schema(workspace.spec_files)
    except SpecError as err:
        fail_spec(err, workspace, output_format)
    folder = workspace.migrations
    migrations = [(workspace.migration_path(name), folder.files[name]) for name in folder.migrations]
    try:
        with scratch_server() as server:
            if database_url:
                result = verify_database(server, spec, database_url)
            else:
                result = verify_migrations(server, spec, migrations)
    except LiveError as err:
        fail_live(str(err), output_format)
        return
    except MigrationFailed as err:
        _report_failed_migration(str(err), output_format)
        return
    if output_format == "json":
        echo_json({
            "differences": [{**_where(d.span), "message": d.message} for d in result.differences],
            "tests": [{**_where(t.span), "table": str(t.table), "name": t.test.name,
                       "role": t.test.role, "passed": t.passed, "happened": t.happened}
                      for t in result.tests],
            "warnings": list(result.warnings),
        })
    else:
        for warning in result.warnings:
            click.echo(f"{click.style('warning', fg='yellow')}: {warning}", err=True)
        for difference in result.differences:
            click.echo(difference.line())
        for outcome in result.tests:
            if not outcome.passed:
                click.echo(outcome.line())
        _summary(result, database_url is not None, len(migrations), spec)
    if not result.clean:
        sys.exit(EXIT_DRIFT)


def _summary(result: Any, live: bool, migrations: int, spec: Any) -> None:
    source = "the database" if live else f"the migrations ({migrations} applied in order)"
    failed = sum(not t.passed for t in result.tests)
    tests = (f"; {count(len(result.tests), 'RLS test')}, {failed} failed" if result.tests
             else "")
    if result.differences or failed:
        click.echo(f"{count(len(result.differences), 'difference')} between {source} and the "
                   f"spec{tests}", err=True)
        if not live and migrations == 0:
            click.echo("no migration files yet: `codegen generate` writes the first one",
                       err=True)
        return
    owned = [t for t in spec.tables if not t.external]
    objects = f"{count(len(owned), 'table')}, {count(len(spec.enums), 'enum')}"
    triggers = sum(len(t.triggers) for t in spec.tables)
    for number, noun in ((len(spec.functions), "function"), (triggers, "trigger"),
                         (len(spec.extensions), "extension"), (len(spec.views), "view"),
                         (len(spec.buckets), "bucket")):
        objects += f", {count(number, noun)}" if number else ""
    passed = f"; {count(len(result.tests), 'RLS test')} passed" if result.tests else ""
    verb = "matches" if live else "produce"
    click.echo(ok(f"ok: {source} {verb} the spec exactly ({objects}){passed}"))


def _report_failed_migration(message: str, output_format: str) -> None:
    if output_format == "json":
        echo_json({"differences": [{"file": None, "line": None, "column": None,
                                    "message": f"migration failed: {message}"}],
                   "tests": [], "warnings": []})
    else:
        click.echo(f"migration failed: {message}")
        click.echo("the migrations do not apply on a fresh Supabase database", err=True)
    sys.exit(EXIT_DRIFT)
