"""`codegen generate --watch`: regenerate while the spec is edited.

watchfiles (the Rust `notify` crate: inotify, FSEvents, ReadDirectoryChangesW; set
``WATCHFILES_FORCE_POLLING=1`` on network drives) reports changes to the spec files;
each batch of changes is one run, reported in one line. A run writes what
`codegen generate` would write *except a new migration*: the types, models and JSON
Schemas follow every save, while the migration is written once, when the spec is
ready, by ``codegen generate --name …`` (a migration per save would litter the history).
When the spec matches the last migration, the run is a full `generate`, so `codegen
check` passes afterwards.

An invalid spec (a half-typed key, a file saved mid-edit) prints its errors and
writes nothing; the next valid save is generated as usual. Ctrl-C, ``stop_event``
or ``max_runs`` ends the loop.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from codegen.cli.common import format_diagnostics
from codegen.cli.fs import read_workspace
from codegen.cli.output import count, ok
from codegen.cli.transaction import WriteError, project_lock, recover, write_files
from codegen.config import Config
from codegen.diagnostics import SpecError
from codegen.workspace import SIDE_FILE_SUFFIXES, SPEC_SUFFIXES

if TYPE_CHECKING:
    from threading import Event

# How often the watcher wakes without changes: bounds the delay of a stop request.
_TICK_MS = 200


@dataclass
class Run:
    """The outcome of one run, for the one-line report."""

    written: list[str] = field(default_factory=list)
    pending: int = 0  # changes that wait for `codegen generate --name …`
    error_count: int = 0  # > 0: nothing was written
    errors: str = ""  # the formatted diagnostics or problems

    def line(self) -> str:
        if self.error_count:
            return click.style(f"{count(self.error_count, 'error')}; nothing written "
                               "(fix the spec and save)", fg="red")
        text = f"wrote {', '.join(self.written)}" if self.written else "outputs up to date"
        if not self.pending:
            return ok(text)
        return (f"{text}; {count(self.pending, 'change')} not in a migration yet "
                "(`codegen generate --name …` writes the migration)")


def run_once(config: Config) -> Run:
    """Regenerate from the files on disk now; never writes a migration, never raises SpecError."""

    with project_lock(config.root):
        return _run_once(config)


def _run_once(config: Config) -> Run:
    from codegen.project import HistoryError, emit_outputs, generate, load_schema, pending_changes

    recover(config.root)
    workspace = None
    try:
        workspace = read_workspace(config)
        schema = load_schema(workspace.spec_files)
        pending = pending_changes(workspace, schema)
        if pending:
            writes = emit_outputs(schema, workspace)
        else:
            writes = generate(workspace, schema=schema).writes
    except SpecError as err:
        return Run(error_count=len(err.diagnostics), errors=format_diagnostics(err, workspace))
    except HistoryError as err:
        return Run(error_count=len(err.problems),
                   errors="\n".join(f"{p.path}: {p.message}" for p in err.problems))
    inputs = [config.file, *(config.root / path for path in workspace.spec_files)]
    try:
        return Run(write_files(config.root, writes, protected=inputs), len(pending))
    except WriteError as err:
        return Run(error_count=1, errors=f"cannot write {err.path}: {err.reason}")


def is_spec_file(path: str) -> bool:
    return path.endswith((*SPEC_SUFFIXES, *SIDE_FILE_SUFFIXES))


def watch_generate(config: Config, *, stop_event: Event | None = None,
                   max_runs: int | None = None,
                   echo: Callable[..., None] = click.echo) -> int:
    """Run once, then once per batch of spec changes; return the number of change runs."""
    from watchfiles import DefaultFilter, watch

    spec_dir = config.root / config.schema
    if not spec_dir.is_dir():
        raise click.UsageError(f"spec folder {config.schema}/ not found; create it or run "
                               "`codegen init`")
    default_filter = DefaultFilter()

    outputs = {str(config.root / p) for p in config.outputs.values() if p is not None}

    def spec_changes(change: object, path: str) -> bool:
        return is_spec_file(path) and path not in outputs \
            and default_filter(change, path)  # type: ignore[arg-type]

    def run_and_report(what: str) -> None:
        gc.disable()  # a run goes without the cycle collector, like a one-shot command
        try:
            run = run_once(config)
            echo(f"{time.strftime('%H:%M:%S')} {what}: {run.line()}")
            if run.errors:
                echo(run.errors, err=True)
        finally:
            gc.enable()
        gc.collect()  # the run's garbage goes now, while nothing waits

    runs = 0
    watcher = watch(spec_dir, watch_filter=spec_changes, stop_event=stop_event,
                    rust_timeout=_TICK_MS, yield_on_timeout=True)
    try:
        started = False
        for changes in watcher:
            if not started:
                # The watcher exists from here on: a save during the first run is not lost.
                started = True
                run_and_report("initial run")
                echo(f"watching {config.schema}/ for changes to *.yaml (Ctrl-C stops)")
                if not changes:
                    continue
            if not changes:
                continue
            changed = sorted({_relative(config.root, path) for _, path in changes})
            run_and_report(f"{', '.join(changed)} changed")
            runs += 1
            if max_runs is not None and runs >= max_runs:
                break
    except KeyboardInterrupt:  # Ctrl-C, in the watcher or during a run: a normal way out
        pass
    finally:
        watcher.close()
    echo("stopped watching")
    return runs


def _relative(root: Path, path: str) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return path
