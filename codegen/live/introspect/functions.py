"""Functions (not procedures or aggregates: :mod:`.others`) of the schemas read: arguments
with modes and defaults, result, language, body, how they run, who may execute them.

Supabase's own (auth.*, storage.*) are never read: their schemas are not the spec's; nor
are those an extension owns (pg_depend deptype 'e').
"""

from __future__ import annotations

from typing import Any

from codegen.live.introspect.catalog import Catalog
from codegen.live.introspect.types import routine_types
from codegen.schema import ir
from codegen.schema.lower.functions import normalized_body
from codegen.sql.functions import API_ROLES

SQL = """
SELECT p.oid, n.nspname AS schema, p.proname AS name, l.lanname AS language,
       p.prosrc AS body, p.provolatile::text AS volatility, p.proisstrict AS strict,
       p.prosecdef AS security_definer, p.proconfig AS config, p.proretset AS returns_set,
       p.prorettype AS result, p.proargtypes::oid[] AS input_types,
       p.proallargtypes AS all_types, p.proargmodes::text[] AS modes,
       p.proargnames AS names, pg_get_expr(p.proargdefaults, 0) AS defaults,
       p.pronargdefaults AS default_count,
       obj_description(p.oid, 'pg_proc') AS comment,
       p.proacl IS NULL AS default_acl,
       array(SELECT CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee)::text END
             FROM aclexplode(p.proacl) a
             WHERE a.privilege_type = 'EXECUTE' AND a.grantee <> p.proowner) AS execute
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE p.prokind = 'f' AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY n.nspname, p.proname, p.oid
"""

_MODES: dict[str, ir.ArgMode] = {"i": "in", "o": "out", "b": "inout", "v": "variadic",
                                 "t": "table"}
_VOLATILITY: dict[str, ir.Volatility] = {"v": "volatile", "s": "stable", "i": "immutable"}


def read(catalog: Catalog) -> None:
    rows = catalog.rows(SQL)
    oids = {oid for row in rows for oid in (row["result"], *(row["all_types"]
                                                            or row["input_types"]))}
    types = routine_types(catalog, oids)
    for row in rows:
        shown = ", ".join(types[t].base if t in types else "?" for t in row["input_types"])
        where = f"function {row['schema']}.{row['name']}({shown})"
        function = _function(row, types)
        if isinstance(function, str):
            catalog.warn(f"{where}: {function} (skipped)")
        else:
            catalog.functions.append(function)


def _function(row: dict[str, Any], types: dict[int, ir.ColumnType]) -> ir.Function | str:
    if row["language"] not in ("sql", "plpgsql"):
        return f"language {row['language']} is not in the spec"
    arg_types = row["all_types"] or row["input_types"]
    modes = row["modes"] or ["i"] * len(arg_types)
    names = row["names"] or [""] * len(arg_types)
    if any(t not in types for t in (*arg_types, row["result"])):
        return "an argument or result type the spec does not support"
    if any(not name for name in names[: len(arg_types)]):
        return "an argument without a name (the spec names every argument)"
    defaults = split_list(row["defaults"]) if row["defaults"] else []
    args: list[ir.FunctionArg] = []
    table: list[ir.FunctionArg] = []
    inputs = [i for i, m in enumerate(modes) if m in ("i", "b", "v")]
    first_default = len(inputs) - len(defaults)
    for i, (oid, mode, name) in enumerate(zip(arg_types, modes, names, strict=False)):
        arg = ir.FunctionArg(name, types[oid], _MODES[mode])
        if mode == "t":
            table.append(arg)
            continue
        if i in inputs and inputs.index(i) >= first_default:
            default = defaults[inputs.index(i) - first_default]
            arg = ir.FunctionArg(name, arg.type, arg.mode, default)
        args.append(arg)
    returns = None if table else types[row["result"]]
    execute = execute_roles(row["default_acl"], row["execute"])
    return ir.Function(
        name=ir.QualifiedName(row["schema"], row["name"]), args=tuple(args), returns=returns,
        language=row["language"], body=normalized_body(row["body"]),
        returns_set=row["returns_set"] and not table, returns_table=tuple(table),
        volatility=_VOLATILITY[row["volatility"]], strict=row["strict"],
        security_definer=row["security_definer"], config=config(row["config"] or []),
        execute=execute, comment=row["comment"])


def execute_roles(default_acl: bool, roles: list[str]) -> tuple[str, ...] | None:
    """The spec's `execute:`: None when everyone may call it, as PostgreSQL's default (and
    Supabase's, which adds the API roles to PUBLIC) has it; else the roles that may."""
    if default_acl:
        return None
    granted = set(roles)
    if "public" in granted and granted - {"public"} in (set(), set(API_ROLES)):
        return None
    return tuple(sorted(granted))


def config(settings: list[str]) -> tuple[tuple[str, str], ...]:
    """``search_path=""`` is the spec's ``search_path: ""``."""
    pairs = []
    for setting in settings:
        name, _, value = setting.partition("=")
        pairs.append((name, "" if value == '""' else value))
    return tuple(sorted(pairs))


def split_list(text: str) -> list[str]:
    """PostgreSQL's comma-separated list of expressions, split at the top-level commas."""
    items, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(text[start:i].strip())
            start = i + 1
    items.append(text[start:].strip())
    return items
