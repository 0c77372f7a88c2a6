"""The pages people use, in a real browser: Swagger UI, ReDoc, the admin's quote highlighting, the landing page."""

import re

import pytest

from articles.extraction.document import SourceText
from articles.models import Article, Person, Quote, Source, Statement, Topic
from articles.services import article_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE_TEXT = """Harbour reopens after storm repairs

The harbour at Porthmere reopened on Monday after three weeks of repairs.

"We are back, and the boats are going out again," said harbour master Ellen Brooks.

Local fishermen said the closure had cost them thousands of pounds.
"""
HEADLINE = "Harbour reopens after storm repairs"


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """The anonymous throttle counts live in the cache, shared with the rest of the suite."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article():
    """An article imported through the real extraction, so its quotes carry offsets into the body."""
    article = article_import(source=SourceText(text=ARTICLE_TEXT, origin="harbour.txt")).article
    assert article.headline == HEADLINE
    assert article.quotes.filter(kind="direct").exists(), "the extraction found no direct quote"
    return article


def test_swagger_ui_try_it_out_lists_articles(page, live_url, article):
    page.goto(f"{live_url}/api/v1/docs/")
    operation = page.locator("#operations-articles-articles_list")
    operation.locator(".opblock-summary").first.click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()

    live = operation.locator(".live-responses-table")
    status = live.locator("tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    body = live.locator(".response-col_description pre").first.inner_text()
    assert '"count": 1' in body
    assert HEADLINE in body
    assert page.bad_responses == [], "every Swagger UI asset and the schema must load"
    assert page.external_requests == [], "Swagger UI is served without any CDN"


def test_redoc_renders_title_and_operations(page, live_url, article):
    page.goto(f"{live_url}/api/v1/redoc/")
    title = page.locator("h1", has_text="newsapi")
    title.wait_for()
    assert "1.0.0" in title.inner_text()
    # The operation's own section (rendered from the schema, not just the menu entry).
    operation = page.locator("[data-section-id='tag/articles/operation/articles_list']")
    operation.wait_for()
    assert "/api/v1/articles/" in operation.inner_text()
    assert page.bad_responses == [], "every ReDoc asset and the schema must load"


def test_redoc_loads_nothing_from_other_hosts(page, live_url):
    """drf-spectacular's page links Google Fonts and the ReDoc bundle shows its vendor's logo from a
    CDN: the project's template drops the fonts and the docs' Content-Security-Policy refuses the rest."""
    page.goto(f"{live_url}/api/v1/redoc/")
    page.locator("h1", has_text="newsapi").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.external_requests == []


def test_admin_logs_in_and_sees_quotes_highlighted(page, live_url, article, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password")
    quote = article.quotes.filter(kind="direct").get()

    page.goto(f"{live_url}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_url}/admin/")

    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name=HEADLINE).click()
    page.wait_for_url(re.compile(rf"/admin/articles/article/{article.pk}/change/"))

    mark = page.locator("mark.quote.quote-direct")
    assert mark.count() == 1
    assert quote.text.strip("\"“”,. ") in mark.inner_text()
    assert mark.get_attribute("title") == f"{quote.speaker.name} (direct, {quote.cue})"
    assert mark.is_visible()
    # The highlight is really painted: a <mark> has a background colour.
    background = mark.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in ("", "transparent", "rgba(0, 0, 0, 0)")


def test_landing_page_shows_counts_and_links_to_the_docs(page, live_url, article):
    page.goto(f"{live_url}/")
    counts = {}
    for item in page.locator("#counts li").all():
        number, name = item.locator("strong").inner_text(), item.inner_text()
        counts[name.replace(number, "", 1).strip()] = int(number)
    assert counts == {
        "articles": Article.objects.count(),
        "people": Person.objects.count(),
        "quotes": Quote.objects.count(),
        "statements": Statement.objects.count(),
        "topics": Topic.objects.count(),
        "sources": Source.objects.count(),
    }
    assert counts["articles"] == 1 and counts["quotes"] >= 1
    assert page.get_by_role("link", name=HEADLINE).is_visible()

    for name, href in [("Swagger UI", "/api/v1/docs/"), ("ReDoc", "/api/v1/redoc/"), ("OpenAPI schema", "/api/v1/schema/")]:
        assert page.get_by_role("link", name=name).get_attribute("href") == href
    page.get_by_role("link", name="ReDoc").click()
    page.wait_for_url(f"{live_url}/api/v1/redoc/")
    page.locator("h1", has_text="newsapi").wait_for()
