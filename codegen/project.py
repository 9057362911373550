"""The public API: everything the CLI does, as pure functions over file contents.

The CLI reads files into mappings of relative path -> text, calls these, and
writes or compares what comes back. Nothing here touches the file system.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from codegen.diagnostics import Diagnostic, Span, SpecError
from codegen.migrate.changes import Change, summary
from codegen.migrate.compare import compare
from codegen.migrate.history import (
    DamagedSnapshot,
    History,
    new_migration,
    read_history,
    render_sum,
    reproduce,
)
from codegen.migrate.manifest import MANIFEST_FILE, render_manifest
from codegen.migrate.plan import plan
from codegen.migrate.safety import check_changes
from codegen.migrate.snapshot import table_lines, to_json
from codegen.migrate.sums import parse_sums, sha256
from codegen.schema import ir
from codegen.schema.spec_files import load_schema as load_schema  # noqa: PLC0414 - public API
from codegen.workspace import (
    BASELINE_FILE,
    SPLIT_SUFFIXES_TEXT,
    SUM_FILE,
    Workspace,
    is_reserved_migration_name,
)

P = ParamSpec("P")
R = TypeVar("R")


def _reporting_damaged_snapshots(function: Callable[Concatenate[Workspace, P], R]
                                 ) -> Callable[Concatenate[Workspace, P], R]:
    """A snapshot that cannot be read becomes a located error (E024), not a traceback."""
    def wrapper(workspace: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(workspace, *args, **kwargs)
        except DamagedSnapshot as err:
            path = workspace.migration_path(err.path)
            raise SpecError([Diagnostic(
                Span(path, err.error.line, err.error.column), "E024",
                f"cannot read this snapshot of the migration history: {err.error.message}",
                hint=f"restore it from version control (git checkout -- {path}); "
                     "codegen writes these files, never edit them")]) from None
    functools.update_wrapper(wrapper, function)
    return wrapper


# Output kind -> emitter(schema, current text of the file or None, API schemas) -> new text.
Emitter = Callable[[ir.Schema, str | None, tuple[str, ...]], str]



def _emitters() -> dict[str, Emitter]:
    # Imported on use: `codegen validate` and `diff` never pay for the generators.
    from codegen.emit.database_types import emit_database_types
    from codegen.emit.json_schema import emit_json_schema
    from codegen.emit.pydantic_models import emit_pydantic
    from codegen.emit.spec_schema import emit_spec_schema
    from codegen.emit.typed_database import emit_typed_database
    from codegen.emit.typescript import emit_typescript
    from codegen.emit.zod import emit_zod

    return {
        "database_types": lambda s, e, api: emit_database_types(s, e, schemas=api),
        "json_schema": lambda s, e, api: emit_json_schema(s, e, schemas=api),
        "pydantic": lambda s, e, api: emit_pydantic(s, e, schemas=api),
        "typescript": lambda s, e, api: emit_typescript(s, e, schemas=api),
        "spec_schema": lambda s, e, api: emit_spec_schema(s, e),
        "zod": lambda s, e, api: emit_zod(s, e),
        "typed_database": lambda s, e, api: emit_typed_database(s, e, schemas=api),
    }


def _pending(latest: ir.Schema, schema: ir.Schema) -> list[Change]:
    """The changes from the last generated migration's schema to the spec's, in run order."""
    return plan(compare(latest, schema))


def emit_outputs(schema: ir.Schema, workspace: Workspace) -> dict[str, str]:
    """The non-migration outputs (types, models), path -> text."""
    from codegen.emit.typescript import RegionError

    result = {}
    for kind, emitter in sorted(_emitters().items()):
        path = workspace.config.outputs.get(kind)
        if path is None:
            continue
        try:
            result[path] = emitter(schema, workspace.outputs.get(path),
                                   workspace.config.api_schemas)
        except RegionError as err:
            raise SpecError([Diagnostic(Span(path, err.line, 1), "E030", str(err))]) from None
    return result


def _manifest(workspace: Workspace, outputs: dict[str, str], writes: dict[str, str]) -> str:
    sum_path = workspace.migration_path(SUM_FILE)
    sums = writes.get(sum_path, workspace.migrations.files.get(SUM_FILE))
    recorded = {**outputs, **({sum_path: sums} if sums is not None else {})}
    return render_manifest(workspace, recorded)


@_reporting_damaged_snapshots
def pending_changes(workspace: Workspace, schema: ir.Schema | None = None) -> list[Change]:
    """What `generate` would put in the next migration (for `codegen diff`); ``schema`` is
    the spec's, when the caller has loaded it already."""
    if schema is None:
        schema = load_schema(workspace.spec_files)
    return _pending(_history_against(workspace, schema)[0].latest, schema)


