"""Every lint rule: its name, level, what it finds, how to fix it, and its Supabase twin.

Names and levels follow Supabase's database advisor (splinter) where a rule has
an equivalent there, so users recognise them from the dashboard. ``check`` is
None for the two rules about ``lint_ignore`` itself, which the engine applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from codegen import ir
from codegen.lint import auth, columns, indexes, policies, rls
from codegen.lint.finding import Issue, Level

Check = Callable[[ir.Schema], Iterator[Issue]]
ADVISOR_DOCS = "https://supabase.com/docs/guides/database/database-linter?lint="


@dataclass(frozen=True)
class Rule:
    name: str
    level: Level
    check: Check | None
    finds: str  # what it finds, one sentence
    fix: str  # how to fix it, one sentence
    advisor: str | None = None  # Supabase advisor lint, e.g. "0013_rls_disabled_in_public"


RULES: tuple[Rule, ...] = (
    # Security
    Rule("rls_disabled_in_public", "error", rls.rls_disabled_in_public,
         "A table in `public` (exposed by the Data API) with `rls: false`.",
         "Remove `rls: false` and write policies.", "0013_rls_disabled_in_public"),
    Rule("policy_exists_rls_disabled", "error", rls.policy_exists_rls_disabled,
         "A table with policies but `rls: false`: the policies are ignored.",
         "Remove `rls: false`.", "0007_policy_exists_rls_disabled"),
    Rule("rls_enabled_no_policy", "info", rls.rls_enabled_no_policy,
         "A table with row level security on and no policy: only service_role can use it.",
         "Add policies, or acknowledge a server-only table.", "0008_rls_enabled_no_policy"),
    Rule("auth_users_exposed", "error", auth.auth_users_exposed,
         "A policy that reads `auth.users`: anon and authenticated get \"permission denied\", "
         "and granting them the table would expose every user.",
         "Use JWT claims or a table of your own (public.profiles).", "0002_auth_users_exposed"),
    Rule("rls_references_user_metadata", "error", auth.rls_references_user_metadata,
         "A policy that trusts `user_metadata` (JWT or `raw_user_meta_data`), which users edit.",
         "Use `app_metadata` or a table of your own.", "0015_rls_references_user_metadata"),
    Rule("rls_policy_always_true", "warn", policies.rls_policy_always_true,
         "An insert/update/delete/all policy for anon, authenticated or public whose `using` or "
         "`with_check` is always true (`true`, `1 = 1`).",
         "Write a real condition, or acknowledge it with a reason.", "0024_permissive_rls_policy"),
    Rule("policy_role_without_grant", "warn", policies.policy_role_without_grant,
         "A policy for a role the spec grants nothing its command needs: it can never apply.",
         "Grant the privilege (`grants:`) or drop the role from `to`."),
    Rule("policy_unknown_column", "error", columns.policy_unknown_column,
         "A policy naming a column or table that is not in scope (`schema.table.col`, "
         "sub-selects over spec tables); CREATE POLICY would fail.",
         "Fix the name."),
    # Performance
    Rule("auth_rls_initplan", "warn", auth.auth_rls_initplan,
         "A policy calling auth.uid(), auth.jwt(), auth.role(), auth.email() or "
         "current_setting() outside a `(select …)`: evaluated once per row.",
         "Wrap the call: `(select auth.uid())` (the message shows the rewrite).",
         "0003_auth_rls_initplan"),
    Rule("multiple_permissive_policies", "warn", policies.multiple_permissive_policies,
         "Several permissive policies for the same role and action: all are evaluated.",
         "Merge them (`or`), or make some `as: restrictive`.",
         "0006_multiple_permissive_policies"),
    Rule("unindexed_foreign_keys", "info", indexes.unindexed_foreign_keys,
         "A foreign key whose columns no (non-partial) index starts with.",
         "Add an index on the foreign key's columns.", "0001_unindexed_foreign_keys"),
    Rule("no_primary_key", "info", indexes.no_primary_key,
         "A table without a primary key.", "Add one.", "0004_no_primary_key"),
    Rule("duplicate_index", "warn", indexes.duplicate_index,
         "Two or more identical indexes on a table (including those behind keys).",
         "Drop all but one.", "0009_duplicate_index"),
    # The acknowledgements themselves
    Rule("unknown_lint_ignore", "error", None,
         "A `lint_ignore` naming a rule that does not exist (a typo hides nothing).",
         "Use a rule name from this table."),
    Rule("unused_lint_ignore", "info", None,
         "A `lint_ignore` that acknowledges no finding (any more).",
         "Remove it."),
)

BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
