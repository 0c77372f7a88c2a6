"""Rejects query parameters an endpoint does not know, so that a typo is a 400 rather than a silent no-op."""

from articles.api.errors import InvalidParameters

ALWAYS_ALLOWED = {"format", "fields", "expand"}
PAGING = {"page", "page_size", "cursor"}


class KnownParametersMixin:
    """A viewset mixin: every query parameter must be a filter, ordering, paging or format."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.known_parameters())
        if unknown:
            allowed = ", ".join(sorted(self.known_parameters()))
            raise InvalidParameters(
                {name: [f"Unknown query parameter. This endpoint accepts: {allowed}."] for name in unknown}
            )

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
