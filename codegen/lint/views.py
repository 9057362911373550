"""Views and storage (Supabase advisor 0010, 0016, 0002 through a view) and policies that
let anon write to storage."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.lint.finding import Issue, Subject, on_policy
from codegen.lint.roles import API_SCHEMAS
from codegen.schema import ir
from codegen.schema.references import statements_references

STORAGE_OBJECTS = ir.QualifiedName("storage", "objects")


def view_name(view: ir.View) -> str:
    return f"{'materialized view' if view.materialized else 'view'} {view.name}"


def on_view(view: ir.View) -> Subject:
    return Subject(view_name(view), view.span, (view_name(view),))


def security_definer_view(schema: ir.Schema) -> Iterator[Issue]:
    """A view runs its query with its owner's rights unless security_invoker is on: row level
    security of the tables it reads is the owner's (none), not the caller's."""
    for view in schema.views:
        if view.materialized or view.security_invoker or view.name.schema not in API_SCHEMAS:
            continue
        yield Issue(
            on_view(view),
            f'view "{view.name}" runs with its owner\'s rights (security_invoker: false): '
            "whoever may select from it reads every row of the tables it reads, past their "
            "row level security",
            "remove `security_invoker: false` (the default is true), or move the view out of "
            "the API's schemas",
        )


def materialized_view_in_api(schema: ir.Schema) -> Iterator[Issue]:
    """A materialized view has no row level security: in an exposed schema (where Supabase's
    default privileges let anon and authenticated select) every row is readable."""
    for view in schema.views:
        if view.materialized and view.name.schema in API_SCHEMAS:
            yield Issue(
                on_view(view),
                f'materialized view "{view.name}" is in an API schema: it has no row level '
                "security, so whoever may select from it (anon and authenticated, under "
                "Supabase's default privileges) reads every row",
                "move it to a schema the API does not expose (e.g. `private.`) and read it "
                "through a function or view that filters",
            )


def auth_users_exposed_by_views(schema: ir.Schema) -> Iterator[Issue]:
    """A view in an exposed schema that reads auth.users with its owner's rights (a plain view
    without security_invoker, or any materialized view) hands user emails to the API."""
    for view in schema.views:
        if view.name.schema not in API_SCHEMAS or (view.security_invoker and not view.materialized):
            continue
        if ("auth", "users") in statements_references(view.query).relations:
            yield Issue(
                on_view(view),
                f'{view_name(view)} reads auth.users with its owner\'s rights in an API schema: '
                "anon and authenticated may read users' emails and metadata through it",
                "select from a table of your own (public.profiles), or move the view out of "
                "the API's schemas",
            )


def storage_anon_write(schema: ir.Schema) -> Iterator[Issue]:
    """A policy on storage.objects that lets anon (or PUBLIC) insert, update or delete: anyone
    with the project's public key can upload, overwrite or delete files."""
    for table in schema.tables:
        if table.name != STORAGE_OBJECTS:
            continue
        for policy in table.policies:
            if policy.command == "select" or not {"anon", "public"} & set(policy.roles):
                continue
            action = {"insert": "upload", "update": "overwrite", "delete": "delete",
                      "all": "upload, overwrite and delete"}[policy.command]
            yield Issue(
                on_policy(table, policy),
                f'policy "{policy.name}" on storage.objects lets anon {action} objects: anyone '
                "with the project's public key can",
                "give the policy `to: [authenticated]` and tie the path to the user, e.g. "
                "(storage.foldername(name))[1] = (select auth.uid())::text",
            )
