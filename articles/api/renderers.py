"""CSV output: list endpoints stream every matching row (no page cap); nested values are flattened."""

import csv
import io

from django.http import StreamingHttpResponse
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.renderers import BaseRenderer

CSV_CHUNK_SIZE = 500
REPRESENTATIONS = {"json", "api", "csv", "ninjs"}  # the formats of the API's renderers


def flatten(value):
    """One cell per field: a nested object by its name, a list as names joined by '; '."""
    if isinstance(value, dict):
        for key in ("name", "headline", "title", "text", "date"):
            if key in value:
                return value[key]
        return value.get("id", "")
    if isinstance(value, list):
        return "; ".join(str(flatten(item)) for item in value)
    return "" if value is None else value


def csv_line(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def csv_row(header: list[str], data: dict) -> str:
    return csv_line(flatten(data.get(name)) for name in header)


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        """Non-streamed CSV: a detail object, a page or an error, as header plus rows."""
        if data is None:
            return b""
        rows = data.get("results", [data]) if isinstance(data, dict) else data
        if not rows:
            return b""
        header = list(rows[0].keys())
        lines = [csv_line(header)] + [csv_row(header, row) for row in rows]
        return "".join(lines).encode(self.charset)


class CSVStreamMixin:
    """For lists: ``?format=csv``, ``.csv`` or ``Accept: text/csv`` streams all rows that match the filters.

    A path with a format suffix (`/quotes.csv`, `/articles/3.ninjs`) names a representation to read:
    writes there are a 405, as the schema documents only its GET.
    """

    READ_METHODS = ("GET", "HEAD", "OPTIONS")

    @property
    def allowed_methods(self):
        methods = super().allowed_methods
        return [method for method in methods if method in self.READ_METHODS] if self.kwargs.get("format") else methods

    def get_format_suffix(self, **kwargs):
        # Only reads are answered in the representation a path names; OPTIONS describes the endpoint and
        # a write is refused, both in JSON. A suffix that names no representation stays a 404.
        suffix = super().get_format_suffix(**kwargs)
        return None if suffix in REPRESENTATIONS and self.request.method not in ("GET", "HEAD") else suffix

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication and permissions first: 401/403 before 405
        if self.kwargs.get("format") and request.method not in self.READ_METHODS:
            raise MethodNotAllowed(request.method)

    def list(self, request, *args, **kwargs):
        if not self.wants_csv():
            return super().list(request, *args, **kwargs)
        # One serializer for every row (it honours ?fields= and ?expand=): building one per row
        # cost more than the rows themselves.
        return self.csv_response(self.filter_queryset(self.get_queryset()), self.get_serializer())

    def wants_csv(self) -> bool:
        return getattr(self.request.accepted_renderer, "format", None) == "csv"

    def csv_response(self, queryset, serializer) -> StreamingHttpResponse:
        if hasattr(self.paginator, "check_parameters"):
            self.paginator.check_parameters(self.request)  # CSV is not paged, but a bad `page` is still a 400
        header = list(serializer.fields)

        def rows():
            yield csv_line(header)
            for item in queryset.iterator(chunk_size=CSV_CHUNK_SIZE):
                yield csv_row(header, serializer.to_representation(item))

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.basename}s.csv"'
        return response
