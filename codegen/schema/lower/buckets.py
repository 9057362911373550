"""Lower storage buckets: sizes with units, MIME type patterns."""

from __future__ import annotations

import re

from codegen.schema import ir
from codegen.schema.lower.context import Context, Located
from codegen.spec.storage import BucketSpec

_SIZE = re.compile(r"^\s*(\d+)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}
_MIME = re.compile(r"^[A-Za-z0-9][\w.+-]*/(\*|[A-Za-z0-9][\w.+-]*)$")
_BIGINT_MAX = 2**63 - 1


class Buckets(Context):
    """Builds the spec's storage buckets."""

    def lower_buckets(self) -> tuple[ir.Bucket, ...]:
        result = []
        for bucket_id in sorted(self.buckets):
            spec, where = self.buckets[bucket_id]
            bucket = self._bucket(bucket_id, spec, where)
            if bucket is not None:
                result.append(bucket)
        return tuple(result)

    def _bucket(self, bucket_id: str, spec: BucketSpec, where: Located) -> ir.Bucket | None:
        what = f'bucket "{bucket_id}"'
        self.check_text(bucket_id, where, (), f"id of {what}")
        self.check_text(spec.name, where, ("name",), f"name of {what}")
        size = self._size(spec.file_size_limit, where, what)
        for i, mime in enumerate(spec.allowed_mime_types or ()):
            if not _MIME.match(mime):
                self.error(where.span("allowed_mime_types", i), "E481",
                           f'{what}: "{mime}" is not a MIME type',
                           hint="write type/subtype or type/*, e.g. image/png or image/*")
        mimes = spec.allowed_mime_types
        return ir.Bucket(bucket_id, spec.name or bucket_id, spec.public, size,
                         None if mimes is None else tuple(mimes), where.key_span())

    def _size(self, value: int | str | None, where: Located, what: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, int):
            size = value
        else:
            found = _SIZE.match(value)
            if found is None:
                self.error(where.span("file_size_limit"), "E480",
                           f'{what}: file_size_limit "{value}" is not a size',
                           hint="write bytes (5242880) or a number with a unit: 5MB, 50MiB, 1GB")
                return None
            size = int(found[1]) * _UNITS[(found[2] or "b").lower()]
        if not 0 < size <= _BIGINT_MAX:
            self.error(where.span("file_size_limit"), "E480",
                       f"{what}: file_size_limit must be a positive number of bytes",
                       hint="leave it out for no limit beyond the project's")
            return None
        return size
