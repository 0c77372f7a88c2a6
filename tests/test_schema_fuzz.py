"""Schema fuzzing: Schemathesis generates requests for every operation of the live OpenAPI schema.

Every response must be no 5xx and conform to the schema: status code, content type, headers and
body (the problem+json error responses included). The run is deterministic (Hypothesis derandomized,
no example database) and in-process (the WSGI app, same thread and database connection as the test,
so the data created below is visible and every request is rolled back afterwards).

Longer runs: ``FUZZ_EXAMPLES=1000 FUZZ_WRITE_EXAMPLES=50 python -m pytest tests/test_schema_fuzz.py``
(see docs/testing.md). ``FUZZ_SEED`` varies the data Hypothesis derives its examples from.
"""

import os
import time
from contextlib import contextmanager

import pytest

schemathesis = pytest.importorskip("schemathesis")

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, transaction  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.settings import api_settings  # noqa: E402
from rest_framework.throttling import AnonRateThrottle  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import load_all_checks  # noqa: E402

from articles import duplicates  # noqa: E402
from articles.models import Image, PersonRole, Statement  # noqa: E402
from tests.factories import ArticleFactory, ArticleTopicFactory, MentionFactory, PersonFactory, QuoteFactory, SourceFactory, TopicFactory  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SCHEMA_PATH = "/api/v1/schema/"
# Examples per operation and generation mode (positive, negative), and again with known path values.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
# Writes that run the NLP pipeline (POST /articles/, POST .../reextract/) are slow: fewer examples.
WRITE_EXAMPLES = int(os.environ.get("FUZZ_WRITE_EXAMPLES", "6"))
SEED = int(os.environ.get("FUZZ_SEED", "20250101"))
MIN_REQUESTS = int(os.environ.get("FUZZ_MIN_REQUESTS", "1000"))
SLOW_WRITES = {("POST", "/api/v1/articles/"), ("POST", "/api/v1/articles/{id}/reextract/")}


def all_checks():
    """Every response check Schemathesis has (not_a_server_error, status_code_conformance,
    content_type_conformance, response_headers_conformance, response_schema_conformance,
    negative_data_rejection, positive_data_acceptance, ...)."""
    from schemathesis.checks import CHECKS

    load_all_checks()
    return CHECKS.get_all()


@pytest.fixture
def corpus(db):
    """A small corpus with every optional value both present and missing (null source, date, url, speaker)."""
    lbc = SourceFactory(name="LBC", domain="lbc.co.uk")
    rubio = PersonFactory(name="Marco Rubio")
    author = PersonFactory(name="Sam Reporter")
    politics = TopicFactory(name="politics", kind="subject")
    place = TopicFactory(name="Kyiv", kind="place")
    org = TopicFactory(name="NATO", kind="organisation")
    dated = ArticleFactory(source=lbc, published="2025-03-01", url="https://example.org/a", headline="Peace talks resume")
    dated.authors.add(author)
    dated.dropped_lines = [{"text": "Share this", "reason": "share widget"}]
    dated.save()
    undated = ArticleFactory(source=None, published=None, url=None, headline="", slug="article-0123456789ab")
    Image.objects.create(article=dated, caption="A caption", credit="Reuters", order=0)
    for article in (dated, undated):
        MentionFactory(article=article, person=rubio)
        ArticleTopicFactory(article=article, topic=politics)
    ArticleTopicFactory(article=dated, topic=place)
    ArticleTopicFactory(article=dated, topic=org)
    PersonRole.objects.create(person=rubio, article=dated, title="Secretary of State")
    PersonRole.objects.create(person=rubio, article=undated, title="senator")
    QuoteFactory(article=dated, speaker=rubio, text="Peace is possible.")
    QuoteFactory(article=undated, speaker=rubio, kind="indirect", cue="", text="talks would continue")
    QuoteFactory(article=dated, speaker=None, speaker_label="Russian state media", speaker_is_person=False, kind="partial")
    other = PersonFactory(name="Ellen Brooks")
    for article in (dated, undated):
        duplicates.copies_assign(article=article, quotes=list(article.quotes.all()))
    statement = Statement.objects.order_by("id").values_list("id", flat=True).first()
    return {"article": dated, "person": rubio, "other": other, "topic": politics, "source": lbc, "statement": statement}


