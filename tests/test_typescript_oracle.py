"""database.types.ts against Supabase's own type generator (the oracle in tests/oracle/).

1. Every golden case and every spec in tests/oracle/specs is applied to a fresh PostgreSQL
   database; the pinned @supabase/postgres-meta 0.99.0 generates the types from the catalog
   and must equal ``emit_database_types`` byte for byte, unless the difference is listed in
   ``KNOWN_DIFFERENCES`` with its reason (there are none today).
2. Many random schemas go through the generator's own template and formatter
   (``typegen-metadata.mjs``), checking layout, ordering and quoting over shapes the specs
   do not have; the interfaces file of each must be a fixed point of the same formatter.
3. The name collation equals Node's ``Intl.Collator("en")``.

The oracle needs ``npm ci`` in tests/oracle (``make test`` runs it); without it these tests
fail, they are never skipped.
"""

from __future__ import annotations

import difflib
import random
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest
from oracle.metadata import collate, generator_metadata, oxfmt, random_schema, typegen_from_metadata
from oracle.run import OracleError, is_installed, not_installed_message, supabase_typegen
from support.pgvector import has_pgvector, without_pgvector
from support.postgres import DatabaseServer, MigrationError, apply_sql
from test_golden_cases import CASES, CASES_DIR, case_schema

from codegen.emit.database_types import emit_database_types
from codegen.emit.ts_text import en_collation_key
from codegen.emit.typescript import emit_typescript
from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.project import load_schema
from codegen.schema import ir

SPECS_DIR = Path(__file__).parent / "oracle" / "specs"
SPECS = sorted(p.stem for p in SPECS_DIR.glob("*.yaml"))
# Each key is generated for `public` only, as the Supabase CLI does by default; a key with
# `@a,b` is generated for those schemas (the CLI's `--schema a,b`, our `api_schemas`).
SCHEMAS = [f"case:{name}" for name in CASES] + [f"spec:{name}" for name in SPECS] + [
    "case:functions@private,public", "spec:functions@extra,public", "spec:functions@extra"]

#: Differences from the generator we accept, per schema: (why, a function that turns the
#: generator's output into ours). Empty: every schema in the tests is byte-identical.
KNOWN_DIFFERENCES: dict[str, tuple[str, Callable[[str], str]]] = {}

RANDOM_SCHEMAS = 400
RANDOM_SEED = 20240901


def included(key: str) -> tuple[str, ...]:
    _, _, schemas = key.partition("@")
    return tuple(schemas.split(",")) if schemas else ("public",)


def load(key: str, pgvector: bool = True) -> ir.Schema:
    kind, name = key.partition("@")[0].split(":", 1)
    if kind == "case" and name == "functions" and not pgvector:
        text = (CASES_DIR / name / "schema" / "app.yaml").read_text()
        return load_schema({"app.yaml": without_pgvector(text)})
    if kind == "case":
        return case_schema(name)
    path = SPECS_DIR / f"{name}.yaml"
    return load_schema({path.name: path.read_text()})


def require_oracle() -> None:
    if not is_installed():
        pytest.fail(not_installed_message(), pytrace=False)


