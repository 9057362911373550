"""Finding the configuration: the nearest pyproject.toml with a [tool.codegen] table.

Like ruff and black, the search starts in the current directory and walks up;
``--config FILE`` names the file directly. Every path in the table is relative
to the directory of that file.
"""

from __future__ import annotations

import posixpath
import tomllib
from dataclasses import dataclass
from pathlib import Path

from codegen.diagnostics import Diagnostic, Span, SpecError, decode_utf8

DEFAULTS: dict[str, str | None] = {
    "schema": "schema",
    "migrations": "generated/migrations",
    "typescript": "generated/types/index.ts",
    "database_types": "generated/types/database.types.ts",
    "pydantic": "generated/models.py",
    "json_schema": "generated/schema.json",
    # The spec format's own JSON Schema, for editors; default: beside the spec files.
    "spec_schema": "schema/spec.schema.json",
    # Off unless set: zod schemas of the tables; the Database type with typed json columns.
    "zod": None,
    "typed_database": None,
}
# Settings that are not paths: key -> the values it takes (the first is the default).
CHOICES = {
    # "timestamp": the first migration is named by the time it is written (UTC), as the
    # Supabase CLI names them (20240101120000_init.sql); later ones follow the folder.
    "migration_names": ("numbered", "timestamp"),
}
# The schemas the API exposes (Supabase's `[api] schemas`, the `--schema` list of
# `supabase gen types`): the Database type covers them, and their functions get RPC types.
DEFAULT_API_SCHEMAS = ("public",)
OPTIONAL_OUTPUTS = ("typescript", "database_types", "pydantic", "json_schema", "spec_schema",
                    "zod", "typed_database")
SPEC_SCHEMA_FILE = "spec.schema.json"


@dataclass(frozen=True)
class Config:
    """The ``[tool.codegen]`` settings, with the project root they are relative to."""

    root: Path  # directory of the pyproject.toml; all output paths are relative to it
    file: Path
    schema: str
    migrations: str
    outputs: dict[str, str | None]  # output kind -> path, or None when switched off
    migration_names: str = CHOICES["migration_names"][0]
    api_schemas: tuple[str, ...] = DEFAULT_API_SCHEMAS


class ConfigError(Exception):
    pass


def find_config(start: Path, explicit: Path | None = None) -> Config:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
        return read_config(explicit)
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and "codegen" in _tool_tables(candidate):
            return read_config(candidate)
    raise ConfigError(
        "no pyproject.toml with a [tool.codegen] table found in this directory or above; "
        "add one (see README) or pass --config FILE"
    )


def _tool_tables(path: Path) -> dict[str, object]:
    try:
        data = tomllib.loads(decode_utf8(_shown(path), path.read_bytes()))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def read_config(path: Path) -> Config:
    table = _tool_tables(path).get("codegen", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.codegen] must be a table")
    problems: list[tuple[str, str]] = []  # (key, sentence)
    table = dict(table)
    api_schemas = table.pop("api_schemas", list(DEFAULT_API_SCHEMAS))
    if not (isinstance(api_schemas, list) and api_schemas
            and all(isinstance(name, str) and name for name in api_schemas)):
        problems.append(("api_schemas", ("[tool.codegen] api_schemas must be a non-empty list of "
                                        'schema names, e.g. ["public"]')))
    for key, value in table.items():
        if key in CHOICES:
            if value not in CHOICES[key]:
                problems.append((key, f"[tool.codegen] {key} must be one of "
                                      + ", ".join(f'"{choice}"' for choice in CHOICES[key])))
        elif key not in DEFAULTS:
            valid = ", ".join([*DEFAULTS, *CHOICES, "api_schemas"])
            problems.append((key, f'unknown key "{key}" in [tool.codegen] (valid: {valid})'))
        elif not (isinstance(value, str) or (value is False and key in OPTIONAL_OUTPUTS)):
            problems.append((key, f'[tool.codegen] {key} must be a path string'
                                  + (" or false" if key in OPTIONAL_OUTPUTS else "")))
    if not problems:
        settings = {**DEFAULTS, **{k: v for k, v in table.items() if k not in CHOICES}}
        if "spec_schema" not in table:  # follows a moved spec folder, as the modelines expect
            settings["spec_schema"] = posixpath.normpath(
                posixpath.join(str(settings["schema"]), SPEC_SCHEMA_FILE))
        outputs = {k: (settings[k] or None) for k in OPTIONAL_OUTPUTS}
        config = Config(path.parent.resolve(), path, str(settings["schema"]),
                        str(settings["migrations"]), outputs,
                        str(table.get("migration_names", CHOICES["migration_names"][0])),
                        tuple(sorted(set(api_schemas))))
        problems = [(_key_named(p), p) for p in path_problems(
            config.schema, config.migrations, outputs, path.name)]
    if problems:
        raise SpecError([Diagnostic(_key_span(path, key), "E010", sentence)
                         for key, sentence in problems])
    return config


