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

from codegen.diagnostics import Diagnostic, Span, SpecError

DEFAULTS = {
    "schema": "schema",
    "migrations": "generated/migrations",
    "typescript": "generated/types/index.ts",
    "database_types": "generated/types/database.types.ts",
    "pydantic": "generated/models.py",
    "json_schema": "generated/schema.json",
    # The spec format's own JSON Schema, for editors; default: beside the spec files.
    "spec_schema": "schema/spec.schema.json",
}
OPTIONAL_OUTPUTS = ("typescript", "database_types", "pydantic", "json_schema", "spec_schema")
SPEC_SCHEMA_FILE = "spec.schema.json"


@dataclass(frozen=True)
class Config:
    """The ``[tool.codegen]`` settings, with the project root they are relative to."""

    root: Path  # directory of the pyproject.toml; all output paths are relative to it
    file: Path
    schema: str
    migrations: str
    outputs: dict[str, str | None]  # output kind -> path, or None when switched off


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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def read_config(path: Path) -> Config:
    table = _tool_tables(path).get("codegen", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.codegen] must be a table")
    problems = []
    for key, value in table.items():
        if key not in DEFAULTS:
            problems.append(f'unknown key "{key}" in [tool.codegen] (valid: {", ".join(DEFAULTS)})')
        elif not (isinstance(value, str) or (value is False and key in OPTIONAL_OUTPUTS)):
            problems.append(f'[tool.codegen] {key} must be a path string'
                            + (" or false" if key in OPTIONAL_OUTPUTS else ""))
    if problems:
        raise SpecError([Diagnostic(Span(str(path), 1, 1), "E010", p) for p in problems])
    settings = {**DEFAULTS, **table}
    if "spec_schema" not in table:  # follows a moved spec folder, like the specs' modelines expect
        settings["spec_schema"] = posixpath.normpath(
            posixpath.join(str(settings["schema"]), SPEC_SCHEMA_FILE))
    outputs = {k: (settings[k] or None) for k in OPTIONAL_OUTPUTS}
    return Config(path.parent.resolve(), path, str(settings["schema"]),
                  str(settings["migrations"]), outputs)
