"""Work run aside in a forked child (codegen.cli.aside): the same result, or it is done here.

Each case runs in a fresh interpreter, so no thread of the test runner keeps it from forking.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from synth import spec_text, write_project

PRELUDE = """\
import os, signal, sys, threading, time
from codegen.cli.aside import aside
from codegen.diagnostics import Diagnostic, SpecError
HERE = os.getpid()
"""


def _python(code: str, **env: str) -> str:
    done = subprocess.run([sys.executable, "-c", PRELUDE + code], check=False, capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_work_runs_in_a_child_and_its_result_comes_back_whole() -> None:
    # 300,000 characters: more than a pipe holds, so both sides must loop.
    output = _python("""
with aside(lambda: {"pid": os.getpid(), "text": "é" * 300_000}) as result:
    value = result()
print(value["pid"] != HERE, len(value["text"]), set(value["text"]))
""")
    assert output == "True 300000 {'é'}"


@pytest.mark.parametrize("failure", [
    "raise RuntimeError('only in the child')",
    "os.kill(os.getpid(), signal.SIGKILL)",
    "return lambda: None",  # a result that cannot be pickled
])
def test_a_child_that_cannot_deliver_is_replaced_by_the_work_done_here(failure: str) -> None:
    output = _python(f"""
def work():
    if os.getpid() != HERE:
        {failure}
    return "done here"
with aside(work) as result:
    print(result())
""")
    assert output == "done here"


def test_an_error_of_the_work_is_raised_here_with_its_diagnostics() -> None:
    output = _python("""
def work():
    raise SpecError([Diagnostic(None, "E030", "a region marker is missing")])
try:
    with aside(work) as result:
        result()
except SpecError as err:
    print(type(err).__name__, os.getpid() == HERE, err.diagnostics[0].code, err)
""")
    assert output == "SpecError True E030 error[E030]: a region marker is missing"


def test_leaving_without_asking_stops_the_child(tmp_path: Path) -> None:
    marker = tmp_path / "child.pid"
    output = _python(f"""
def work():
    open({str(marker)!r}, "w").write(str(os.getpid()))
    time.sleep(60)
start = time.monotonic()
try:
    with aside(work):
        while not os.path.exists({str(marker)!r}) or not open({str(marker)!r}).read():
            time.sleep(0.01)
        raise KeyError("the parent's own error")
except KeyError:
    pass
child = int(open({str(marker)!r}).read())
try:
    os.kill(child, 0)
    print("still there")
except ProcessLookupError:
    print("gone", time.monotonic() - start < 30)
""")
    assert output == "gone True"


@pytest.mark.parametrize(("setup", "env"), [
    ("", {"CODEGEN_SERIAL": "1"}),
    ("threading.Thread(target=threading.Event().wait, args=(5,), daemon=True).start()", {}),
])
def test_serial_or_with_other_threads_the_work_is_done_here(setup: str,
                                                            env: dict[str, str]) -> None:
    output = _python(f"""
{setup}
with aside(os.getpid) as result:
    print(result() == HERE)
""", **env)
    assert output == "True"


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".codegen-cache" not in p.parts}


def test_generate_writes_the_same_bytes_with_and_without_a_child(tmp_path: Path) -> None:
    """Functions, triggers and views included; a first run, then an edit of one table."""
    trees = []
    for mode, env in (("forked", {}), ("serial", {"CODEGEN_SERIAL": "1"})):
        root = tmp_path / mode
        write_project(root, 30, functions=True)
        for args, variant in ((["generate"], 0), (["generate", "--name", "edit"], 1)):
            (root / "schema" / "bench.yaml").write_text(spec_text(30, variant, functions=True))
            subprocess.run([sys.executable, "-m", "codegen", *args], cwd=root, check=True,
                           capture_output=True, env={**os.environ, **env}, timeout=300)
        trees.append(_tree(root))
        shutil.rmtree(root / ".codegen-cache", ignore_errors=True)
    assert trees[0] == trees[1]
    assert any(path.endswith("_edit.sql") for path in trees[0])
