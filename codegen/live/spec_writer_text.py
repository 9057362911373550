"""Text helpers of the spec writers: keys and expressions as the spec writes them."""

from __future__ import annotations

from codegen.schema import ir


def unwrap(expression: str) -> str:
    """PostgreSQL's deparse without the parentheses it puts around a whole expression:
    ``(price >= (0)::numeric)`` -> ``price >= (0)::numeric``. Quoted text is skipped."""
    if not (expression.startswith("(") and expression.endswith(")")):
        return expression
    depth, quote = 0, ""
    for i, ch in enumerate(expression):
        if quote:
            if ch == quote:
                quote = ""  # a doubled quote closes and reopens: the same outcome
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and i < len(expression) - 1:
                return expression  # the first parenthesis closes before the end
    return expression[1:-1].strip()


def qualified_key(name: ir.QualifiedName) -> str:
    """How the spec keys an object: without the schema in public."""
    return name.name if name.schema == "public" else str(name)
