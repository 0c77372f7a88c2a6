"""Ordering that is stable across pages: missing values sort last and ties are broken by id."""

from django.db.models import F
from rest_framework.filters import OrderingFilter


def stable_order(queryset, ordering, mapping=None):
    """``queryset`` ordered by ``ordering`` (names like "-published"), missing values last, ties by id.

    ``mapping`` turns public names into fields (``{"created": "created_at"}``); a field that starts
    with "-" means "best first" (``"relevance": "-search_rank"``).
    """
    mapping = mapping or {}
    expressions = []
    for term in ordering:
        descending = term.startswith("-")
        name = mapping.get(term.lstrip("-"), term.lstrip("-"))
        if name.startswith("-"):  # a public name that means "best first", e.g. relevance
            descending, name = not descending, name[1:]
        if name == "search_rank" and name not in queryset.query.annotations:
            continue  # ordering=relevance without a search: nothing to rank by
        expression = F(name)
        expressions.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
    if not any(term.lstrip("-") in ("id", "pk") for term in ordering):
        expressions.append(F("id").desc() if ordering[0].startswith("-") else F("id").asc())
    return queryset.order_by(*expressions)


class StableOrderingFilter(OrderingFilter):
    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        fields = getattr(view, "ordering_fields", None)
        return stable_order(queryset, ordering, fields if isinstance(fields, dict) else None)

    def remove_invalid_fields(self, queryset, fields, view, request):
        """Accept the public names of a dict ``ordering_fields`` (``created`` for ``created_at``)."""
        valid = getattr(view, "ordering_fields", None)
        if isinstance(valid, dict):
            return [term for term in fields if term.lstrip("-") in valid]
        return super().remove_invalid_fields(queryset, fields, view, request)
