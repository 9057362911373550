"""The outputs of views, proven on PostgreSQL: rows read from every view of the views case
validate into the generated pydantic Row models (with the declared nullability: a row with a
null where the spec says the query never gives one fails), and a write through an updatable
view lands in its table while its check option refuses rows outside it."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from types import ModuleType

import psycopg
import pydantic
import pytest
from psycopg import sql
from psycopg.rows import dict_row
from support.postgres import apply_sql, as_role, connect
from test_golden_cases import case_schema, full_migration

from codegen.emit.pydantic_models import emit_pydantic

ALICE = uuid.UUID("00000000-0000-0000-0000-00000000a11c")
BOB = uuid.UUID("00000000-0000-0000-0000-000000000b0b")


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    path = tmp_path_factory.mktemp("views_models") / "views_models.py"
    path.write_text(emit_pydantic(case_schema("views")), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("codegen_generated_views", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


SEED_TEMPLATE = """
insert into auth.users (id) values (%(alice)s), (%(bob)s);
insert into profiles (id, username, full_name) values (%(alice)s, 'alice', 'Alice'),
  (%(bob)s, 'bob', null);
insert into posts (author_id, title, body, status) values
  (%(alice)s, 'Hello', 'first post here', 'published'),
  (%(alice)s, 'Draft', null, 'draft'),
  (%(bob)s, 'Empty', null, 'published');
insert into comments (post_id, author_id, body) select id, %(bob)s, 'nice' from posts;
refresh materialized view author_stats;
"""
SEED = SEED_TEMPLATE.replace("%(alice)s", f"'{ALICE}'").replace("%(bob)s", f"'{BOB}'")


def test_view_rows_validate_into_row_models(database_url: str, models: ModuleType) -> None:
    schema = case_schema("views")
    apply_sql(database_url, full_migration(schema))
    with connect(database_url) as conn, conn.cursor(row_factory=dict_row) as cursor:
        cursor.execute(SEED)
        # my_drafts shows the caller's drafts: be Alice (auth.uid() reads the JWT claims).
        cursor.execute("select set_config('request.jwt.claims', %s, false)",
                       [f'{{"sub": "{ALICE}"}}'])
        read: dict[str, list[pydantic.BaseModel]] = {}
        for view in schema.views:
            model = getattr(models, view.model)
            rows = cursor.execute(sql.SQL("select * from {}").format(
                sql.Identifier(view.name.schema, view.name.name))).fetchall()
            assert rows, view.name
            read[view.name.name] = [model.model_validate(row) for row in rows]
        # A null where a column is declared not null is refused.
        with pytest.raises(pydantic.ValidationError):
            models.PublishedPost.model_validate({**read["published_posts"][0].model_dump(),
                                                 "title": None})
    stats = {s.username: s for s in read["author_stats"]}
    assert (stats["alice"].posts, stats["alice"].comments) == (2, 2)
    summaries = {s.title: s for s in read["post_summaries"]}
    assert summaries["Empty"].words is None and summaries["Empty"].body == ""
    assert {p.author for p in read["published_posts"]} == {"alice", "bob"}


def test_updatable_view_writes_and_checks(database_url: str) -> None:
    schema = case_schema("views")
    apply_sql(database_url, full_migration(schema))
    with connect(database_url) as conn:
        conn.execute(SEED)
        conn.commit()
        claims = {"sub": str(ALICE), "role": "authenticated"}
        with as_role(conn, "authenticated", claims):
            conn.execute("insert into my_drafts (author_id, title) values (%s, 'Via view')",
                         [ALICE])
            drafts = conn.execute("select title from my_drafts order by id").fetchall()
            assert drafts == [("Draft",), ("Via view",)]
            # WITH CASCADED CHECK OPTION: a published row would leave the view.
            with pytest.raises(psycopg.errors.WithCheckOptionViolation), conn.transaction():
                conn.execute("update my_drafts set status = 'published'")
            # Row level security of posts applies through the view (security_invoker).
            conn.execute("update my_drafts set body = 'x' where author_id = %s", [BOB])
            assert conn.execute("select count(*) from posts where body = 'x'").fetchone() == (0,)
