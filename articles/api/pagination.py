"""Paging: numbered pages with a total count, or cursors for deep, stable paging with no depth cap."""

from django.core import paginator
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import NotFound

from articles import search
from articles.api.errors import InvalidParameters

MAX_PAGE_SIZE = 200
# `count` is exact up to this many results. Counting every match of a filter that matches most of the
# corpus grows with it (31 of 49 ms of /articles/ at 100,000 articles); counting up to a cap does not.
COUNT_CAP = 10_000
# A filter matching at most this many rows has its page read from those rows (see FullPagePaginator).
FEW_MATCHES = 2_000
# A search matching at most this many rows has its page read from them (found through its index) too:
# walking the list's order testing each row cost 0.46 s for a word in 4,000 of 7 million quotes and
# 2.9 s in 3,300 of 5.7 million statements (whose search vectors are computed, not stored).
SEARCHED_MATCHES = COUNT_CAP
# `ordering=relevance` ranks at most this many matches, the most recently added: ranking reads every
# ranked row's search vector, and ranking all 70,000 articles with a common word took 0.7 s at
# 300,000 articles, growing with the corpus.
RANK_WINDOW = 2_000


def counted_from(queryset, keys):
    """Mark a list filtered by one condition as counted from ``keys`` (a queryset of its rows' keys,
    each at most once), for as long as that condition is its only one."""
    queryset.query.counted_from = (queryset.query.where.children[-1], keys)
    return queryset


def _keys(queryset):
    """The keys of the list's rows, to count and to read few matches from: those it is marked as counted
    from (``counted_from``) while nothing else filters it, else its own."""
    condition, keys = getattr(queryset.query, "counted_from", (None, None))
    if condition is not None and queryset.query.where.children == [condition]:
        return keys.order_by()
    return queryset.order_by().values_list("pk", flat=True)


def _ranked(queryset) -> bool:
    """Whether the list is ordered by search relevance (``search_rank``)."""
    return any(getattr(getattr(term, "expression", None), "name", None) == "search_rank" for term in queryset.query.order_by)


def _is_number(value: str) -> bool:
    return value.isascii() and value.isdigit()  # "²".isdigit() is true too


