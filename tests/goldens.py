"""Golden-file comparison shared by the tests; `pytest --update-goldens` rewrites them."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest


def assert_golden(request: pytest.FixtureRequest, path: Path, actual: str) -> None:
    if request.config.getoption("--update-goldens"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"{path} is missing; run pytest --update-goldens and review it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(path), "actual"))
        pytest.fail(f"{path} differs from the generated output:\n{diff}", pytrace=False)
