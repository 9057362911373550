"""Model names: singular PascalCase of table names, exactly as ``inflection`` would say."""

from __future__ import annotations

import inflection
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.schema.model_names import model_name, singular

WORDS = ["logs", "runs", "users", "statuses", "addresses", "categories", "people", "children",
         "mice", "octopi", "analyses", "matrices", "vertices", "indices", "quizzes", "oxen",
         "moves", "sexes", "news", "series", "species", "equipment", "information", "rice",
         "money", "fish", "sheep", "jeans", "police", "databases", "movies", "zombies",
         "kine", "Kine", "CamelOctopi", "bus", "buses", "status", "data", "media", "axes",
         "shoes", "heroes", "potatoes", "knives", "wives", "lives", "t00001", "s", ""]


@pytest.mark.parametrize("word", WORDS)
def test_singular_is_inflections(word: str) -> None:
    assert singular(word) == inflection.singularize(word)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abceihlmnopqrstuvxyzIOSE_", max_size=10))
def test_singular_is_inflections_for_any_word(word: str) -> None:
    assert singular(word) == inflection.singularize(word)


@pytest.mark.parametrize(("table", "override", "expected"), [
    ("audit_logs", None, "AuditLog"),
    ("test_runs", None, "TestRun"),
    ("people", None, "Person"),
    ("user_statuses", None, "UserStatus"),
    ("news", None, "News"),
    ("2fa_codes", None, "T2faCode"),
    ("audit_logs", "Entry", "Entry"),
])
def test_model_name(table: str, override: str | None, expected: str) -> None:
    assert model_name(table, override) == expected
