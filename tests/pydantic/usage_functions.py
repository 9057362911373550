"""Typical use of the generated RPC models of tests/cases/functions; `mypy --strict` must
accept it (tests/test_pydantic_functions.py writes the models next to it as functions.py)."""

from typing import Any
from uuid import UUID

from functions import (
    MyTeamsReturns,
    SearchProfilesByQueryLimArgs,
    SlugifyArgs,
    SlugifyReturns,
    Team,
    TeamMembersArgs,
    TeamMembersReturns,
    TeamMembersRow,
    TeamRole,
)
from pydantic import TypeAdapter


def params(team: UUID) -> dict[str, Any]:
    return TeamMembersArgs(team=team).model_dump(mode="json")  # lim left out: its default


def roles(body: bytes) -> list[TeamRole | None]:
    rows: TeamMembersReturns = TypeAdapter(TeamMembersReturns).validate_json(body)
    first: TeamMembersRow | None = rows[0] if rows else None
    return [row.role for row in rows] + ([first.role] if first else [])


def slug(body: bytes) -> str | None:
    result: SlugifyReturns = TypeAdapter(SlugifyReturns).validate_json(body)
    return result


def names(body: bytes) -> list[str]:
    teams: MyTeamsReturns = TypeAdapter(MyTeamsReturns).validate_json(body)
    mine: list[Team] = teams
    return [team.name for team in mine]


print(params, roles, slug(b'"a-b"'), names(b"[]"), SlugifyArgs(value="x").model_dump(),
      SearchProfilesByQueryLimArgs(query="a", lim=2).model_dump(mode="json"))
