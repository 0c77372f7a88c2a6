import re

import pytest

pytestmark = pytest.mark.django_db


def test_schema_documents_every_filter_parameter(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    for name in ("source", "author", "person", "topic", "published_after", "published_before", "has_quotes", "q", "ordering", "page_size"):
        assert name in params, name
        assert params[name].get("description"), name


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_use_no_external_cdn(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_every_parameter_of_every_operation_has_a_description(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    undocumented = [
        (path, parameter["name"])
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert undocumented == []


@pytest.fixture
def schema(api):
    return api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()


def test_schema_is_openapi_3_1_so_nullable_references_are_typed(schema):
    assert schema["openapi"] == "3.1.0"
    speaker = schema["components"]["schemas"]["Quote"]["properties"]["speaker"]
    assert {"type": "null"} in speaker["oneOf"]
    assert "nullable" not in str(schema)  # OpenAPI 3.0's keyword has no meaning in 3.1


def test_article_detail_describes_the_extraction_and_lists_can_expand_to_it(schema):
    detail = schema["components"]["schemas"]["ArticleDetail"]["properties"]
    for name in ("paragraphs", "images", "people", "quotes", "topics", "dropped_lines", "content_hash",
                 "source_file", "original_text"):
        assert name in detail, name
    listed = schema["paths"]["/api/v1/articles/"]["get"]["responses"]["200"]["content"]["application/json"]
    page = schema["components"]["schemas"][listed["schema"]["$ref"].rsplit("/", 1)[1]]
    assert page["properties"]["results"]["items"] == {"$ref": "#/components/schemas/ArticleDetail"}


def test_each_media_type_has_its_own_schema(schema):
    article = schema["paths"]["/api/v1/articles/{id}/"]["get"]["responses"]["200"]["content"]
    assert article["text/csv"]["schema"]["type"] == "string"
    assert article["application/ninjs+json"]["schema"] == {"$ref": "#/components/schemas/NinjsDocument"}
    assert article["application/json"]["schema"] == {"$ref": "#/components/schemas/ArticleDetail"}
    quotes = schema["paths"]["/api/v1/quotes/"]["get"]["responses"]["200"]["content"]
    assert quotes["text/csv"]["schema"]["type"] == "string"


def test_the_ninjs_document_is_the_schema_the_output_is_validated_against(schema):
    from articles.api.ninjs_schema import NINJS_2_0

    published = schema["components"]["schemas"]["NinjsDocument"]
    assert set(published["properties"]) == set(NINJS_2_0["properties"])
    assert published["additionalProperties"] is False and published["required"] == ["uri"]


def test_the_posted_record_is_one_documented_schema_shared_with_the_readers(schema):
    from articles.extraction.record_schema import ARTICLE_RECORD_SCHEMA

    body = schema["paths"]["/api/v1/articles/"]["post"]["requestBody"]["content"]
    assert body["text/plain"]["schema"]["type"] == "string"
    name = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    record = schema["components"]["schemas"][name]
    assert set(record["properties"]) == set(ARTICLE_RECORD_SCHEMA["properties"])
    assert record["additionalProperties"] is False
    assert record["properties"]["url"]["maxLength"] == 2000


def test_list_examples_are_one_page_not_a_page_inside_a_page(schema):
    examples = schema["paths"]["/api/v1/articles/"]["get"]["responses"]["200"]["content"]["application/json"]["examples"]
    for example in examples.values():
        (item,) = example["value"]["results"]
        assert "results" not in item and item["headline"]


def test_each_other_representation_is_an_operation_of_its_own(schema):
    """Generated clients parse an operation's answers by its first media type: CSV and ninjs get their own."""
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert "format" not in {p["name"] for p in operation.get("parameters", [])}, path
        if path.endswith((".csv", ".ninjs")):
            continue
        success = operations.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
        for media_type, suffix in (("text/csv", "csv"), ("application/ninjs+json", "ninjs")):
            if media_type in success:
                sibling = schema["paths"][f"{path.rstrip('/')}.{suffix}"]["get"]
                assert list(sibling["responses"]["200"]["content"]) == [media_type], path
    assert "/api/v1/quotes.csv" in schema["paths"] and "/api/v1/articles/{id}.ninjs" in schema["paths"]
    assert "/api/v1/stats.csv" not in schema["paths"]  # nested statistics have no rows


def test_documented_representations_are_served(api):
    from tests.factories import QuoteFactory

    quote = QuoteFactory()
    csv = api.get("/api/v1/quotes.csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    ninjs = api.get(f"/api/v1/articles/{quote.article_id}.ninjs")
    assert ninjs.status_code == 200 and ninjs.json()["uri"].endswith(f"/articles/{quote.article_id}/")
    assert api.get("/api/v1/stats/?format=csv").status_code == 404  # DRF: a format the view does not offer


def test_generating_the_schema_twice_gives_the_same_schema(api):
    """Schemas written elsewhere (ninjs, the article record) are copied, not rewritten in place."""
    first = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json() == first