def unified_diff(expected: str, actual: str, label: str) -> str:
    return "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        f"{label} (Supabase's generator)", f"{label} (ours)"))


@pytest.fixture(scope="module")
def pgvector(pg_server: DatabaseServer) -> bool:
    """Whether the server has pgvector; without it the functions case's vector column is an
    ltree (support/pgvector.py)."""
    return has_pgvector(pg_server.url)


@pytest.fixture(scope="module")
def generated(pg_server: DatabaseServer, pgvector: bool) -> Iterator[dict[str, str | Exception]]:
    """Each schema's migration applied to its own database and run through the generator.

    The generator takes ~2 s per run (Node start-up), so the runs go in parallel."""
    if not is_installed():
        yield {}
        return
    with ExitStack() as stack:
        urls: dict[str, str] = {}
        failed: dict[str, Exception] = {}  # one migration that fails fails only its own test
        for key in SCHEMAS:
            url = stack.enter_context(pg_server.fresh_database())
            try:
                schema = load(key, pgvector)
                apply_sql(url, render_migration(compare(ir.Schema(), schema), ()))
            except MigrationError as error:
                failed[key] = error
            urls[key] = url

        def run(key: str) -> str | Exception:
            if key in failed:
                return failed[key]
            try:
                return supabase_typegen(urls[key], schemas=included(key))
            except OracleError as error:
                return error

        with ThreadPoolExecutor(max_workers=4) as pool:
            yield dict(zip(SCHEMAS, pool.map(run, SCHEMAS), strict=True))


@pytest.mark.parametrize("key", SCHEMAS)
def test_database_types_equal_supabase_generator(
    generated: dict[str, str | Exception], pgvector: bool, key: str
) -> None:
    require_oracle()
    expected = generated[key]
    if isinstance(expected, Exception):
        pytest.fail(f"the migration or the generator failed for {key}: {expected}",
                    pytrace=False)
    ours = emit_database_types(load(key, pgvector), schemas=included(key))
    if key in KNOWN_DIFFERENCES:
        reason, adjust = KNOWN_DIFFERENCES[key]
        assert expected != ours, f"{key} is identical now: remove its known difference ({reason})"
        expected = adjust(expected)
    if ours != expected:
        pytest.fail(f"{key} differs from Supabase's generator:\n"
                    + unified_diff(expected, ours, key), pytrace=False)


def test_every_golden_case_and_spec_is_compared() -> None:
    assert {f"case:{name}" for name in CASES} <= set(SCHEMAS)
    assert len(SPECS) >= 7  # basic, functions, long_lines, naming, one_to_one, quirks, type_matrix


def edge_schemas() -> list[ir.Schema]:
    """Shapes a spec cannot write: a table without columns, an enum without labels."""
    public = "public"
    empty_enum = ir.Enum(ir.QualifiedName(public, "nothing"), (), model="Nothing")
    column = ir.Column("n", ir.ColumnType("nothing", enum=empty_enum.name), True)
    return [
        ir.Schema(),
        ir.Schema((empty_enum,), (ir.Table(ir.QualifiedName(public, "bare"), "Bare", ()),
                                  ir.Table(ir.QualifiedName(public, "t"), "T", (column,)))),
    ]


def included_schemas(index: int) -> tuple[str, ...]:
    """Most random schemas are generated for public only, every third for all three schemas
    (the Database type of several schemas, references between them)."""
    return ("public", "private", "extra") if index % 3 == 2 else ("public",)


def test_random_schemas_through_the_generators_template() -> None:
    require_oracle()
    rng = random.Random(RANDOM_SEED)
    schemas = edge_schemas() + [random_schema(rng) for _ in range(RANDOM_SCHEMAS)]
    assert sum(len(schema.functions) for schema in schemas) > RANDOM_SCHEMAS
    expected = typegen_from_metadata([generator_metadata(schema, included_schemas(index))
                                      for index, schema in enumerate(schemas)])

    def ours(index: int) -> str:
        return emit_database_types(schemas[index], schemas=included_schemas(index))

    failures = [index for index, text in enumerate(expected) if ours(index) != text]
    if failures:
        first = failures[0]
        pytest.fail(
            f"{len(failures)} of {len(schemas)} schemas differ (seed {RANDOM_SEED}); "
            f"the first, #{first}:\n"
            + unified_diff(expected[first], ours(first), f"#{first}"),
            pytrace=False)


def test_interfaces_are_stable_under_the_formatter() -> None:
    require_oracle()
    rng = random.Random(RANDOM_SEED + 1)
    schemas = [case_schema(name) for name in CASES]
    schemas += [random_schema(rng) for _ in range(RANDOM_SCHEMAS // 4)]
    texts = [emit_typescript(schema, None) for schema in schemas]
    for index, (ours, formatted) in enumerate(zip(texts, oxfmt(texts), strict=True)):
        if ours != formatted:
            pytest.fail(f"interfaces #{index} change under oxfmt:\n"
                        + unified_diff(formatted, ours, f"#{index}"), pytrace=False)


def test_collation_equals_intl_collator() -> None:
    require_oracle()  # Node is the oracle's
    rng = random.Random(RANDOM_SEED)
    alphabet = "abzAZ_019$-. '\"\\#()éÉèçñüÅøØæßœαжあアｱａ日本"
    strings = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7)))
                      for _ in range(5000)})
    rng.shuffle(strings)
    expected = collate(strings)
    ours = sorted(strings, key=en_collation_key)
    wrong = [(a, b) for a, b in zip(expected, ours, strict=True) if a != b]
    assert not wrong, f"{len(wrong)} positions differ, e.g. {wrong[:5]}"
