"""OpenAPI generation: each response media type with its own schema, every problem response documented."""

import copy

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from articles.api.conditional import ConditionalGetMixin
from articles.api.errors import PROBLEM_CONTENT_TYPE, ProblemSerializer
from articles.api.fields import SparseFieldsSerializerMixin, SparseFieldsViewMixin
from articles.api.permissions import IsStaffOrReadOnly


def _names(name: str, choices, description: str) -> OpenApiParameter:
    """A list of names, sent repeated (`?fields=id&fields=headline`, what generated clients send);
    the server takes them comma-separated too (`?fields=id,headline`)."""
    return OpenApiParameter(
        name,
        {"type": "array", "items": {"type": "string", "enum": sorted(choices)}},
        style="form",
        explode=True,
        description=f"{description} Repeat the parameter or separate names with commas.",
    )


CONDITIONAL_PARAMETERS = [
    OpenApiParameter(
        "If-None-Match", str, OpenApiParameter.HEADER,
        description="The ETag of the copy the client holds: 304 while the data has not changed since.",
    ),
    OpenApiParameter(
        "If-Modified-Since", str, OpenApiParameter.HEADER,
        description="The Last-Modified date of the copy the client holds (an HTTP date): 304 while it is current.",
    ),
]
VALIDATOR_HEADERS = {
    "ETag": {
        "schema": {"type": "string"},
        "description": "Changes whenever the stored data does (deletes, merges and renames too); send it back "
        "as If-None-Match.",
    },
    "Last-Modified": {
        "schema": {"type": "string"},
        "description": "When the stored data last changed; absent for two seconds after a change (whole "
        "seconds cannot tell two changes in one second apart).",
    },
}


class DocumentedSchema(serializers.Serializer):
    """A body described by a JSON Schema written elsewhere (the article record, ninjs), not by fields.

    Subclasses set `openapi_schema`; the schema becomes a named component, so generated clients
    get a type for it.
    """

    openapi_schema: dict = {}


class DocumentedSchemaExtension(OpenApiSerializerExtension):
    target_class = DocumentedSchema
    match_subclasses = True

    def get_name(self, auto_schema, direction):
        return type(self.target).__name__ if isinstance(self.target, DocumentedSchema) else self.target.__name__

    def map_serializer(self, auto_schema, direction):
        # A copy: drf-spectacular's enum hook rewrites component schemas in place, which would break
        # every later generation (and the readers' own schema, which ArticleRecord shares).
        return copy.deepcopy(self.target.openapi_schema)


CSV_SCHEMA = {
    "type": "string",
    "description": "CSV (RFC 4180) with a header row: lists give every matching row (not paged), a single "
    "object one row; nested values are flattened to names joined by `; `.",
}


