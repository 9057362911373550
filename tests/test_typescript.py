"""The TypeScript emitters without Node: the managed region of the interfaces file, golden
outputs of every golden case, determinism, the captured generator samples, speed.

The real generator and the real compiler are in test_typescript_oracle.py and
test_typescript_tsc.py.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from goldens import assert_golden
from hypothesis import given, settings
from hypothesis import strategies as st
from test_golden_cases import CASES, CASES_DIR, case_schema

from codegen.emit.database_types import emit_database_types
from codegen.emit.ts_text import (
    ascii_collation_key,
    en_collation_key,
    general_collation_key,
    is_identifier_name,
    ts_key,
    ts_string,
)
from codegen.emit.typescript import BEGIN, END, HEADER, RegionError, emit_typescript
from codegen.project import load_schema
from codegen.schema import ir

ORACLE = Path(__file__).parent / "oracle"
SPECS = sorted(p.stem for p in (ORACLE / "specs").glob("*.yaml"))
# Specs under tests/oracle/specs that say exactly what samples/<name>.sql says, so the
# captured generator output must match without a database. (The others leave out what
# the spec cannot express; the database test covers them.)
SAME_AS_SAMPLE = ("long_lines", "one_to_one")


def spec_schema(name: str) -> ir.Schema:
    path = ORACLE / "specs" / f"{name}.yaml"
    return load_schema({path.name: path.read_text()})


@pytest.fixture(scope="module")
def seed() -> ir.Schema:
    return case_schema("seed")


def region_of(text: str) -> str:
    start = text.index(BEGIN)
    return text[start:text.index(END) + len(END)]


# -- the managed region ------------------------------------------------------------------------


def test_new_file_is_a_header_and_the_region(seed: ir.Schema) -> None:
    text = emit_typescript(seed, None)
    assert text.startswith(HEADER + "\n\n" + BEGIN)
    assert text.endswith(END + "\n") and not text.endswith("\n\n")
    assert "\r" not in text
    assert "export interface AuditLog {" in text
    assert "export interface TestRunInsert {" in text
    assert "export type TestRunStatus =" in text


def test_region_is_appended_after_one_blank_line(seed: ir.Schema) -> None:
    region = region_of(emit_typescript(seed, None))
    for existing, expected_separator in [
        ("export type Mine = 1", "\n\n"),
        ("export type Mine = 1\n", "\n"),
        ("export type Mine = 1\n\n", ""),
        ("export type Mine = 1\n\n\n", ""),
    ]:
        text = emit_typescript(seed, existing)
        assert text == existing + expected_separator + region + "\n"
    assert emit_typescript(seed, "") == region + "\n"


def test_region_is_replaced_and_every_other_byte_kept(seed: ir.Schema) -> None:
    before = ("// hand-written, with odd bytes: tabs\t, trailing spaces   \n"
              "import type { Database } from './database.types'\n\n"
              "export type Mine = { a: 1 }\n"
              "  // <codegen:begin> indented marker, stale text\n")
    stale = "export interface Old { gone: true }\n"
    after = ("  // <codegen:end> trailing words\n"
             "\n\nexport const x = 1 // no newline at the end")
    text = emit_typescript(seed, before + stale + after)
    assert text.startswith(before[:before.index("  // <codegen:begin>")])
    assert text.endswith(after[after.index("\n"):])
    assert "Old" not in text and "export interface AuditLog {" in text
    # Replacing again changes nothing: the output is a fixed point.
    assert emit_typescript(seed, text) == text


def test_replacing_keeps_the_file_around_the_region_byte_for_byte(seed: ir.Schema) -> None:
    head = "\ufeff// BOM, unicode: café 日本\r\nconst a = `multi\nline`\n"
    tail = "\n/* after */\n"
    existing = head + BEGIN + "\nwhatever\n" + END + tail
    text = emit_typescript(seed, existing)
    assert text.startswith(head) and text.endswith(END + tail)
    assert region_of(text) == region_of(emit_typescript(seed, None))


def test_a_crlf_file_keeps_crlf(seed: ir.Schema) -> None:
    existing = "// mine\r\n" + BEGIN + "\r\nold\r\n" + END + "\r\n// after\r\n"
    text = emit_typescript(seed, existing)
    assert text.startswith("// mine\r\n" + BEGIN) and text.endswith(END + "\r\n// after\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_emitting_into_its_own_output_is_stable(seed: ir.Schema) -> None:
    once = emit_typescript(seed, "// mine\n")
    assert emit_typescript(seed, once) == once
    changed = case_schema("kitchen_sink")
    other = emit_typescript(changed, once)
    assert other.startswith("// mine\n\n" + BEGIN)
    assert emit_typescript(seed, other) == once


@pytest.mark.parametrize(("existing", "words", "line"), [
    (f"a\n{BEGIN}\nb\n", ["no // <codegen:end> after it", "add the end marker"], 2),
    (f"a\n{END}\nb\n", ["no // <codegen:begin> before it"], 2),
    (f"{BEGIN}\n{END}\n{BEGIN}\n{END}\n", ["appears 2 times (lines 1, 3)", "one generated region"],
     3),
    (f"{BEGIN}\n{BEGIN}\n{END}\n", ["appears 2 times"], 2),
    (f"{BEGIN}\n{END}\n{END}\n", ["appears 2 times (lines 2, 3)"], 3),
    (f"{END}\n{BEGIN}\n", ["comes before", "put the begin marker first"], 1),
])
def test_malformed_markers_raise_region_error(
    seed: ir.Schema, existing: str, words: list[str], line: int
) -> None:
    with pytest.raises(RegionError) as info:
        emit_typescript(seed, existing)
    assert isinstance(info.value, ValueError)
    for word in words:
        assert word in str(info.value)
    assert info.value.line == line


def test_markers_only_count_at_the_start_of_a_line(seed: ir.Schema) -> None:
    existing = f"const s = '{BEGIN}' /* {END} */\n"
    assert emit_typescript(seed, existing).startswith(existing + "\n" + BEGIN)


def test_comments_cannot_close_the_region() -> None:
    schema = load_schema({"a.yaml": (
        "tables:\n  t:\n    comment: 'evil */ and\n\n      // <codegen:end>'\n"
        "    columns:\n      id: {type: integer, primary_key: true, "
        "comment: \"line one\\n// <codegen:begin>\"}\n")})
    text = emit_typescript(schema, None)
    lines = [line.lstrip() for line in text.splitlines()]
    assert sum(line.startswith(BEGIN) for line in lines) == 1
    assert sum(line.startswith(END) for line in lines) == 1
    assert "evil *\\/ and" in text
    assert emit_typescript(schema, text) == text


# -- goldens and determinism -------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_interfaces_golden(request: pytest.FixtureRequest, name: str) -> None:
    assert_golden(request, CASES_DIR / name / "expected" / "index.ts",
                  emit_typescript(case_schema(name), None))


@pytest.mark.parametrize("name", CASES)
def test_database_types_golden(request: pytest.FixtureRequest, name: str) -> None:
    assert_golden(request, CASES_DIR / name / "expected" / "database.types.ts",
                  emit_database_types(case_schema(name)))


@pytest.mark.parametrize("name", [*CASES, *SPECS])
def test_output_is_deterministic(name: str) -> None:
    schema = case_schema(name) if name in CASES else spec_schema(name)
    database = emit_database_types(schema)
    interfaces = emit_typescript(schema, None)
    again = case_schema(name) if name in CASES else spec_schema(name)
    assert emit_database_types(again) == database
    assert emit_typescript(again, None) == interfaces
    assert "\r" not in database + interfaces
    assert database.endswith("} as const\n\n")  # like the generator's stdout
    assert interfaces.endswith(END + "\n")


@pytest.mark.parametrize("name", SAME_AS_SAMPLE)
def test_database_types_equal_the_captured_sample(name: str) -> None:
    expected = (ORACLE / "samples" / f"{name}.types.ts").read_text(encoding="utf-8")
    assert emit_database_types(spec_schema(name)) == expected


def test_empty_schema_has_the_generators_empty_blocks() -> None:
    text = emit_database_types(ir.Schema())
    assert "    Tables: {\n      [_ in never]: never\n    }" in text
    assert "    Enums: {\n      [_ in never]: never\n    }" in text
    assert "  public: {\n    Enums: {},\n  },\n} as const\n\n" in text


# -- spelling ----------------------------------------------------------------------------------


def test_string_literals_pick_quotes_like_the_formatter() -> None:
    assert ts_string("plain") == '"plain"'
    assert ts_string("it's") == '"it\'s"'
    assert ts_string('say "hi"') == "'say \"hi\"'"
    assert ts_string("a\"b'c") == '"a\\"b\'c"'  # a tie keeps double quotes
    assert ts_string("a\"\"b'c") == "'a\"\"b\\'c'"
    assert ts_string("back\\slash") == '"back\\\\slash"'
    assert ts_string("tab\tnew\nline\x01") == '"tab\\tnew\\nline\\u0001"'
    assert ts_string("café 日本") == '"café 日本"'


def test_keys_are_quoted_only_when_needed() -> None:
    for name in ["a", "_a", "$a", "café", "日本", "default", "class", "Order", "x\u0301"]:
        assert is_identifier_name(name) and ts_key(name) == name
    for name in ["1a", "123", "a-b", "a b", "", "\u0301x", "a.b"]:
        assert not is_identifier_name(name) and ts_key(name) == ts_string(name)


def test_collation_is_the_generators() -> None:
    names = ["Zed", "zed", "a10", "a2", "Beta_id", "a_b", "_under", "$dollar", "123", "9lives",
             "a1", "ab_ab", "café", "class", "Éclair", "eclair", "k1", "k_1", "Kind", "kind"]
    assert sorted(names, key=en_collation_key) == [
        "_under", "$dollar", "123", "9lives", "a_b", "a1", "a10", "a2", "ab_ab", "Beta_id",
        "café", "class", "eclair", "Éclair", "k_1", "k1", "kind", "Kind", "zed", "Zed"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12))
def test_the_ascii_collation_key_is_the_general_one(text: str) -> None:
    """Names take the short way; it must give the key the general one gives."""
    assert ascii_collation_key(text) == general_collation_key(text)
    assert en_collation_key(text) == general_collation_key(text)


# -- speed -------------------------------------------------------------------------------------


def synthetic_schema(tables: int, columns: int = 8) -> ir.Schema:
    """``tables`` tables of ``columns`` mixed columns, one foreign key each, one enum."""
    status = ir.QualifiedName("public", "status")
    kinds = [ir.ColumnType("uuid"), ir.ColumnType("text"), ir.ColumnType("varchar", (120,)),
             ir.ColumnType("numeric", (12, 2)), ir.ColumnType("status", enum=status),
             ir.ColumnType("jsonb"), ir.ColumnType("timestamptz"), ir.ColumnType("text", (), 1)]
    result = []
    for i in range(tables):
        name = ir.QualifiedName("public", f"t{i:05d}")
        cols = [ir.Column("id", kinds[0], False, ir.Default("gen_random_uuid()", False)),
                ir.Column("parent_id", kinds[0], True)]
        cols += [ir.Column(f"column_{j}", kinds[j % len(kinds)], j % 3 == 0,
                           ir.Default("now()", False) if j % 4 == 0 else None)
                 for j in range(2, columns)]
        parent = ir.QualifiedName("public", f"t{(i - 1) % tables:05d}")
        fk = ir.ForeignKey(f"t{i:05d}_parent_id_fkey", ("parent_id",), parent, ("id",))
        result.append(ir.Table(name, f"T{i:05d}", tuple(cols),
                               ir.PrimaryKey(f"t{i:05d}_pkey", ("id",)), foreign_keys=(fk,)))
    return ir.Schema((ir.Enum(status, ("new", "active", "done"), model="Status"),),
                     tuple(result))


def test_thousand_tables_take_well_under_a_second() -> None:
    schema = synthetic_schema(1000)
    for emit in (lambda: emit_database_types(schema), lambda: emit_typescript(schema, None)):
        start = time.perf_counter()
        text = emit()
        elapsed = time.perf_counter() - start
        assert text.count("\n") > 20_000
        assert elapsed < 1.0, f"{elapsed:.3f}s for 1,000 tables (budget: 0.3 s on a dev machine)"


def test_time_grows_linearly() -> None:
    def best_of_three(tables: int) -> float:
        schema = synthetic_schema(tables)
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            emit_database_types(schema)
            emit_typescript(schema, None)
            timings.append(time.perf_counter() - start)
        return min(timings)

    small, large = best_of_three(200), best_of_three(1600)
    assert large < small * 8 * 2.5, (small, large)  # 8x the tables, well under 20x the time