def _history_against(workspace: Workspace, schema: ir.Schema) -> tuple[History, list[str]]:
    """The migration history, its last snapshot read against the spec's tables: the tables
    both record alike are the spec's own, not decoded (after a one-table edit, all but one;
    see ``from_json_sharing``). Also the spec's table lines, for a new snapshot."""
    tables = table_lines(schema.tables)
    return read_history(workspace.migrations, (schema, tables)), tables


@dataclass(frozen=True)
class Problem:
    """One way the committed files and the spec disagree, with a diff when there is one."""

    path: str
    message: str
    diff: str = ""
    repairable: bool = False  # `codegen generate` fixes it


class HistoryError(Exception):
    """Generated migrations were edited or deleted; nothing may be generated on top of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.path}: {p.message}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Generation:
    """What ``generate`` computed: every file to write and the new migration's changes."""

    schema: ir.Schema
    writes: dict[str, str]  # path -> text of every file to (re)write
    changes: list[Change]  # what the new migration(s) do; empty when the schema is unchanged
    migrations: list[str]  # paths of the new migrations (two when enum labels are added)


Outputs = dict[str, str]
# How generate runs the emitters beside the migration's work: given that pure work, a context
# giving the function that returns its result. The CLI's forks a child (codegen.cli.aside).
Aside = Callable[[Callable[[], Outputs]], AbstractContextManager[Callable[[], Outputs]]]


@contextmanager
def _when_asked(work: Callable[[], Outputs]) -> Iterator[Callable[[], Outputs]]:
    yield work


@_reporting_damaged_snapshots
def generate(workspace: Workspace, name: str | None = None,
             allow_destructive: bool = False, concurrent_indexes: bool = False,
             schema: ir.Schema | None = None, aside: Aside = _when_asked) -> Generation:
    """Every file to write; ``schema`` is the spec's, when the caller has loaded it already."""
    if name is not None:
        _check_migration_name(name)
    spec = schema if schema is not None else load_schema(workspace.spec_files)
    with aside(lambda: emit_outputs(spec, workspace)) as outputs:
        return _generation(workspace, spec, name, allow_destructive, concurrent_indexes,
                           outputs)


def _generation(workspace: Workspace, schema: ir.Schema, name: str | None,
                allow_destructive: bool, concurrent_indexes: bool,
                outputs_of: Callable[[], Outputs]) -> Generation:
    folder = workspace.migrations
    history, tables = _history_against(workspace, schema)
    damaged = [p for p in _check_history(workspace, history) if not p.repairable]
    if damaged:
        raise HistoryError(damaged)
    changes = _pending(history.latest, schema)
    if changes and folder.generated and not name:
        raise SpecError([Diagnostic(None, "E020", "the spec changed since the last generated "
                                    "migration; name the new migration",
                                    hint="run `codegen generate --name <what_changed>`")])
    refused = check_changes(changes, schema, allow_destructive)
    if refused:
        raise SpecError(refused)
    # Timestamp naming (the Supabase CLI's): the clock names only a folder's first migration.
    now = dt.datetime.now(dt.UTC) if workspace.config.migration_names == "timestamp" else None
    created = new_migration(folder, schema, name, history.latest,
                            concurrent_indexes, now, changes, tables) if changes else {}
    migration_files = {**history.files, **created}
    writes = {workspace.migration_path(p): t for p, t in created.items()}
    if migration_files:
        writes[workspace.migration_path(SUM_FILE)] = render_sum(migration_files)
    outputs = outputs_of()
    writes.update(outputs)
    writes[workspace.migration_path(MANIFEST_FILE)] = _manifest(workspace, outputs, writes)
    migrations = [workspace.migration_path(p) for p in created if p.endswith(".sql")]
    return Generation(schema, writes, changes, migrations)


def _check_migration_name(name: str) -> None:
    # The name becomes part of a file name that must read back as a migration (NNN_name.sql);
    # the suffixes are the ones the tool gives the files it splits off.
    if not re.fullmatch(r"[A-Za-z0-9_]+", name) or is_reserved_migration_name(name):
        raise SpecError([Diagnostic(None, "E023", f'invalid migration name "{name}": use letters, '
                                    f"digits and _, not ending in {SPLIT_SUFFIXES_TEXT}",
                                    hint="e.g. --name add_owner")])


