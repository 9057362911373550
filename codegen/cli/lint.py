"""`codegen lint`: check the spec against the advisor rules and the next migration against the
migration-safety rules (added to the command group in codegen.cli.app).

Exit codes: 0 clean (info findings allowed), 1 findings at error level (or warnings
with ``--strict``), 2 invalid spec, configuration or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from codegen.cli.common import config_option, fail_spec, load_workspace
from codegen.cli.output import format_option
from codegen.diagnostics import SpecError

EXIT_FINDINGS = 1
EXIT_USAGE = 2

@click.command(name="lint")
@config_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option("--schema-only", is_flag=True,
              help="Only the advisor rules on the spec, not the migration-safety rules.")
@click.option("--migration-only", is_flag=True,
              help="Only the migration-safety rules on the next migration (what `codegen diff` "
                   "lists); nothing pending, nothing found.")
@click.option("--concurrent-indexes", is_flag=True,
              help="Lint the migration as `codegen generate --concurrent-indexes` writes it.")
@format_option("json: a list of findings {rule, level, file, line, column, message, hint, "
               "object}, for CI tools; spec errors as a list of diagnostics.")
def lint_command(config_file: Path | None, strict: bool, schema_only: bool,
                 migration_only: bool, concurrent_indexes: bool, output_format: str) -> None:
    """Check the spec against Supabase's advisor rules, and the migration that
    `codegen generate` would write next against the migration-safety rules."""
    from codegen.lint import failed, format_human, format_json, lint, pending_migration, summary
    from codegen.migrate.history import read_history
    from codegen.schema.spec_files import load_schema

    if schema_only and migration_only:
        raise click.UsageError("--schema-only and --migration-only exclude each other")
    workspace = load_workspace(config_file, output_format)
    try:
        schema = load_schema(workspace.spec_files)
    except SpecError as err:
        fail_spec(err, workspace, output_format)
    migration = None
    if not schema_only:
        # The schema the last generated migration leaves behind, as `codegen diff` compares.
        migration = pending_migration(read_history(workspace.migrations).latest, schema,
                                      concurrent_indexes=concurrent_indexes)
    findings = lint(schema, migration, schema_rules=not migration_only)
    if output_format == "json":
        click.echo(format_json(findings), nl=False, color=False)
    else:
        # Styled always; click drops the colour off a terminal, with NO_COLOR or --color never.
        click.echo(format_human(findings, color=True), nl=False)
        click.echo(summary(findings))
    if failed(findings, strict):
        sys.exit(EXIT_FINDINGS)
