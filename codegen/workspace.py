"""What the CLI reads from disk, as plain data: the inputs of every stage.

Kept free of heavy imports, so that `codegen check` can prove a clean tree
(:mod:`codegen.migrate.manifest`) without loading the generators.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from codegen.config import Config

STATE_DIR = ".codegen"
SUM_FILE = f"{STATE_DIR}/codegen.sum"
# Adoption: the schema a database already had before the first generated migration.
BASELINE_FILE = f"{STATE_DIR}/baseline.json"
# Spec files; the spec folder's other files are read too (JSON Schemas columns refer to).
SPEC_SUFFIXES = (".yaml", ".yml")
SIDE_FILE_SUFFIXES = (".json",)
NUMBERED = re.compile(r"^(\d+)_([A-Za-z0-9_]+)\.sql$")
# What generate appends to a migration's name for the files it splits off (enum labels
# first; constraint validations and concurrent index builds after): no name may end so.
SPLIT_SUFFIXES = ("_enum_values", "_validate_constraints", "_concurrent_indexes")


SPLIT_SUFFIXES_TEXT = ", ".join(SPLIT_SUFFIXES[:-1]) + " or " + SPLIT_SUFFIXES[-1]


def is_reserved_migration_name(name: str) -> bool:
    return f"_{name}".endswith(SPLIT_SUFFIXES)  # the bare suffix too: 002_enum_values.sql


@dataclass(frozen=True)
class MigrationFolder:
    """The migrations folder: file name -> text, paths relative to the folder."""

    files: Mapping[str, str] = field(default_factory=dict)

    @property
    def migrations(self) -> list[str]:
        return sorted(n for n in self.files if "/" not in n and NUMBERED.match(n))

    def snapshot_path(self, migration: str) -> str:
        return f"{STATE_DIR}/{migration.removesuffix('.sql')}.json"

    @property
    def generated(self) -> list[str]:
        """Generated migrations, oldest first: those with a snapshot beside them."""
        return [m for m in self.migrations if self.snapshot_path(m) in self.files]


@dataclass(frozen=True)
class Workspace:
    """Everything read from disk that the outputs depend on, relative to the config root."""

    config: Config
    spec_files: Mapping[str, str]
    migrations: MigrationFolder
    outputs: Mapping[str, str]  # current text of each configured output that exists

    def migration_path(self, name: str) -> str:
        """A path inside the migrations folder, relative to the config root."""
        return f"{self.config.migrations.rstrip('/')}/{name}"
