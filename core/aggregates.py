"""Aggregates that PostgreSQL and SQLite both have, under different names.

`JsonList` gathers a group's values into one JSON array, so a page can read a few related rows
(say, the names behind a count) in the same query as the row they belong to, instead of one query
more per row. Give it a `JSONObject(...)` for several fields per element.
"""

from typing import Any

from django.db.models import Aggregate, JSONField


class JsonList(Aggregate):
    """A JSON array of the expression's values per group: JSONB_AGG on PostgreSQL (jsonb, which
    Django decodes), JSON_GROUP_ARRAY on SQLite. The order of the elements is not defined."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)
