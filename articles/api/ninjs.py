"""IPTC ninjs 2.0 (News in JSON) for articles: `/api/v1/articles/{id}/?format=ninjs`.

ninjs has no field for quotes, so each quote travels as an associated ninjs object (type text)
whose body is the quote and whose people entry is the speaker (rel "speaker").
"""

from rest_framework.renderers import JSONRenderer

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"
MEDIATOPIC = "http://cv.iptc.org/newscodes/mediatopic/"

# The 17 top-level IPTC Media Topics and their codes.
MEDIATOPIC_CODES = {
    "arts, culture, entertainment and media": "01000000",
    "crime, law and justice": "02000000",
    "disaster, accident and emergency incident": "03000000",
    "economy, business and finance": "04000000",
    "education": "05000000",
    "environment": "06000000",
    "health": "07000000",
    "human interest": "08000000",
    "labour": "09000000",
    "lifestyle and leisure": "10000000",
    "politics": "11000000",
    "religion": "12000000",
    "science and technology": "13000000",
    "society": "14000000",
    "sport": "15000000",
    "conflict, war and peace": "16000000",
    "weather": "17000000",
}


def article_to_ninjs(article: dict, *, uri: str) -> dict:
    """Map the API's article detail to a ninjs 2.0 object identified by ``uri``."""
    body = "\n\n".join(article.get("paragraphs", []))
    ninjs = {
        "uri": uri,
        "standard": {"name": "ninjs", "version": "2.0", "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "pubstatus": "usable",
        "language": article.get("language") or "en",
        "versioncreated": article["updated_at"],
        "firstcreated": article["created_at"],
        "headlines": [{"role": "main", "value": article["headline"]}] if article.get("headline") else [],
        "bodies": [
            {"role": "main", "contenttype": "text/plain", "charcount": len(body), "wordcount": len(body.split()),
             "value": body}
        ],
        "subjects": [_subject(topic) for topic in article.get("topics", []) if topic["kind"] == "subject"],
        "people": [{"name": person["name"], "rel": "mentioned", "literal": person["slug"]} for person in article.get("people", [])],
        "places": [{"name": t["name"], "rel": "about", "literal": t["slug"]} for t in article.get("topics", []) if t["kind"] == "place"],
        "organisations": [
            {"name": t["name"], "rel": "about", "literal": t["slug"]} for t in article.get("topics", []) if t["kind"] == "organisation"
        ],
        "associations": [_quote(quote, uri=uri) for quote in article.get("quotes", [])],
    }
    if article.get("published"):
        ninjs["contentcreated"] = f"{article['published']}T00:00:00Z"
    authors = [author["name"] for author in article.get("authors", [])]
    if authors:
        ninjs["by"] = ", ".join(authors)
    if article.get("source"):
        ninjs["copyrightholder"] = article["source"]["name"]
        ninjs["infosources"] = [{"name": article["source"]["name"], "literal": article["source"]["slug"]}]
    if article.get("url"):
        ninjs["altids"] = [{"role": "url", "value": article["url"]}]
    return ninjs


def _subject(topic: dict) -> dict:
    subject = {"name": topic["name"], "rel": "about"}
    code = MEDIATOPIC_CODES.get(topic["name"])
    if code:
        subject.update(uri=f"{MEDIATOPIC}{code}", literal=f"medtop:{code}")
    return subject


def _quote(quote: dict, *, uri: str) -> dict:
    association = {  # a complete ninjs object, so that it validates as one
        "uri": f"{uri}#quote-{quote['id']}",
        "type": "text",
        "genres": [{"name": f"{quote['kind']} quote", "literal": quote["kind"]}],
        "bodies": [{"role": "quote", "contenttype": "text/plain", "value": quote["text"]}],
        "descriptions": [],
    }
    if quote.get("cue"):
        association["descriptions"].append({"role": "cue", "value": quote["cue"]})
    if quote.get("speaker_label"):
        association["descriptions"].append({"role": "speaker-label", "value": quote["speaker_label"]})
    speaker = quote.get("speaker")
    if speaker:
        association["people"] = [{"name": speaker["name"], "rel": "speaker", "literal": speaker["slug"]}]
    elif quote.get("speaker_label") and not quote.get("speaker_is_person"):
        association["organisations"] = [{"name": quote["speaker_label"], "rel": "speaker"}]
    return association


class NinjsRenderer(JSONRenderer):
    media_type = "application/ninjs+json"
    format = "ninjs"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code == 200 and isinstance(data, dict) and "paragraphs" in data:
            request = renderer_context["request"]
            data = article_to_ninjs(data, uri=request.build_absolute_uri(f"/api/v1/articles/{data['id']}/"))
        return super().render(data, accepted_media_type, renderer_context)
