"""Compare storage buckets by id."""

from __future__ import annotations

from codegen.migrate.changes import Change, DeleteBucket, UpsertBucket
from codegen.schema import ir


def compare_buckets(old: ir.Schema, new: ir.Schema, changes: list[Change]) -> None:
    before = {b.id: b for b in old.buckets}
    after = {b.id: b for b in new.buckets}
    for bucket in new.buckets:
        if before.get(bucket.id) != bucket:
            changes.append(UpsertBucket(bucket, new=bucket.id not in before))
    changes.extend(DeleteBucket(b) for b in old.buckets if b.id not in after)
