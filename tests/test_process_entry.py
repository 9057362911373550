"""The `codegen` process turns the cycle collector off before it imports anything else."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest


def _python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout


def test_the_entry_module_loads_nothing_of_codegen() -> None:
    output = _python("import sys, codegen.cli.process\n"
                     "print(sorted(m for m in sys.modules if m.startswith(('codegen', 'click'))))")
    assert output.strip() == "['codegen', 'codegen.cli', 'codegen.cli.process']"


@pytest.mark.parametrize("first", ["click", "codegen.cli.app"])
def test_the_collector_is_off_before_the_first_heavy_import(first: str) -> None:
    output = _python(
        "import gc, sys\n"
        "seen = []\n"
        "class Probe:\n"
        "    def find_spec(self, name, path, target=None):\n"
        f"        if name == {first!r}:\n"
        "            seen.append(gc.isenabled())\n"
        "sys.meta_path.insert(0, Probe())\n"
        "from codegen.cli.process import run\n"
        "sys.argv = ['codegen', '--version']\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('collector on at import:', seen)\n")
    assert "collector on at import: [False]" in output


def test_the_console_script_and_python_m_use_the_entry_module() -> None:
    (script,) = entry_points(group="console_scripts", name="codegen")
    assert script.value == "codegen.cli.process:run"
    main = subprocess.run([sys.executable, "-m", "codegen", "--version"], capture_output=True,
                          text=True, check=True)
    assert main.stdout.startswith("codegen")
