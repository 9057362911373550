"""Aliases of one shape generated once (codegen/emit/pydantic_late.py) give the very text of
generating each of them, and of a full datamodel-code-generator run."""

from __future__ import annotations

import pytest

from codegen.emit.json_schema import build_json_schema
from codegen.emit.pydantic_late import Plan, Words, derive, plan, replace_words
from codegen.emit.pydantic_models import (
    _assemble,
    finish_models,
    for_pydantic,
    generate_models,
)
from codegen.project import load_schema
from codegen.schema import ir


def functions_schema(count: int) -> ir.Schema:
    """Tables of equal name lengths, each with an RPC returning its rows (and one with a
    longer name, a shape of its own)."""
    lines = ["tables:"]
    names = [f"item{i:02d}" for i in range(count)] + ["longer_named_items"]
    for name in names:
        lines += [f"  {name}:", "    columns:", "      id: {type: uuid, primary_key: true}",
                  "      owner_id: uuid", "      title: text?"]
    lines.append("functions:")
    for name in names:
        lines += [f"  {name}_of_owner:", "    args: {owner: uuid}", f"    returns: setof {name}",
                  "    language: sql", "    volatility: stable",
                  f"    body: select * from public.{name} where owner_id = owner"]
    return load_schema({"app.yaml": "\n".join(lines) + "\n"})


@pytest.mark.parametrize("count", [3, 7])
def test_shared_aliases_equal_generating_each_and_a_full_run(count: int) -> None:
    schema = functions_schema(count)
    document = for_pydantic(schema, build_json_schema(schema))
    late = {name: d for name, d in document["$defs"].items() if name.endswith("Returns")}
    shared = plan(late)
    assert len(shared.derived) == count - 2  # the work this saves: proven to happen
    fast = _assemble(document)
    assert fast is not None
    assert fast == _assemble(document, share=False)
    assert finish_models(fast) == finish_models(generate_models(document))


def test_a_description_with_quotes_is_never_shared() -> None:
    late = {"AReturns": {"description": 'What "a" returns.', "type": "string"},
            "BReturns": {"description": 'What "b" returns.', "type": "string"},
            "CReturns": {"description": 'What "c" returns.', "type": "string"}}
    assert plan(late).derived == {}


def test_names_are_replaced_as_whole_words_and_the_description_first() -> None:
    old = Words("AbReturns", ("Ab",), "What ab returns from Ab.")
    new = Words("CdReturns", ("Cd",), "What cd returns from Cd.")
    text = 'AbReturns = TypeAliasType(\n    "AbReturns", list[Ab], description="What ab ' \
           'returns from Ab.")\n"""What ab returns from Ab."""'
    assert replace_words(text, old, new) == text.replace("Ab", "Cd").replace("ab", "cd")


def test_derivation_is_refused_when_the_first_does_not_give_the_second() -> None:
    words = {name: Words(name, (), None) for name in ("AReturns", "BReturns", "CReturns")}
    shared = Plan(frozenset({"AReturns", "BReturns"}), words, {"CReturns": "AReturns"},
                  {"AReturns": "BReturns"})
    good = {"AReturns": "AReturns = int", "BReturns": "BReturns = int"}
    assert derive(good, shared) == {"CReturns": "CReturns = int"}
    assert derive({**good, "BReturns": "BReturns = str"}, shared) is None
