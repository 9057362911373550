"""Check a plpgsql body with pglast's plpgsql parser, which has no catalog.

The parser needs the whole CREATE FUNCTION: the arguments are variables the body may assign
and the result decides what RETURN takes. Its stand-in catalog resolves names only in
pg_catalog and public and takes every type it does not know for a row type, so before
parsing, the spec's enums are spelled ``text`` (they are scalars) where the signature and the
DECLARE sections name them, and a name qualified with one of the spec's other schemas is read
as public's. What it still cannot judge is left to PostgreSQL, which sees the real catalog
when the migration runs.
"""

from __future__ import annotations

import re

from pglast import parser as pg_parser

from codegen.schema.naming import dollar_quote

# What the parser says of a schema-qualified name outside pg_catalog and public.
_NOT_IMPLEMENTED = "LookupExplicitNamespace only supports"
# ... and of a variable of a type it took for a row type, among several INTO targets.
_GUESSED_TYPE = re.compile(r'"[^"]*" is not a scalar variable')

_WORD = r'(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)'
DECLARE_SECTION = re.compile(r"\bdeclare\b(.*?)\bbegin\b", re.IGNORECASE | re.DOTALL)


def _alternatives(names: set[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def enums_as_text(body: str, enums: set[str]) -> str:
    """``body`` with the enums its DECLARE sections give variables spelled ``text``."""
    if not enums:
        return body
    declaration = re.compile(rf"((?:\bdeclare\b|;)\s*{_WORD}\s+(?:constant\s+)?)"
                             rf"(?:{_alternatives(enums)})(?![\w$.])", re.IGNORECASE)
    return DECLARE_SECTION.sub(lambda m: declaration.sub(r"\g<1>text", m.group(0)), body)


def check_plpgsql(signature: str, body: str, schemas: set[str], enums: set[str]) -> None:
    """Raise pglast's ParseError if ``body`` is not valid plpgsql for ``signature``
    (``(arguments) RETURNS result``, enums already spelled ``text``).

    ``schemas``: the spec's schemas other than public; ``enums``: its enum names, qualified
    and bare, in lower case."""
    text = enums_as_text(body, enums)
    tag = dollar_quote(text)
    statement = f"CREATE FUNCTION f{signature} LANGUAGE plpgsql AS {tag}{text}{tag}"
    try:
        pg_parser.parse_plpgsql_json(statement)  # a check: no Python tree wanted
        return
    except pg_parser.ParseError as err:
        message = str(err.args[0])
        if _GUESSED_TYPE.search(message):
            return
        if _NOT_IMPLEMENTED not in message or not schemas:
            raise
    names = _alternatives(schemas)
    as_public = re.sub(rf'(?<![\w."$])(?:{names}|"(?:{names})")\s*\.', "public.", statement,
                       flags=re.IGNORECASE)
    try:
        pg_parser.parse_plpgsql_json(as_public)
    except pg_parser.ParseError as err:
        message = str(err.args[0])
        if _NOT_IMPLEMENTED not in message and not _GUESSED_TYPE.search(message):
            raise
