"""The one-pass matcher: boundaries, possessives, case rules, inflections, the cache."""

from __future__ import annotations

import pytest

from tests.factories import (
    AliasFactory,
    CaseFactory,
    CasePartyFactory,
    ClaimFactory,
    IssueFactory,
    PartyFactory,
)
from tracker.linking.matcher import (
    Matcher,
    Pattern,
    Target,
    breach_pattern,
    claim_names,
    keyword_variants,
    matcher_get,
    short_name,
)

ONE = frozenset({1})


def _matcher() -> Matcher:
    return Matcher(
        [
            Pattern("Google", True, [Target("party", 1, ONE, 0.7)]),
            Pattern("Google DeepMind", True, [Target("party", 1, ONE, 0.5)]),
            Pattern("OpenAI", True, [Target("party", 2, ONE, 0.7)]),
            Pattern("Musk", True, [Target("party", 3, ONE, 0.5)]),
            Pattern("Apple", True, [Target("party", 4, ONE, 0.7)]),
            Pattern("distill", False, [Target("issue", 9, ONE, 0.35)]),
        ]
    )


def _found(text: str) -> list[tuple[str, int, str]]:
    return [(m.kind, m.target_id, text[m.start : m.end]) for m in _matcher().find(text)]


def test_possessives_straight_and_curly():
    text = "OpenAI's lawyers and Musk’s team met; Google’s terms apply."
    assert _found(text) == [
        ("party", 2, "OpenAI"),
        ("party", 3, "Musk"),
        ("party", 1, "Google"),
    ]


def test_word_boundaries():
    assert _found("A tour of the Googleplex and a MuskRat.") == []
    assert _found("The Musk-OpenAI feud (Google) went on.") == [
        ("party", 3, "Musk"),
        ("party", 2, "OpenAI"),
        ("party", 1, "Google"),
    ]


def test_names_are_case_sensitive_but_shouting_is_fine():
    assert _found("She ate an apple and wore musk.") == []
    assert _found("APPLE SUES OPENAI") == [("party", 4, "APPLE"), ("party", 2, "OPENAI")]


def test_longest_name_wins():
    assert _found("Google DeepMind said so.") == [("party", 1, "Google DeepMind")]


def test_keywords_take_inflections_and_any_case():
    text = "Labs Distill models; one distills, another distilled, none distillery."
    found = [t for _, _, t in _found(text)]
    assert found == ["Distill", "distills", "distilled"]


def test_offsets_index_the_text_with_wide_characters():
    text = "İstanbul: OpenAI and Musk."
    assert _found(text) == [("party", 2, "OpenAI"), ("party", 3, "Musk")]


@pytest.mark.django_db
def test_cached_matcher_rebuilds_when_aliases_change(django_assert_max_num_queries):
    case = CaseFactory()
    party = PartyFactory(name="Northwind Traders")
    CasePartyFactory(case=case, party=party)
    IssueFactory(case=case, keywords=["price fixing"])
    first = matcher_get()
    with django_assert_max_num_queries(1):
        assert matcher_get() is first  # only the fingerprint query
    assert [m.target_id for m in first.find("Northwind Traders denied it.")] == [party.id]
    assert first.find("Northwind denied it.") == []
    AliasFactory(party=party, name="Northwind")
    second = matcher_get()
    assert second is not first
    assert [m.target_id for m in second.find("Northwind denied it.")] == [party.id]
    issue = case.issues.get()
    issue.keywords = ["cartel"]
    issue.save()
    third = matcher_get()
    assert third is not second
    assert [m.kind for m in third.find("A cartel, they said.")] == ["issue"]


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("user privacy", "It puts users' privacy first."),
        ("user privacy", "It puts users’ privacy first."),
        ("user privacy", "It puts a user's privacy first."),
        ("users privacy", "It puts user privacy first."),
        ("model outputs", "Trained on a rival's model output."),
        ("distill", "The lab distilled a rival's model."),
        ("distill", "Distillation is cheap."),
        ("licensing deals", "It signed a licensing deal."),
        ("fair use", "It leaned on a fair-use defence."),
        ("non-profit mission", "It abandoned its nonprofit mission."),
        ("copyright-like", "The claims were copyright like in all but name."),
        ("licensed", "Its licensing terms changed."),
        ("pirated", "It downloaded books from pirate libraries."),
        ("pirated", "The authors accuse it of pirating their novels."),
        ("infringed", "The tool is infringing, the studio says."),
    ],
)
def test_issue_keywords_match_their_variants(keyword, text):
    patterns = [
        Pattern(variant, False, [Target("issue", 7, frozenset({1}), 0.35)])
        for variant in keyword_variants(keyword)
    ]
    assert [m.target_id for m in Matcher(patterns).find(text)] == [7]


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("trained", "The train left late."),  # no bare stem
        ("blocked", "The block of flats was sold."),
        ("sued", "Sue Lee won the prize."),  # six letters or fewer: left alone
    ],
)
def test_a_past_tense_keyword_does_not_match_its_bare_stem(keyword, text):
    patterns = [
        Pattern(variant, False, [Target("issue", 7, frozenset({1}), 0.35)])
        for variant in keyword_variants(keyword)
    ]
    assert Matcher(patterns).find(text) == []


