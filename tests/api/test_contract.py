"""The served OpenAPI schema is a contract: every real response validates strictly against it, and a
client generated from it (openapi-python-client) reads every operation's answer as typed values equal
to the JSON.

The database holds the awkward cases: an article without URL, source or date, a quote whose speaker
is not a person, a person with no roles, a non-English article. "Strictly": openapi-core checks
types, formats, enums and required fields, and the schema is tightened first so that an object may
carry no property it does not document.
"""

import copy
import datetime as dt
import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from django.http import HttpResponse
from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from rest_framework.authtoken.models import Token

from articles import duplicates

from tests.factories import (
    ArticleFactory,
    ArticleTopicFactory,
    MentionFactory,
    PersonFactory,
    PersonRoleFactory,
    QuoteFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/?format=json"
PAGE_TEXT = """Harbour reopens after storm repairs

The city harbour reopened on Monday after three weeks of repairs to its sea wall.

"We are back in business, and the boats are already coming in," said harbour master Ellen Brooks.
"""
STORED_TEXT = """Ferry timetable changes for the winter

The island ferry will run four times a day from November, the operator said on Friday.

"Fewer crossings mean we can keep the fares where they are," said operations manager Tom Hale.
"""


# --- the schema, served and tightened --------------------------------------------------------------


@pytest.fixture(scope="module")
def served_schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = Client().get(SCHEMA_URL)
    assert response.status_code == 200
    return response.json()


def closed(schema):
    """A copy in which no object may carry undocumented properties (`additionalProperties: false`)."""
    schema = copy.deepcopy(schema)

    def close(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema["components"]["schemas"])
    return schema


@pytest.fixture(scope="module")
def contract(served_schema):
    # openapi-core reads application/json; problem details and ninjs are JSON under their own names, CSV text.
    readers = {
        "application/problem+json": lambda body, **_: json.loads(body),
        "application/ninjs+json": lambda body, **_: json.loads(body),
        "text/csv": lambda body, charset="utf-8", **_: body.decode(charset) if isinstance(body, bytes) else body,
    }
    return OpenAPI.from_dict(closed(served_schema), config=Config(extra_media_type_deserializers=readers))


# --- the awkward corpus --------------------------------------------------------------------------------


@pytest.fixture
def corpus(django_user_model):
    source = SourceFactory(name="Harbour Gazette", slug="harbour-gazette")
    speaker = PersonFactory(name="Ellen Brooks", slug="ellen-brooks")
    PersonRoleFactory(person=speaker, article=ArticleFactory(source=source, published=dt.date(2025, 4, 18)), title="harbour master")
    article = ArticleFactory(
        source=source, published=dt.date(2025, 4, 19), url="https://example.org/harbour", headline="Harbour reopens",
        original_text=STORED_TEXT,
        body="The harbour reopened.\n\n\u201cWe are back,\u201d said Ellen Brooks.",
    )
    article.authors.add(PersonFactory(name="Sam Writer", slug="sam-writer"))
    article.images.create(caption="The harbour at dawn.", credit="Agency", order=0)
    article.dropped_lines = [{"text": "Share this", "reason": "share widget"}]
    article.save()
    quote = QuoteFactory(article=article, speaker=speaker, text="We are back,", kind="direct", cue="said")
    QuoteFactory(article=article, speaker=None, speaker_label="port officials", speaker_is_person=False,
                 text="repairs were finished", kind="indirect", cue="said")
    MentionFactory(article=article, person=speaker)
    topic = TopicFactory(name="maritime", slug="maritime", kind="subject")
    ArticleTopicFactory(article=article, topic=topic, score=0.8)
    roleless = PersonFactory(name="Nobody Special", slug="nobody-special")
    bare = ArticleFactory(source=None, published=None, url=None, headline="No source, no date, no address")
    foreign = ArticleFactory(headline="Le port rouvre", language="fr", body="Le port a rouvert lundi.")
    copy = ArticleFactory(source=SourceFactory(name="Valley Post"), body=article.body, headline="Harbour is open again")
    QuoteFactory(article=copy, speaker=speaker, text="We are back,", kind="direct", cue="said")
    for stored in (article, copy, bare, foreign):
        duplicates.copies_assign(article=stored, quotes=list(stored.quotes.all()))
    quote.refresh_from_db()
    staff = django_user_model.objects.create_user("editor", password="a-long-password", is_staff=True)
    return {
        "article": article, "bare": bare, "foreign": foreign, "quote": quote, "speaker": speaker,
        "roleless": roleless, "topic": topic, "source": source, "token": Token.objects.create(user=staff).key,
    }


# --- every operation, validated with openapi-core ----------------------------------------------------

# A value for each query parameter, so that each filter is exercised once (None: exercised apart;
# "enum": the parameter's first documented value).
def parameter_samples(corpus):
    return {
        "source": corpus["source"].slug, "author": "sam-writer", "person": corpus["speaker"].slug,
        "topic": corpus["topic"].slug, "published_after": "2025-01-01", "published_before": "2025-12-31",
        "has_quotes": "true", "q": "harbour", "speaker": corpus["speaker"].slug, "article": corpus["article"].id,
        "kind": "enum", "cue": "said", "ordering": None, "fields": None, "expand": None,
        "collapse": "duplicates", "first_seen_after": "2025-01-01", "first_seen_before": "2025-12-31",
        "min_occurrences": 2,
        "page": None, "page_size": None, "cursor": None,
    }


def path_values(path, corpus):
    if path.startswith("/api/v1/articles/{id}"):
        return {"id": corpus["article"].id}
    if path.startswith("/api/v1/people/{id}"):
        return {"id": corpus["speaker"].slug}
    if path.startswith("/api/v1/quotes/{id}"):
        return {"id": corpus["quote"].id}
    if path.startswith("/api/v1/statements/{id}"):
        return {"id": corpus["quote"].statement_id}
    if path.startswith("/api/v1/topics/{slug}"):
        return {"slug": corpus["topic"].slug}
    if path.startswith("/api/v1/sources/{slug}"):
        return {"slug": corpus["source"].slug}
    return {}


def read_requests(path, operation, corpus):
    """(query string, expected status) pairs exercising one GET operation's parameters."""
    parameters = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
    samples = parameter_samples(corpus)
    unknown = set(parameters) - set(samples)
    assert not unknown, f"{path}: give the contract test a sample value for {sorted(unknown)}"
    yield "", 200
    for name, value in samples.items():
        if name in parameters and value == "enum":
            value = parameters[name]["schema"]["items"]["enum"][0]
        if name in parameters and value is not None:
            yield urlencode({name: value}), 200
    for name in ("fields", "expand", "ordering"):
        if name in parameters:
            choices = parameters[name]["schema"]["items"]["enum"]
            yield urlencode([(name, choice) for choice in choices[:3]]), 200  # repeated
            yield urlencode({name: ",".join(choices[:3])}), 200  # comma-separated
            yield urlencode({name: "bogus"}), 400
    if "page" in parameters:
        yield "page=1&page_size=1", 200
        yield "page=999", 404
    if "cursor" in parameters:
        yield "cursor=&page_size=1", 200
    yield "bogus=1", 400


def materialised(response):
    """A streamed response read whole (openapi-core and httpx read `.content`)."""
    if not response.streaming:
        return response
    whole = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
    for header, value in response.items():
        whole[header] = value
    whole.wsgi_request = response.wsgi_request
    return whole


class RequestByPath(DjangoOpenAPIRequest):
    """Finds the operation by the real path: openapi-core's Django adapter rebuilds a template from the
    URL route's regex, which it cannot do for format-suffix routes (`articles.csv`)."""

    @property
    def path_pattern(self):
        return None

    @property
    def body(self):
        return b""  # only responses are validated here; the view has read the request's stream


def validate(contract, response):
    response = materialised(response)
    contract.validate_response(RequestByPath(response.wsgi_request), DjangoOpenAPIResponse(response))


def test_every_response_of_every_operation_validates_strictly(api, contract, served_schema, corpus):
    exercised = set()
    staff = Client(HTTP_AUTHORIZATION=f"Token {corpus['token']}")
    for path, operations in served_schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        url = path.format(**path_values(path, corpus))
        for query, status in read_requests(path, operation, corpus):
            response = staff.get(f"{url}?{query}" if query else url)
            assert response.status_code == status, (url, query, response.content[:300])
            validate(contract, response)
            if query.startswith("cursor=") and response.json().get("next"):
                validate(contract, staff.get(response.json()["next"]))
        etag = staff.get(url)["ETag"]
        not_modified = staff.get(url, HTTP_IF_NONE_MATCH=etag)
        assert not_modified.status_code == 304, url
        validate(contract, not_modified)
        if "{" in path:
            missing = staff.get(path.format(**{key: 987654 for key in path_values(path, corpus)}))
            assert missing.status_code == 404, path
            validate(contract, missing)
        exercised.add(("get", path))
    for single in (corpus["bare"], corpus["foreign"]):
        for suffix in ("/", ".csv", ".ninjs"):
            validate(contract, staff.get(f"/api/v1/articles/{single.id}{suffix}"))
    exercised |= exercise_writes(contract, staff, corpus)
    documented = {(method, path) for path, operations in served_schema["paths"].items() for method in operations}
    assert documented == exercised


def exercise_writes(contract, staff, corpus):
    """Each write with its success and its error answers; returns the operations it exercised."""
    article, speaker = corpus["article"], corpus["speaker"]
    calls = [
        ("post", "/api/v1/articles/", PAGE_TEXT, "text/plain", 201),
        ("post", "/api/v1/articles/", PAGE_TEXT, "text/plain", 200),  # stored already
        ("post", "/api/v1/articles/", json.dumps({"body": PAGE_TEXT, "url": None, "source": {"name": "Gazette"}}),
         "application/json", 201),
        ("post", "/api/v1/articles/", json.dumps({"body": "x", "colour": "red"}), "application/json", 400),
        ("post", "/api/v1/articles/", "Home\nNews\nSport", "text/plain", 422),
        ("post", f"/api/v1/articles/{article.id}/reextract/", "", "application/json", 200),
        ("patch", f"/api/v1/people/{speaker.slug}/", json.dumps({"name": "Ellen M. Brooks"}), "application/json", 200),
        ("patch", f"/api/v1/people/{speaker.id}/", json.dumps({"name": " "}), "application/json", 400),
        ("post", f"/api/v1/people/{speaker.id}/merge/", json.dumps({"ids": [corpus["roleless"].id]}), "application/json", 200),
        ("post", f"/api/v1/people/{speaker.id}/merge/", json.dumps({"ids": [speaker.id]}), "application/json", 400),
        ("delete", f"/api/v1/articles/{corpus['bare'].id}/", "", "application/json", 204),
        ("delete", f"/api/v1/articles/{corpus['bare'].id}/", "", "application/json", 404),
    ]
    for method, url, body, content_type, status in calls:
        response = getattr(staff, method)(url, body, content_type=content_type)
        assert response.status_code == status, (method, url, response.content[:300])
        validate(contract, response)
    anonymous = Client().post("/api/v1/articles/", PAGE_TEXT, content_type="text/plain")
    assert anonymous.status_code == 401
    validate(contract, anonymous)
    return {
        ("post", "/api/v1/articles/"), ("post", "/api/v1/articles/{id}/reextract/"), ("patch", "/api/v1/people/{id}/"),
        ("post", "/api/v1/people/{id}/merge/"), ("delete", "/api/v1/articles/{id}/"),
    }


# --- a generated client -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client_package(served_schema, tmp_path_factory):
    """A Python client generated from the served schema by a released generator (requirements-dev)."""
    folder = tmp_path_factory.mktemp("generated")
    (folder / "schema.json").write_text(json.dumps(served_schema))
    (folder / "config.yaml").write_text("post_hooks: []\npackage_name_override: newsapi_client\n")
    generator = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(
        [str(generator), "generate", "--path", "schema.json", "--config", "config.yaml", "--output-path", "client"],
        cwd=folder, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The one warning a generator may give: it cannot send text/plain (the JSON record does the same job).
    warnings = [line for line in result.stdout.splitlines() if line.startswith("WARNING") or "Unsupported" in line]
    assert all("POST /api/v1/articles/" in line or "text/plain" in line for line in warnings), result.stdout
    sys.path.insert(0, str(folder / "client"))
    try:
        yield importlib.import_module("newsapi_client")
    finally:
        sys.path.remove(str(folder / "client"))
        for name in [name for name in sys.modules if name.startswith("newsapi_client")]:
            del sys.modules[name]


class DjangoTransport(httpx.BaseTransport):
    """Sends the generated client's requests through Django's test client (same database, same thread)."""

    def __init__(self):
        self.client = Client()
        self.responses = []

    def handle_request(self, request):
        headers = {name: value for name, value in request.headers.items() if name not in ("content-type", "content-length", "host")}
        response = self.client.generic(
            request.method, str(request.url.raw_path, "ascii"), data=request.content,
            content_type=request.headers.get("content-type", "application/octet-stream"), headers=headers,
        )
        response = materialised(response)
        self.responses.append(response)
        return httpx.Response(response.status_code, headers=dict(response.items()), content=response.content)


def generated_client(package, corpus, transport):
    """The generated client as a staff user would make it, its requests sent through ``transport``."""
    return package.AuthenticatedClient(
        base_url="http://testserver", token=corpus["token"], prefix="Token", httpx_args={"transport": transport}
    )


def comparable(value):
    """JSON values with date-times as datetimes: a typed client writes `+00:00` where the server wrote `Z`."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, str) and len(value) > 10 and value[4:5] == "-" and value[10:11] == "T":
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value


def untyped_parts(model, where="") -> list[str]:
    """Where a parsed response holds values its generated model has no field for."""
    found = []
    extra = getattr(model, "additional_properties", None)
    if extra:
        found.append(f"{where or type(model).__name__}: {sorted(extra)}")
    for name, value in vars(model).items() if hasattr(model, "__dict__") else ():
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if hasattr(item, "to_dict"):
                found += untyped_parts(item, f"{where}.{name}[{index}]")
    return found


def operation_arguments(function, corpus, modules):
    """Keyword arguments for one generated operation function: path values and request bodies."""
    models = modules["models"]
    values = {"id": corpus["article"].id, "slug": corpus["topic"].slug}
    module = function.__module__
    if ".people." in module:
        values["id"] = corpus["speaker"].id
    elif ".quotes." in module:
        values["id"] = corpus["quote"].id
    elif ".sources." in module:
        values["slug"] = corpus["source"].slug
    elif ".statements." in module:
        values["id"] = corpus["quote"].statement_id
    bodies = {
        "articles_create": lambda: models.ArticleRecordRequest(body=PAGE_TEXT, headline="Harbour reopens"),
        "people_partial_update": lambda: models.PatchedPersonRenameRequest(name="Ellen M. Brooks"),
        "people_merge_create": lambda: models.PersonMergeRequest(ids=[corpus["roleless"].id]),
    }
    name = module.rsplit(".", 1)[1]
    arguments = {}
    for parameter in inspect.signature(function).parameters:
        if parameter in values:
            arguments[parameter] = values[parameter]
        elif parameter == "body":
            arguments["body"] = bodies[name]()
    if name == "articles_destroy":
        arguments["id"] = corpus["bare"].id
    return arguments


def test_a_generated_client_reads_every_operation_as_typed_values_equal_to_the_json(client_package, corpus):
    transport = DjangoTransport()
    client = generated_client(client_package, corpus, transport)
    modules = {"models": importlib.import_module("newsapi_client.models")}
    api = importlib.import_module("newsapi_client.api")
    operations = [
        importlib.import_module(f"newsapi_client.api.{tag.name}.{operation.name}")
        for tag in pkgutil.iter_modules(api.__path__)
        for operation in pkgutil.iter_modules([str(Path(api.__path__[0]) / tag.name)])
    ]
    assert len(operations) >= 30
    # Reads first, then the writes; deletes and merges last: each changes what the ones before read.
    writes = ("_create", "_partial_update", "_destroy", "_merge_create")
    operations.sort(key=lambda module: (module.__name__.endswith(writes), module.__name__.endswith(writes[2:])))
    for module in operations:
        response = module.sync_detailed(client=client, **operation_arguments(module.sync_detailed, corpus, modules))
        name = module.__name__.rsplit(".", 1)[1]
        assert response.status_code < 300, (name, response.content[:300])
        content_type = transport.responses[-1].get("Content-Type", "")
        if response.status_code == 204:
            continue
        if content_type.startswith("text/csv"):
            assert response.parsed == response.content.decode(), name
            continue
        assert hasattr(response.parsed, "to_dict"), (name, type(response.parsed))
        assert untyped_parts(response.parsed) == [], name
        assert comparable(response.parsed.to_dict()) == comparable(json.loads(response.content)), name


def test_generated_array_parameters_reach_the_server_whole(client_package, corpus):
    """Generated clients send arrays as repeated parameters; the server must not keep only the last."""
    from newsapi_client.api.articles import articles_list
    from newsapi_client.api.quotes import quotes_list
    from newsapi_client.models import ArticlesListExpandItem, ArticlesListFieldsItem, QuotesListKindItem

    client = generated_client(client_package, corpus, DjangoTransport())
    page = articles_list.sync(
        client=client,
        fields=[ArticlesListFieldsItem.ID, ArticlesListFieldsItem.HEADLINE, ArticlesListFieldsItem.QUOTES],
        expand=[ArticlesListExpandItem.QUOTES, ArticlesListExpandItem.PEOPLE],
    )
    row = next(item for item in page.results if item.id == corpus["article"].id)
    assert row.headline == "Harbour reopens" and len(row.quotes) == 2
    kinds = quotes_list.sync(client=client, kind=[QuotesListKindItem.DIRECT, QuotesListKindItem.INDIRECT])
    assert {quote.kind.value for quote in kinds.results} == {"direct", "indirect"}
