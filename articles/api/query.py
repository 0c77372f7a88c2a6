"""Query parameters: unknown ones are refused, multi-valued ones read in both forms, the rest given once.

Client generators send an array parameter repeated (`?kind=direct&kind=indirect`); people type it
comma-separated (`?kind=direct,indirect`). Both mean the same. Any other parameter given twice is a
400 naming it: keeping one of the values would answer a question the client did not ask.
"""

from articles.api.errors import InvalidParameters

ALWAYS_ALLOWED = {"format", "fields", "expand"}
PAGING = {"page", "page_size", "cursor"}
# Parameters that take several values, repeated or comma-separated (the FilterSets add their own).
MULTI_VALUED = {"fields", "expand", "ordering"}


def values_of(query_params, name: str) -> list[str]:
    """Every value of a multi-valued parameter, from `?a=x&a=y` and `?a=x,y` alike, blanks dropped."""
    return [value.strip() for raw in query_params.getlist(name) for value in raw.split(",") if value.strip()]


class KnownParametersMixin:
    """A viewset mixin: every query parameter must be a filter, ordering, paging or format."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        known = self.known_parameters()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            allowed = ", ".join(sorted(known))
            raise InvalidParameters(
                {name: [f"Unknown query parameter. This endpoint accepts: {allowed}."] for name in unknown}
            )
        multi_valued = self.multi_valued_parameters()
        repeated = sorted(
            name for name in request.query_params
            if name not in multi_valued and len(request.query_params.getlist(name)) > 1
        )
        if repeated:
            raise InvalidParameters({name: ["Given more than once; this parameter takes one value."] for name in repeated})

    def known_parameters(self) -> set[str]:
        known = set(ALWAYS_ALLOWED)
        if self.action == "retrieve":
            return known
        known |= PAGING
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            known |= set(filterset_class.base_filters)
        if getattr(self, "ordering_fields", None):
            known.add("ordering")
        return known

    def multi_valued_parameters(self) -> set[str]:
        filterset_class = getattr(self, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class is not None else {}
        return MULTI_VALUED | {name for name, filter_ in filters.items() if getattr(filter_, "multi_valued", False)}
