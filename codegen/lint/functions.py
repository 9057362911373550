"""Functions and extensions (Supabase advisor 0011, 0014, 0028/0029)."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.lint.finding import Issue, on_extension, on_function
from codegen.lint.roles import API_SCHEMAS, join
from codegen.schema import ir


def function_search_path_mutable(schema: ir.Schema) -> Iterator[Issue]:
    """Without its own search_path a function resolves names in the caller's: a caller who
    puts a schema of theirs first makes it read their tables and call their functions."""
    for function in schema.functions:
        if any(name == "search_path" for name, _ in function.config):
            continue
        definer = " (security definer: with its owner's rights)" \
            if function.security_definer else ""
        yield Issue(
            on_function(function),
            f'function "{function.name}" has a role-mutable search_path{definer}: the objects '
            "it names unqualified are looked up in the caller's search_path",
            'set it: `set: {search_path: ""}`, and qualify every name in the body '
            "(public.profiles, auth.uid())",
        )


def extension_in_public(schema: ir.Schema) -> Iterator[Issue]:
    for extension in schema.extensions:
        if extension.schema == "public":
            yield Issue(
                on_extension(extension),
                f'extension "{extension.name}" is installed into public: its functions and '
                "types are exposed by the Data API and callable by anon",
                "install it into another schema: `schema: extensions` (Supabase's default)",
            )


def anon_security_definer_function_executable(schema: ir.Schema) -> Iterator[Issue]:
    """A security definer function runs with its owner's rights, past row level security;
    exposed through the API, anon may call it."""
    yield from _definer_executable(schema, "anon")


def authenticated_security_definer_function_executable(schema: ir.Schema) -> Iterator[Issue]:
    yield from _definer_executable(schema, "authenticated")


def _definer_executable(schema: ir.Schema, role: str) -> Iterator[Issue]:
    for function in schema.functions:
        if (not function.security_definer or function.returns_trigger
                or function.name.schema not in API_SCHEMAS):
            continue
        if function.execute is None:
            who = "PostgreSQL's default grant to PUBLIC"
        elif role in function.execute or "public" in function.execute:
            who = f"`execute: [{join(list(function.execute))}]`"
        else:
            continue
        yield Issue(
            on_function(function),
            f'security definer function "{function.name}" can be called by {role} through the '
            f"Data API ({who}); it runs with its owner's rights, past row level security",
            f"list who may call it without {role} (`execute: [...]`), move it to a schema the "
            "API does not expose, or make it `security: invoker`",
        )
