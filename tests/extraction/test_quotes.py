"""Quotes stage: quote-mark pairing, direct/partial/indirect quotes and speaker resolution."""

from articles.extraction.document import Document
from articles.extraction.pipeline import parse_documents


def extract(nlp, *paragraphs, images=()):
    document = Document(paragraphs=list(paragraphs), images=list(images))
    (doc,) = parse_documents([document], nlp=nlp)
    return document, doc._.people, doc._.quotes


def quotes_in(nlp, *paragraphs):
    return extract(nlp, *paragraphs)[2]


def only(quotes, kind):
    found = [q for q in quotes if q.kind == kind]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes]
    return found[0]


def test_direct_quote_after_colon_with_cue_before(nlp):
    quote = only(quotes_in(nlp, "Mr Patel said: “We will appeal the ruling.”"), "direct")
    assert (quote.text, quote.speaker, quote.cue) == ("We will appeal the ruling.", "Patel", "said")


def test_direct_quote_offsets_point_at_the_quoted_words(nlp):
    document, _, quotes = extract(nlp, "The weather was poor.", "“We will appeal,” Ravi Patel said.")
    quote = only(quotes, "direct")
    assert document.body[quote.start : quote.end] == "We will appeal,"
    assert quote.paragraph == 1


def test_inverted_said_name_american_style(nlp):
    quote = only(quotes_in(nlp, '"The deal is dead," said Maria Delgado, a Democrat from Ohio.'), "direct")
    assert quote.speaker == "Maria Delgado" and quote.cue == "said"


def test_apostrophe_next_to_single_quote_mark(nlp):
    quotes = quotes_in(nlp, "'We've got the players' backing and the '90s are over,' Ben Cole said.")
    quote = only(quotes, "direct")
    assert quote.text == "We've got the players' backing and the '90s are over,"


def test_rock_n_roll_elision_is_not_a_quote(nlp):
    assert quotes_in(nlp, "The band played rock 'n' roll all night in the town hall.") == []


def test_two_single_quoted_phrases_in_one_sentence(nlp):
    quotes = quotes_in(
        nlp,
        "Ana Ruiz accused the minister of 'telling lies' as the mayor, Tom Hale, said he was 'not a big fan' of hers.",
    )
    assert sorted(q.text for q in quotes if q.kind == "partial") == ["not a big fan", "telling lies"]


def test_quote_runs_over_paragraphs_without_closing_marks(nlp):
    quotes = quotes_in(
        nlp,
        "Mr Patel said: “We have spent three years on this.",
        "“We are prepared to wait, but not indefinitely.",
        "“If it fails, we will move on.”",
    )
    quote = only(quotes, "direct")
    assert quote.text == (
        "We have spent three years on this. We are prepared to wait, but not indefinitely. "
        "If it fails, we will move on."
    )
    assert quote.speaker == "Patel"


def test_mixed_curly_and_straight_marks_close_quote(nlp):
    quotes = quotes_in(nlp, "Mr Patel said: “We will wait.", '"We will not wait forever."')
    assert only(quotes, "direct").text == "We will wait. We will not wait forever."


def test_partial_quote_inside_reporters_sentence(nlp):
    quote = only(quotes_in(nlp, "Ravi Patel said he was 'not a big fan' of the plan."), "partial")
    assert (quote.text, quote.speaker, quote.cue) == ("not a big fan", "Ravi Patel", "said")


def test_scare_quote_without_speaker_is_not_a_quote(nlp):
    assert quotes_in(nlp, "The so-called 'peace dividend' never arrived for the region.") == []


def test_scare_quote_attributed_by_cue_verb_is_partial(nlp):
    quote = only(quotes_in(nlp, "The company has billed the deal as “repayment” for its losses."), "partial")
    assert (quote.text, quote.cue, quote.speaker_is_person) == ("repayment", "billed", False)


