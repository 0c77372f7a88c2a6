"""Conditional requests: Last-Modified on API reads (ETag and the 304 answers come from Django's
ConditionalGetMiddleware, which hashes each response body)."""

from django.utils.http import http_date

from articles import selectors


class LastModifiedMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            changed = selectors.data_last_modified()
            if changed is not None:
                response["Last-Modified"] = http_date(changed.timestamp())
        return response
