"""Conditional reads: ETag and Last-Modified come from the data version and are checked before any work.

Every write that readers can see moves the version on (services.data_changed), deletes, merges and
renames included, so a validator handed out before a change never matches after it. The check runs
after the request's parameters are validated and before the query and the rendering: a 304 costs
a query or two (the version; the object a detail names).
"""

import datetime as dt
import hashlib

from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.renderers import BrowsableAPIRenderer

from articles import selectors

# Last-Modified has whole seconds. It is sent only once the second of the last change is this far in
# the past, so that no later change can fall into the second a client was told (its If-Modified-Since
# would then hide that change). The ETag is exact and always sent.
LAST_MODIFIED_SETTLE = dt.timedelta(seconds=2)
CONDITIONAL_HEADERS = {"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE"}


class NotModified(Exception):
    """The client's copy is current: answer with this 304 (or 412) instead of doing the work."""

    def __init__(self, response):
        super().__init__("not modified")
        self.response = response


def validators(*, version: int, changed_at, path: str, media_type: str) -> tuple[str, int | None]:
    """The ETag and the Last-Modified timestamp (None while the last change has not settled) of a read."""
    representation = hashlib.sha256(f"{path}\n{media_type}".encode()).hexdigest()[:16]
    etag = f'W/"{version}-{representation}"'
    if changed_at is None or timezone.now() - changed_at < LAST_MODIFIED_SETTLE:
        return etag, None
    return etag, int(changed_at.timestamp())


class ConditionalGetMixin:
    """For API views: If-None-Match / If-Modified-Since answered from the data version, before any query."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # unknown or repeated parameters are still a 400
        self.read_validators = None
        if request.method not in ("GET", "HEAD") or isinstance(request.accepted_renderer, BrowsableAPIRenderer):
            return  # the browsable API's page depends on the user (its forms), not only on the data
        version, changed_at = selectors.data_version()
        etag, last_modified = validators(
            version=version, changed_at=changed_at, path=request.get_full_path(), media_type=request.accepted_media_type
        )
        self.read_validators = etag, last_modified
        if not CONDITIONAL_HEADERS & set(request.META):
            return
        self.check_request_stands()
        answer = get_conditional_response(request._request, etag=etag, last_modified=last_modified)
        if answer is not None:
            raise NotModified(self._with_validators(answer))

    def check_request_stands(self):
        """Raise what the request would answer besides a 200 (a bad filter, no such object), so that a
        conditional request is never told "not modified" where a plain one is told it is wrong."""
        if not hasattr(self, "get_serializer"):
            return  # a plain APIView (stats): its parameters are checked already
        self.get_serializer()  # validates `fields` and `expand`
        if (self.lookup_url_kwarg or self.lookup_field) in self.kwargs:  # a detail route
            self.get_object()
        self.filter_queryset(self.get_queryset())  # validates the filters and the ordering; runs no query
        if hasattr(self.paginator, "check_parameters"):
            self.paginator.check_parameters(self.request)

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200 and getattr(self, "read_validators", None):
            self._with_validators(response)
        return response

    def _with_validators(self, response):
        etag, last_modified = self.read_validators
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        return response