def test_repeated_partial_phrase_is_reported_once(nlp):
    quotes = quotes_in(
        nlp,
        "Ravi Patel said he was 'not a big fan' of the plan.",
        "Later, Patel said he does not blame the mayor but was 'not a big fan' of her deputy.",
    )
    assert [q.text for q in quotes if q.kind == "partial"] == ["not a big fan"]


def test_reported_clause_around_a_quoted_phrase_is_a_quote_of_its_own(nlp):
    quotes = quotes_in(nlp, "Dr Ana Ruiz said the figures showed the shortage was “no longer a city problem”.")
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "the figures showed the shortage was no longer a city problem"),
        ("partial", "no longer a city problem"),
    ]


def test_lead_summary_of_a_phrase_quoted_again_keeps_only_the_phrase(nlp):
    quotes = quotes_in(
        nlp,
        "Ravi Patel said he was 'not a big fan' of the mayor.",
        "Later, Patel said he does not blame her for the delays but was 'not a big fan' of her deputy.",
    )
    assert [(q.kind, q.text) for q in quotes] == [
        ("partial", "not a big fan"),
        ("indirect", "he does not blame her for the delays but was not a big fan of her deputy"),
    ]


def test_that_clause_after_a_phrase_is_what_the_verb_reports(nlp):
    quotes = quotes_in(
        nlp,
        "Chief financial officer Eoin Walsh told analysts on a conference call that energy costs had risen by €9m over the year.",
        "The regional council said in a statement that the application was likely to be publicly notified.",
    )
    assert [q.text for q in quotes if q.kind == "indirect"] == [
        "energy costs had risen by €9m over the year",
        "the application was likely to be publicly notified",
    ]


def test_opening_phrase_taken_for_a_clause_is_not_what_was_said(nlp):
    quotes = quotes_in(
        nlp,
        "In a statement released shortly after the Florida senator suspended his presidential campaign, "
        "Mr Hale said he is certain Rubio will continue to be a champion for opportunity.",
    )
    assert only(quotes, "indirect").text == "he is certain Rubio will continue to be a champion for opportunity"


def test_reported_clause_ends_with_the_quoted_phrase_it_reaches_into(nlp):
    quotes = quotes_in(
        nlp,
        "A spokesperson for the Foreign Office reiterated the UK's position that settlements "
        '"are illegal under international law, present an obstacle to peace and threaten the viability of a two-state solution".',
    )
    assert only(quotes, "indirect").text == (
        "settlements are illegal under international law, present an obstacle to peace "
        "and threaten the viability of a two-state solution"
    )


def test_title_of_a_show_or_book_quotes_no_one(nlp):
    quotes = quotes_in(
        nlp,
        "Ravi Patel told NBC's “Meet the Press” that the vote would be close.",
        "Mia Chen, who once appeared on “The Late Show”, said the ruling was “A Total Disgrace,” and left.",
    )
    assert [(q.kind, q.text) for q in quotes if q.kind != "indirect"] == [("partial", "A Total Disgrace,")]


def test_reported_speech_with_that_clause(nlp):
    quote = only(quotes_in(nlp, "Ravi Patel said that the plant would close in May."), "indirect")
    assert (quote.text, quote.speaker, quote.cue) == ("the plant would close in May", "Ravi Patel", "said")


def test_accusation_and_call_for_report_their_object(nlp):
    quotes = quotes_in(
        nlp,
        "Ravi Patel accused the council of wasting public money on consultants.",
        "Mia Chen called for an independent inquiry into the contracts.",
    )
    assert [(q.text, q.speaker) for q in quotes if q.kind == "indirect"] == [
        ("the council of wasting public money on consultants", "Ravi Patel"),
        ("an independent inquiry into the contracts", "Mia Chen"),
    ]


