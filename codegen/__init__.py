"""Schema-as-code for Supabase/PostgreSQL.

One YAML spec is the single source of truth for the SQL migration, the pydantic
models and the TypeScript types. The pipeline is a chain of pure stages:

    load (YAML with positions) -> spec (validated models) -> lower (frozen IR)
    -> emitters returning {path: text}

Only :mod:`codegen.cli` touches the file system.
"""

__version__ = "0.1.0"
