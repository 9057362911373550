"""`codegen lint`: check the spec against the advisor rules (wired into codegen.cli).

Exit codes: 0 clean (info findings allowed), 1 findings at error level (or warnings
with ``--strict``), 2 invalid spec, configuration or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from codegen.cli import _fail_spec, _workspace, config_option
from codegen.diagnostics import SpecError
from codegen.output import format_option

EXIT_FINDINGS = 1


@click.command(name="lint")
@config_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@format_option("json: a list of findings {rule, level, file, line, column, message, hint, "
               "object}, for CI tools; spec errors as a list of diagnostics.")
def lint_command(config_file: Path | None, strict: bool, output_format: str) -> None:
    """Check the spec against Supabase's security and performance advisor rules."""
    from codegen.lint import failed, format_human, format_json, lint, summary
    from codegen.project import load_schema

    workspace = _workspace(config_file, output_format)
    try:
        schema = load_schema(workspace.spec_files)
    except SpecError as err:
        _fail_spec(err, workspace, output_format)
    findings = lint(schema)
    if output_format == "json":
        click.echo(format_json(findings), nl=False, color=False)
    else:
        # Styled always; click drops the colour off a terminal, with NO_COLOR or --color never.
        click.echo(format_human(findings, color=True), nl=False)
        click.echo(summary(findings))
    if failed(findings, strict):
        sys.exit(EXIT_FINDINGS)