def test_naming_verb_reports_its_object_with_the_name_given(nlp):
    quotes = quotes_in(
        nlp,
        "Mia Chen called the plan a disaster for the town.",
        "Ravi Patel, the mayor, branded the proposal reckless.",
    )
    assert [(q.text, q.speaker) for q in quotes if q.kind == "indirect"] == [
        ("the plan a disaster for the town", "Mia Chen"),
        ("the proposal reckless", "Ravi Patel"),
    ]


def test_a_quoted_name_stays_a_partial_quote(nlp):
    quotes = quotes_in(nlp, "Mia Chen called the budget “a betrayal of voters”.")
    assert [(q.kind, q.text) for q in quotes] == [("partial", "a betrayal of voters")]


def test_part_of_a_group_speaks_in_its_own_words(nlp):
    quotes = quotes_in(
        nlp,
        "Some of the nurses said the ward had been full for weeks.",
        "One clinic says the queue is shrinking, another says it has doubled since May.",
    )
    assert [(q.text, q.speaker) for q in quotes if q.kind == "indirect"] == [
        ("the ward had been full for weeks", "Some of the nurses"),
        ("the queue is shrinking", "One clinic"),
        ("it has doubled since May", "another"),
    ]


def test_second_of_two_coordinated_participles_speaks_with_the_main_subject(nlp):
    quotes = quotes_in(
        nlp,
        "Ravi Patel released a statement, describing the son as a hero but insisting that the father had no right to criticize him.",
    )
    assert ("the father had no right to criticize him", "Ravi Patel", "insisting") in [
        (q.text, q.speaker, q.cue) for q in quotes if q.kind == "indirect"
    ]


def test_a_quoted_charge_stays_a_partial_quote(nlp):
    quotes = quotes_in(nlp, "Ravi Patel accused the envoy of “spreading rumours”.")
    assert [(q.kind, q.text) for q in quotes] == [("partial", "spreading rumours")]


def test_appeal_promise_and_warning_are_reported_with_their_listener(nlp):
    quotes = quotes_in(
        nlp,
        "Ravi Patel urged the council to stop hiring consultants.",
        "Later, Patel called on residents to attend the hearing.",
        "Mia Chen vowed to reopen the library by spring.",
    )
    assert [(q.text, q.speaker) for q in quotes if q.kind == "indirect"] == [
        ("the council to stop hiring consultants", "Ravi Patel"),
        ("residents to attend the hearing", "Ravi Patel"),
        ("to reopen the library by spring", "Mia Chen"),
    ]


def test_an_order_is_reported_with_its_listener(nlp):
    quote = only(quotes_in(nlp, "Ravi Patel told residents to stay indoors until noon."), "indirect")
    assert (quote.text, quote.speaker, quote.cue) == ("residents to stay indoors until noon", "Ravi Patel", "told")


def test_parenthetical_attribution_reports_the_sentence_around_it(nlp):
    quote = only(quotes_in(nlp, "Acts of protest, Ravi Patel said, are acts of patriotism."), "indirect")
    assert (quote.text, quote.speaker) == ("Acts of protest are acts of patriotism", "Ravi Patel")


def test_relative_clause_speaker_is_the_noun_it_describes(nlp):
    quotes = quotes_in(nlp, "The vote was praised by Mia Chen, a nurse, who said the ward had been full for weeks.")
    assert [(q.text, q.speaker) for q in quotes if q.kind == "indirect"] == [
        ("the ward had been full for weeks", "Mia Chen")
    ]


def test_relative_clause_speaker_also_speaks_in_its_second_verb(nlp):
    quotes = quotes_in(nlp, "The plan was backed by Mia Chen, who chairs the board and said the vote would be held in May.")
    assert [(q.text, q.speaker) for q in quotes if q.kind == "indirect"] == [("the vote would be held in May", "Mia Chen")]


def test_reported_speech_after_the_clause(nlp):
    quote = only(
        quotes_in(nlp, "On Friday, the two countries signed a memorandum on rare earths, the economy minister said."),
        "indirect",
    )
    assert quote.text.startswith("On Friday, the two countries signed")
    assert (quote.speaker, quote.speaker_is_person) == ("economy minister", True)


