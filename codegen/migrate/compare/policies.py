"""Compare a table's row level security switch and its policies."""

from __future__ import annotations

from dataclasses import replace

from codegen.migrate.changes import (
    AlterPolicy,
    Change,
    CreatePolicy,
    DisableRls,
    DropPolicy,
    EnableRls,
    SetPolicyComment,
)
from codegen.schema import ir
from codegen.schema.expressions import parse_expression
from codegen.schema.references import expression_references


def compare_rls(old: ir.Table, new: ir.Table, changes: list[Change]) -> None:
    if old.rls != new.rls:
        changes.append(EnableRls(new.name) if new.rls else DisableRls(new.name))


def compare_policies(old: ir.Table, new: ir.Table, pinned: set[str],
                     rebuilt: set[ir.QualifiedName], changes: list[Change]) -> None:
    """``pinned``: columns retyped or dropped, ``rebuilt``: functions dropped or recreated; a
    policy using one is dropped and recreated (PostgreSQL refuses otherwise)."""
    name = new.name
    old_policies = {p.name: p for p in old.policies}
    new_names = {p.name for p in new.policies}
    for policy in new.policies:
        before = old_policies.get(policy.name)
        # PostgreSQL refuses to retype or drop a column a policy uses: rebuild the policy.
        blocks_retype = before is not None and (bool(_policy_columns(before) & pinned)
                                                or calls_any(before, rebuilt))
        if before is None:
            changes.append(CreatePolicy(name, policy))
        elif blocks_retype or (before.command, before.permissive) != (
                policy.command, policy.permissive) or _loses_clause(before, policy):
            changes.append(DropPolicy(name, before))
            changes.append(CreatePolicy(name, policy))
        else:
            if replace(before, comment=None) != replace(policy, comment=None):
                changes.append(AlterPolicy(name, policy))
            if before.comment != policy.comment:
                changes.append(SetPolicyComment(name, policy))
    for policy in old.policies:
        if policy.name not in new_names:
            changes.append(DropPolicy(name, policy))


def _loses_clause(old: ir.Policy, new: ir.Policy) -> bool:
    """ALTER POLICY can replace USING / WITH CHECK but not remove them."""
    return (old.using is not None and new.using is None) or (
        old.with_check is not None and new.with_check is None)


def calls_any(policy: ir.Policy, functions: set[ir.QualifiedName]) -> bool:
    """Whether the policy calls one of ``functions`` (an unqualified call: by name)."""
    if not functions:
        return False
    names = {f.name for f in functions}
    for text in (policy.using, policy.with_check):
        if text is None:
            continue
        for schema, name in expression_references(text).functions:
            if name in names and (schema is None or ir.QualifiedName(schema, name) in functions):
                return True
    return False


def _policy_columns(policy: ir.Policy) -> set[str]:
    names: set[str] = set()
    for text in (policy.using, policy.with_check):
        if text is not None:
            names |= {ref.name for ref in parse_expression(text).columns}
    return names
