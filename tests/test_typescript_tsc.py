"""The generated TypeScript compiles and types the Supabase client (real ``tsc --strict``).

The seed's, the kitchen sink's and the functions case's ``index.ts`` and ``database.types.ts``
are written to tests/ts/generated/<case>/ (the seed's index.ts merged into a hand-written file;
the functions case's Database type for schemas private and public), then the pinned
TypeScript compiles tests/ts/src/ (``usage.ts``, ``usage_kitchen_sink.ts``,
``usage_functions.ts``, ``smoke.ts``): supabase-js selects, inserts, updates and RPC calls
with the generated Args and Returns, and ``// @ts-expect-error`` lines
that must be errors (a missing required column, a wrong enum label, a wrong column type),
else tsc fails with "Unused '@ts-expect-error' directive". Two negative tests prove tsc does
fail on a real type error and on a needless ``@ts-expect-error``.

Needs ``npm ci`` in tests/ts (``make test`` runs it); without it these tests fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_golden_cases import case_schema

from codegen.emit.database_types import emit_database_types
from codegen.emit.typescript import emit_typescript

TS_DIR = Path(__file__).parent / "ts"
TSC = TS_DIR / "node_modules" / ".bin" / "tsc"
GENERATED = TS_DIR / "generated"

#: The hand-written part of the seed's interfaces file: codegen appends its region to it.
HAND_WRITTEN = """\
// Hand-written types of the dashboard; codegen maintains the marked region below.
export interface Profile {
  id: string
  lastAction: AuditLog["action"] | null
}
"""


def tsc(project: Path) -> subprocess.CompletedProcess[str]:
    if not TSC.exists():
        pytest.fail(f"TypeScript is not installed: run `npm ci` in {TS_DIR} "
                    "(`make test` does this for every tests/*/package-lock.json)", pytrace=False)
    return subprocess.run([str(TSC), "-p", str(project), "--strict", "--noEmit", "--pretty",
                           "false"], cwd=TS_DIR, capture_output=True, text=True, timeout=300,
                          check=False)


@pytest.fixture(scope="module")
def generated() -> Path:
    cases = (("seed", HAND_WRITTEN, ("public",)), ("kitchen_sink", None, ("public",)),
             ("functions", None, ("private", "public")), ("views", None, ("public",)))
    for name, existing, schemas in cases:
        schema = case_schema(name)
        folder = GENERATED / name
        folder.mkdir(parents=True, exist_ok=True)
        files = {"database.types.ts": emit_database_types(schema, schemas=schemas),
                 "index.ts": emit_typescript(schema, existing)}
        for file_name, text in files.items():
            path = folder / file_name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8", newline="\n")
    return GENERATED


@pytest.fixture
def scratch(generated: Path) -> Iterator[Path]:
    """A throwaway project inside tests/ts (so its node_modules resolve) with ``*.ts``."""
    folder = Path(tempfile.mkdtemp(prefix=".tsc-check-", dir=TS_DIR))
    (folder / "tsconfig.json").write_text(json.dumps(
        {"extends": "../tsconfig.json", "include": ["*.ts"]}))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_generated_files_type_check_the_client(generated: Path) -> None:
    result = tsc(TS_DIR / "tsconfig.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (generated / "seed" / "index.ts").read_text().startswith(HAND_WRITTEN)


def test_a_real_type_error_fails(scratch: Path) -> None:
    (scratch / "bad.ts").write_text(
        'import type { TablesInsert } from "../generated/seed/database.types"\n'
        'export const run: TablesInsert<"test_runs"> = { test_type: "load", status: "skipped" }\n')
    result = tsc(scratch)
    assert result.returncode != 0
    assert "bad.ts" in result.stdout and "TS2322" in result.stdout, result.stdout


def test_a_needless_expect_error_fails(scratch: Path) -> None:
    (scratch / "needless.ts").write_text(
        'import type { TestRunInsert } from "../generated/seed/index"\n'
        "// @ts-expect-error -- but this line is fine\n"
        'export const run: TestRunInsert = { test_type: "load", status: "passed" }\n')
    result = tsc(scratch)
    assert result.returncode != 0
    assert "TS2578" in result.stdout, result.stdout  # Unused '@ts-expect-error' directive