@_reporting_damaged_snapshots
def make_baseline(workspace: Workspace) -> dict[str, str]:
    """Record the spec as what the database already has, for adopting an existing project.

    Later migrations hold only what changes after this point.
    """
    schema = load_schema(workspace.spec_files)
    folder = workspace.migrations
    if folder.generated or BASELINE_FILE in folder.files:
        raise SpecError([Diagnostic(None, "E022", "a baseline can only be taken before the first "
                                    "generated migration", hint="the history already records "
                                    "the schema; change the spec and run `codegen generate`")])
    snapshot = to_json(schema)
    files = {BASELINE_FILE: snapshot}
    return {workspace.migration_path(p): t
            for p, t in {**files, SUM_FILE: render_sum(files)}.items()}


def unified_diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"a/{path} (committed)", f"b/{path} (expected)")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


@_reporting_damaged_snapshots
def check(workspace: Workspace) -> list[Problem]:
    """Every way the committed files and the spec disagree; empty when all is current."""
    schema = load_schema(workspace.spec_files)
    history, _ = _history_against(workspace, schema)
    problems = _check_history(workspace, history)
    # With a damaged history the last snapshot cannot be trusted to diff against.
    damaged = any(not p.repairable for p in problems)
    pending = [] if damaged else _pending(history.latest, schema)
    if pending:
        listing = "".join(f"  {summary(c)}\n" for c in pending)
        hint = "codegen generate" if not workspace.migrations.generated else \
            "codegen generate --name <what_changed>"
        problems.append(Problem(workspace.config.migrations,
                                f"the spec has changes that no migration captures yet; "
                                f"run `{hint}`", listing))
    outputs = emit_outputs(schema, workspace)
    if not problems and not pending:
        outputs[workspace.migration_path(MANIFEST_FILE)] = _manifest(workspace, outputs, {})
    for path, expected in outputs.items():
        current = workspace.outputs[path] if path in workspace.outputs else \
            workspace.migrations.files.get(path.removeprefix(workspace.migration_path("")))
        if current is None:
            problems.append(Problem(path, "missing; run `codegen generate`"))
        elif current != expected:
            problems.append(Problem(path, "stale or edited by hand; run `codegen generate`",
                                    unified_diff(path, current, expected)))
    return problems


def _check_history(workspace: Workspace, history: History) -> list[Problem]:
    folder = workspace.migrations
    sum_text = folder.files.get(SUM_FILE)
    recorded = parse_sums(sum_text) if sum_text is not None else {}
    problems = _shared_numbers(workspace)
    if problems:  # each would read as edited: the other one changed the schema before it
        return problems
    for path in sorted(recorded):
        if path not in folder.files:
            problems.append(Problem(
                workspace.migration_path(path),
                f"listed in {SUM_FILE} but missing: if it was committed, restore it from "
                "version control (applied migrations must not disappear); if it never existed "
                f"(an interrupted run of an old codegen), remove its line from {SUM_FILE}"))
    if sum_text is None and history.files:
        problems.append(Problem(workspace.migration_path(SUM_FILE),
                                "missing; run `codegen generate` to record the migrations' hashes",
                                repairable=True))
    # Includes files the sum does not list at all (their recorded hash is None).
    changed = [p for p, text in history.files.items() if recorded.get(p) != sha256(text)]
    if changed:
        expected = reproduce(folder)
        for path in sorted(changed):
            if path in expected and expected[path] != folder.files[path]:
                problems.append(Problem(
                    workspace.migration_path(path),
                    "generated migration was edited by hand; migrations that may already be "
                    "applied must not change: revert the edit and change the spec instead",
                    unified_diff(workspace.migration_path(path), folder.files[path], expected[path])))
            elif sum_text is not None:
                problems.append(Problem(workspace.migration_path(path),
                                        f"does not match its hash in {SUM_FILE}: a generated "
                                        "file or the sum file was edited; revert the edit"))
    return problems


def _shared_numbers(workspace: Workspace) -> list[Problem]:
    """Generated migrations with the same number: two branches that each generated one."""
    by_number: dict[str, list[str]] = {}
    for migration in workspace.migrations.generated:
        by_number.setdefault(migration.partition("_")[0], []).append(migration)
    problems = []
    for number, names in sorted(by_number.items()):
        if len(names) < 2:
            continue
        listed = " and ".join(names)
        problems.append(Problem(
            workspace.migration_path(names[-1]),
            f"{listed} share the number {number}: two branches each generated a migration "
            "(merged since). Keep the one already applied (on the main branch), delete the "
            f"other with its snapshot in {workspace.migration_path('.codegen/')} and its lines "
            f"in {SUM_FILE}, then run `codegen generate --name <what_it_did>` to capture its "
            "changes on top"))
    return problems