def test_keyword_variants_stay_few_and_keep_the_keyword():
    assert keyword_variants("terms of service") == ["terms of service"]
    # a short part is not split off: "for profit" is ordinary prose ("sold for profit")
    assert keyword_variants("for-profit") == ["for-profit", "forprofit"]
    variants = keyword_variants("public benefit corporation")
    assert variants[0] == "public benefit corporation" and len(variants) <= 6
    assert keyword_variants("  ") == []
    # no stems: "conversations" must not come to match "conversion"
    conversation = [
        Pattern(v, False, [Target("issue", 7, frozenset({1}), 0.35)])
        for v in keyword_variants("conversations")
    ]
    assert Matcher(conversation).find("the for-profit conversion") == []


@pytest.mark.django_db
def test_built_matcher_finds_issue_keyword_variants():
    case = CaseFactory()
    IssueFactory(case=case, keywords=["user privacy"])
    found = matcher_get().find("Users' privacy matters.")
    assert [m.kind for m in found] == ["issue"]


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("fair use", "The fairway use of land."),
        ("for-profit", "They sold it for profit."),
        ("user privacy", "A user, privacy aside, logged in."),
    ],
)
def test_keyword_variants_do_not_reach_other_words(keyword, text):
    patterns = [
        Pattern(variant, False, [Target("issue", 7, frozenset({1}), 0.35)])
        for variant in keyword_variants(keyword)
    ]
    assert Matcher(patterns).find(text) == []


def test_a_case_title_does_not_hide_the_parties_inside_it():
    matcher = Matcher(
        [
            Pattern("X Corp.", True, [Target("party", 1, ONE, 0.7)]),
            Pattern("Bright Data", True, [Target("party", 2, ONE, 0.7)]),
            Pattern("X Corp. v. Bright Data", True, [Target("case", 1, ONE, 0.7)]),
        ]
    )
    text = "In X Corp. v. Bright Data, the judge ruled."
    found = [(m.kind, m.target_id, text[m.start : m.end]) for m in matcher.find(text)]
    assert found == [
        ("party", 1, "X Corp."),
        ("case", 1, "X Corp. v. Bright Data"),
        ("party", 2, "Bright Data"),
    ]


@pytest.mark.django_db
def test_built_matcher_finds_claim_keyword_variants():
    case = CaseFactory()
    ClaimFactory(case=case, keywords=["trade mark", "user agreements"])
    found = matcher_get().find("It pressed its trade-mark claims over the user agreement.")
    assert [m.kind for m in found] == ["claim", "claim"]


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("Breach of contract (the User Agreement)", ["breach of contract", "contract claim"]),
        ("Breach of charitable trust", ["breach of charitable trust", "charitable trust claim"]),
        ("Trespass to chattels", ["trespass to chattels"]),
        ("Misappropriation", []),  # one word: the keywords say it
        ("US claims: copyright, trademark and DMCA", []),  # several claims in one
    ],
)
def test_a_claim_is_found_by_the_names_its_title_gives_it(title, names):
    assert claim_names(title) == names


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It accused Anthropic of breaching the site's user agreement.", True),
        ("The crawling was in violation of Reddit’s user agreement, it said.", True),
        ("Reddit says this broke the rules of its user agreement.", True),
        ("It violated nothing, said the user agreement's author.", False),  # another clause
        ("The user agreement was updated in 2023.", False),  # no breach told
        ("The company broke records before it rewrote its user agreement.", False),  # too far
    ],
)
def test_a_breach_is_told_as_breaking_what_the_claim_title_names(text, found):
    pattern = breach_pattern("Breach of contract (the User Agreement)")
    assert (pattern.search(text) is not None) == found


