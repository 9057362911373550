"""The code stays type-checked (mypy --strict, set in pyproject.toml) and lint-clean (ruff)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True,
                          text=True, check=False)


def test_mypy_strict_passes_on_codegen() -> None:
    result = _run("mypy", "codegen")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_passes() -> None:
    result = _run("ruff", "check", "codegen", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr
