"""`codegen generate --watch`: real file changes in a temporary folder, every wait bounded."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli import make_project, run

from codegen.cli.watch import watch_generate
from codegen.config import find_config

WAIT = 30.0  # seconds; a run takes well under one, the bound only stops a hung test
ADD_COLUMN = ("      resource_id: text?\n", "      resource_id: text?\n      ip_address: inet?\n")


class Lines:
    """The lines a watcher prints, read on a thread so every wait can time out."""

    def __init__(self) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []

    def put(self, line: str) -> None:
        self.queue.put(line)

    def wait_for(self, text: str) -> str:
        while True:
            try:
                line = self.queue.get(timeout=WAIT)
            except queue.Empty:
                pytest.fail(f"no line with {text!r} within {WAIT} s; seen: {self.seen}")
            self.seen.append(line)
            if text in line:
                return line


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    assert run(root, "generate").exit_code == 0
    return root


@pytest.fixture
def watcher(project: Path) -> Iterator[tuple[subprocess.Popen[str], Lines]]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    # A test run started in the background (`pytest &`) ignores SIGINT, and a child inherits
    # that; Python installs its Ctrl-C handler only where SIGINT is not ignored. A handler
    # (unlike "ignore") is reset to the default in the child.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen([sys.executable, "-m", "codegen", "generate", "--watch"],
                                   cwd=project, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    lines = Lines()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    try:
        yield process, lines
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=WAIT)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_watch_regenerates_survives_errors_and_stops_on_ctrl_c(
        project: Path, watcher: tuple[subprocess.Popen[str], Lines]) -> None:
    process, lines = watcher
    spec = project / "schema/robustness.yaml"
    models = project / "generated/models.py"
    assert "initial run: outputs up to date" in lines.wait_for("initial run")
    lines.wait_for("watching schema/ for changes")

    edit(spec, *ADD_COLUMN)
    line = lines.wait_for("changed")
    assert "schema/robustness.yaml changed: wrote generated/models.py" in line
    assert "1 change not in a migration yet (`codegen generate --name …`" in line
    assert "ip_address" in models.read_text()
    assert sorted(p.name for p in (project / "generated/migrations").glob("*.sql")) == [
        "001_robustness.sql"]

    outputs = {p: p.read_bytes() for p in (project / "generated").rglob("*") if p.is_file()}
    edit(spec, "ip_address: inet?", "ip_address: inett?")
    assert "schema/robustness.yaml changed: 1 error; nothing written" in lines.wait_for("changed")
    assert "error[E231]" in lines.wait_for("error[E231]")
    assert {p: p.read_bytes() for p in outputs} == outputs

    (project / "schema/notes.txt").write_text("not a spec\n")  # ignored: not *.yaml
    edit(spec, "ip_address: inett?", "ip_address: inet?")
    line = lines.wait_for("changed")
    assert line.split(" ", 1)[1].startswith("schema/robustness.yaml changed: ")
    assert "1 change not in a migration yet" in line

    edit(spec, ADD_COLUMN[1], ADD_COLUMN[0])  # back to what the last migration holds
    line = lines.wait_for("changed")
    assert "wrote generated/models.py" in line and "not in a migration" not in line

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=WAIT) == 0
    lines.wait_for("stopped watching")
    assert run(project, "check").exit_code == 0


def test_watch_runs_stops_after_n_runs(project: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "codegen", "generate", "--watch", "--watch-runs", "1"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    try:
        for line in process.stdout:
            if "watching" in line:
                break
        edit(project / "schema/robustness.yaml", *ADD_COLUMN)
        out, _ = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "schema/robustness.yaml changed: wrote" in out and out.endswith("stopped watching\n")


def test_stop_event_ends_the_loop(project: Path) -> None:
    config = find_config(project)
    lines = Lines()
    stop = threading.Event()
    result: list[int] = []

    def echo(message: str = "", err: bool = False) -> None:
        lines.put(message)

    thread = threading.Thread(target=lambda: result.append(
        watch_generate(config, stop_event=stop, echo=echo)), daemon=True)
    thread.start()
    lines.wait_for("watching")
    edit(project / "schema/robustness.yaml", *ADD_COLUMN)
    lines.wait_for("schema/robustness.yaml changed")
    stop.set()
    thread.join(timeout=WAIT)
    assert not thread.is_alive() and result == [1]
    lines.wait_for("stopped watching")


@pytest.mark.parametrize("flags", [["--name", "x"], ["--allow-destructive"],
                                   ["--format", "json"]])
def test_watch_refuses_migration_flags(project: Path, flags: list[str]) -> None:
    result = run(project, "generate", "--watch", *flags)
    assert result.exit_code == 2
    assert "--watch cannot be combined with" in result.output


def test_watch_needs_the_spec_folder(project: Path) -> None:
    (project / "schema/robustness.yaml").rename(project / "robustness.yaml")
    (project / "schema/spec.schema.json").unlink()
    (project / "schema").rmdir()
    result = run(project, "generate", "--watch")
    assert result.exit_code == 2 and "spec folder schema/ not found" in result.output
