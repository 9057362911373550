"""Writes as one transaction: a kill at any rename is recovered by the next command, two runs
in one project are serialised, symbolic links are followed, and nothing of the environment
that does not change an output changes a committed file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_cli import make_project, run

from codegen.migrate import manifest

REPO = Path(__file__).resolve().parent.parent
SPEC = """\
migration: init
tables:
  notes:
    columns:
      id: {type: uuid, primary_key: true}
      title: text
"""
# Runs the CLI in a process of its own, killed (SIGKILL, no clean-up of any kind) at the
# KILL_AT-th rename of the write transaction (os.replace of a ``*.codegen-tmp`` file; the
# generators' cache has renames of its own); with KILL_AT=0, prints how many a run makes.
KILLER = textwrap.dedent("""\
    import os, signal, sys
    calls = 0
    real_replace = os.replace
    def replace(source, target):
        global calls
        if str(source).endswith(".codegen-tmp"):
            calls += 1
            if calls == int(os.environ["KILL_AT"]):
                os.kill(os.getpid(), signal.SIGKILL)
        real_replace(source, target)
    os.replace = replace
    from codegen.cli.app import main
    try:
        main(sys.argv[1:])
    finally:
        if os.environ["KILL_AT"] == "0":
            print("replace calls:", calls, file=sys.stderr)
""")


def _cli(project: Path, kill_at: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KILL_AT": str(kill_at), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", KILLER, *args], cwd=project, env=env, check=False,
                          capture_output=True, text=True, timeout=120)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(".codegen-cache")}


def _second_version(root: Path) -> None:
    spec = root / "schema/robustness.yaml"
    spec.write_text(spec.read_text() + "      body: text?\n  tags:\n    columns:\n"
                    "      id: {type: uuid, primary_key: true}\n")


def test_a_kill_at_every_rename_is_recovered_by_the_next_command(tmp_path: Path) -> None:
    (tmp_path / "start").mkdir()
    start = make_project(tmp_path / "start", spec=SPEC)
    assert run(start, "generate").exit_code == 0
    _second_version(start)
    reference = tmp_path / "reference"
    shutil.copytree(start, reference)
    counted = _cli(reference, 0, "generate", "--name", "body")
    assert counted.returncode == 0, counted.stderr
    renames = int(counted.stderr.rpartition("replace calls: ")[2])
    # The journal twice (prepare, commit), then the migration, its snapshot, the outputs,
    # codegen.sum and outputs.sum.
    assert renames >= 8, counted.stderr
    expected = _files(reference)
    for kill_at in range(1, renames + 1):
        project = tmp_path / f"kill{kill_at}"
        shutil.copytree(start, project)
        killed = _cli(project, kill_at, "generate", "--name", "body")
        assert killed.returncode == -9, (kill_at, killed.stderr)
        # The next command, whatever it is, first finishes or undoes the write.
        checked = run(project, "check")
        assert "Traceback" not in checked.output
        committed = kill_at > 1  # the journal's second rename is the commit point
        if kill_at > 2:
            assert "note: completed an interrupted write" in checked.output, checked.output
            assert checked.exit_code == 0, (kill_at, checked.output)
        else:
            assert "note: removed the temporary files" in checked.output or not committed, \
                checked.output
            assert checked.exit_code == 1, (kill_at, checked.output)  # the spec changed
            again = run(project, "generate", "--name", "body")
            assert again.exit_code == 0, again.output
        assert _files(project) == expected, f"kill at rename {kill_at}"
        assert not [p for p in project.rglob("*codegen-tmp")], kill_at


def test_two_runs_at_once_write_one_migration(tmp_path: Path) -> None:
    project = make_project(tmp_path, spec=SPEC)
    assert run(project, "generate").exit_code == 0
    _second_version(project)
    runs = [subprocess.Popen([sys.executable, "-m", "codegen", "generate", "--name", name],
                             cwd=project, env={**os.environ, "PYTHONPATH": str(REPO)},
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for name in ("edit_a", "edit_b")]
    outputs = [process.communicate(timeout=120)[0] for process in runs]
    assert [process.returncode for process in runs] == [0, 0], outputs
    migrations = sorted(p.name for p in (project / "generated/migrations").glob("*.sql"))
    assert len(migrations) == 2 and migrations[0] == "001_init.sql", migrations
    assert run(project, "check").exit_code == 0


def test_a_symbolic_link_to_an_output_is_followed(tmp_path: Path) -> None:
    """Decided: a link inside the project is followed (its target is written, the link stays);
    a link leaving the project, or to an input, is refused (tests/bad_inputs/filesystem.yaml)."""
    project = make_project(tmp_path, 'pydantic = "backend/models.py"\n', spec=SPEC)
    (project / "shared").mkdir()
    (project / "backend").mkdir()
    (project / "backend/models.py").symlink_to("../shared/models.py")
    result = run(project, "generate")
    assert result.exit_code == 0, result.output
    assert (project / "backend/models.py").is_symlink()
    assert "class Note(BaseModel)" in (project / "shared/models.py").read_text()
    assert run(project, "check").exit_code == 0


def test_check_ignores_versions_that_do_not_change_an_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A teammate's pydantic 2.14.3 against the committed 2.14.4: same outputs, so `check`
    passes and `generate` rewrites nothing (the committed digest names no such version)."""
    project = make_project(tmp_path, spec=SPEC)
    assert run(project, "generate").exit_code == 0
    before = _files(project)
    real_version = manifest.library_version
    monkeypatch.setattr(manifest, "library_version", lambda name: "0.0.1" if name in (
        "pydantic", "rapidyaml", "pyyaml", "click") else real_version(name))
    checked = run(project, "check")
    assert checked.exit_code == 0 and checked.output == "ok: every output is up to date\n"
    assert run(project, "generate").output == \
        "schema unchanged: no new migration; every output is up to date\n"
    assert _files(project) == before
