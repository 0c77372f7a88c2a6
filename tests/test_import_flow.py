"""The one import flow (services.articles_import) behind every entry point: the import command, the
Celery task and the API's create and re-extract; each text hashed once, stored texts skipped."""

from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from articles import services, tasks
from articles.extraction.document import SourceText
from articles.models import Article

pytestmark = pytest.mark.django_db

TEXT = """Harbour reopens after storm repairs

The city harbour reopened on Monday after three weeks of repairs.

"We are back in business," said harbour master Ellen Brooks.
"""


@pytest.fixture
def flow_calls(monkeypatch):
    """Each call of the flow, and each content hash computed, while the real ones run."""
    calls = {"flow": 0, "hash": 0}
    flow, content_hash = services.articles_import, services.content_hash

    def counting_flow(*args, **kwargs):
        calls["flow"] += 1
        return flow(*args, **kwargs)

    def counting_hash(text):
        calls["hash"] += 1
        return content_hash(text)

    monkeypatch.setattr(services, "articles_import", counting_flow)
    monkeypatch.setattr(services, "content_hash", counting_hash)
    return calls


@pytest.fixture
def staff(api, django_user_model):
    user = django_user_model.objects.create_user("editor", password="a-long-password", is_staff=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def source(text=TEXT, origin="harbour.txt"):
    return SourceText(text=text, origin=origin)


def test_import_command_goes_through_the_flow_hashing_each_text_once(tmp_path, flow_calls):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(TEXT.replace("Monday", f"day {n}"))
    call_command("import_articles", "--workers", "1", str(tmp_path), stdout=StringIO())
    assert flow_calls == {"flow": 1, "hash": 3}
    assert Article.objects.count() == 3


def test_celery_task_goes_through_the_flow(flow_calls):
    assert tasks.import_article(tasks.source_to_payload(source())) == "imported"
    assert flow_calls == {"flow": 1, "hash": 1}


def test_api_create_and_reextract_go_through_the_flow(staff, flow_calls):
    created = staff.post("/api/v1/articles/", TEXT, content_type="text/plain")
    assert created.status_code == 201
    assert staff.post(f"/api/v1/articles/{created.json()['id']}/reextract/").status_code == 200
    assert flow_calls == {"flow": 2, "hash": 2}


def test_a_stored_text_is_skipped_without_extraction():
    services.article_import(source=source())

    def no_extraction(chunks):
        for chunk in chunks:
            assert chunk == [], "a stored text must not be extracted again"
            yield []

    (outcome,) = services.articles_import([source(origin="again.txt")], extract=no_extraction)
    assert outcome.stored.status == "unchanged" and outcome.error is None


def test_outcomes_come_in_input_order_with_errors_as_outcomes():
    services.article_import(source=source(origin="first.txt"))
    inputs = [source(TEXT.replace("Monday", "Friday"), "new.txt"), source(origin="stored.txt"), source("Share\nTweet", "menu.txt")]
    outcomes = list(services.articles_import(inputs))
    assert [o.source.origin for o in outcomes] == ["new.txt", "stored.txt", "menu.txt"]
    assert [o.stored.status if o.stored else None for o in outcomes] == ["imported", "unchanged", None]
    assert isinstance(outcomes[2].error, services.NoArticleBody)


def test_stop_is_asked_before_each_article_is_stored():
    inputs = [source(TEXT.replace("Monday", day), f"{day}.txt") for day in ("Monday", "Tuesday", "Friday")]
    outcomes = list(services.articles_import(inputs, write_batch=3, stop=lambda: Article.objects.count() >= 2))
    assert [o.stored.status for o in outcomes] == ["imported", "imported"]
    assert Article.objects.count() == 2
