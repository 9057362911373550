"""`codegen init`: set up an existing project, never overwriting a file.

:func:`plan_init` decides what to write (``{path: text}``) and refuses, writing
nothing, when the project is already set up; the CLI writes the plan atomically.

* ``pyproject.toml`` gains a ``[tool.codegen]`` table, appended at the end: the rest
  of the file is kept byte for byte (created when missing);
* ``<schema>/app.yaml``, a starter spec that passes ``codegen lint --strict``,
  unless the folder already has spec files;
* ``spec.schema.json`` for the editor, unless it exists;
* ``.gitignore`` gains ``.codegen-cache/`` (the generators' local cache; the README's recipe
  commits with ``git add -A``), created when missing, untouched when it already ignores it.
"""

from __future__ import annotations

import posixpath
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from codegen.config import DEFAULTS, SPEC_SCHEMA_FILE
from codegen.workspace import SPEC_SUFFIXES

# The Supabase CLI's layout: migrations it applies with `supabase db push`, types where a
# front end imports them.
SUPABASE_LAYOUT = {
    "migrations": "supabase/migrations",
    "typescript": "src/types/index.ts",
    "database_types": "src/types/database.types.ts",
    "migration_names": "timestamp",
}
STARTER_NAME = "app.yaml"
_COMMENTS = {
    "schema": "folder of *.yaml spec files",
    "migrations": "generated migrations (hand-written ones there are kept)",
    "typescript": "row, insert and update interfaces",
    "database_types": "the `Database` type of supabase-js",
    "pydantic": "pydantic models",
    "json_schema": "JSON Schema of the rows",
    "migration_names": "the first migration is named by its time, as the Supabase CLI does",
}

STARTER_SPEC = """\
# yaml-language-server: $schema={modeline}
# The database schema, written once: `codegen generate` turns it into the SQL migration,
# pydantic models and TypeScript types. Your editor completes and checks every key through
# the JSON Schema named on the first line.
migration: init

enums:
  note_status: [draft, published, archived]

tables:
  notes:
    comment: Notes written by signed-in users; each user sees only their own.
    columns:
      id: {{type: uuid, primary_key: true, default_sql: gen_random_uuid()}}
      user_id:
        type: uuid
        default_sql: auth.uid()
        references: {{table: auth.users, on_delete: cascade}}
      title: text                        # a bare type is NOT NULL
      body: text?                        # a trailing ? is nullable
      status: {{type: note_status, default: draft}}
      created_at: {{type: timestamptz, default_sql: now()}}
    indexes:
      - {{columns: [user_id]}}
    # Row level security is on for every table; these policies decide who sees which rows.
    policies:
      - name: Users manage their own notes
        for: all
        to: [authenticated]
        using: "(select auth.uid()) = user_id"
        with_check: "(select auth.uid()) = user_id"
    grants:
      authenticated: [select, insert, update, delete]
"""


class InitError(Exception):
    pass


@dataclass
class InitPlan:
    """What ``codegen init`` would write, and the notes it prints."""

    files: dict[str, str] = field(default_factory=dict)  # relative path -> text
    notes: list[str] = field(default_factory=list)


def is_supabase_project(root: Path) -> bool:
    return (root / "supabase" / "config.toml").is_file()


def settings(supabase: bool, schema: str) -> dict[str, str]:
    """The [tool.codegen] keys init writes: every path, so the table documents itself."""
    merged = {**DEFAULTS, "schema": schema, **(SUPABASE_LAYOUT if supabase else {})}
    values = {key: value for key, value in merged.items() if value is not None}  # zod: opt-in
    values.pop("spec_schema")  # follows the spec folder by default
    return values


