from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class ByIdCursor(CursorPagination):
    """Opaque cursors over the primary key: stable while records are added, one index scan per page."""

    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        raw = request.query_params.getlist(self.page_size_query_param)
        if not raw:
            return self.page_size
        if (
            len(raw) > 1
            or not raw[0].isdigit()
            or not 1 <= int(raw[0][:4]) <= self.max_page_size
            or len(raw[0]) > 3
        ):
            raise ValidationError(
                {
                    "page_size": [
                        _("A whole number from 1 to %(max)s.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw[0])

    def decode_cursor(self, request):
        """DRF checks a cursor's form, not that its position is a primary key: a forged `p=x` or a
        number beyond the column's range is an invalid cursor (404 like any other), not a 500."""
        cursor = super().decode_cursor(request)
        position = None if cursor is None else cursor.position
        if position is not None and not (position.isdigit() and len(position) <= 18):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters
