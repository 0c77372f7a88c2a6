"""One error format for the whole API: RFC 9457 problem details (application/problem+json)."""

from http import HTTPStatus

from django.http import JsonResponse
from rest_framework import exceptions, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemError(serializers.Serializer):
    parameter = serializers.CharField(required=False, help_text="The query parameter at fault.")
    pointer = serializers.CharField(required=False, help_text="JSON pointer to the body field at fault.")
    detail = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(help_text="A URI reference naming the kind of problem; about:blank for plain HTTP errors.")
    title = serializers.CharField(help_text="Short summary of the kind of problem.")
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="What went wrong with this request.")
    errors = ProblemError(many=True, required=False, help_text="Each bad parameter or field.")


def problem(status_code: int, detail: str, *, errors=None, type_="about:blank", title=None) -> dict:
    body = {
        "type": type_,
        "title": title or HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return body


class Unprocessable(exceptions.APIException):
    """Well-formed input the import cannot use, e.g. text without a paragraph of prose (422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request is well-formed but cannot be processed."
    default_code = "unprocessable"


class InvalidParameters(exceptions.ValidationError):
    """Bad query parameters: reported per parameter rather than per body field."""

    def __init__(self, errors: dict):
        super().__init__(errors)
        self.parameter_errors = errors


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_CONTENT_TYPE


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: the database middleware or Django's 500 handler answers
    request = context.get("request")
    if request is not None:
        # A problem is always JSON, whatever format the request asked for (CSV, ninjs, the browsable
        # API): the view's finalize_response renders with the request's accepted renderer.
        request.accepted_renderer = ProblemJSONRenderer()
        request.accepted_media_type = PROBLEM_CONTENT_TYPE
    if isinstance(exc, exceptions.ValidationError):
        in_query = isinstance(exc, InvalidParameters)
        errors = _flatten(exc.detail, in_query=in_query)
        names = ", ".join(error.get("parameter") or error.get("pointer", "") for error in errors)
        response.data = problem(
            response.status_code,
            f"Invalid {'query parameters' if in_query else 'request body'}: {names}.",
            errors=errors,
            title="Invalid request",
            type_="about:blank",
        )
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else str(response.data)
        response.data = problem(response.status_code, str(detail))
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def _flatten(detail, *, in_query: bool, prefix: str = ""):
    """Turn DRF's nested error structure into a flat list naming each parameter or field."""
    if isinstance(detail, dict):
        errors = []
        for key, value in detail.items():
            errors += _flatten(value, in_query=in_query, prefix=f"{prefix}/{key}")
        return errors
    if isinstance(detail, list) and detail and all(isinstance(item, str) for item in detail):
        return [_error(prefix, " ".join(str(item) for item in detail), in_query)]
    if isinstance(detail, list):
        errors = []
        for index, value in enumerate(detail):
            errors += _flatten(value, in_query=in_query, prefix=f"{prefix}/{index}")
        return errors
    return [_error(prefix, str(detail), in_query)]


def _error(path: str, detail: str, in_query: bool) -> dict:
    if not path or path == "/non_field_errors":
        return {"detail": detail}
    if in_query:
        return {"parameter": path.lstrip("/").split("/")[0], "detail": detail}
    return {"pointer": f"#{path}", "detail": detail}


def not_found(request, exception=None):
    """Django's 404 for paths outside the API routes, in the same format for API clients."""
    return problem_response(status.HTTP_404_NOT_FOUND, f"No resource at {request.path}.")


def server_error(request):
    return problem_response(status.HTTP_500_INTERNAL_SERVER_ERROR, "The server failed to answer this request.")


def problem_response(status_code: int, detail: str) -> JsonResponse:
    return JsonResponse(problem(status_code, detail), status=status_code, content_type=PROBLEM_CONTENT_TYPE)
