"""Top-level URLs: the admin and version 1 of the API."""
from django.contrib import admin
from django.urls import include, path
from django.views import defaults

from articles import views
from articles.api import errors

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("articles.api.urls")),
]


def handler404(request, exception):
    """API clients get problem details; people browsing get Django's page."""
    if request.path.startswith("/api/"):
        return errors.not_found(request, exception)
    return defaults.page_not_found(request, exception)


def handler500(request):
    if request.path.startswith("/api/"):
        return errors.server_error(request)
    return defaults.server_error(request)
