"""Ordering that is stable across pages: missing values sort last and ties are broken by id."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from rest_framework.filters import OrderingFilter

from articles.api.errors import InvalidParameters
from articles.api.query import values_of


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
        # NULLS LAST only where a value can be missing: on a NOT NULL column it would keep PostgreSQL
        # from reading an index in order (DESC means NULLS FIRST there) and make it sort every row.
        nulls_last = True if _may_be_null(queryset, name) else None
        expression = F(name)
        expressions.append(expression.desc(nulls_last=nulls_last) if descending else expression.asc(nulls_last=nulls_last))
    if not any(term.lstrip("-") in ("id", "pk") for term in ordering):
        expressions.append(F("id").desc() if ordering[0].startswith("-") else F("id").asc())
    return queryset.order_by(*expressions)


def _may_be_null(queryset, name: str) -> bool:
    """Whether the column may hold NULL; annotations (counts, ranks) never do here."""
    if name in queryset.query.annotations:
        return False
    try:
        return queryset.model._meta.get_field(name).null
    except FieldDoesNotExist:  # a related path ("source__name"): assume it may be missing
        return True


def ordering_choices(view) -> list[str]:
    """Every `ordering` value the view takes: each public name, ascending and descending."""
    names = list(getattr(view, "ordering_fields", None) or ())
    return [term for name in names for term in (name, f"-{name}")]


class StableOrderingFilter(OrderingFilter):
    """`?ordering=` with several keys (repeated or comma-separated); a key the view lacks is a 400."""

    def get_ordering(self, request, queryset, view):
        terms = values_of(request.query_params, self.ordering_param)
        if not terms:
            return self.get_default_ordering(view)
        choices = ordering_choices(view)
        unknown = [term for term in terms if term not in choices]
        if unknown:
            raise InvalidParameters(
                {self.ordering_param: [f"Unknown ordering {', '.join(unknown)}. Choose from: {', '.join(choices)}."]}
            )
        return terms

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        fields = getattr(view, "ordering_fields", None)
        return stable_order(queryset, ordering, fields if isinstance(fields, dict) else None)

    def get_schema_operation_parameters(self, view):
        choices = ordering_choices(view)
        if not choices:
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sort keys, first key first; `-` before a key reverses it. Several keys (repeated, or "
                "comma-separated) break ties in turn; ties left are broken by id.",
                "schema": {"type": "array", "items": {"type": "string", "enum": choices}},
                "style": "form",
                "explode": True,
            }
        ]
