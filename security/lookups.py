"""`integer_field__in=[...]` that drops values no integer column can hold.

Django already answers `pk=<huge>` with an empty result instead of a database error; `pk__in`
(used by every multiple-choice form field) still sends a 20-digit id to the database, which then
fails (SQLite: OverflowError; PostgreSQL: out of range). An id outside the column's range cannot
match any row, so leaving it out changes no result.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerFieldIn)