def test_only_a_claim_of_breach_with_a_gloss_gets_a_breach_pattern():
    assert breach_pattern("Breach of contract") is None
    assert breach_pattern("Unjust enrichment (California law)") is None
    pattern = breach_pattern("Breach of contract (X's Terms of Service)")
    assert pattern.search("scraping in breach of its terms of service")


def _lettered(text: str) -> list[tuple[int, str]]:
    matcher = Matcher(
        [
            Pattern("X", True, [Target("party", 1, ONE, 0.3)]),
            Pattern("X Corp.", True, [Target("party", 1, ONE, 0.7)]),
            Pattern("Bright Data", True, [Target("party", 2, ONE, 0.7)]),
        ]
    )
    return [(m.target_id, text[m.start : m.end]) for m in matcher.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "X says its terms forbid scraping.",
        "Formerly Twitter, X has long argued the opposite.",
        "The suit said X’s terms forbid it.",
        "Lawyers for the company, X's counsel, objected.",
        "After the ruling. X now alleges harm.",
    ],
)
def test_a_one_letter_name_is_found_before_a_possessive_or_reporting_verb(text):
    assert _lettered(text) == [(1, "X")]


@pytest.mark.parametrize(
    "text",
    [
        "Mr X said he would appeal.",
        "Mr. X said he would appeal.",
        "An X-ray showed nothing.",
        "Grok X says hello.",
        "Tesla's Model X's range grew.",
        "The letter x says nothing.",
        "Posts on X were scraped.",
        "XX says so.",
        "The X account was closed.",
        "Subscribers of X's premium tiers pay more.",
    ],
)
def test_a_one_letter_name_is_not_found_in_other_names_or_words(text):
    assert _lettered(text) == []


def test_a_one_letter_name_does_not_split_the_longer_name():
    assert _lettered("X Corp. says Bright Data agreed.") == [(1, "X Corp."), (2, "Bright Data")]


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("X Corp.", "X"),
        ("Acme, Inc.", "Acme"),
        ("Stability AI Ltd", "Stability AI"),
        ("OpenAI", None),
        ("Corp.", None),
    ],
)
def test_a_corporate_suffix_gives_a_short_name(name, short):
    assert short_name(name) == short


@pytest.mark.django_db
def test_built_matcher_finds_a_company_by_its_one_letter_short_name():
    case = CaseFactory()
    party = PartyFactory(name="X Corp.")
    CasePartyFactory(case=case, party=party)
    found = matcher_get().find("X says the scraping broke its rules; X-ray vision aside.")
    assert [(m.kind, m.target_id, m.start) for m in found] == [("party", party.id, 0)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A suit by the Times over its archive.", [(1, "the Times")]),
        ("The Times sued.", [(1, "The Times")]),
        ("At the New York Times, editors objected.", [(2, "the New York Times")]),
        ("In the times before the ruling.", []),
        ("Other times, the times changed.", []),
    ],
)
def test_a_names_leading_the_may_be_lowercase(text, found):
    matcher = Matcher(
        [
            Pattern("The Times", True, [Target("party", 1, ONE, 0.5)]),
            Pattern("The New York Times", True, [Target("party", 2, ONE, 0.7)]),
        ]
    )
    assert [(m.target_id, text[m.start : m.end]) for m in matcher.find(text)] == found