def test_according_to_names_the_source(nlp):
    quote = only(quotes_in(nlp, "According to the health ministry, the project will cost $3 million."), "indirect")
    assert (quote.text, quote.cue) == ("the project will cost $3 million", "according to")
    assert (quote.speaker, quote.speaker_is_person) == ("health ministry", False)


def test_reported_clause_with_quoted_words_keeps_words_without_marks(nlp):
    quote = only(
        quotes_in(nlp, "Ravi Patel said a deal with the union is “close” and that talks would resume on Monday."),
        "indirect",
    )
    assert quote.text == "a deal with the union is close and that talks would resume on Monday"


def test_no_indirect_quote_for_a_direct_quote_sentence(nlp):
    quotes = quotes_in(nlp, "Mr Patel said: “We will appeal the ruling.”")
    assert [q.kind for q in quotes] == ["direct"]


def test_pronoun_speaker_resolves_to_last_person(nlp):
    quotes = quotes_in(
        nlp,
        "Ravi Patel, the council leader, visited the site on Monday.",
        "“It is a disgrace,” he said.",
    )
    assert only(quotes, "direct").speaker == "Ravi Patel"


def test_she_skips_a_man_mentioned_later(nlp):
    quotes = quotes_in(
        nlp,
        "Ms Amina Yusuf criticised Mr Tom Hale over the delays.",
        "“The people deserve answers,” she said.",
    )
    assert only(quotes, "direct").speaker == "Amina Yusuf"


def test_unattributed_quote_paragraph_continues_previous_speaker(nlp):
    quotes = quotes_in(
        nlp,
        "“We are not happy with the result,” Ravi Patel told reporters.",
        "“We will appeal. The fight goes on.”",
    )
    second = [q for q in quotes if q.kind == "direct"][1]
    assert (second.speaker, second.cue) == ("Ravi Patel", None)


def test_organisation_speaker_keeps_label(nlp):
    quote = only(quotes_in(nlp, "Russian state media said the talks lasted more than four hours."), "indirect")
    assert (quote.speaker, quote.speaker_is_person) == ("Russian state media", False)


def test_unnamed_person_speaker_keeps_label(nlp):
    quote = only(quotes_in(nlp, "A spokesperson for the airline said all flights would resume on Friday."), "indirect")
    assert (quote.speaker, quote.speaker_is_person) == ("A spokesperson for the airline", True)


def test_description_speaker_resolves_to_named_person(nlp):
    quotes = quotes_in(
        nlp,
        "President Joan Okafor arrived in Accra on Monday.",
        "“We will not give up,” the president told reporters.",
    )
    assert only(quotes, "direct").speaker == "Joan Okafor"


def test_person_mislabelled_as_org_is_found_as_speaker(nlp):
    quotes = quotes_in(nlp, "Kowalczyk also said Poland had evidence of the attacks.")
    quote = only(quotes, "indirect")
    assert (quote.speaker, quote.speaker_is_person) == ("Kowalczyk", True)


def test_indian_told_agency_style(nlp):
    quote = only(
        quotes_in(nlp, "Union Minister Rajesh Kumar told PTI that 50 new medical colleges would open next year."),
        "indirect",
    )
    assert (quote.speaker, quote.cue) == ("Rajesh Kumar", "told")
    assert quote.text == "50 new medical colleges would open next year"


def test_the_company_refers_back_to_the_organisation(nlp):
    quotes = quotes_in(
        nlp,
        "Shares in Northwind Logistics fell sharply on Monday.",
        "The company said it would cut 200 jobs by the end of the year.",
    )
    assert only(quotes, "indirect").speaker == "Northwind Logistics"


