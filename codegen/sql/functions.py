"""SQL for functions: CREATE OR REPLACE, DROP, rename, comment and who may execute."""

from __future__ import annotations

from codegen.migrate.changes import (
    CreateFunction,
    DropFunction,
    RecreateFunction,
    RenameFunction,
    ReplaceFunction,
    SetFunctionComment,
    SetFunctionExecute,
)
from codegen.schema import ir
from codegen.schema.defaults import quote_literal
from codegen.schema.naming import dollar_quote
from codegen.schema.pgtypes import type_sql
from codegen.sql.dialect import qualified, quote_ident
from codegen.sql.registry import renderer
from codegen.sql.statements import alter_column_sql, default_sql

# The API roles whose EXECUTE a function's `execute:` list replaces (Supabase's default
# privileges grant it to them on every new function in public).
API_ROLES = ("anon", "authenticated", "service_role")


def type_text(column_type: ir.ColumnType) -> str:
    return type_sql(column_type, qualified)


def signature_sql(function: ir.Function) -> str:
    """``schema.name(type, ...)``: how DROP, ALTER, COMMENT and GRANT name one overload."""
    types = ", ".join(type_text(t) for t in function.identity[1])
    return f"{qualified(function.name)}({types})"


def _argument(arg: ir.FunctionArg) -> str:
    mode = "" if arg.mode in ("in", "table") else f"{arg.mode.upper()} "
    text = f"{mode}{quote_ident(arg.name)} {type_text(arg.type)}"
    return f"{text} DEFAULT {arg.default.strip()}" if arg.default is not None else text


def _returns(function: ir.Function) -> str:
    if function.returns is None:
        return f"TABLE({', '.join(_argument(c) for c in function.returns_table)})"
    return ("SETOF " if function.returns_set else "") + type_text(function.returns)


def _setting(name: str, value: str) -> str:
    if name.lower() != "search_path":
        return f"SET {quote_ident(name)} TO {quote_literal(value)}"
    # A list of schemas: each one an identifier (quoted as needed), or '' for none at all.
    items = [item.strip() for item in value.split(",")] if value.strip() else []
    if not items:
        return "SET search_path TO ''"
    spelled = [item if item == "$user" or item.startswith('"') else quote_ident(item)
               for item in items]
    return f"SET search_path TO {', '.join(spelled)}"


def create_function_sql(function: ir.Function) -> str:
    lines = [(f"CREATE OR REPLACE FUNCTION {qualified(function.name)}("
             f"{', '.join(_argument(a) for a in function.args)})"),
             f" RETURNS {_returns(function)}",
             f" LANGUAGE {function.language}"]
    if function.volatility != "volatile":
        lines.append(f" {function.volatility.upper()}")
    if function.strict:
        lines.append(" STRICT")
    if function.security_definer:
        lines.append(" SECURITY DEFINER")
    lines.extend(f" {_setting(name, value)}" for name, value in function.config)
    body = function.body if function.body.endswith("\n") else function.body + "\n"
    tag = dollar_quote(body)
    return "\n".join(lines) + f"\nAS {tag}\n{body}{tag}"


@renderer
def render_create_function(change: CreateFunction) -> str:
    return create_function_sql(change.function)


@renderer
def render_replace_function(change: ReplaceFunction) -> str:
    return create_function_sql(change.new)


@renderer
def render_recreate_function(change: RecreateFunction) -> list[str]:
    """The defaults that call it step aside while it is dropped and created again."""
    drops = [alter_column_sql(table, column.name, "DROP DEFAULT")
             for table, column in change.defaults]
    sets = [alter_column_sql(table, column.name, default_sql(column.default))
            for table, column in change.defaults if column.default is not None]
    return [*drops, f"DROP FUNCTION {signature_sql(change.old)}",
            create_function_sql(change.new), *sets]


@renderer
def render_drop_function(change: DropFunction) -> str:
    return f"DROP FUNCTION {signature_sql(change.function)}"


@renderer
def render_rename_function(change: RenameFunction) -> list[str]:
    statements = []
    types = ", ".join(type_text(t) for t in change.function.identity[1])
    old, new = change.old, change.function.name
    if old.schema != new.schema:
        statements.append(f"ALTER FUNCTION {qualified(old)}({types}) "
                          f"SET SCHEMA {quote_ident(new.schema)}")
    if old.name != new.name:
        moved = ir.QualifiedName(new.schema, old.name)
        statements.append(f"ALTER FUNCTION {qualified(moved)}({types}) "
                          f"RENAME TO {quote_ident(new.name)}")
    return statements


@renderer
def render_function_comment(change: SetFunctionComment) -> str:
    value = "NULL" if change.comment is None else quote_literal(change.comment)
    return f"COMMENT ON FUNCTION {signature_sql(change.function)} IS {value}"


def _role(role: str) -> str:
    return "PUBLIC" if role.lower() == "public" else quote_ident(role)


@renderer
def render_function_execute(change: SetFunctionExecute) -> list[str]:
    target = f"FUNCTION {signature_sql(change.function)}"
    if change.roles is None:
        return [f"GRANT EXECUTE ON {target} TO PUBLIC"]
    revoked = ["PUBLIC", *API_ROLES]
    statements = [f"REVOKE ALL ON {target} FROM {', '.join(revoked)}"]
    if change.roles:
        roles = ", ".join(_role(r) for r in change.roles)
        statements.append(f"GRANT EXECUTE ON {target} TO {roles}")
    return statements