def _key_named(sentence: str) -> str:
    """The key a path problem names (``[tool.codegen] <key> = ...``)."""
    return sentence.removeprefix("[tool.codegen] ").partition(" ")[0]


def _shown(path: Path) -> str:
    """``path`` as messages name it: relative to the current directory when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _key_span(path: Path, key: str) -> Span:
    """Where ``key`` is set in the [tool.codegen] table (the table's line when not found)."""
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    table = next((i for i, line in enumerate(lines)
                  if line.strip().replace(" ", "") == "[tool.codegen]"), None)
    shown = _shown(path)
    if table is None:
        return Span(shown, 1, 1)
    for number in range(table + 1, len(lines)):
        stripped = lines[number].lstrip()
        if stripped.startswith("["):
            break
        name = stripped.partition("=")[0].strip().strip("\"'")
        if name == key and "=" in stripped:
            return Span(shown, number + 1, len(lines[number]) - len(stripped) + 1)
    return Span(shown, table + 1, 1)


# -- where outputs may go ----------------------------------------------------------------------
#
# Where outputs may go: the rules every configured path must pass before anything is written.
#
# One guard for every output, checked when the configuration is read (so ``validate`` and
# ``check`` report a bad path too) and again on the resolved paths at write time (a symbolic
# link may point anywhere):
#
# * every path is inside the project (the folder of pyproject.toml); only the spec folder may
#   be the project's root itself;
# * no two outputs share a path, and no output is the migrations folder or inside it;
# * no output is an input: pyproject.toml, the spec folder, or a spec file (``*.yaml``/``*.yml``
#   inside the spec folder).

SPEC_SUFFIXES = (".yaml", ".yml")


def normalize(path: str) -> str | None:
    """The path relative to the project root, normalized; None when it leaves the project
    (absolute, ``..``) or is the root itself."""
    path = path.replace("\\", "/")
    if not path.strip() or posixpath.isabs(path) or (len(path) > 1 and path[1] == ":"):
        return None
    normal = posixpath.normpath(path)
    if normal in (".", "..") or normal.startswith("../"):
        return None
    return normal


def is_within(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or inside it (both normalized, relative)."""
    if folder == ".":
        return True
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def path_problems(schema: str, migrations: str, outputs: dict[str, str | None],
                  config_file: str = "pyproject.toml") -> list[str]:
    """One sentence per rule broken, each naming the ``[tool.codegen]`` key; empty when valid."""
    problems: list[str] = []
    folders: dict[str, str] = {}
    for key, value in (("schema", schema), ("migrations", migrations)):
        # The specs may sit beside pyproject.toml; the migrations need a folder of their own.
        folder = "." if key == "schema" and value.strip() in (".", "./") else normalize(value)
        if folder is None:
            problems.append(f'[tool.codegen] {key} = "{value}" must be a folder inside the '
                            "project (relative to pyproject.toml, not its root, no ..)")
        else:
            folders[key] = folder
    taken: dict[str, str] = {}
    for key, output in sorted(outputs.items()):
        if output is None:
            continue
        value = output
        normal = normalize(value) or ""
        said = f'[tool.codegen] {key} = "{value}"'
        if not normal:
            problems.append(f"{said} must be a file inside the project (relative to "
                            "pyproject.toml, no .., not absolute)")
            continue
        if normal in taken:
            problems.append(f'{said} is also the path of {taken[normal]}: each output needs '
                            "a path of its own")
            continue
        taken[normal] = key
        if normal == posixpath.normpath(config_file):
            problems.append(f"{said} would overwrite the configuration file; pick another path")
        elif "migrations" in folders and is_within(normal, folders["migrations"]):
            problems.append(f"{said} is inside the migrations folder "
                            f'"{migrations}", where only migrations belong; pick a path '
                            "outside it")
        elif "schema" in folders and (normal == folders["schema"] or (
                is_within(normal, folders["schema"]) and normal.endswith(SPEC_SUFFIXES))):
            problems.append(f"{said} would overwrite the spec (an input); pick a path that is "
                            "not a .yaml/.yml file in the spec folder")
    return problems
