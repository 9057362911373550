"""What the commands share: loading the configuration and workspace, failing on bad input
with the right exit code, reporting problems, the generator cache.

Exit codes: 0 clean, 1 drift found (check), 2 invalid input or usage.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from codegen.cli.fs import read_workspace
from codegen.cli.output import (
    count,
    diagnostic_dict,
    echo_json,
    problem_dict,
    style_diagnostic,
    style_diff,
)
from codegen.cli.transaction import JOURNAL, WriteError, project_lock, recover, write_files
from codegen.config import Config, ConfigError, find_config
from codegen.diagnostics import Diagnostic, SpecError
from codegen.workspace import Workspace

EXIT_DRIFT = 1
EXIT_INVALID = 2


def fail_spec(err: SpecError, workspace: Workspace | None,
               output_format: str = "human") -> NoReturn:
    """Report every diagnostic (stderr, or the JSON list on stdout) and exit 2."""
    if output_format == "json":
        echo_json([diagnostic_dict(d) for d in err.diagnostics])
        sys.exit(EXIT_INVALID)
    click.echo(format_diagnostics(err, workspace), err=True)
    click.echo(f"{count(len(err.diagnostics), 'error')}; nothing was written", err=True)
    sys.exit(EXIT_INVALID)


def format_diagnostics(err: SpecError, workspace: Workspace | None) -> str:
    sources: dict[str, list[str]] = {}
    if workspace is not None:
        sources = {p: t.splitlines() for p, t in workspace.spec_files.items()}
    return "\n".join(style_diagnostic(d, sources) for d in err.diagnostics)


def fail_config(err: ConfigError, output_format: str = "human") -> NoReturn:
    if output_format == "json":
        fail_spec(SpecError([Diagnostic(None, "E010", str(err))]), None, output_format)
    click.echo(f"{click.style('error', fg='red', bold=True)}: {err}", err=True)
    sys.exit(EXIT_INVALID)


def load_config(config_file: Path | None, output_format: str = "human") -> Config:
    try:
        return find_config(Path.cwd(), config_file)
    except ConfigError as err:
        fail_config(err, output_format)
    except SpecError as err:
        fail_spec(err, None, output_format)


def load_workspace(config_file: Path | None, output_format: str = "human",
                   config: Config | None = None) -> Workspace:
    """The configuration and every input, after finishing an interrupted write (if any)."""
    if config is None:
        config = load_config(config_file, output_format)
    if (config.root / JOURNAL).exists():
        with lock(config):
            note = recover(config.root)
        if note:
            click.echo(f"note: {note}", err=True)
    try:
        return read_workspace(config)
    except SpecError as err:
        fail_spec(err, None, output_format)


def lock(config: Config) -> Any:
    """The project's lock (a context manager); says so when another run holds it."""
    def waiting() -> None:
        click.echo("waiting for another codegen run in this project to finish…", err=True)
    return project_lock(config.root, waiting)


def write_or_fail(workspace: Workspace, files: dict[str, str],
                  output_format: str = "human") -> list[str]:
    """Write ``files`` all or nothing; on an OSError, say which path and exit 2."""
    config = workspace.config
    inputs = [config.file, *(config.root / path for path in workspace.spec_files)]
    try:
        return write_files(config.root, files, protected=inputs)
    except WriteError as err:
        fail_write(err, output_format)


def fail_write(err: WriteError, output_format: str = "human") -> NoReturn:
    message = f"cannot write {err.path}: {err.reason}; nothing was written"
    if output_format == "json":
        echo_json([diagnostic_dict(Diagnostic(None, "E031", message))])
        sys.exit(EXIT_INVALID)
    click.echo(f"{click.style('error', fg='red', bold=True)}: {message}", err=True)
    sys.exit(EXIT_INVALID)


CACHE_DIR = ".codegen-cache"


def use_cache(config: Config, no_cache: bool) -> None:
    """The generator cache beside pyproject.toml (content-addressed; safe to delete)."""
    from codegen.emit import cache

    cache.use(None if no_cache else config.root / CACHE_DIR)


def report_problems(problems: list[Any], output_format: str = "human") -> None:
    if output_format == "json":
        echo_json([problem_dict(p) for p in problems])
        return
    for problem in problems:
        click.echo(f"{click.style(problem.path, bold=True)}: {problem.message}", err=True)
        if problem.diff:
            click.echo(style_diff(problem.diff.rstrip("\n")), err=True)


config_option: Callable[[Callable[..., Any]], Callable[..., Any]] = click.option(
    "--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
    help="pyproject.toml to use instead of searching upward from the current directory.",
)
