"""Every error kind: a spec in tests/errors/ and the exact message it must produce.

`<name>.yaml` (or a folder `<name>/` of spec files) sits beside `<name>.txt`, the
complete expected report, hints and source excerpts included.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from goldens import assert_golden

from codegen.diagnostics import SpecError
from codegen.project import load_schema

ERRORS = Path(__file__).parent / "errors"
CASES = sorted(
    p.stem for p in ERRORS.iterdir() if p.suffix == ".yaml" or (p.is_dir() and p.name != "__pycache__")
)


def _spec_files(name: str) -> dict[str, str]:
    single = ERRORS / f"{name}.yaml"
    if single.is_file():
        return {single.name: single.read_text()}
    folder = ERRORS / name
    return {f"{name}/{p.name}": p.read_text() for p in sorted(folder.iterdir())
            if p.suffix in (".yaml", ".json")}  # JSON Schemas that columns name


def report(files: dict[str, str]) -> str:
    with pytest.raises(SpecError) as caught:
        load_schema(files)
    sources = {path: text.splitlines() for path, text in files.items()}
    return "\n".join(d.format(sources) for d in caught.value.diagnostics) + "\n"


@pytest.mark.parametrize("name", CASES)
def test_error_case(request: pytest.FixtureRequest, name: str) -> None:
    assert_golden(request, ERRORS / f"{name}.txt", report(_spec_files(name)))


def test_every_error_code_has_a_case() -> None:
    """Each code raised anywhere in codegen/ appears in at least one expected report."""
    source = "\n".join(p.read_text() for p in Path("codegen").rglob("*.py"))
    raised = set(re.findall(r'"(E\d{3})"', source))
    covered = set()
    for expected in ERRORS.glob("*.txt"):
        covered |= set(re.findall(r"error\[(E\d{3})\]", expected.read_text()))
    # Reported outside load_schema (CLI, config and migration layers); tested in test_cli.py
    # and test_functions_cli.py.
    elsewhere = {"E000", "E004", "E005", "E010", "E020", "E022", "E023", "E024", "E030", "E031",
                 "E301", "E302", "E303"}
    assert raised - covered - elsewhere == set()


def test_all_errors_reported_at_once() -> None:
    text = report(_spec_files("several_errors")) + report(_spec_files("several_semantic_errors"))
    assert text.count("error[") == 7
