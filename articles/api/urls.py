"""Routes of API v1 and its OpenAPI schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from articles.api import views

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("people", views.PersonViewSet, basename="person")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("", include(router.urls)),
]