def render_table(values: dict[str, str], newline: str = "\n") -> str:
    width = max(len(f'{key} = "{value}"') for key, value in values.items())
    lines = ["[tool.codegen]",
             "# codegen: one YAML spec -> SQL migrations, pydantic models, TypeScript types.",
             "# Paths are relative to this file; an output set to false is not generated."]
    for key, value in values.items():
        assignment = f'{key} = "{value}"'
        lines.append(f"{assignment:<{width}}  # {_COMMENTS[key]}")
    return newline.join(lines) + newline


def plan_init(root: Path, supabase: bool | None = None, schema: str = "schema") -> InitPlan:
    plan = InitPlan()
    if supabase is None:
        supabase = is_supabase_project(root)
        if supabase:
            plan.notes.append("found supabase/config.toml: using the Supabase layout "
                              "(--no-supabase to keep generated/)")
    schema = posixpath.normpath(schema.replace("\\", "/"))
    if schema.startswith("../") or posixpath.isabs(schema):
        raise InitError(f'--schema "{schema}" must be a folder inside this project')
    values = settings(supabase, schema)
    plan.files["pyproject.toml"] = _pyproject(root / "pyproject.toml", values)

    spec_dir = root / schema
    existing = sorted(p for p in spec_dir.rglob("*") if p.suffix in SPEC_SUFFIXES) \
        if spec_dir.is_dir() else []
    spec_schema_path = posixpath.join(schema, SPEC_SCHEMA_FILE)
    if existing:
        plan.notes.append(f"{schema}/ already has {len(existing)} spec file(s): "
                          "no starter spec written")
    else:
        starter = posixpath.join(schema, STARTER_NAME)
        plan.files[starter] = STARTER_SPEC.format(modeline=SPEC_SCHEMA_FILE)
    if not (root / spec_schema_path).exists():
        from codegen.spec.json_schema import render_spec_schema

        plan.files[spec_schema_path] = render_spec_schema()
    ignore = _gitignore(root / ".gitignore")
    if ignore is not None:
        plan.files[".gitignore"] = ignore
    return plan


CACHE_IGNORE = ".codegen-cache/"


def _gitignore(path: Path) -> str | None:
    """The new text of .gitignore with the cache ignored; None when it already is."""
    if not path.exists():
        return f"# codegen's local cache of generated text (safe to delete)\n{CACHE_IGNORE}\n"
    try:
        old = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise InitError(f"{path.name} is not UTF-8: add {CACHE_IGNORE} to it by hand, then run "
                        "`codegen init` again") from None
    patterns = {line.strip().lstrip("/").rstrip("/") for line in old.splitlines()}
    if CACHE_IGNORE.rstrip("/") in patterns:
        return None
    newline = "\r\n" if "\r\n" in old else "\n"
    separator = "" if not old or old.endswith("\n") else newline
    return old + separator + CACHE_IGNORE + newline


def _pyproject(path: Path, values: dict[str, str]) -> str:
    """The new text of pyproject.toml: the old text untouched, the table appended."""
    if not path.exists():
        return render_table(values)
    old = path.read_bytes().decode("utf-8")
    try:
        data = tomllib.loads(old)
    except tomllib.TOMLDecodeError as err:
        raise InitError(f"{path.name}: invalid TOML ({err}); fix it first") from None
    tool = data.get("tool")
    if isinstance(tool, dict) and "codegen" in tool:
        raise InitError(f"{path.name} already has a [tool.codegen] table: this project is set "
                        "up (nothing was written)")
    newline = "\r\n" if "\r\n" in old else "\n"
    separator = "" if not old or old.endswith("\n") else newline
    new = old + separator + (newline if old.strip() else "") + render_table(values, newline)
    expected = {**data, "tool": {**(tool if isinstance(tool, dict) else {}), "codegen": values}}
    try:
        same = tomllib.loads(new) == expected
    except tomllib.TOMLDecodeError:
        same = False
    if not same:
        # e.g. `tool = {black = {...}}`: an inline table cannot be extended by a new section.
        raise InitError(f"cannot append [tool.codegen] to {path.name} without changing its "
                        "meaning; add the table by hand (see README)")
    return new
