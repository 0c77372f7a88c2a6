"""A JSON Schema for ninjs 2.0, written from the standard's field definitions (IPTC ninjs 2.0: every
property named, no others allowed, `uri` required). The OpenAPI schema publishes it as the
`application/ninjs+json` response of an article, and the tests validate real output against it."""

STRING = {"type": "string"}
URI = {"type": "string", "format": "uri"}
DATE_TIME = {"type": "string", "format": "date-time"}


def strict(properties, required=()):
    schema = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def array_of(item):
    return {"type": "array", "items": item}


ROLE_VALUE = strict({"role": STRING, "contenttype": STRING, "value": STRING}, required=["value"])
BODY = strict(
    {"role": STRING, "contenttype": STRING, "charcount": {"type": "number"}, "wordcount": {"type": "number"},
     "value": STRING},
    required=["value"],
)
CONCEPT = strict({"name": STRING, "rel": STRING, "uri": URI, "literal": STRING})
ORGANISATION = strict(
    {"name": STRING, "rel": STRING, "uri": URI, "literal": STRING,
     "symbols": array_of(strict({"ticker": STRING, "exchange": STRING}))}
)
GENRE = strict({"name": STRING, "uri": URI, "literal": STRING})
INFOSOURCE = strict({"name": STRING, "role": URI, "uri": URI, "literal": STRING})
TYPES = ["text", "audio", "video", "picture", "graphic", "composite", "component"]

NINJS_2_0 = strict(
    {
        "uri": URI,
        "type": {"type": "string", "enum": TYPES},
        "representationtype": {"type": "string", "enum": ["full", "partial"]},
        "profile": STRING,
        "version": STRING,
        "firstcreated": DATE_TIME,
        "versioncreated": DATE_TIME,
        "contentcreated": DATE_TIME,
        "embargoed": DATE_TIME,
        "pubstatus": {"type": "string", "enum": ["usable", "withheld", "canceled"]},
        "urgency": {"type": "number"},
        "copyrightholder": STRING,
        "copyrightnotice": STRING,
        "usageterms": STRING,
        "ednote": STRING,
        "language": STRING,
        "descriptions": array_of(ROLE_VALUE),
        "bodies": array_of(BODY),
        "headlines": array_of(ROLE_VALUE),
        "people": array_of(CONCEPT),
        "organisations": array_of(ORGANISATION),
        "places": array_of({"type": "object"}),
        "subjects": array_of(CONCEPT),
        "events": array_of(CONCEPT),
        "objects": array_of(CONCEPT),
        "infosources": array_of(INFOSOURCE),
        "title": STRING,
        "by": STRING,
        "slugline": STRING,
        "located": STRING,
        "renditions": array_of({"type": "object", "required": ["name"]}),
        "associations": array_of({"anyOf": [{"$ref": "#"}, {"type": "object", "required": ["name"]}]}),  # "#": see below
        "altids": array_of(strict({"role": STRING, "value": STRING})),
        "trustindicators": array_of(strict({"role": URI, "title": STRING, "href": URI})),
        "standard": strict({"name": STRING, "version": STRING, "schema": URI}),
        "genres": array_of(GENRE),
        "rightsinfo": {"type": "object"},
    },
    required=["uri"],
)


def ninjs_schema(*, self_reference: str) -> dict:
    """NINJS_2_0 with its associations pointing at ``self_reference`` (in OpenAPI, the component's own path)."""
    schema = {**NINJS_2_0, "properties": dict(NINJS_2_0["properties"])}
    associations = {"anyOf": [{"$ref": self_reference}, {"type": "object", "required": ["name"]}]}
    schema["properties"]["associations"] = array_of(associations)
    return schema
