"""The Supabase stand-in: what a Supabase project has before its first migration runs.

One SQL file beside this module (roles, ``auth``, ``extensions``, ``storage``, the realtime
publication), shipped with the package: the test suite and ``codegen verify`` install the
same file, so a migration proven in the tests is proven against what users run it on.
"""

from __future__ import annotations

from importlib.resources import files


def standin_sql() -> str:
    """The stand-in's SQL; safe to run more than once, and concurrently on one cluster."""
    return files("codegen.live").joinpath("supabase_standin.sql").read_text(encoding="utf-8")
