"""Routes of API v1 and its OpenAPI schema and docs."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from articles.api import views

# The docs pages load everything from this server: the policy makes the browser refuse anything else
# (ReDoc's bundle would otherwise fetch its logo from its vendor's CDN).
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; worker-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'"
)


class LocalDocsMixin:
    # No OPTIONS: DRF would answer it with the HTML template renderer and no template (a 500).
    http_method_names = ["get", "head"]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
        return response


class SwaggerView(LocalDocsMixin, SpectacularSwaggerView):
    pass


class RedocView(LocalDocsMixin, SpectacularRedocView):
    pass


router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("people", views.PersonViewSet, basename="person")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("", include(router.urls)),
]