def _names(*patterns: Pattern) -> Matcher:
    return Matcher(list(patterns))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ROSS Intelligence appealed.", ["ROSS Intelligence"]),
        ("Ross Intelligence appealed.", ["Ross Intelligence"]),
        ("ROSS INTELLIGENCE APPEALS", ["ROSS INTELLIGENCE"]),
        ("Ross's lawyers and ROSS's founders.", ["Ross", "ROSS"]),
        ("The trade press calls it ROSS.", ["ROSS"]),
        ("ross intelligence, in lowercase, is no name.", []),
        ("Betsy Ross sewed a flag; ross is a surname here.", ["Ross"]),
    ],
)
def test_a_brand_in_capitals_is_read_as_its_capitalised_word_too(text, found):
    """The loader keeps one alias per lower-cased name ("Ross" drops "ROSS"): the matcher
    reads a brand in capitals and its capitalised word as one name, never the lowercase."""
    matcher = _names(
        Pattern("ROSS Intelligence", True, [Target("party", 1, ONE, 0.7)]),
        Pattern("ROSS", True, [Target("party", 1, ONE, 0.5)]),
    )
    assert [text[m.start : m.end] for m in matcher.find(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Bright Data won.", ["Bright Data"]),
        ("It scraped public data, bright data and Bright data.", []),
        ("AP reported it; an ap of the app.", ["AP"]),
        (
            "Thomson Reuters V. Ross Intelligence: What The Ruling Means",
            ["Thomson Reuters V. Ross"],
        ),
    ],
)
def test_a_multi_word_name_is_a_name_only_with_its_capitals(text, found):
    matcher = _names(
        Pattern("Bright Data", True, [Target("party", 1, ONE, 0.7)]),
        Pattern("AP", True, [Target("party", 2, ONE, 0.3)]),
        Pattern("Thomson Reuters v. Ross", True, [Target("case", 3, ONE, 0.7)]),
    )
    assert [text[m.start : m.end] for m in matcher.find(text)] == found


@pytest.mark.django_db
def test_built_matcher_reads_every_spelling_and_an_aliases_corporate_suffix():
    case = CaseFactory()
    party = PartyFactory(name="ROSS Intelligence")
    CasePartyFactory(case=case, party=party)
    AliasFactory(party=party, name="Ross Intelligence Inc.")
    AliasFactory(party=party, name="iLaw")
    AliasFactory(party=party, name="LegalBot")
    text = "Ross Intelligence said ILAW, iLaw and Legalbot were its names; ilaw, legalbot not."
    found = matcher_get().find(text)
    assert [text[m.start : m.end] for m in found] == [
        "Ross Intelligence",
        "ILAW",
        "iLaw",
        "Legalbot",
    ]
    assert {m.target_id for m in found} == {party.id}


def _sided(parties: dict[int, str], plaintiff: dict[int, set[int]], defendant: dict[int, set[int]]):
    from tracker.linking.matcher import Sides

    patterns = [
        Pattern(name, True, [Target("party", pid, ONE, 0.7)]) for pid, name in parties.items()
    ]
    sides = Sides(
        {p: frozenset(c) for p, c in plaintiff.items()},
        {p: frozenset(c) for p, c in defendant.items()},
    )
    return Matcher(patterns, sides)


@pytest.mark.parametrize(
    ("text", "cases"),
    [
        ("In Corvid v. Lumen, the judge ruled.", [5]),
        ("CORVID V. LUMEN: the ruling", [5]),
        ("X v. Lumen went to trial.", [6]),  # a one-letter plaintiff needs no reporting verb here
        ("Lumen v. Corvid is another matter.", []),  # the roles the other way round
        ("Corvid and Lumen met on Monday.", []),
        ("Corvid v Lumen", []),  # a caption is written with "v."
    ],
)
def test_a_short_caption_is_a_plaintiff_v_a_defendant_found_in_the_text(text, cases):
    matcher = _sided(
        {1: "Corvid", 2: "Lumen"} | {3: "X"},
        plaintiff={1: {5}, 3: {6}},
        defendant={2: {5, 6}},
    )
    found = [m for m in matcher.find(text) if m.kind == "case"]
    assert sorted(m.target_id for m in found) == cases
    for mention in found:  # the caption spans both names
        assert text[mention.start : mention.end].split()[-1].strip(",:") in {"Lumen", "LUMEN"}


@pytest.mark.django_db
def test_captions_do_not_grow_the_matcher_with_the_square_of_a_cases_parties():
    """Every plaintiff's name by every defendant's was once built into the automaton: a case of
    30 plaintiffs and 30 defendants, each with an alias, made 3,600 caption patterns."""
    from tracker.linking.matcher import matcher_build

    case = CaseFactory(title="Many v. Many")
    for i in range(60):
        party = PartyFactory(name=f"Partyname{i}")
        AliasFactory(party=party, name=f"Alias{i}")
        CasePartyFactory(case=case, party=party, role="plaintiff" if i < 30 else "defendant")
    matcher = matcher_build()
    assert len(matcher.patterns) < 200  # the names, aliases and the title: linear
    found = matcher.find("In Alias3 v. Partyname40, the jury was sworn.")
    assert [m.target_id for m in found if m.kind == "case"] == [case.id]
