"""Every lint rule: its name, level, what it finds, how to fix it, and its Supabase twin.

Names and levels follow Supabase's database advisor (splinter) where a rule has
an equivalent there, so users recognise them from the dashboard. ``check`` is
None for the two rules about ``lint_ignore`` itself, which the engine applies.

``MIGRATION_RULES`` check the next migration instead of the spec (docs/lint.md,
"Migration safety"); they carry the name of their squawk equivalent, if any.
Levels: error when the migration fails or leaves the database unlike the spec,
warn when it holds a lock that blocks reads or writes for a time that grows
with the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from codegen.lint import (
    auth,
    columns,
    functions,
    indexes,
    migration_columns,
    migration_enums,
    migration_locks,
    migration_policies,
    policies,
    rls,
    views,
)
from codegen.lint.finding import Issue, Level
from codegen.lint.migration import MigrationCheck
from codegen.schema import ir

Check = Callable[[ir.Schema], Iterator[Issue]]
ADVISOR_DOCS = "https://supabase.com/docs/guides/database/database-linter?lint="


@dataclass(frozen=True)
class Rule:
    """A lint rule: name, level, the check that finds it, and how to fix what it finds."""

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
         "and granting them the table would expose every user; or a view in an API schema "
         "reading it with its owner's rights (users' emails through the API).",
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
    Rule("security_definer_view", "error", views.security_definer_view,
         "A view in an API schema with `security_invoker: false`: it reads with its owner's "
         "rights, past the row level security of its tables.",
         "Remove `security_invoker: false` (on by default).", "0010_security_definer_view"),
    Rule("materialized_view_in_api", "warn", views.materialized_view_in_api,
         "A materialized view in an API schema: no row level security, readable whole by the "
         "API roles under Supabase's default privileges.",
         "Move it to a schema the API does not expose.", "0016_materialized_view_in_api"),
    Rule("storage_anon_write", "warn", views.storage_anon_write,
         "A policy on storage.objects letting anon (or public) insert, update or delete: "
         "anyone with the public key can upload, overwrite or delete files.",
         "Write it for authenticated, tied to the user's folder."),
    Rule("function_search_path_mutable", "warn", functions.function_search_path_mutable,
         "A function without its own `search_path`: names in its body resolve in the "
         "caller's search_path, which the caller controls.",
         'Add `set: {search_path: ""}` and qualify names in the body.',
         "0011_function_search_path_mutable"),
    Rule("extension_in_public", "warn", functions.extension_in_public,
         "An extension installed into `public`: its objects are exposed by the Data API.",
         "Install it into `extensions`.", "0014_extension_in_public"),
    Rule("anon_security_definer_function_executable", "warn",
         functions.anon_security_definer_function_executable,
         "A security definer function in an exposed schema that anon may execute (PUBLIC's "
         "default EXECUTE included): it runs past row level security.",
         "Restrict `execute:`, move it out of the exposed schema, or use security invoker.",
         "0028_anon_security_definer_function_executable"),
    Rule("authenticated_security_definer_function_executable", "warn",
         functions.authenticated_security_definer_function_executable,
         "A security definer function in an exposed schema that authenticated may execute.",
         "Make sure it checks who calls it, or restrict `execute:`; acknowledge it when it "
         "does.", "0029_authenticated_security_definer_function_executable"),
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



@dataclass(frozen=True)
class MigrationRule:
    """A rule over the next migration (:class:`codegen.lint.migration.Migration`)."""

    name: str
    level: Level
    check: MigrationCheck
    finds: str  # what it finds, one sentence
    fix: str  # how to fix it, one sentence
    squawk: str | None = None  # the squawk rule that finds the same, if any


MIGRATION_RULES: tuple[MigrationRule, ...] = (
    # The migration fails, or leaves the database unlike the spec
    MigrationRule("adding_required_column", "error", migration_columns.adding_required_column,
                  "A NOT NULL column without default, identity or backfill added to an existing "
                  "table: ADD COLUMN fails on its rows (and generate refuses it, E302).",
                  "Add a `default`, make it nullable, or add `backfill:`.",
                  "adding-required-field"),
    MigrationRule("drop_referenced_by_policy", "error",
                  migration_policies.drop_referenced_by_policy,
                  "A column or table dropped while a policy still uses it: the DROP fails.",
                  "Change or remove the policy in an earlier migration (or rename it)."),
    MigrationRule("rename_column_used_by_policy", "error",
                  migration_policies.rename_column_used_by_policy,
                  "A renamed column used by a policy the spec leaves unchanged: the database's "
                  "policy follows the rename, the spec's still names the old column.",
                  "Write the policy with the new name."),
    MigrationRule("adding_enum_value_used_in_same_migration", "error",
                  migration_enums.adding_enum_value_used_in_same_migration,
                  "A new enum label used in the migration file that adds it (never, the generator "
                  "splits them): unsafe use of new value.",
                  "Report it: a bug of codegen."),
    MigrationRule("constraint_not_valid", "error", migration_locks.constraint_not_valid,
                  "A foreign key or check added to an existing table without NOT VALID (never, "
                  "the generator adds them NOT VALID): rows are checked under the lock.",
                  "Report it: a bug of codegen.", "constraint-missing-not-valid"),
    # Locks that block reads or writes for a time that grows with the table
    MigrationRule("index_not_concurrent", "warn", migration_locks.index_not_concurrent,
                  "An index built on an existing table without CONCURRENTLY: writes wait.",
                  "Acknowledge it for a small table (CONCURRENTLY is not generated yet).",
                  "require-concurrent-index-creation"),
    MigrationRule("unique_constraint_builds_index", "warn",
                  migration_locks.unique_constraint_builds_index,
                  "A primary key or unique constraint added to an existing table: its index is "
                  "built under ACCESS EXCLUSIVE, reads and writes wait.",
                  "Acknowledge it for a small table.", "disallowed-unique-constraint"),
    MigrationRule("constraint_validated_in_same_transaction", "error",
                  migration_locks.constraint_validated_in_same_transaction,
                  "A foreign key or check added NOT VALID and validated in the same migration "
                  "file, so the same transaction: the lock of ADD is held during the scan "
                  "(never, the generator validates in the next file).",
                  "Report it: a bug of codegen.", "constraint-missing-not-valid"),
    MigrationRule("column_type_rewrites_table", "warn",
                  migration_columns.column_type_rewrites_table,
                  "A type change PostgreSQL does by rewriting the table (int to bigint, text to "
                  "varchar(n), …) or rebuilding its indexes, under ACCESS EXCLUSIVE.",
                  "Migrate through a new column on a large table; acknowledge it on a small one.",
                  "changing-column-type"),
    MigrationRule("add_column_rewrites_table", "warn",
                  migration_columns.add_column_rewrites_table,
                  "A column with a volatile default (gen_random_uuid(), …) or an identity added to "
                  "an existing table: the table is rewritten under ACCESS EXCLUSIVE.",
                  "Add it nullable, set the default later and fill rows in batches.",
                  "adding-field-with-default"),
    MigrationRule("set_not_null_full_scan", "warn", migration_columns.set_not_null_full_scan,
                  "SET NOT NULL on an existing column without a valid CHECK (col IS NOT NULL) from "
                  "an earlier migration: the table is scanned under ACCESS EXCLUSIVE.",
                  "Add the CHECK in an earlier migration, or acknowledge it for a small table.",
                  "adding-not-nullable-field"),
    MigrationRule("not_null_column_backfill", "warn", migration_columns.not_null_column_backfill,
                  "A `backfill:` UPDATE of every row in the migration's transaction: the rows stay "
                  "locked until it commits (and SET NOT NULL scans the table).",
                  "Backfill in batches outside the migration on a large table; acknowledge it on "
                  "a small one."),
)

ALL_RULES: tuple[Rule | MigrationRule, ...] = (*RULES, *MIGRATION_RULES)
BY_NAME: dict[str, Rule | MigrationRule] = {rule.name: rule for rule in ALL_RULES}