def test_organisation_named_in_apposition_speaks(nlp):
    quote = only(
        quotes_in(nlp, "The firm that built the bridge, Harlow Construction, says the cracks are cosmetic."),
        "indirect",
    )
    assert (quote.speaker, quote.speaker_is_person) == ("Harlow Construction", False)


def test_they_said_refers_to_the_group_not_the_last_person(nlp):
    quotes = quotes_in(
        nlp,
        "“I want my songs back,” Mara Quinn said.",
        "Redwood Records have denied doing anything wrong.",
        "“We never blocked her performance,” they said in a statement.",
    )
    direct = [q for q in quotes if q.kind == "direct"]
    assert direct[1].speaker == "Redwood Records"


def test_the_statement_said_goes_to_its_author(nlp):
    quotes = quotes_in(
        nlp,
        "Two soldiers died in the crash, the coastguard said in a statement.",
        "“The cause is under investigation,” the statement said.",
    )
    assert only(quotes, "direct").speaker == "coastguard"


def test_report_from_an_organisation_is_the_organisation(nlp):
    quote = only(
        quotes_in(nlp, "“Demand will stay weak until spring,” said a report from Calder Bank."),
        "direct",
    )
    assert quote.speaker == "Calder Bank"


def test_coordinated_speakers_are_joined(nlp):
    quote = only(
        quotes_in(nlp, "Ravi Patel and Mia Lund told the inquiry that the plan was unworkable."),
        "indirect",
    )
    assert (quote.speaker, quote.speaker_text) == ("Ravi Patel", "Ravi Patel and Mia Lund")


def test_title_before_a_later_name_resolves_the_description(nlp):
    quotes = quotes_in(
        nlp,
        "Chile’s ambassador to Peru said the border would reopen on Monday.",
        "Chile’s ambassador to Peru Tomas Ibarra has met local officials.",
    )
    assert only(quotes, "indirect").speaker == "Tomas Ibarra"


def test_subject_is_not_taken_from_a_subhead_paragraph(nlp):
    quotes = quotes_in(
        nlp,
        "Councillor Mara Lind spoke to the inquiry on Monday.",
        '4. "The harbour question"',
        "Lind testified that she had not seen the contract before May.",
    )
    quote = [q for q in quotes if q.kind == "indirect"][0]
    assert quote.speaker == "Mara Lind"


def test_object_of_a_prompting_verb_is_the_speaker(nlp):
    quotes = quotes_in(nlp, "The fare rise persuaded several commuters to claim that the trains were empty.")
    quote = only(quotes, "indirect")
    assert quote.speaker == "several commuters"
    assert not quote.speaker_is_person


def test_statement_issuer_speaks_through_a_participle(nlp):
    quotes = quotes_in(nlp, "The Harbour Authority released a statement cautioning that fees would rise next year.")
    quote = only(quotes, "indirect")
    assert quote.speaker == "Harbour Authority"


def test_acronym_speaker_takes_the_name_spelled_out_earlier(nlp):
    quotes = quotes_in(
        nlp,
        "The Agency for Regional Cooperation said on Monday that the roads would reopen soon.",
        "The ARC added that all of the bridges were safe to cross.",
    )
    assert [q.speaker for q in quotes if q.kind == "indirect"] == ["Agency for Regional Cooperation"] * 2


def test_nickname_inside_a_name_is_not_a_quote(nlp):
    quotes = quotes_in(nlp, "Councillor Dante “Bongbong” Salcedo admitted that the pumps had failed in March.")
    assert [q.kind for q in quotes] == ["indirect"]
    assert quotes[0].speaker == "Dante Salcedo"


def test_listener_of_told_is_not_the_speaker(nlp):
    quotes = quotes_in(
        nlp, "A spokesperson for Orrin Foods denied any fault and told Reuters that the firm \"followed every rule\"."
    )
    assert only(quotes, "partial").speaker == "A spokesperson for Orrin Foods"