class FullPagePaginator(paginator.Paginator):
    """Counts up to ``COUNT_CAP`` results, and asks the database for a whole page even when fewer rows are left.

    Django trims the last page's LIMIT to the rows left: LIMIT 1 for a filter that matches one quote.
    With so small a LIMIT PostgreSQL prefers walking the newest-first index of every article until
    the filter matches (11 ms for a rare speaker on 10,000 articles, growing with the corpus)
    over sorting the few matching rows (0.4 ms). The rows returned are the same.
    """

    count_cap = COUNT_CAP
    count_exact = True
    few_matches = FEW_MATCHES
    searched_matches = SEARCHED_MATCHES
    rank_window = RANK_WINDOW
    matching = None  # the keys of a filtered list's rows, when there are few
    ranked_window = False  # whether `matching` is the ranking window of a search with more matches

    @cached_property
    def count(self):
        if not hasattr(self.object_list, "order_by"):
            return len(self.object_list)
        keys = _keys(self.object_list)
        with search.planned_for_the_search_index(self.object_list):
            # COUNT(*) over a LIMITed subquery: the database stops after count_cap + 1 matching rows.
            # Only the key is selected: the list's annotations (counts, JSON lists) would be computed for each.
            searched = search.is_searched(self.object_list)
            few = self.searched_matches if searched else self.few_matches
            if searched:
                # A search's page is read from its matches when there are few: read their keys once,
                # not a count and then the same matches again (2 x 0.2 s for 7,271 quotes among a
                # common word's 15,000 at 300k articles).
                found = list(keys[: self.count_cap + 1])
                counted = len(found)
            else:
                found, counted = None, keys[: self.count_cap + 1].count()
            if counted > self.rank_window and _ranked(self.object_list):
                self.matching = search.newest_matches(self.object_list, self.rank_window)
                self.ranked_window = True
            elif counted <= few and self.object_list.query.where:
                # A filter that matches few rows, planned as "walk the ordering index until a page of
                # rows passes", walks most of the table when its matches lie far along that order: a
                # rare word's 355 statements took 1.2 s at 100k articles. Their keys, read once, let
                # the page be read from those rows and sorted: 13 ms.
                self.matching = found if found is not None else list(keys[:few])
        self.count_exact = counted <= self.count_cap
        return min(counted, self.count_cap)

    @cached_property
    def num_pages(self):
        """Numbered pages of a search ranked by relevance end with its ranking window."""
        pages = super().num_pages
        return min(pages, -(-self.rank_window // self.per_page)) if self.ranked_window else pages

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except paginator.EmptyPage:
            if self.ranked_window:
                raise paginator.EmptyPage(
                    f"ordering=relevance ranks the {self.rank_window:,} most recently added matches; narrow the "
                    "search, or order by date to page through every match"
                ) from None
            if self.count_exact:
                raise
            raise paginator.EmptyPage(
                f"numbered pages reach the first {self.count_cap:,} results; past them, page with `?cursor=`"
            ) from None

    def page(self, number):
        if self.orphans:  # the last page may then take more than a page's rows: Django's own way
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list if self.matching is None else search.among(self.object_list, self.matching)
        return self._get_page(rows[bottom:bottom + self.per_page], number, self)


class CursorPagination(pagination.CursorPagination):
    """Walks the result set in id order: stable while rows are added, and as fast on page 10,000 as on page 1."""

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_ordering(self, request, queryset, view):
        # DRF would take the view's ordering instead; a cursor needs a unique, non-null key. Rows that
        # are not model instances (a topic's speakers: dicts keyed by person_id) name theirs.
        return (getattr(view, "cursor_ordering", None) or self.ordering,)

    def decode_cursor(self, request):
        """The position must be an id: a forged non-numeric one would reach the database as a filter value (500)."""
        cursor = super().decode_cursor(request)  # DRF: a cursor that is not one of ours is a 404
        if cursor is not None and cursor.position is not None and not _is_number(cursor.position):
            raise NotFound(self.invalid_cursor_message)
        return cursor


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N` pages with `count`; `?cursor=` (empty for the first page) switches to cursor paging."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    cursor_query_param = "cursor"
    django_paginator_class = FullPagePaginator
    invalid_page_message = "Invalid page {page_number}: {message}."

    def paginate_queryset(self, queryset, request, view=None):
        self.check_parameters(request)
        self.cursor = None
        if self.cursor_query_param in request.query_params:
            self.cursor = CursorPagination()
            self.cursor.page_size = self.get_page_size(request)
            return self.cursor.paginate_queryset(queryset, request, view)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.cursor is not None:
            return self.cursor.get_paginated_response(data)
        response = super().get_paginated_response(data)
        response.data["count_exact"] = self.page.paginator.count_exact
        return response

    def check_parameters(self, request):
        """A malformed `page` or `page_size` is a bad parameter (400); a page past the last one is not found (404)."""
        page = request.query_params.get(self.page_query_param)
        if page and page not in self.last_page_strings and not (_is_number(page) and int(page) >= 1):
            raise InvalidParameters({self.page_query_param: ["A page number (1, 2, ...) or `last`."]})
        size = request.query_params.get(self.page_size_query_param)
        if size and not (_is_number(size) and int(size) >= 1):
            raise InvalidParameters({self.page_size_query_param: [f"A positive number of results a page (larger than {MAX_PAGE_SIZE} gives {MAX_PAGE_SIZE})."]})

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            f"Number of results: exact up to {COUNT_CAP:,}; when more match it is {COUNT_CAP:,} and `count_exact` "
            f"is false (numbered pages then reach the first {COUNT_CAP:,}; page further with `?cursor=`). "
            "Absent with cursor paging."
        )
        response["properties"]["count_exact"] = {
            "type": "boolean",
            "example": True,
            "description": f"Whether `count` is every result (false: more than {COUNT_CAP:,} match). Absent with cursor paging.",
        }
        for link in ("next", "previous"):  # DRF writes OpenAPI 3.0's `nullable`; the schema is 3.1
            response["properties"][link].pop("nullable", None)
            response["properties"][link]["type"] = ["string", "null"]
        response["required"] = ["results"]
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] in (self.page_query_param, self.page_size_query_param):
                parameter["schema"] = {**parameter["schema"], "minimum": 1}
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
