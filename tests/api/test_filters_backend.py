"""The filter backend builds only the filters a request names; that is only right for one-parameter filters."""

import pytest
from django import forms

from articles.api import filters
from tests.factories import QuoteFactory

FILTERSETS = [filters.ArticleFilter, filters.PersonFilter, filters.QuoteFilter, filters.TopicFilter]


@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda cls: cls.__name__)
def test_every_filter_reads_one_parameter_of_its_own_name(filterset_class):
    for name, filter_ in filterset_class.base_filters.items():
        widget = filter_.extra.get("widget", filter_.field_class.widget)
        widget_class = widget if isinstance(widget, type) else type(widget)
        assert not issubclass(widget_class, forms.MultiWidget), f"{filterset_class.__name__}.{name} reads several parameters"


@pytest.mark.django_db
def test_named_filters_combine_and_bad_values_are_400(api):
    wanted = QuoteFactory(kind="partial", cue="added")
    QuoteFactory(kind="partial", cue="said", speaker=wanted.speaker)
    QuoteFactory(kind="direct", cue="added")
    response = api.get("/api/v1/quotes/", {"kind": "partial", "cue": "ADDED", "speaker": wanted.speaker.slug})
    assert [row["id"] for row in response.json()["results"]] == [wanted.id]
    response = api.get("/api/v1/quotes/", {"kind": "shouted", "cue": "added"})
    assert response.status_code == 400
    assert [error["parameter"] for error in response.json()["errors"]] == ["kind"]


def test_the_browsable_filter_form_still_shows_every_filter(rf):
    from rest_framework.request import Request

    from articles.api.views import QuoteViewSet
    from articles.models import Quote

    view = QuoteViewSet(action="list", request=Request(rf.get("/api/v1/quotes/", {"kind": "direct"})))
    html = filters.FilterBackend().to_html(view.request, Quote.objects.none(), view)
    for name in filters.QuoteFilter.base_filters:
        assert f'name="{name}"' in html


@pytest.mark.django_db
def test_the_cue_filter_ignores_case_and_uses_its_index(api):
    from django.db import connection

    from articles.models import Quote

    said, shouted = QuoteFactory(cue="said"), QuoteFactory(cue="Said")
    QuoteFactory(cue="added")
    assert sorted(row["id"] for row in api.get("/api/v1/quotes/", {"cue": "SAID"}).json()["results"]) == [said.id, shouted.id]
    if connection.vendor == "sqlite":  # PostgreSQL may rightly seq-scan a three-row table
        queryset = filters.QuoteFilter({"cue": "said"}, queryset=Quote.objects.all()).qs
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            plan = " ".join(str(row) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())
        assert "quote_cue_lower" in plan
