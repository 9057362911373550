"""The `codegen` command: a thin client of :mod:`codegen.project`.

Exit codes: 0 clean, 1 drift found (check), 2 invalid input or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from codegen import __version__
from codegen.config import Config, ConfigError, find_config
from codegen.diagnostics import SpecError
from codegen.fs import read_workspace, write_files
from codegen.manifest import is_current
from codegen.workspace import Workspace

# The generators load only in the commands that need them (codegen.project imports
# them): a clean `codegen check` is proven from hashes alone, in a few milliseconds.

EXIT_DRIFT = 1
EXIT_INVALID = 2


def _versions() -> str:
    from importlib.metadata import version

    return (f"codegen {__version__} (sqlglot {version('sqlglot')}, "
            f"datamodel-code-generator {version('datamodel-code-generator')})")


def _fail_spec(err: SpecError, workspace: Workspace | None) -> None:
    sources: dict[str, list[str]] = {}
    if workspace is not None:
        sources = {p: t.splitlines() for p, t in workspace.spec_files.items()}
    for diagnostic in err.diagnostics:
        click.echo(diagnostic.format(sources), err=True)
    count = len(err.diagnostics)
    click.echo(f"{count} error{'s' if count != 1 else ''}; nothing was written", err=True)
    sys.exit(EXIT_INVALID)


def _workspace(config_file: Path | None) -> Workspace:
    try:
        config: Config = find_config(Path.cwd(), config_file)
        return read_workspace(config)
    except ConfigError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(EXIT_INVALID)
    except SpecError as err:
        _fail_spec(err, None)
        raise


def _report(problems: list[Any]) -> None:
    for problem in problems:
        click.echo(f"{problem.path}: {problem.message}", err=True)
        if problem.diff:
            click.echo(problem.diff.rstrip("\n"), err=True)


config_option = click.option(
    "--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
    help="pyproject.toml to use instead of searching upward from the current directory.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(message="%(version)s", version=_versions())
def main() -> None:
    """Schema-as-code for Supabase: one YAML spec -> SQL migrations, pydantic and TypeScript."""


@main.command()
@config_option
def validate(config_file: Path | None) -> None:
    """Check the spec and print every error with its location. Writes nothing."""
    from codegen.project import load_schema

    workspace = _workspace(config_file)
    try:
        schema = load_schema(workspace.spec_files)
    except SpecError as err:
        _fail_spec(err, workspace)
    click.echo(f"ok: {len(schema.tables)} tables, {len(schema.enums)} enums in "
               f"{len(workspace.spec_files)} spec file(s)")


@main.command(name="generate")
@config_option
@click.option("--name", help="Name of the new migration (NNN_<name>.sql).")
@click.option("--allow-destructive", is_flag=True,
              help="Accept changes that may lose data (drops, narrowing types, SET NOT NULL).")
@click.option("--no-cache", is_flag=True,
              help="Regenerate everything even when the recorded digests prove it current.")
def generate_command(config_file: Path | None, name: str | None, allow_destructive: bool,
                     no_cache: bool) -> None:
    """Write every output; a new migration only when the spec changed."""
    workspace = _workspace(config_file)
    if not no_cache and is_current(workspace):
        click.echo("schema unchanged: no new migration; every output is up to date")
        return
    from codegen.changes import summary
    from codegen.project import HistoryError, generate

    try:
        result = generate(workspace, name, allow_destructive)
    except SpecError as err:
        _fail_spec(err, workspace)
    except HistoryError as err:
        _report(err.problems)
        click.echo("refusing to generate on top of a damaged migration history", err=True)
        sys.exit(EXIT_DRIFT)
    changed = write_files(workspace.config.root, result.writes)
    if result.migrations:
        click.echo(f"new migration {', '.join(result.migrations)}:")
        for change in result.changes:
            click.echo(f"  {summary(change)}")
    else:
        click.echo("schema unchanged: no new migration")
    for path in changed:
        if path not in result.migrations:
            click.echo(f"wrote {path}")


@main.command(name="diff")
@config_option
def diff_command(config_file: Path | None) -> None:
    """Print the changes the next migration would make, without writing anything."""
    from codegen.changes import destructive_key, summary
    from codegen.project import pending_changes

    workspace = _workspace(config_file)
    try:
        changes = pending_changes(workspace)
    except SpecError as err:
        _fail_spec(err, workspace)
    if not changes:
        click.echo("no changes: the spec matches the last generated migration")
        return
    for change in changes:
        key = destructive_key(change)
        click.echo(summary(change) + (f"   [destructive: {key}]" if key else ""))


@main.command(name="check")
@config_option
@click.option("--no-cache", is_flag=True,
              help="Regenerate in memory even when the recorded digests prove every file current.")
def check_command(config_file: Path | None, no_cache: bool) -> None:
    """Exit 1 with a diff when any committed output is stale or was edited by hand."""
    workspace = _workspace(config_file)
    if not no_cache and is_current(workspace):
        click.echo("ok: every output is up to date")
        return
    from codegen.project import check

    try:
        problems = check(workspace)
    except SpecError as err:
        _fail_spec(err, workspace)
    if problems:
        _report(problems)
        click.echo(f"{len(problems)} problem(s): outputs are not in sync with the spec", err=True)
        sys.exit(EXIT_DRIFT)
    click.echo("ok: every output is up to date")


@main.command(name="baseline")
@config_option
def baseline_command(config_file: Path | None) -> None:
    """Adopt an existing database: record the spec as already applied, write no migration."""
    from codegen.project import make_baseline

    workspace = _workspace(config_file)
    try:
        files = make_baseline(workspace)
    except SpecError as err:
        _fail_spec(err, workspace)
    for path in write_files(workspace.config.root, files):
        click.echo(f"wrote {path}")
    click.echo("baseline recorded: the next `codegen generate --name …` holds only later changes")


from codegen.lint_command import lint_command  # noqa: E402  (it reuses the helpers above)

main.add_command(lint_command)