class ProblemAutoSchema(AutoSchema):
    def get_auth(self):
        """Reads are open to anonymous clients: say so (`{}`), as drf-spectacular does for its own
        IsAuthenticatedOrReadOnly; it does not know our IsStaffOrReadOnly."""
        auths = super().get_auth()
        readable = any(isinstance(permission, IsStaffOrReadOnly) for permission in self.view.get_permissions())
        if readable and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "GET" and isinstance(self.view, ConditionalGetMixin):
            parameters += CONDITIONAL_PARAMETERS
        if self.method == "GET" and isinstance(self.view, SparseFieldsViewMixin) and self.view.action in ("list", "retrieve"):
            serializer_class = self.view.get_serializer_class()
            expandable = set(getattr(serializer_class.Meta, "expandable_fields", ()))
            choices = set(getattr(self.view, "expand_choices", ())) if self.view.action == "list" else set()
            every_field = set(serializer_class(expand=expandable).fields) | choices
            parameters.append(
                _names(
                    "fields", every_field,
                    "Fields to return, e.g. `id` and `headline`"
                    + (" (naming an optional field adds it, as `expand` does)." if choices else "."),
                )
            )
            if choices:
                parameters.append(
                    _names("expand", choices, f"Optional fields to add: {', '.join(sorted(choices))}.")
                )
        return parameters

    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            if parameter.get("in") == "query" and not parameter.get("required"):
                # An empty value means the parameter is not given (`?published_after=`), as in Django forms.
                parameter["allowEmptyValue"] = True
            schema = parameter.get("schema", {})
            if parameter.get("in") == "query" and schema.get("type") == "string" and not {"enum", "format"} & set(schema):
                # Django's form fields refuse NUL characters (a 400 naming the parameter): say so.
                schema["pattern"] = r"^[^\x00]*$"
        return parameters

    def _get_request_body(self, direction="request"):
        body = super()._get_request_body(direction)
        if body and getattr(self.view, "action", None) == "create":
            body["required"] = True  # a create without a body is a 400
        return body

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if direction == "response" and isinstance(serializer, SparseFieldsSerializerMixin):
            # `?fields=` can leave out any field, so none is required in a response.
            schema.pop("required", None)
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in responses.items():
            if code.startswith("2"):
                self._describe_media_types(response.get("content", {}))
        # Bad query parameters; an unknown `?format=` (DRF's 404), no such object or a page past the last
        # one; a query string too long; over the anonymous rate.
        if self.method == "GET" and isinstance(self.view, ConditionalGetMixin):
            responses["200"]["headers"] = VALIDATOR_HEADERS
            responses["304"] = {
                "description": "Not modified: the copy named by If-None-Match or If-Modified-Since is current.",
                "headers": VALIDATOR_HEADERS,
            }
        codes = ["400", "404", "414", "429"]
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            codes += ["401", "403", "413"]
        for code in codes + [code for code in responses if code[0] in "45"]:
            # Every error, also those an operation declares itself, is a problem (application/problem+json).
            responses[code] = self._get_response_for_code(
                ProblemSerializer, code, media_types=[PROBLEM_CONTENT_TYPE], direction=direction
            )
        return dict(sorted(responses.items()))

    def _describe_media_types(self, content: dict):
        """Each media type of a success response with its own schema: CSV is text, ninjs its own document.

        drf-spectacular gives every renderer's media type the JSON schema, which a generated client then
        parses as JSON whatever arrived.
        """
        from articles.api.serializers import NinjsDocument  # serializers import this module's base class

        for media_type, media in content.items():
            if media_type == "text/csv":
                media.clear()
                media["schema"] = CSV_SCHEMA
            elif media_type == "application/ninjs+json":
                media.clear()
                media["schema"] = self.resolve_serializer(NinjsDocument(), "response").ref



# Representations besides JSON, each also served at its own path (`/quotes.csv`, `/articles/3.ninjs`).
ALTERNATIVE_REPRESENTATIONS = {"text/csv": "csv", "application/ninjs+json": "ninjs"}
PAGING_PARAMETERS = {"page", "page_size", "cursor"}


def document_representations(result, generator, request, public):
    """Postprocessing hook: one operation per representation, so that generated clients parse each right.

    A generator reads an operation's first supported media type and parses every answer with it: asked
    for CSV through `?format=csv`, a client generated from one operation per path parses CSV as JSON.
    So each GET that can answer CSV or ninjs keeps them as content-negotiated media types (Accept), and
    gets a sibling path per representation with that media type alone. `?format=` still works; it is
    not documented, since it would offer generated clients a format they cannot read.
    """
    for path, operations in list(result["paths"].items()):
        for operation in operations.values():
            operation["parameters"] = [p for p in operation.get("parameters", []) if p["name"] != "format"]
        operation = operations.get("get")
        if operation is None:
            continue
        success = operation["responses"].get("200", {}).get("content", {})
        for media_type, suffix in ALTERNATIVE_REPRESENTATIONS.items():
            if media_type in success:
                sibling = f"{path.rstrip('/')}.{suffix}"
                result["paths"][sibling] = {"get": _representation(operation, media_type, suffix)}
    return result


def _representation(operation: dict, media_type: str, suffix: str) -> dict:
    sibling = copy.deepcopy(operation)
    sibling["operationId"] = f"{operation['operationId']}_{suffix}"
    if media_type == "text/csv":  # every matching row, not paged
        sibling["parameters"] = [p for p in sibling["parameters"] if p["name"] not in PAGING_PARAMETERS]
    else:  # a whole ninjs document: no field selection
        sibling["parameters"] = [p for p in sibling["parameters"] if p["name"] not in ("fields", "expand")]
    success = sibling["responses"]["200"]
    success["content"] = {media_type: success["content"][media_type]}
    sibling["description"] = f"{operation.get('description', '')}\n\nAs `{media_type}`.".strip()
    return sibling
