"""The guard before a JSON Schema check that needs the pg_jsonschema extension.

``json_check: pg_jsonschema`` makes a CHECK call ``jsonb_matches_schema``; on a database
without the extension PostgreSQL would only say the function does not exist. The guard
stops the migration first with what is missing and how to get it.
"""

from __future__ import annotations

from codegen.schema.json_checks import MATCHES_SCHEMA_FUNCTIONS

EXTENSION = "pg_jsonschema"
GUARD = f"""\
DO $codegen$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = '{EXTENSION}') THEN
    RAISE EXCEPTION 'the {EXTENSION} extension is not installed in this database'
      USING DETAIL = 'a CHECK of this migration validates JSON documents with jsonb_matches_schema (json_check: {EXTENSION} in the spec)',
      HINT = 'create it first (Supabase: Database > Extensions > {EXTENSION}, or CREATE EXTENSION {EXTENSION} WITH SCHEMA extensions), or use json_check: top_level';
  END IF;
END
$codegen$;"""


def needs_guard(statements: list[str]) -> bool:
    """Whether a change's statements call pg_jsonschema's functions."""
    return any(f"{function}(" in statement for statement in statements
               for function in MATCHES_SCHEMA_FUNCTIONS)
