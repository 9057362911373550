"""The `codegen` command: a thin client of :mod:`codegen.project`.

Exit codes: 0 clean, 1 drift found (check), 2 invalid input or usage.
Output: see :mod:`codegen.cli.output` (colour, ``--format json``) and docs/workflow.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from codegen import __version__
from codegen.cli.common import (
    EXIT_DRIFT,
    EXIT_INVALID,
    config_option,
    fail_spec,
    fail_write,
    load_config,
    load_workspace,
    lock,
    report_problems,
    use_cache,
    write_or_fail,
)
from codegen.cli.lint import lint_command
from codegen.cli.output import (
    change_dict,
    count,
    echo_json,
    format_option,
    ok,
    style_change,
)
from codegen.cli.pull import pull_command
from codegen.cli.transaction import WriteError, write_files
from codegen.cli.verify import verify_command
from codegen.config import Config
from codegen.diagnostics import SpecError
from codegen.migrate.manifest import is_current
from codegen.workspace import SPEC_SUFFIXES

# The generators load only in the commands that need them (codegen.project imports
# them): a clean `codegen check` is proven from hashes alone, in a few milliseconds.

def _print_versions(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    # Worked out only when asked: reading package metadata costs every other command time.
    if not value or ctx.resilient_parsing:
        return
    from codegen.migrate.manifest import library_version

    click.echo(f"codegen {__version__} (sqlglot {library_version('sqlglot')}, "
               f"datamodel-code-generator {library_version('datamodel-code-generator')})")
    ctx.exit()


_JSON_ERRORS = ("json: one JSON document on stdout (docs/workflow.md); "
                "spec errors are a list of diagnostics.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_versions, help="Show the version and exit.")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]),
              default="auto", show_default=True,
              help="Colour in human output: auto = only on a terminal and without NO_COLOR.")
@click.pass_context
def main(ctx: click.Context, color: str) -> None:
    """Schema-as-code for Supabase: one YAML spec -> SQL migrations, pydantic and TypeScript.

    Shell completion: eval "$(_CODEGEN_COMPLETE=bash_source codegen)" (zsh_source, fish_source).
    """
    if color == "always":
        ctx.color = True
    elif color == "never" or os.environ.get("NO_COLOR"):
        ctx.color = False  # https://no-color.org: any non-empty value


@main.command()
@config_option
@format_option("json: [] when the spec is valid, else the list of diagnostics.")
def validate(config_file: Path | None, output_format: str) -> None:
    """Check the spec and print every error with its location. Writes nothing."""
    from codegen.schema.spec_files import load_schema

    workspace = load_workspace(config_file, output_format)
    try:
        schema = load_schema(workspace.spec_files)
    except SpecError as err:
        fail_spec(err, workspace, output_format)
    if output_format == "json":
        echo_json([])
        return
    click.echo(ok(f"ok: {len(schema.tables)} tables, {len(schema.enums)} enums in "
                  f"{sum(p.endswith(SPEC_SUFFIXES) for p in workspace.spec_files)} "
                  "spec file(s)"))


@main.command(name="generate")
@config_option
@click.option("--name", help="Name of the new migration (NNN_<name>.sql).")
@click.option("--allow-destructive", is_flag=True,
              help="Accept changes that may lose data (drops, narrowing types, SET NOT NULL).")
@click.option("--no-cache", is_flag=True,
              help="Regenerate everything even when the recorded digests prove it current.")
@click.option("--concurrent-indexes", is_flag=True,
              help="Build new indexes on existing tables with CREATE INDEX CONCURRENTLY, in a "
                   "migration file of their own that runs outside a transaction.")
@click.option("--watch", is_flag=True,
              help="Keep running: regenerate the types and models whenever a spec file changes "
                   "(never writes a migration; Ctrl-C stops).")
@click.option("--watch-runs", type=click.IntRange(min=1), hidden=True,
              help="Stop watching after this many runs triggered by changes (for tests).")
@format_option("json: {migrations, changes, written}; errors as diagnostics.")
def generate_command(config_file: Path | None, name: str | None, allow_destructive: bool,
                     no_cache: bool, concurrent_indexes: bool, watch: bool,
                     watch_runs: int | None, output_format: str) -> None:
    """Write every output; a new migration only when the spec changed."""
    if watch:
        for flag, given in (("--name", name), ("--allow-destructive", allow_destructive),
                            ("--format json", output_format == "json")):
            if given:
                raise click.UsageError(
                    f"--watch cannot be combined with {flag}: watching regenerates the types "
                    "and models only; write the migration with `codegen generate --name …`")
        from codegen.cli.watch import watch_generate

        config = load_config(config_file)
        use_cache(config, no_cache)
        watch_generate(config, max_runs=watch_runs)
        return
    config = load_config(config_file, output_format)
    # One writer at a time: a second run waits, then reads what the first one wrote.
    with lock(config):
        _generate(config, name, allow_destructive, no_cache, concurrent_indexes, output_format)


def _generate(config: Config, name: str | None, allow_destructive: bool, no_cache: bool,
              concurrent_indexes: bool, output_format: str) -> None:
    workspace = load_workspace(None, output_format, config)
    if not no_cache and is_current(workspace):
        if output_format == "json":
            echo_json({"migrations": [], "changes": [], "written": []})
            return
        click.echo("schema unchanged: no new migration; every output is up to date")
        return
    from codegen.cli.aside import aside
    from codegen.migrate.changes import summary
    from codegen.project import HistoryError, generate

    use_cache(workspace.config, no_cache)

    try:
        result = generate(workspace, name, allow_destructive, concurrent_indexes, aside=aside)
    except SpecError as err:
        fail_spec(err, workspace, output_format)
    except HistoryError as err:
        report_problems(err.problems, output_format)
        if output_format != "json":
            click.echo("refusing to generate on top of a damaged migration history", err=True)
        sys.exit(EXIT_DRIFT)
    changed = write_or_fail(workspace, result.writes, output_format)
    if output_format == "json":
        echo_json({"migrations": result.migrations,
                   "changes": [change_dict(c) for c in result.changes],
                   "written": changed})
        return
    if result.migrations:
        # One write for the whole list: 14,000 changes echoed one by one took a quarter second.
        click.echo("\n".join([ok(f"new migration {', '.join(result.migrations)}:"),
                               *(f"  {style_change(summary(change))}"
                                 for change in result.changes)]))
    else:
        click.echo("schema unchanged: no new migration")
    for path in changed:
        if path not in result.migrations:
            click.echo(f"wrote {path}")


@main.command(name="diff")
@config_option
@format_option("json: a list of {summary, kind, destructive_key}.")
def diff_command(config_file: Path | None, output_format: str) -> None:
    """Print the changes the next migration would make, without writing anything."""
    from codegen.migrate.changes import destructive_key, summary
    from codegen.project import pending_changes

    workspace = load_workspace(config_file, output_format)
    try:
        changes = pending_changes(workspace)
    except SpecError as err:
        fail_spec(err, workspace, output_format)
    if output_format == "json":
        echo_json([change_dict(c) for c in changes])
        return
    if not changes:
        click.echo("no changes: the spec matches the last generated migration")
        return
    click.echo("\n".join(style_change(summary(change), destructive_key(change))
                          for change in changes))


@main.command(name="check")
@config_option
@click.option("--no-cache", is_flag=True,
              help="Regenerate in memory even when the recorded digests prove every file current.")
@format_option("json: a list of problems {path, message, diff}; [] when all is current.")
def check_command(config_file: Path | None, no_cache: bool, output_format: str) -> None:
    """Exit 1 with a diff when any committed output is stale or was edited by hand."""
    workspace = load_workspace(config_file, output_format)
    if not no_cache and is_current(workspace):
        _check_ok(output_format)
        return
    from codegen.project import check

    use_cache(workspace.config, no_cache)

    try:
        problems = check(workspace)
    except SpecError as err:
        fail_spec(err, workspace, output_format)
    if problems:
        report_problems(problems, output_format)
        if output_format != "json":
            click.echo(f"{count(len(problems), 'problem')}: outputs are not in sync with the spec",
                       err=True)
        sys.exit(EXIT_DRIFT)
    _check_ok(output_format)


def _check_ok(output_format: str) -> None:
    if output_format == "json":
        echo_json([])
    else:
        click.echo(ok("ok: every output is up to date"))


@main.command(name="baseline")
@config_option
def baseline_command(config_file: Path | None) -> None:
    """Adopt an existing database: record the spec as already applied, write no migration."""
    from codegen.project import make_baseline

    config = load_config(config_file)
    with lock(config):
        workspace = load_workspace(None, config=config)
        try:
            files = make_baseline(workspace)
        except SpecError as err:
            fail_spec(err, workspace)
        written = write_or_fail(workspace, files)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo("baseline recorded: the next `codegen generate --name …` holds only later changes")


@main.command(name="spec-schema")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the schema to this file instead of printing it.")
def spec_schema_command(output: Path | None) -> None:
    """Print the JSON Schema of the spec format (for editors' YAML language servers).

    `codegen generate` also writes it to the `spec_schema` output (default: spec.schema.json
    beside the spec files), and `codegen check` reports it when stale.
    """
    from codegen.spec.json_schema import render_spec_schema

    text = render_spec_schema()
    if output is None:
        click.echo(text, nl=False, color=False)
        return
    try:
        changed = write_files(output.absolute().parent, {output.name: text}, journal=False)
    except WriteError as err:
        fail_write(err)
    click.echo(f"wrote {output}" if changed else f"{output} is up to date", err=True)


@main.command(name="init")
@click.option("--supabase/--no-supabase", default=None,
              help="Supabase layout: migrations in supabase/migrations, types in src/types/. "
                   "Default: on when supabase/config.toml exists.")
@click.option("--schema", "schema_dir", default="schema", show_default=True,
              help="Folder of the spec files.")
def init_command(supabase: bool | None, schema_dir: str) -> None:
    """Set up codegen here: [tool.codegen] in pyproject.toml and a starter spec.

    Never overwrites a file: refuses when pyproject.toml already has [tool.codegen].
    """
    from codegen.cli.init import InitError, plan_init

    root = Path.cwd()
    try:
        plan = plan_init(root, supabase=supabase, schema=schema_dir)
    except InitError as err:
        click.echo(f"{click.style('error', fg='red', bold=True)}: {err}", err=True)
        sys.exit(EXIT_INVALID)
    for note in plan.notes:
        click.echo(note)
    try:
        written = write_files(root, plan.files, journal=False)
    except WriteError as err:
        fail_write(err)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo("next: `codegen generate` writes the first migration, models and types; "
               "`codegen check` keeps them current (README: pre-commit and CI)")



main.add_command(lint_command)
main.add_command(verify_command)
main.add_command(pull_command)
