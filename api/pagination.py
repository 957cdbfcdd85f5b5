from rest_framework.pagination import CursorPagination


class ByIdCursor(CursorPagination):
    """Opaque cursors over the primary key: stable while records are added, one index scan per page."""

    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
