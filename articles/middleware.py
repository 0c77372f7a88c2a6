"""Request logging, and a 503 problem answer when the database is unreachable."""

import logging
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connections

from articles.api.errors import problem_response

request_log = logging.getLogger("newsapi.requests")
logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        request_log.info(
            "%s %s %s", request.method, request.path, response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                "user": getattr(getattr(request, "user", None), "username", "") or None,
            },
        )
        return response


class DatabaseUnavailableMiddleware:
    """A lost database connection answers 503 (problem details, Retry-After), not a server error.

    The broken connection is closed here (Django would also close it when the request ends, but not
    under every test client), so the next request connects afresh once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.error("database unavailable: %s", exception, extra={"path": request.path})
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block and connection.connection is not None and not connection.is_usable():
                connection.close()
        response = problem_response(503, "The database is unavailable; try again shortly.")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def is_database_unavailable(exception) -> bool:
    return isinstance(exception, (OperationalError, InterfaceError)) or (
        isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
    )


class RequestSizeLimitMiddleware:
    """Bounded input: a query string over MAX_QUERY_STRING_LENGTH gets 414, a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE gets 413, both as problem details and before any work is done."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.max_query = settings.MAX_QUERY_STRING_LENGTH
        self.max_body = settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > self.max_query:
            return problem_response(414, f"The query string is longer than {self.max_query} characters.")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if self.max_body is not None and length > self.max_body:
            return problem_response(413, f"The request body is larger than {self.max_body} bytes.")
        return self.get_response(request)
