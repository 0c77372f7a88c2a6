"""Behaviour of the document-structure stage (pure Python, no Django)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from articles.extraction.document import SourceText
from articles.extraction.structure import build_document, guess_language

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_794f915c9ce4b57f.txt"
GOLD = ROOT / "tests" / "gold" / "000_794f915c9ce4b57f.json"

P1 = "The council approved the new budget on Monday after a long debate about school funding and roads."
P2 = "Opposition members said the plan would leave rural areas without enough money for repairs this year."
P3 = "The mayor said the vote was a turning point for the city and promised to publish the full figures."


def page(*lines: str) -> SourceText:
    return SourceText(text="\n\n".join(lines), origin="test")


def dropped(document, reason=None):
    return [d.text for d in document.boilerplate if reason is None or d.reason == reason]


# ---------------------------------------------------------------- seed vs gold


def test_seed_matches_gold():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    document = build_document(SourceText(text=text, origin=SEED.name))
    assert document.headline == gold["headline"]
    assert document.source == gold["source"]
    assert document.authors == gold["authors"]
    assert document.published is None
    assert [(i.caption, i.credit) for i in document.images] == [
        (i["caption"], i["credit"]) for i in gold["images"]
    ]
    kept = set(document.paragraphs)
    dropped_lines = set(dropped(document))
    for line in gold["boilerplate"]:
        assert line in dropped_lines
        assert line not in kept
    # every other dropped line is a caption or a byline; every other line is body
    extra = {d.reason for d in document.boilerplate if d.text not in gold["boilerplate"]}
    assert extra <= {"caption", "byline"}
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    assert lines[0] == document.headline
    assert document.paragraphs == [l for l in lines[1:] if l not in dropped_lines]
    assert document.language == "en"


# ---------------------------------------------------------------- headline


def test_title_line_before_prose_is_headline():
    document = build_document(page("Council passes budget after long debate", P1, P2))
    assert document.headline == "Council passes budget after long debate"
    assert document.paragraphs == [P1, P2]


def test_text_without_headline_line_has_no_headline():
    document = build_document(page(P1, P2, P3))
    assert document.headline is None
    assert document.paragraphs == [P1, P2, P3]


def test_headline_is_not_boilerplate():
    document = build_document(page("Council passes budget after long debate", P1, P2))
    assert "Council passes budget after long debate" not in dropped(document)


def test_page_title_with_site_suffix_gives_source_and_onpage_headline():
    document = build_document(page(
        "Council passes budget after long debate | The Daily Planet", "Home", "News", "Sport",
        "Council passes budget after long debate", P1, P2, P3))
    assert document.headline == "Council passes budget after long debate"
    assert document.source == "The Daily Planet"
    assert "Council passes budget after long debate | The Daily Planet" in dropped(document)


# ---------------------------------------------------------------- byline / source / date


def test_byline_with_by_gives_author():
    document = build_document(page("Council passes budget after long debate", "By Jane Doe", P1, P2))
    assert document.authors == ["Jane Doe"]
    assert "By Jane Doe" in dropped(document, "byline")


def test_byline_with_two_authors():
    document = build_document(page("Council passes budget after long debate", "By Jane Doe and John Roe", P1, P2))
    assert document.authors == ["Jane Doe", "John Roe"]


def test_by_dot_publisher_line_gives_source_not_author():
    document = build_document(page("Council passes budget after long debate", "by · City Radio", P1, P2))
    assert document.source == "City Radio"
    assert document.authors == []


def test_name_comma_agency_byline():
    document = build_document(page("Council passes budget after long debate", "Jane Doe, Reuters", P1, P2))
    assert document.authors == ["Jane Doe"]
    assert document.source == "Reuters"


def test_agency_dateline_gives_source_and_keeps_paragraph():
    first = "NEW DELHI (Reuters) - " + P1
    document = build_document(page("Council passes budget after long debate", first, P2))
    assert document.source == "Reuters"
    assert document.paragraphs[0] == first


def test_standalone_agency_line_gives_source():
    document = build_document(page("Council passes budget after long debate", "PTI", P1, P2))
    assert document.source == "PTI"
    assert "PTI" not in document.paragraphs


@pytest.mark.parametrize("line", [
    "Published 12 March 2025", "March 12, 2025", "Updated: 2025-03-12 10:00", "12 Mar 2025 08:00 GMT",
])
def test_stated_date_is_published(line):
    document = build_document(page("Council passes budget after long debate", line, P1, P2))
    assert document.published == dt.date(2025, 3, 12)
    assert line in dropped(document)


def test_date_inside_body_is_not_published_date():
    document = build_document(page("Council passes budget after long debate", P1,
                                   "The last budget was approved on March 3, 2021 after a similar row.", P2))
    assert document.published is None


# ---------------------------------------------------------------- captions


def test_caption_glued_to_sentence_is_split_with_credit():
    document = build_document(page("Council passes budget after long debate",
                                   "The mayor speaks to reporters.Picture: City Photos", P1, P2))
    assert [(i.caption, i.credit) for i in document.images] == [("The mayor speaks to reporters.", "City Photos")]
    assert "The mayor speaks to reporters.Picture: City Photos" in dropped(document, "caption")


@pytest.mark.parametrize("line, caption, credit", [
    ("The mayor at the town hall (Photo: Reuters)", "The mayor at the town hall", "Reuters"),
    ("The mayor at the town hall. Photograph: Jane Doe/Getty Images", "The mayor at the town hall.",
     "Jane Doe/Getty Images"),
    ("The mayor at the town hall — Picture by Jane Doe", "The mayor at the town hall", "Jane Doe"),
    ("The mayor at the town hall. © Reuters", "The mayor at the town hall.", "Reuters"),
])
def test_caption_credit_forms(line, caption, credit):
    document = build_document(page("Council passes budget after long debate", P1, line, P2))
    assert [(i.caption, i.credit) for i in document.images] == [(caption, credit)]
    assert document.paragraphs == [P1, P2]


def test_credit_alone_after_caption_line_attaches_to_it():
    document = build_document(page("Council passes budget after long debate", P1,
                                   "Image caption, The mayor at the town hall", "Getty Images", P2))
    assert [(i.caption, i.credit) for i in document.images] == [("The mayor at the town hall", "Getty Images")]
    assert document.paragraphs == [P1, P2]


def test_photo_credit_line_is_dropped():
    document = build_document(page("Council passes budget after long debate", P1, "Photo Credit: Jane Doe", P2))
    assert document.paragraphs == [P1, P2]
    assert document.images[0].credit == "Jane Doe"


# ---------------------------------------------------------------- widgets and links


@pytest.mark.parametrize("line, reason", [
    ("Listen to this article", "audio widget"),
    ("Loading audio...", "audio widget"),
    ("Share", "share widget"),
    ("Subscribe to our newsletter", "subscribe prompt"),
    ("Advertisement", "advertisement"),
    ("Read more: Council fights over parking fees", "read more link"),
    ("Also read: Mayor promises new parks", "read more link"),
    ("We use cookies to improve your experience on our site.", "cookie notice"),
])
def test_widget_line_inside_body_is_dropped(line, reason):
    document = build_document(page("Council passes budget after long debate", P1, line, P2, P3))
    assert document.paragraphs == [P1, P2, P3]
    assert (line, reason) in [(d.text, d.reason) for d in document.boilerplate]


def test_related_headline_between_paragraphs_is_dropped():
    related = "'We were misled': Opposition leader says budget figures were hidden from voters"
    document = build_document(page("Council passes budget after long debate", P1, related, P2, P3))
    assert document.paragraphs == [P1, P2, P3]
    assert related in dropped(document, "related headline")


def test_short_subheading_between_paragraphs_is_kept():
    document = build_document(page("Council passes budget after long debate", P1, "What happens next", P2, P3))
    assert "What happens next" in document.paragraphs


def test_read_more_line_inside_multi_paragraph_quote_is_dropped():
    q1 = "The mayor said: “We have waited years for this budget and the city deserves better roads."
    q2 = "“Nobody should doubt that we will deliver every promise in it before the next election.”"
    document = build_document(page("Council passes budget after long debate", P1, q1,
                                   "Read more: Mayor faces new questions over spending", q2, P2))
    assert document.paragraphs == [P1, q1, q2, P2]


def test_caption_inside_multi_paragraph_quote_is_dropped():
    q1 = "The mayor said: “We have waited years for this budget and the city deserves better roads."
    q2 = "“Nobody should doubt that we will deliver every promise in it before the next election.”"
    document = build_document(page("Council passes budget after long debate", P1, q1,
                                   "The mayor at the town hall.Picture: Getty", q2, P2))
    assert document.paragraphs == [P1, q1, q2, P2]


def test_navigation_before_and_footer_after_article_are_dropped():
    nav = ["Home", "News", "Sport", "Business", "Weather", "Sign in"]
    footer = ["About us", "Contact us", "Privacy policy", "© 2025 Daily Planet. All rights reserved."]
    document = build_document(page(*nav, "Council passes budget after long debate", P1, P2, P3, *footer))
    assert document.headline == "Council passes budget after long debate"
    assert document.paragraphs == [P1, P2, P3]
    assert set(nav + footer) <= set(dropped(document))


def test_body_paragraphs_are_verbatim_only_stripped():
    document = build_document(SourceText(text="Council passes budget after long debate\n\n   " + P1 + "  \n\n" + P2,
                                         origin="t"))
    assert document.paragraphs == [P1, P2]


def test_empty_text_gives_empty_document():
    document = build_document(SourceText(text="   \n ", origin="t"))
    assert document.paragraphs == [] and document.headline is None and document.language == "en"


# ---------------------------------------------------------------- non-page text


def test_clean_text_takes_metadata_from_source():
    source = SourceText(text=P1 + "\n\n" + P2, origin="r", is_page_text=False, headline="Budget passed",
                        source="Planet", authors=["Jane Doe"], published=dt.date(2025, 1, 2), url="http://x")
    document = build_document(source)
    assert (document.headline, document.source, document.authors, document.published, document.url) == (
        "Budget passed", "Planet", ["Jane Doe"], dt.date(2025, 1, 2), "http://x")
    assert document.paragraphs == [P1, P2]


def test_clean_text_single_newlines_split_paragraphs():
    document = build_document(SourceText(text=P1 + "\n" + P2, origin="r", is_page_text=False))
    assert document.paragraphs == [P1, P2]


def test_clean_text_drops_widget_and_glued_caption():
    text = "\n\n".join([P1, "Read more: Mayor faces new questions", "The mayor at the town hall.Picture: Getty", P2])
    document = build_document(SourceText(text=text, origin="r", is_page_text=False))
    assert document.paragraphs == [P1, P2]
    assert document.images[0].credit == "Getty"


def test_clean_text_repeating_headline_first_is_not_body():
    document = build_document(SourceText(text="Budget passed\n" + P1, origin="r", is_page_text=False,
                                         headline="Budget passed"))
    assert document.paragraphs == [P1]


# ---------------------------------------------------------------- language


def test_language_english():
    assert guess_language(P1 + " " + P2) == "en"


@pytest.mark.parametrize("text, code", [
    ("Der Stadtrat hat am Montag den neuen Haushalt beschlossen, nachdem es eine lange Debatte über die "
     "Finanzierung der Schulen und der Straßen gab. Die Opposition sagte, dass es nicht genug sei.", "de"),
    ("Le conseil municipal a approuvé le nouveau budget lundi après un long débat sur le financement des "
     "écoles et des routes. Les élus de l'opposition ont dit que ce n'est pas assez pour les villages.", "fr"),
    ("El ayuntamiento aprobó el nuevo presupuesto el lunes después de un largo debate sobre la financiación "
     "de las escuelas y las carreteras. La oposición dijo que no es suficiente para los pueblos.", "es"),
])
def test_language_other(text, code):
    assert guess_language(text) == code


def test_short_text_counts_as_english():
    assert guess_language("Hallo Welt") == "en"


# ---------------------------------------------------------------- page zones


def test_comment_section_after_article_is_dropped():
    comment = "I completely disagree with this decision and I think the council has wasted our money again."
    document = build_document(page("Council passes budget after long debate", P1, P2, P3,
                                   "12 responses to “Council passes budget”", "reader42 says:", comment))
    assert document.paragraphs == [P1, P2, P3]
    assert comment in dropped(document)


def test_list_introduced_by_colon_after_body_is_kept():
    text = ("Council passes budget after long debate\n\n" + P1 + "\n\n" + P2 +
            "\n\nThe main items in the budget are:\nSchools: 40 million\nRoads: 25 million\nParks: 5 million"
            "\n\nAbout us\nContact us")
    document = build_document(SourceText(text=text, origin="t"))
    assert document.paragraphs[-3:] == ["Schools: 40 million", "Roads: 25 million", "Parks: 5 million"]
    assert "About us" in dropped(document)


def test_iso_timestamp_line_is_dropped():
    document = build_document(page("Council passes budget after long debate", "2025-03-12T10:00:00+01:00", P1, P2))
    assert document.paragraphs == [P1, P2]
    assert document.published == dt.date(2025, 3, 12)


def test_headline_repeated_under_page_title_is_chosen_over_menu():
    nav = ["World", "Business", "Technology", "Opinion"]
    document = build_document(page("Council passes budget after long debate - Planet News", *nav,
                                   "Council passes budget after long debate", "By Jane Doe", P1, P2))
    assert document.headline == "Council passes budget after long debate"
    assert document.source == "Planet News"
    assert document.authors == ["Jane Doe"]
    assert document.paragraphs == [P1, P2]


def test_cjk_sentences_count_as_prose():
    sentence = "このご時世パスワードの強化は非常に重要なことであり、日に日に増えていくパスワードを管理するソフトは不可欠です。"
    document = build_document(page("ホーム", "メニュー", sentence, sentence + "自分はずっと愛用しています。"))
    assert sentence in document.paragraphs


# ---------------------------------------------------------------- related lists, teasers, calls to action

HEAD = "Council passes budget after long debate"


@pytest.mark.parametrize("header", ["More on this:", "Related stories", "Most read in local news", "Don't miss"])
def test_list_header_inside_body_drops_the_links_under_it(header):
    links = ["Mayor rules out new parking charges for town centre", "Bridge repairs to start after summer holidays"]
    p4 = "Residents will be able to comment on the plan at a public meeting in the library next month."
    document = build_document(page(HEAD, P1, P2, header, *links, P3, p4))
    assert document.paragraphs == [P1, P2, P3, p4]
    assert set(links) <= set(dropped(document))


def test_teaser_lines_cut_with_ellipsis_are_not_body():
    teasers = ["Harbour ferry fares to rise again next month...", "Library opening hours cut at three branches..."]
    document = build_document(page(HEAD, P1, P2, P3, "Latest", *teasers, "Weather", "Sport"))
    assert document.paragraphs == [P1, P2, P3]


def test_numbered_link_list_squashed_into_one_line_is_dropped():
    squashed = ("1 Harbour ferry fares to rise again next month 2 Library opening hours cut at branches "
                "3 School bus route changes announced for the spring term 4 Police appeal after garden thefts")
    document = build_document(page(HEAD, "By Jane Doe", squashed, P1, P2, P3))
    assert squashed not in document.paragraphs
    assert document.paragraphs == [P1, P2, P3]


def test_call_to_action_closing_the_article_is_dropped():
    cta = "Follow City Radio on Instagram, Facebook and TikTok."
    listen = "Listen to the Morning Show live at 07:00 weekdays - or catch up here."
    document = build_document(page(HEAD, P1, P2, P3, cta, listen))
    assert document.paragraphs == [P1, P2, P3]


@pytest.mark.parametrize("line", ["Copy this link", "Close share panel", "Report", "View all (3)",
                                  "These are external links and will open in a new window",
                                  "Weekly digest: the best stories delivered to your inbox"])
def test_more_widget_lines_are_dropped(line):
    document = build_document(page(HEAD, P1, line, P2))
    assert document.paragraphs == [P1, P2]


# ---------------------------------------------------------------- captions and credits


@pytest.mark.parametrize("line,caption,credit", [
    ("The new library building on the harbour front Credit: Northern Pictures", "The new library building on the "
     "harbour front", "Northern Pictures"),
    ("Councillor Ann Smith (left) and the mayor at the opening AP", "Councillor Ann Smith (left) and the mayor at "
     "the opening", "AP"),
    ("Councillors vote on the plan in the town hall on Monday. (Sam Hill/AP)", "Councillors vote on the plan in "
     "the town hall on Monday.", "Sam Hill/AP"),
])
def test_more_caption_credit_forms(line, caption, credit):
    document = build_document(page(HEAD, P1, line, P2))
    assert (caption, credit) in [(i.caption, i.credit) for i in document.images]
    assert line not in document.paragraphs


def test_long_caption_ending_with_photographer_slash_agency_is_a_caption():
    caption = ("Residents queue outside the town hall before the vote on the new budget on March 3, 2025. "
               "The council said the plan would protect schools and roads while raising parking charges in the "
               "centre, but opposition members promised to fight the changes at the next full meeting of the body.")
    line = caption + " Sam HILL / AFP"
    document = build_document(page(HEAD, line, P1, P2))
    assert (caption, "Sam HILL / AFP") in [(i.caption, i.credit) for i in document.images]
    assert document.paragraphs == [P1, P2]


@pytest.mark.parametrize("line", ["Image copyright Northern Pictures", "Image copyright @cityradio @cityradio",
                                  "Sam Hill | Reuters | Getty Images"])
def test_credit_only_lines_are_dropped(line):
    document = build_document(page(HEAD, P1, line, P2))
    assert document.paragraphs == [P1, P2]
    assert line in dropped(document, "caption")


# ---------------------------------------------------------------- bylines


def test_name_with_social_handle_is_byline():
    document = build_document(page(HEAD, "Jane Doe @janedoe_news", P1, P2))
    assert document.authors == ["Jane Doe"]
    assert "Jane Doe @janedoe_news" in dropped(document, "byline")


def test_summary_label_is_not_an_author():
    document = build_document(page(HEAD, "Jane Doe @janedoe", "Key Points", P1, P2))
    assert document.authors == ["Jane Doe"]
    assert "Key Points" in dropped(document)


def test_byline_names_in_capitals_are_normal_case():
    document = build_document(page(HEAD, "By JANE DOE and JOHN ROE", P1, P2))
    assert document.authors == ["Jane Doe", "John Roe"]


def test_byline_ending_with_organisation_gives_source_not_author():
    document = build_document(page(HEAD, "By Jane Doe, Planet News Service", P1, P2))
    assert document.authors == ["Jane Doe"]
    assert document.source == "Planet News Service"


def test_agency_line_with_date_is_byline():
    line = "Associated Press March 12, 2025, 9:02 AM"
    document = build_document(page(HEAD, line, P1, P2))
    assert line in dropped(document, "byline")
    assert document.source == "Associated Press"
    assert document.published == dt.date(2025, 3, 12)


def test_headline_followed_by_byline_beats_later_teasers():
    teasers = ["Harbour ferry fares to rise again next month", "Library opening hours cut at three branches",
               "Watch: the mayor answers questions from readers"]
    document = build_document(page("Planet News", HEAD, "By Jane Doe", "Updated 12 March 2025",
                                   "Video", "More videos", *teasers, P1, P2, P3))
    assert document.headline == HEAD
    assert document.authors == ["Jane Doe"]


# ---------------------------------------------------------------- source (publisher)


def test_domain_title_suffix_gives_name_without_tld():
    document = build_document(page(HEAD + " - Planetnews.com", "Planetnews", HEAD, P1, P2))
    assert document.source == "Planetnews"


def test_domain_title_suffix_takes_the_fuller_masthead_the_page_spells_out():
    document = build_document(page(HEAD + " | Planet.co.uk", HEAD, P1, P2, "Read the Daily Planet archive",
                                   "Copyright 2025 Planet Newspapers. All rights reserved."))
    assert document.source == "Daily Planet"


def test_title_site_repeated_on_page_beats_agency_byline():
    document = build_document(page(HEAD + " - Planet Radio", "Follow Planet Radio", HEAD, "Associated Press",
                                   P1, P2))
    assert document.source == "Planet Radio"


def test_title_site_in_multi_part_title_is_source():
    document = build_document(page(HEAD + " | Local Politics | Planet Radio", "Planet Radio Live", HEAD, P1, P2))
    assert document.source == "Planet Radio"


def test_section_name_title_suffix_is_not_a_source():
    document = build_document(page(HEAD + " - Politics", "Politics", HEAD, P1, P2))
    assert document.source is None


def test_copyright_holder_is_source_when_nothing_else_names_the_publisher():
    document = build_document(page(HEAD, P1, P2, P3, "© 2025 Planet Radio LLC. All Rights Reserved."))
    assert document.source == "Planet Radio"


def test_repeated_masthead_line_is_source():
    document = build_document(page("Evening Courier", "Home", "Evening Courier", HEAD, P1, P2, P3,
                                   "© 2025 Courier Holdings Group Inc."))
    assert document.source == "Evening Courier"


def test_list_header_with_ellipsis_drops_question_headlines_under_it():
    links = ["Will the harbour ferry survive another winter?", "Library opening hours cut at three branches"]
    document = build_document(page(HEAD, P1, P2, P3, "You may also like...", *links))
    assert document.paragraphs == [P1, P2, P3]


@pytest.mark.parametrize("line", [
    "Use of this website constitutes acceptance of our terms and privacy notice.",
    "The content on this site may not be reproduced without the prior written permission of the owner.",
])
def test_site_legal_footer_lines_are_dropped(line):
    document = build_document(page(HEAD, P1, P2, P3, line))
    assert document.paragraphs == [P1, P2, P3]


# ---------------------------------------------------------------- dev2 generalisation rules (text written here)

P4 = "Engineers inspected the old bridge on Tuesday and found cracks in two of the supporting columns underneath."
P5 = "The transport office said repairs would start in spring and that a temporary crossing would open nearby."
P6 = "Residents of the eastern district told the council they had waited more than a decade for the repair work."


def test_joined_camel_case_site_name_is_spaced_when_the_page_spells_it():
    document = build_document(page(HEAD + " | TheRiverPost", "The River Post", HEAD, P1, P2, P3,
                                   "Sent to you by The River Post"))
    assert document.source == "The River Post"


def test_byline_name_followed_by_iso_stamp_and_section():
    document = build_document(page(HEAD, "By Jane Doe 2024-03-01T10:00:00Z Local Politics", P1, P2, P3))
    assert document.authors == ["Jane Doe"]


def test_byline_after_month_first_date():
    document = build_document(page(HEAD, "11/19/2024 by Jane Doe", P1, P2, P3))
    assert document.authors == ["Jane Doe"]
    assert document.published == dt.date(2024, 11, 19)


def test_byline_name_handle_and_relative_age():
    document = build_document(page(HEAD, "Jane Doe @janedoe / 3 days", P1, P2, P3))
    assert document.authors == ["Jane Doe"]
    assert "Jane Doe @janedoe / 3 days" in dropped(document, "byline")


def test_bare_name_over_weekday_time_stamp_is_the_byline():
    document = build_document(page(HEAD, "Jane Doe", "Tuesday 4:15PM", P1, P2, P3))
    assert document.authors == ["Jane Doe"]
    assert document.published is None


def test_exclaiming_headline_opening_the_zone_before_its_date_line():
    headline = 'Divers pull stranded whale back to sea: "We did it!"'
    document = build_document(page("Menu", "Sections", headline, "Updated on: March 3, 2024 / 9:00 AM", P1, P2, P3))
    assert document.headline == headline
    assert document.paragraphs == [P1, P2, P3]


@pytest.mark.parametrize("lines", [
    ["Morning Digest Newsletter", "Thanks for signing up!", "Please check the opt-in box to continue."],
    ["Please enable JavaScript to view the comments."],
    ["No comments yet Start the conversation", "Readers share their views in the forums every single day."],
])
def test_newsletter_forms_and_comment_widgets_after_the_article_are_dropped(lines):
    document = build_document(page(HEAD, P1, P2, P3, P4, *lines))
    assert document.paragraphs == [P1, P2, P3, P4]


def test_caption_on_the_line_above_a_credit_only_line():
    caption = "Workers repaint the railings of the old bridge in the early morning light."
    document = build_document(page(HEAD, caption, "(Image: © Jane Roe/Agency)", P1, P2, P3))
    assert document.paragraphs == [P1, P2, P3]
    assert document.images[0].caption == caption
    assert document.images[0].credit == "© Jane Roe/Agency"


def test_run_of_other_story_headlines_inside_the_body_is_dropped():
    links = ["Harbour ferry service cut back for the winter months",
             "Photos: The old mill district before the floods",
             "9 things to know about the new parking rules downtown"]
    document = build_document(page(HEAD, P1, P2, *links, P3, P4))
    assert document.paragraphs == [P1, P2, P3, P4]


def test_list_of_short_items_introduced_by_a_colon_is_kept():
    intro = "The council listed three priorities for the coming year in its statement on Monday:"
    items = ["Fixing the potholes on all the main roads", "Opening the library again on Sunday afternoons",
             "Hiring more crossing guards near the primary schools"]
    document = build_document(page(HEAD, P1, P2, intro, *items, P3, P4))
    assert document.paragraphs == [P1, P2, intro, *items, P3, P4]


def test_teaser_card_closed_by_read_more_is_dropped():
    card = ["Library opening hours cut at three branches", "The branches will close two hours earlier from the"]
    document = build_document(page(HEAD, P1, P2, *card, "Read more", P3, P4))
    assert document.paragraphs == [P1, P2, P3, P4]


def test_media_title_under_each_numbered_heading_is_dropped():
    document = build_document(page(
        HEAD, P1, "1. The bridge is older than it looks", "Video: Engineers walk the old bridge deck",
        P2, "2. Repairs will start in spring", "Council meeting, part 3: The repair vote", P3,
        "3. A temporary crossing is planned", "Drone footage of the river crossing site", P4))
    assert "Video: Engineers walk the old bridge deck" in dropped(document)
    assert "Council meeting, part 3: The repair vote" in dropped(document)
    assert "Drone footage of the river crossing site" in dropped(document)
    assert "1. The bridge is older than it looks" in document.paragraphs


def test_author_bio_ends_the_body_and_names_the_employer():
    document = build_document(page(
        HEAD, "By Jane Doe", P1, P2, P3, P4, P5, P6, "About Jane Doe",
        "Jane Doe is a reporter covering city hall. She previously worked in radio for ten years.",
        "About the author", "Jane Doe", "City reporter at Riverside Gazette"))
    assert document.paragraphs == [P1, P2, P3, P4, P5, P6]
    assert document.source == "Riverside Gazette"


def test_trending_news_block_inside_the_body_is_dropped():
    links = ["Stranded hikers rescued from the ridge: \"We made it!\"", "Harbour ferry service cut back for winter",
             "City names a new fire chief after long search"]
    document = build_document(page(HEAD, P1, P2, "Trending News", *links, P3, P4))
    assert document.paragraphs == [P1, P2, P3, P4]


# ---------------------------------------------------------------- house styles outside the US


def test_agency_byline_with_filing_place_gives_no_author():
    document = build_document(page(HEAD, "Press Trust of India | Riverton", P1, P2, P3))
    assert document.authors == []
    assert "Press Trust of India | Riverton" in dropped(document, "byline")
    assert document.source == "Press Trust of India"


def test_desk_byline_gives_no_author():
    document = build_document(page(HEAD, "By Staff Reporter", P1, P2, P3))
    assert document.authors == []
    assert "By Staff Reporter" in dropped(document, "byline")


def test_site_name_line_at_the_top_beats_an_agency_byline():
    document = build_document(page(
        "Riverton Evening Star", "News | Sport | Business", HEAD, "Jane Doe", "AAP", P1, P2, P3,
        "Download the Riverton Evening Star app"))
    assert document.source == "Riverton Evening Star"
    assert document.authors == ["Jane Doe"]
    assert "Download the Riverton Evening Star app" in dropped(document, "app prompt")


def test_site_name_in_capitals_takes_the_page_spelling():
    document = build_document(page(
        "THE RIVERTON EVENING STAR", HEAD, P1, P2, P3, "Follow The Riverton Evening Star on WhatsApp"))
    assert document.source == "The Riverton Evening Star"


def test_top_line_not_repeated_in_the_furniture_is_not_the_source():
    document = build_document(page("Riverton Evening Star", HEAD, P1, P2, P3))
    assert document.source is None


def test_copyright_holder_drops_the_company_suffix():
    document = build_document(page(HEAD, P1, P2, P3, "© 2025 Riverton Star Media Group. All rights reserved."))
    assert document.source == "Riverton Star"
    assert document.images == []  # a copyright notice is not a picture credit


def test_wire_sign_off_after_the_body_is_not_a_credit():
    document = build_document(page(HEAD, P1, P2, P3, "AAP"))
    assert document.images == []
    assert "AAP" in dropped(document, "agency sign-off")


def test_updated_and_published_on_stamps_give_the_date():
    document = build_document(page(HEAD, "Updated: 4 June 2024 09:30 IST", P1, P2))
    assert document.published == dt.date(2024, 6, 4)
    assert "Updated: 4 June 2024 09:30 IST" in dropped(document)
    document = build_document(page(HEAD, "Published on 9 Oct 2023", P1, P2))
    assert document.published == dt.date(2023, 10, 9)


def test_standalone_dateline_line_is_dropped():
    document = build_document(page(HEAD, P1, "RIVERTON:", P2, P3))
    assert "RIVERTON:" in dropped(document, "dateline")
    assert document.paragraphs == [P1, P2, P3]


def test_standalone_dateline_with_agency_gives_source():
    document = build_document(page(HEAD, P1, "RIVERTON (PTI) -", P2, P3))
    assert document.source == "PTI"


def test_capitalised_photo_marker_after_caption():
    caption = "Crews repair the bridge deck on Tuesday. PHOTO: CITY COUNCIL"
    document = build_document(page(HEAD, "Jane Doe", caption, P1, P2, P3))
    assert document.headline == HEAD
    assert document.authors == ["Jane Doe"]
    assert [(i.caption, i.credit) for i in document.images] == [("Crews repair the bridge deck on Tuesday.",
                                                                  "CITY COUNCIL")]


def test_photo_slash_credit_after_caption():
    document = build_document(page(HEAD, "Crews repair the bridge deck on Tuesday. PHOTO/FILE", P1, P2, P3))
    assert [(i.caption, i.credit) for i in document.images] == [("Crews repair the bridge deck on Tuesday.", "FILE")]


def test_file_photo_and_image_agency_credits():
    document = build_document(page(HEAD, P1, "The old bridge seen from the river. (File photo)", P2,
                                   "Crews at work on the deck. Image: AFP", P3))
    assert [i.credit for i in document.images] == ["File photo", "AFP"]
    assert document.paragraphs == [P1, P2, P3]


def test_messaging_channel_and_news_prompts_are_dropped():
    lines = ["Follow us on Google News", "Join our Telegram channel for the latest updates on the story.",
             "Follow The Riverton Star on WhatsApp for breaking news"]
    document = build_document(page(HEAD, P1, lines[0], P2, lines[1], P3, lines[2]))
    assert document.paragraphs == [P1, P2, P3]
    assert set(lines) <= set(dropped(document, "social prompt"))


def test_bare_read_and_also_read_links_are_dropped():
    document = build_document(page(HEAD, P1, "READ: Harbour ferry service cut back for winter", P2,
                                   "Also Read: City names a new fire chief", P3))
    assert document.paragraphs == [P1, P2, P3]


def test_syndicated_feed_note_is_dropped():
    note = "(This story has not been edited by Riverton Star staff and is auto-generated from a syndicated feed.)"
    document = build_document(page(HEAD, P1, P2, P3, note))
    assert document.paragraphs == [P1, P2, P3]
    assert note in dropped(document, "syndication note")


# ---------------------------------------------------------------- comment sections

C1 = "That is the worst idea the council has had in years, and everyone in my street agrees with me."
C2 = "Finally some money for the roads. I hope they start with the potholes near the school gates."
C3 = "Does anyone know whether the budget includes the new library that was promised last spring?"


def test_comment_thread_signed_above_each_comment_is_dropped():
    document = build_document(page(HEAD, P1, P2, P3, P4, "BY ROADWATCHER AT 01/08/08 05:32 PM", C1,
                                   "BY JSMITH AT 01/08/08 05:40 PM", C2, "BY NEIGHBOUR AT 01/08/08 06:02 PM", C3))
    assert document.paragraphs == [P1, P2, P3, P4]


def test_comment_thread_signed_below_each_comment_loses_its_first_comment_too():
    document = build_document(page(HEAD, P1, P2, P3, P4, C1, "Posted by: Riverside Reader | Jan 10, 2008 4:49 PM", C2,
                                   "Posted by: marco | Jan 10, 2008 6:02:53 PM", C3,
                                   "Posted by: Ann Lee | Jan 10, 2008 7:12:00 PM", "Post a comment"))
    assert document.paragraphs == [P1, P2, P3, P4]
    assert C1 in dropped(document, "comment")


def test_closed_comments_notice_ends_the_article_before_the_commenters_names():
    document = build_document(page(HEAD, P1, P2, P3, P4, "Comments are now closed for this story",
                                   "Harbour Watcher", C1, "roadie77", C2, "Maria K", C3))
    assert document.paragraphs == [P1, P2, P3, P4]


def test_one_signed_line_after_the_article_is_not_a_comment_thread():
    document = build_document(page(HEAD, P1, P2, P3, P4, "Posted by Jane Doe at 5:00 PM", P5))
    assert P5 in document.paragraphs


# ---------------------------------------------------------------- related-content blocks


def test_run_of_teaser_cards_after_the_article_is_dropped():
    cards = "\n".join([
        "Harbour ferry service cut back for the winter months",
        "The ferry operator said on Tuesday that fewer sailings would run between December and March this year.",
        "City names a new fire chief after a long national search",
        "The new chief has led the fire service of a neighbouring county for the past eleven years, officials said.",
        "Library opening delayed again by a shortage of builders",
        "Work on the new central library has stopped twice this year, and the council now expects it to open in June.",
    ])
    document = build_document(page(HEAD, P1, P2, P3, "Local Headlines", cards))
    assert document.paragraphs == [P1, P2, P3]


def test_short_terms_each_explained_on_the_next_line_are_kept():
    terms = "\n".join(["Night buses", "Buses on the main routes will run every half hour between midnight and five.",
                       "Express routes", "Two new routes will stop only at the hospital, the station and the college.",
                       "Park and ride", "Drivers can leave their cars at the stadium and take a bus into the centre."])
    document = build_document(page(HEAD, P1, P2, "The plan has three parts:", terms, P3, P4))
    assert "Express routes" in document.paragraphs
    assert P4 in document.paragraphs


def test_dated_story_links_inside_the_article_are_dropped():
    links = "\n".join(f"January 15, 2008 {title}" for title in [
        "Bridge Repairs To Start In Spring After Long Delay", "Ferry Timetable Changes Next Month",
        "School Board Meets On Tuesday Night To Discuss Fees"])
    document = build_document(page(HEAD, P1, P2, links, P3, P4))
    assert document.paragraphs == [P1, P2, P3, P4]


# ---------------------------------------------------------------- lists


def test_list_the_article_announces_is_kept_though_its_items_are_paragraphs():
    items = ["Sam Porter (Riverton College)", "Leo Grant (Lakeside University)", "Ravi Mehta (Hillford State)",
             "Owen Clarke (Northgate College)", "Jon Abara (Eastport University)"]
    document = build_document(page(HEAD, P1, P2, P3, "Below is the list of players invited to the combine:", *items,
                                   "Copyright 2008 Example Sports Network. All rights reserved."))
    assert document.paragraphs[3:] == ["Below is the list of players invited to the combine:", *items]


def test_numbered_list_between_the_lead_and_the_body_is_kept():
    lead = "Most of the best-rated towns in the council's survey are in the north, its researchers found this week."
    ranking = "\n".join(["1. Riverton", "2. Lakeside", "3. Hillford", "4. Northgate", "5. Eastport"])
    document = build_document(page(HEAD, lead, "Towns that top the list:", ranking, P1, P2, P3))
    assert document.paragraphs[:3] == [lead, "Towns that top the list:", "1. Riverton"]


def test_related_links_behind_a_colon_are_not_an_announced_list():
    links = "\n".join(["Here's how to plan a garden for a small yard", "How to choose a heat pump, explained",
                       "How to get your deposit back when you move out"])
    document = build_document(page(HEAD, P1, P2, P3, "Related coverage from Home:", links))
    assert document.paragraphs == [P1, P2, P3]


def test_line_of_short_items_between_bars_is_a_menu_not_body_or_headline():
    tools = "Page Tools: E-MAIL | PRINT | Text Size: S M L XL | REPORT AN ERROR | SEND FEEDBACK"
    document = build_document(page("Contact Us | Archives | RSS | Subscriptions", HEAD, tools, P1, P2, tools, P3))
    assert document.paragraphs == [P1, P2, P3]
    assert document.headline == HEAD


def test_short_article_wins_over_a_longer_footer_list_of_sister_papers():
    footer = "\n\n".join([
        "Daily Newspapers: Riverton Daily; Lakeside Post; The Daily Courier (Hillford); The News (Northgate).",
        "Weeklies: The Advance; The Vale Journal; The Kings Bay Register; Westford Advertiser; The Marsh Spectator.",
        "Magazines: Northern Living; Home Weekly; Good Gardens; Style at Home; Country Kitchens; Family Travel.",
        "North Shore: The Charter; The Southern Gazette; The Compass; The Islander; The Aurora; The Beacon; The Pilot.",
    ])
    widgets = "\n".join(["Bookmark with:", "Delicious", "Digg", "Facebook", "reddit", "StumbleUpon", "Recent sports:",
                         "Rovers get a boost 14/01/08 7:36 AM", "Harriers comeback brings upset win 14/01/08 6:41 AM"])
    document = build_document(page(HEAD, P1, P2, widgets, footer))
    assert document.paragraphs == [P1, P2]


def test_box_of_reader_comments_is_not_taken_for_a_short_article():
    snippets = [
        "Kestrel: I know what I think of this council. They are nearly all in it for themselves and their friends "
        "and nothing else, and the budget shows it again this year...",
        "For your record, I have never voted for them at a state election for as long as I can remember, and I never "
        "will vote for them again after this budget...",
        "Oakvale Resident: here is the proof of what I have just said about the school funding and the promises that "
        "were made before the vote last year...",
    ]
    links = ["Related links", "Ferry service cut back for the winter", "City names a new fire chief",
             "Library opening delayed again", "Harbour wall to be repaired in spring", "Mayor opens the new bridge"]
    document = build_document(page(HEAD, P1, P2, *links, "Your Say", *snippets))
    assert document.paragraphs == [P1, P2]


def test_copyright_notice_after_the_article_closes_it():
    promo = "Planning a kitchen makeover? Find out what it really costs and how long the work takes this year."
    document = build_document(page(HEAD, P1, P2, P3, "Copyright 2008 by The Example Wire. All rights reserved.",
                                   "Partner Picks", "Ten Ways To Save On Your Heating", promo))
    assert document.paragraphs == [P1, P2, P3]


def test_summary_that_ends_with_its_more_link_is_a_teaser():
    teaser = "Thinking about a new boiler? Compare three quotes from local fitters in a few minutes. More"
    document = build_document(page(HEAD, P1, P2, teaser, P3))
    assert document.paragraphs == [P1, P2, P3]
    assert teaser in dropped(document, "related teaser")


def test_comments_signed_with_name_and_place_only_are_a_thread():
    document = build_document(page(HEAD, P1, P2, P3, P4, C1, "Anna Reyes, Riverton, Norland", C2,
                                   "Tom, Lakeside, Eastshire", C3, "Priya Das, Hillford, UK"))
    assert document.paragraphs == [P1, P2, P3, P4]


def test_comment_links_under_each_comment_mark_a_thread():
    document = build_document(page(HEAD, P1, P2, P3, P4, C1, "Quote | Report this post", C2,
                                   "Quote | Report this post", C3, "Quote | Report this post"))
    assert document.paragraphs == [P1, P2, P3, P4]


def test_report_links_under_embedded_posts_are_not_a_comment_thread():
    posts = ["Image Copyright @cityhall @cityhall", "Report", "Image Copyright @mayor @mayor", "Report",
             "Image Copyright @council @council", "Report"]
    document = build_document(page(HEAD, P1, P2, P3, *posts, P4, P5))
    assert P5 in document.paragraphs


def test_team_named_like_the_byline_does_not_start_an_author_box():
    standing = "Riverton State is now 1-14 overall and 0-2 in the conference, while the visitors improve to 10-4."
    document = build_document(page(HEAD, "By Riverton State", P1, P2, P3, P5, P6, standing, P4))
    assert standing in document.paragraphs and P4 in document.paragraphs


def test_caption_under_a_view_larger_image_link_is_dropped():
    caption = "The mayor meets council members as they arrive at the town hall in Riverton on Friday, Jan. 11, 2008."
    document = build_document(page("View larger image", caption, "View larger image", caption, HEAD, P1, P2, P3))
    assert document.paragraphs == [P1, P2, P3]
    assert document.headline == HEAD


def test_comment_rules_are_dropped_and_end_the_article():
    rules = "Comments containing profanity or personal attacks are removed by our moderators."
    document = build_document(page(HEAD, P1, P2, P3, P4, rules, C1, C2))
    assert document.paragraphs == [P1, P2, P3, P4]


def test_wire_notes_about_the_feed_are_dropped():
    note = "This story is sourced direct from an overseas news agency as a service to our readers."
    document = build_document(page(HEAD, P1, P2, P3, note))
    assert document.paragraphs == [P1, P2, P3]


def test_bullet_points_in_a_block_with_a_sentence_are_kept():
    bullets = "\n".join(["A budget process that lacked any consideration of the rural roads",
                         "No engineer or inspector assigned to the eastern district bridges",
                         "Little money for the repairs that residents had asked for in person",
                         "Too few staff in the roads office. Engineers made up a tenth of the staff."])
    intro = "Residents raised the same few problems at every meeting."
    document = build_document(page(HEAD, P1, intro, bullets, P2, P3))
    assert "No engineer or inspector assigned to the eastern district bridges" in document.paragraphs


def test_photo_gallery_controls_are_dropped():
    controls = "\n".join(["1 of 24", "Full Screen", "Autoplay", "Skip Ad", "View Photos", "Caption", "Buy Photo",
                          "Wait 1 second to continue."])
    document = build_document(page(HEAD, P1, controls, P2, P3))
    assert document.paragraphs == [P1, P2, P3]
