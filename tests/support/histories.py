"""The diff histories (tests/diffs/<name>/v1.yaml, v2.yaml, ...) as schemas, and the check
that `verify` finds nothing after applying a history's migrations in order."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from codegen.live.server import scratch_server
from codegen.live.verify import verify_migrations
from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.project import load_schema
from codegen.schema import ir

DIFFS = Path(__file__).parent.parent / "diffs"


def history_versions(history: str) -> list[ir.Schema]:
    paths = sorted((DIFFS / history).glob("v*.yaml"), key=lambda p: int(p.stem[1:]))
    return [load_schema({p.name: p.read_text()}) for p in paths]


def histories_where(uses: Callable[[ir.Schema], bool]) -> list[str]:
    """The histories one of whose versions ``uses`` what a test is about."""
    return sorted(p.name for p in DIFFS.iterdir() if (p / "v1.yaml").is_file()
                  and any(map(uses, history_versions(p.name))))


def verify_history(server_url: str, history: str) -> list[str]:
    """`verify`'s differences after the history's migrations, generated step by step."""
    versions = history_versions(history)
    steps = [ir.Schema(), *versions]
    migrations = [(f"{i:03}_v{i}.sql", render_migration(compare(a, b), ()))
                  for i, (a, b) in enumerate(itertools.pairwise(steps), 1)]
    with scratch_server(server_url) as server:
        result = verify_migrations(server, versions[-1], migrations)
    return [d.line() for d in result.differences]