def test_repeated_unnamed_speaker_and_pronoun(nlp):
    quotes = quotes_in(
        nlp,
        "Dr. Ada Okoro said the ward was full.",
        "A witness, who asked not to be named, said the market had been shut since Friday.",
        "\"They came at night and nobody stopped them,\" he said.",
    )
    assert only(quotes, "direct").speaker == "A witness"


def test_second_speech_verb_on_the_reported_clause_keeps_the_speaker(nlp):
    quotes = quotes_in(nlp, "Ward councillor Ruth Ambler said the vote was unfair but insisted that the plan would go ahead.")
    assert {q.speaker for q in quotes if q.kind == "indirect"} == {"Ruth Ambler"}


def test_title_acronym_refers_to_the_titled_person(nlp):
    quotes = quotes_in(
        nlp,
        "The Cabinet Secretary for Water, Dr Halima Yusuf Warsame, visited the dam on Sunday.",
        "\"The repairs will be finished by June,\" the CS said.",
    )
    assert only(quotes, "direct").speaker == "Halima Yusuf Warsame"


def test_the_company_is_the_subject_it_reports_on(nlp):
    quotes = quotes_in(
        nlp,
        "Listed shipper Corvina Freight expects a loss of about $3 million after the storm in Tanjong Rhu on May 2, the company said.",
        "The company said it would update investors next week.",
    )
    assert [q.speaker for q in quotes] == ["Corvina Freight", "Corvina Freight"]


def test_organisation_label_drops_possessive_and_open_bracket(nlp):
    quotes = quotes_in(
        nlp,
        "The Bureau of Inland Waterways (BIW) said on Monday that the ferries would resume.",
    )
    assert only(quotes, "indirect").speaker == "Bureau of Inland Waterways"


def test_speaker_after_the_quote_when_the_parser_hangs_the_name_elsewhere(nlp):
    quotes = quotes_in(
        nlp,
        "The clinic was closed for a week.",
        '"We had no warning at all," said the nurse, who like many staff did not want to be named.',
    )
    assert [(q.kind, q.speaker) for q in quotes if q.kind == "direct"] == [("direct", "nurse")]


def test_a_company_named_after_a_person_is_not_that_person(nlp):
    quotes = quotes_in(nlp, "Mia Chen founded a chain of shops.", "The Chen Group said that sales fell in May.")
    assert [q.speaker for q in quotes if q.kind == "indirect"] != ["Mia Chen"]


def test_transcript_turns_are_direct_quotes_of_the_speaker_in_capitals(nlp):
    quotes = quotes_in(
        nlp,
        "The host Dana Price interviewed the senator Ravi Patel on Sunday.",
        "PRICE: Why run again now?",
        "PATEL: Because the job is not finished, and voters know it.",
        "UPDATE: This story has been corrected.",
    )
    assert [(q.kind, q.speaker, q.text) for q in quotes] == [
        ("direct", "Dana Price", "Why run again now?"),
        ("direct", "Ravi Patel", "Because the job is not finished, and voters know it."),
    ]


def test_transcript_turns_labelled_by_initials_are_the_person_with_those_initials(nlp):
    quotes = quotes_in(
        nlp,
        "Nadia Farrell, the party's leader, spoke to the host Tom Reyes on Sunday.",
        "TR: Why run again now?",
        "NF: Because the job is not finished, and voters know it.",
    )
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Tom Reyes", "Nadia Farrell"]


def test_a_transcript_turn_that_quotes_or_reports_someone_is_one_quote_of_its_speaker(nlp):
    quotes = quotes_in(
        nlp,
        "The host Dana Price interviewed the nurse Ravi Patel on Sunday.",
        'DANA PRICE: When you say "a ward in a corridor", what do you mean? The board says beds are coming.',
        "RAVI PATEL: I mean we treat people on trolleys every night of the week.",
    )
    assert [(q.kind, q.speaker, q.cue) for q in quotes] == [("direct", "Dana Price", None), ("direct", "Ravi Patel", None)]
    assert quotes[0].text == "When you say a ward in a corridor, what do you mean? The board says beds are coming."


