"""Paging: numbered pages with a total count, or cursors for deep, stable paging with no depth cap."""

from rest_framework import pagination

MAX_PAGE_SIZE = 200


class CursorPagination(pagination.CursorPagination):
    """Walks the result set in id order: stable while rows are added, and as fast on page 10,000 as on page 1."""

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_ordering(self, request, queryset, view):
        # DRF would take the view's ordering instead; a cursor needs a unique, non-null key.
        return (self.ordering,)


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N` pages with `count`; `?cursor=` (empty for the first page) switches to cursor paging."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        self.cursor = None
        if self.cursor_query_param in request.query_params:
            self.cursor = CursorPagination()
            self.cursor.page_size = self.get_page_size(request)
            return self.cursor.paginate_queryset(queryset, request, view)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.cursor is not None:
            return self.cursor.get_paginated_response(data)
        return super().get_paginated_response(data)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = "Total number of results (absent with cursor paging)."
        response["required"] = ["results"]
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        parameters.append(
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Cursor paging: pass an empty `cursor=` for the first page, then follow `next`. "
                    "Results come newest id first; `count` is not computed and `ordering` is not used."
                ),
                "schema": {"type": "string"},
            }
        )
        return parameters