@contextmanager
def in_process_requests():
    """Like Django's test client: requests must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def known_path_values(corpus, path):
    """Path values of objects that exist, for the operation's path (Schemathesis cannot guess them)."""
    if path.startswith("/api/v1/articles/"):
        return [{"id": str(corpus["article"].pk)}]
    if path.startswith("/api/v1/people/"):
        return [{"id": str(corpus["person"].pk)}, {"id": corpus["person"].slug}]
    if path.startswith("/api/v1/topics/"):
        return [{"slug": corpus["topic"].slug}]
    if path.startswith("/api/v1/sources/"):
        return [{"slug": corpus["source"].slug}]
    if path.startswith("/api/v1/statements/"):
        return [{"id": str(corpus["statement"])}]
    return []


# What a schema cannot say, narrowly: which extra statuses a schema-valid request may get.
SCHEMATHESIS_CONFIG = {
    "operations": [
        # Valid text in which no line reads as a paragraph of prose is well-formed but unusable: 422.
        {"include-name-regex": "^POST /api/v1/articles/(\\{id\\}/reextract/)?$",
         "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "422"]}}},
        # Merging people whose ids do not exist is a 400 naming them: a schema cannot say which ids exist.
        {"include-name": "POST /api/v1/people/{id}/merge/",
         "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404"]}}},
    ]
}


def fuzz_operation(operation, *, mode, headers, path_parameters, max_examples, stats, checks):
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)

    @seed(SEED)
    @settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: report the failure as found, fast
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        stats["requests"] += 1
        # Each request in a savepoint rolled back afterwards: the corpus stays as it is (no DELETE wins).
        with transaction.atomic():
            response = case.call(headers=headers)
            stats["statuses"][response.status_code] = stats["statuses"].get(response.status_code, 0) + 1
            try:
                case.validate_response(response, checks=checks, headers=headers)
            finally:
                transaction.set_rollback(True)

    run()


def test_every_operation_conforms_to_the_schema(corpus, django_user_model, monkeypatch):
    # Not throttled: a thousand anonymous requests would otherwise be mostly 429s.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**api_settings.DEFAULT_THROTTLE_RATES, "anon": None})
    from newsapi.wsgi import application

    staff = django_user_model.objects.create_user("fuzz-staff", password="a-long-password", is_staff=True)
    staff_headers = {"Authorization": f"Token {Token.objects.create(user=staff).key}"}
    with in_process_requests():
        config = schemathesis.Config.from_dict(SCHEMATHESIS_CONFIG)
        schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, application, config=config)
        checks = all_checks()
        stats = {"requests": 0, "statuses": {}}
        failures = []
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 20
        started = time.monotonic()
        for operation in operations:
            key = (operation.method.upper(), operation.path)
            writes = key[0] not in ("GET", "HEAD", "OPTIONS")
            examples = WRITE_EXAMPLES if key in SLOW_WRITES else EXAMPLES
            runs = []
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                # Generated path values (mostly 404s), then objects that exist.
                runs.append((mode, None))
                if "{" in operation.path:
                    runs += [(mode, values) for values in known_path_values(corpus, operation.path)]
            for mode, path_parameters in runs:
                identities = [staff_headers, None] if writes else [None]  # writes: staff, then anonymous (401)
                for headers in identities:
                    try:
                        fuzz_operation(
                            operation, mode=mode, headers=headers, path_parameters=path_parameters,
                            max_examples=examples, stats=stats, checks=checks,
                        )
                    except Unsatisfiable:
                        # No negative data for an operation with nothing to make invalid: /stats/ takes no
                        # parameter, DELETE /articles/{id}/ none but a path that exists.
                        if mode != GenerationMode.NEGATIVE:
                            raise
                    except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - collect every operation's failure
                        who = "staff" if headers else "anonymous"
                        failures.append(f"{key} {mode.value} {who} path={path_parameters}:\n{error}")
        elapsed = time.monotonic() - started
    print(f"\nschemathesis: {stats['requests']} requests, {len(operations)} operations, {elapsed:.0f}s, statuses {sorted(stats['statuses'].items())}")
    assert not failures, "\n\n".join(failures)
    assert stats["requests"] >= MIN_REQUESTS
