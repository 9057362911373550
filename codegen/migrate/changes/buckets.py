"""Changes to storage buckets: rows of storage.buckets, not schema objects."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir
from codegen.schema.destructive import destructive_key


@dataclass(frozen=True)
class UpsertBucket(ChangeBase):
    """INSERT … ON CONFLICT (id) DO UPDATE: the bucket exists with the spec's settings,
    whether it existed before or not (a project may have made it in the dashboard)."""

    bucket: ir.Bucket
    new: bool = True

    def summary(self) -> str:
        return f"{'+' if self.new else '~'} bucket {self.bucket.id}"


@dataclass(frozen=True)
class DeleteBucket(ChangeBase):
    """DELETE the bucket's row (PostgreSQL refuses while objects are still in it)."""

    bucket: ir.Bucket
    risk = "is deleted: it must be empty, and links to its objects stop working"

    def summary(self) -> str:
        return f"- bucket {self.bucket.id}"

    def destructive_key(self) -> str | None:
        return destructive_key("drop_bucket", f"{self.bucket.id}")