def test_a_turn_wholly_in_quote_marks_is_read_once(nlp):
    quotes = quotes_in(
        nlp,
        "The host Dana Price interviewed the nurse Ravi Patel on Sunday.",
        'PRICE: "Why run the ward this way?"',
        "PATEL: Because there is no other way to run it tonight.",
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Dana Price", "Why run the ward this way?"),
        ("Ravi Patel", "Because there is no other way to run it tonight."),
    ]


def test_the_group_is_not_the_organisation_it_speaks_to(nlp):
    quotes = quotes_in(
        nlp,
        "Shares in Corvina Foods Group fell on Tuesday.",
        "In a statement to the Harbour Stock Exchange on Tuesday, the group said profit fell by a third.",
    )
    assert [(q.speaker, q.speaker_is_person) for q in quotes] == [("Corvina Foods Group", False)]


def test_people_speaking_together_are_quoted_as_the_first_with_all_named(nlp):
    quotes = quotes_in(nlp, "Ann Lee and her brother, Tom Lee-Vance, said the farm would be sold in May.")
    assert [(q.speaker, q.speaker_text) for q in quotes] == [("Ann Lee", "Ann Lee and Tom Lee-Vance")]


def test_the_couple_are_the_people_just_named_together(nlp):
    quotes = quotes_in(
        nlp,
        "Hemi Parata has farmed the valley for forty years.",
        "He and his wife, Mere Parata, have written to every mayor since 1989, the couple said.",
    )
    assert [(q.speaker, q.speaker_text) for q in quotes] == [("Hemi Parata", "couple")]


def test_the_two_founders_and_both_are_the_pair_who_spoke_before(nlp):
    quotes = quotes_in(
        nlp,
        "Studio founders Ann Lee and Bo Chen said the studio would close in June.",
        '"We built this studio with the people leaving today," the two founders said.',
        '"There was no other way," both said.',
    )
    assert [q.speaker for q in quotes] == ["Ann Lee", "Ann Lee", "Ann Lee"]


def test_people_together_are_not_those_named_before_someone_else_spoke(nlp):
    quotes = quotes_in(
        nlp,
        "Ann Lee and Bo Chen said the road had been closed since Monday.",
        "Officials said the road would reopen on Friday.",
        '"It will be open by the weekend," the two officials said.',
    )
    assert quotes[-1].speaker == "two officials"


def test_a_count_that_does_not_fit_finds_nobody(nlp):
    quotes = quotes_in(
        nlp,
        "Ann Lee and Bo Chen said the road had been closed since Monday.",
        '"It was a disaster," the three residents said.',
    )
    assert quotes[-1].speaker == "three residents"


def test_two_people_who_were_never_named_are_new_people(nlp):
    quotes = quotes_in(
        nlp,
        "Ann Lee and Bo Chen said the road had been closed since Monday.",
        "Two men said they had seen the crash from the bridge.",
    )
    assert quotes[-1].speaker == "Two men"


def test_an_acronym_description_is_the_person_whose_title_it_abbreviates(nlp):
    quotes = quotes_in(
        nlp,
        "Interior Cabinet Secretary Wanjiru Kamau said the operation would continue.",
        "Speaking in Eldoret on Saturday, the CS said more officers would be deployed.",
    )
    assert [q.speaker for q in quotes] == ["Wanjiru Kamau", "Wanjiru Kamau"]


def test_the_name_closing_a_role_phrase_speaks_though_the_parser_set_it_beside_the_last_noun(nlp):
    quotes = quotes_in(
        nlp,
        "The chairman of the Rift Valley Dairy Farmers Association, Peter Kiprono, said milk prices would rise.",
    )
    assert [q.speaker for q in quotes] == ["Peter Kiprono"]
