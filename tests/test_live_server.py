"""The embedded server behind `codegen verify`: initialised once into the per-user cache,
reused by the next run (a copy of it is started and deleted), rebuilt when incomplete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli import run
from test_live_verify import seed_project

from codegen.live.server import (
    CACHE_ENV,
    SERVER_ENV,
    cache_root,
    embedded_data_dir,
    run_parent,
    standin_digest,
)


@pytest.fixture
def cache_dir() -> Iterator[Path]:
    # Not under pytest's tmp_path: as root the server runs as another user, which must reach
    # the cache, and pytest makes its own base folder private again whenever a session starts.
    folder = Path(tempfile.mkdtemp(prefix="codegen-cache-test-"))
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_cache_is_built_once_reused_and_rebuilt_when_incomplete(
        tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SERVER_ENV, raising=False)
    monkeypatch.setenv(CACHE_ENV, str(cache_dir))
    project = seed_project(tmp_path)
    pgdata = embedded_data_dir()
    marker = pgdata.with_name(pgdata.name + ".ready")
    assert pgdata.parent == cache_dir and not pgdata.exists()

    cold = run(project, "verify")
    assert cold.exit_code == 0, cold.output
    assert marker.read_text() == standin_digest() and (pgdata / "PG_VERSION").is_file()
    built = os.stat(pgdata / "PG_VERSION").st_ino

    warm = run(project, "verify")
    assert warm.exit_code == 0, warm.output
    assert os.stat(pgdata / "PG_VERSION").st_ino == built  # reused, not initialised again
    assert not list(run_parent().glob(f"codegen-verify-{os.getpid()}-*"))  # copies deleted

    marker.unlink()  # as after a build that stopped half way
    again = run(project, "verify")
    assert again.exit_code == 0, again.output
    assert marker.read_text() == standin_digest()
    assert os.stat(pgdata / "PG_VERSION").st_ino != built


def test_root_keeps_the_cache_out_of_its_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    expected = Path("/var/cache/codegen") if os.geteuid() == 0 else \
        Path.home() / ".cache/codegen"
    assert cache_root() == expected
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert cache_root() == Path("/somewhere/codegen")
