"""Which case an article is filed under: the dispute, not its parties; the best of several
cases; a generic keyword alone files nothing; the case link says why. Claims and issues follow
the case: a keyword two cases share links only the article's own case's claim."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.cases.test_casefile import SMALL
from tests.factories import ArticleFactory
from tests.linking.conftest import PUBLISHED
from tracker.cases.casefile import case_load
from tracker.linking import routing
from tracker.linking.models import Evidence, Link
from tracker.linking.routing import legal_spans
from tracker.linking.services import articles_link

pytestmark = pytest.mark.django_db

# A second dispute sharing OpenAI and Microsoft with the demo case, with a generic keyword.
TIMES = {
    "slug": "times-v-openai",
    "title": "Times v. OpenAI",
    "parties": [
        {"name": "The New York Times", "kind": "organization", "role": "plaintiff"},
        {"name": "OpenAI", "kind": "organization", "role": "defendant"},
        {"name": "Microsoft", "kind": "organization", "role": "defendant"},
    ],
    "claims": [
        {
            "slug": "copyright",
            "title": "Copyright infringement",
            "by": ["The New York Times"],
            "against": ["OpenAI", "Microsoft"],
            "keywords": ["copyright", "transformative"],
        },
        {
            "slug": "terms-breach",
            "title": "Breach of contract (the Terms of Service)",
            "by": ["The New York Times"],
            "against": ["OpenAI"],
            "keywords": ["terms breach"],
        },
        {
            "slug": "servers",
            "title": "Trespass to chattels",
            "by": ["The New York Times"],
            "against": ["OpenAI"],
            "keywords": ["trespass"],
            "description": "The crawler's requests overloaded the newspaper's servers and slowed "
            "its archive.",
        },
        {
            "slug": "enrichment",
            "title": "Unjust enrichment",
            "by": ["The New York Times"],
            "against": ["OpenAI"],
            "keywords": ["unjust enrichment"],
        },
    ],
    "issues": [
        {"slug": "fair-use", "title": "Is training fair use?", "keywords": ["fair use"]},
        {"slug": "distilling", "title": "Is distillation copying?", "keywords": ["distillation"]},
    ],
}


@pytest.fixture
def two_cases(demo_case):
    case_load(data=dict(TIMES))
    return demo_case


def _filed(text: str) -> dict[str, str]:
    article = ArticleFactory(text=text, published=PUBLISHED)
    articles_link([article.id])
    return {
        link.case.slug: link.reason
        for link in Link.objects.filter(article=article, target_type="case").select_related("case")
    }


def test_a_product_story_naming_both_sides_is_filed_nowhere(two_cases):
    text = (
        "Microsoft will put OpenAI's newest model into Word and Excel next month, and Elon Musk "
        "posted that he would try it. The New York Times reviewed the update favourably."
    )
    assert _filed(text) == {}


def test_a_generic_keyword_with_both_sides_files_nothing(two_cases):
    text = (
        "The New York Times called Microsoft's new design tool transformative and praised its "
        "copyright page; OpenAI supplies its model."
    )
    assert _filed(text) == {}


def test_the_dispute_is_filed_with_a_reason(two_cases):
    text = (
        "The New York Times told a judge on Monday that OpenAI copied millions of its articles, "
        "as its lawsuit against OpenAI and Microsoft moved toward trial."
    )
    filed = _filed(text)
    assert list(filed) == ["times-v-openai"]
    assert "legal words near a party" in filed["times-v-openai"]
    assert "both sides: The New York Times v. OpenAI" in filed["times-v-openai"]


def test_the_best_of_several_cases_wins(two_cases):
    text = (
        "Elon Musk told the jury in Oakland on Thursday that OpenAI misled him, and his lawyers "
        "pressed OpenAI's president for hours. Musk's suit seeks damages. OpenAI also faces a "
        "copyright suit from The New York Times."
    )
    assert list(_filed(text)) == ["musk-v-openai"]


def test_a_case_named_by_its_title_is_filed_as_well(two_cases):
    text = (
        "Elon Musk testified against OpenAI in Oakland on Thursday, telling the jury that Sam "
        "Altman misled him; Musk's lawyers then called Greg Brockman. Lawyers watching Times v. "
        "OpenAI said a ruling there could come first."
    )
    filed = _filed(text)
    assert set(filed) == {"musk-v-openai", "times-v-openai"}
    assert filed["times-v-openai"].startswith("names the case")


def test_a_known_event_reported_files_the_article(demo_case):
    case_load(data=dict(SMALL))  # a case without the demo's parties: filed nowhere
    text = "Musk's group made an unsolicited $97.4 billion bid for OpenAI's nonprofit."
    filed = _filed(text)
    assert list(filed) == ["musk-v-openai"]
    assert "reports event" in filed["musk-v-openai"]


def test_legal_words_are_whole_words():
    found = [w for _, _, w in legal_spans("The suitcase trial courtship ended; the court ruled.")]
    assert found == ["trial", "court", "ruled"]


def test_the_reason_is_shown_beside_the_confidence(two_cases, client):
    text = (
        "The New York Times told a judge on Monday that OpenAI copied millions of its articles, "
        "as its lawsuit against OpenAI and Microsoft moved toward trial."
    )
    article = ArticleFactory(text=text, published=PUBLISHED)
    articles_link([article.id])
    reason = Link.objects.get(article=article, target_type="case").reason
    page = client.get(reverse("web:article", args=[article.id])).content.decode()
    assert f"Why: {reason}" in page


def _topics(text: str) -> set[tuple[str, str, str]]:
    """(kind, case slug, slug) of the article's claim and issue links."""
    article = ArticleFactory(text=text, published=PUBLISHED)
    articles_link([article.id])
    links = Link.objects.filter(article=article, target_type__in=["claim", "issue"])
    return {
        (link.target_type, target.case.slug, target.slug)
        for link in links.select_related("claim__case", "issue__case")
        for target in [link.claim or link.issue]
    }


def test_a_shared_claim_keyword_links_only_the_claim_of_the_case_filed(two_cases):
    text = (
        "The New York Times told a judge on Monday that OpenAI was unjustly enriched and that "
        "unjust enrichment is one of the counts in its lawsuit against OpenAI and Microsoft."
    )
    assert _topics(text) == {("claim", "times-v-openai", "enrichment")}


def test_a_shared_issue_keyword_links_only_the_issue_of_the_case_filed(two_cases):
    text = (
        "Elon Musk told the jury in Oakland on Thursday that OpenAI broke its promises; his "
        "lawyers asked about distillation, and OpenAI's lawyer called the testimony irrelevant."
    )
    assert _topics(text) == {("issue", "musk-v-openai", "distillation")}


def test_an_article_about_no_case_links_no_claim_and_no_bare_keyword(two_cases):
    text = (
        "OpenAI released a smaller model on Tuesday, built by distillation from a larger one. "
        "A footnote of the release notes mentions fair use and unjust enrichment once."
    )
    assert _filed(text) == {}
    assert _topics(text) == set()


def test_an_article_about_no_case_links_an_issue_a_party_takes_a_stance_on(two_cases):
    text = (
        "Google said on Tuesday that \"distillation of a rival's model is theft and should be "
        'banned," in a statement about its own terms, not about any lawsuit.'
    )
    assert _filed(text) == {}
    topics = _topics(text)
    assert ("issue", "musk-v-openai", "distillation") in topics
    assert all(kind == "issue" for kind, _, _ in topics)


def _headline_case(title: str, text: str):
    article = ArticleFactory(title=title, text=text, published=PUBLISHED)
    articles_link([article.id])
    return article


DISPUTE = (
    "The New York Times told a judge on Monday that OpenAI copied millions of its articles, as "
    "its lawsuit against OpenAI and Microsoft moved toward trial."
)


def test_a_claim_named_in_the_headline_links_with_a_quote_in_the_headline(two_cases, client):
    title = "Times presses unjust enrichment count against OpenAI"
    article = _headline_case(title, DISPUTE)
    link = Link.objects.get(article=article, claim__slug="enrichment")
    [evidence] = link.evidence.all()
    assert evidence.part == "title"
    assert title[evidence.start : evidence.end] == evidence.exact == "unjust enrichment"
    page = client.get(reverse("web:article", args=[article.id])).content.decode()
    assert "“unjust enrichment” (in the headline)" in page
    topics = Link.objects.filter(article=article, target_type__in=["claim", "issue"])
    before = sorted(topics.values_list("id", "version"))
    articles_link([article.id])  # relinking the same headline and text changes no quote
    assert sorted(topics.values_list("id", "version")) == before


def test_headline_and_text_quotes_keep_their_own_offsets(two_cases):
    title = "Unjust enrichment: the Times's new count"
    text = DISPUTE + " Its lawyers added a count of unjust enrichment."
    article = _headline_case(title, text)
    link = Link.objects.get(article=article, claim__slug="enrichment")
    quotes = {(e.part, e.start, e.end) for e in link.evidence.all()}
    at = text.index("unjust enrichment")
    assert quotes == {("title", 0, 17), ("text", at, at + 17)}


def test_a_headline_keyword_of_another_case_links_nothing(two_cases):
    title = "Distillation and unjust enrichment in the news"
    article = _headline_case(title, DISPUTE)
    topics = Link.objects.filter(article=article, target_type__in=["claim", "issue"])
    assert {(link.target_type, link.target_label) for link in topics} == {("claim", "enrichment")}


def test_a_breach_told_in_words_links_the_claim_of_breach_of_the_case_filed(two_cases):
    text = DISPUTE + " It says OpenAI's crawler violated the paper's terms of service for years."
    article = _headline_case("Times v. OpenAI heads for trial", text)
    [evidence] = Evidence.objects.filter(link__article=article, link__claim__slug="terms-breach")
    assert evidence.exact == "violated the paper's terms of service"
    elsewhere = (
        "Elon Musk told the jury in Oakland on Thursday that OpenAI broke its promises; his "
        "lawyers said a rival's crawler violated the paper's terms of service."
    )
    assert ("claim", "times-v-openai", "terms-breach") not in _topics(elsewhere)


def test_a_claim_told_in_its_own_words_links_without_a_keyword(two_cases):
    told = DISPUTE + " Its complaint says the crawler overloaded servers that hold its archive."
    assert ("claim", "times-v-openai", "servers") in _topics(told)
    once = DISPUTE + " Its servers were upgraded last year."  # one of the claim's words only
    assert ("claim", "times-v-openai", "servers") not in _topics(once)


def test_the_legal_words_lookahead_misses_no_alternative():
    """_LEGAL_FIRST (the speed-up's first letters) must cover every alternative of _LEGAL."""
    plain = re.compile(routing._LEGAL.pattern.replace(f"(?=[{routing._LEGAL_FIRST}])", ""))
    text = (
        "Lawsuits sued sues suing suit trial jury jurors judges ruling ruled complaint courtroom "
        "filings settlement settled verdict appealed injunction witness stand, on the stand, "
        "counterclaims countersued litigation plaintiffs defendants lawyers attorneys testified "
        "testimony dismissal motion damages infringement; beyond: breach, antitrust."
    ).lower()
    assert plain.pattern != routing._LEGAL.pattern
    assert len(legal_spans(text)) == 34  # every word before "beyond"
    assert legal_spans(text) == [(m.start(), m.end(), m.group()) for m in plain.finditer(text)]


def test_legal_words_read_around_offsets_are_those_of_the_whole_text_near_them():
    """Reading only the windows around the parties' offsets finds exactly the words of a whole
    read that start within LEGAL_WINDOW of one: none cut at a window's edge, none twice where
    windows overlap, a word across two lines whole ("witness\\nstand")."""
    filler = "The company said the quarter was strong and the market agreed with it. "
    text = (
        filler * 3
        + "Acme sued Beta in court; the judge heard the witness\nstand testimony. "
        + filler * 4
        + "Beta's lawyers filed a motion. "
        + filler * 3
        + "A jury verdict elsewhere."
    )
    whole = legal_spans(text)
    for around in ([text.index("Acme")], [text.index("Beta"), text.rindex("Beta")], [0, 5]):
        near = [w for w in whole if any(abs(w[0] - at) <= routing.LEGAL_WINDOW for at in around)]
        assert legal_spans(text, around) == near
    assert [w for _, _, w in legal_spans(text, [text.index("Acme")])] == [
        "sued",
        "court",
        "judge",
        "witness\nstand",
        "testimony",
    ]
    assert ("jury" in {w for _, _, w in whole}) and legal_spans(text, []) == []


# Two disputes against one defendant: novelists over training on their books (with its judge),
# and a forum over its posts. Keywords as generic as the real ones ("training", "fair use").
NOVELISTS = {
    "slug": "quill-v-lumen",
    "title": "Quill v. Lumen Labs",
    "parties": [
        {"name": "Mara Quill", "kind": "person", "role": "plaintiff", "aliases": ["Quill"]},
        {"name": "Lumen Labs", "kind": "organization", "role": "defendant"},
        {"name": "Rosa Ortiz", "kind": "person", "role": "judge", "aliases": ["Judge Ortiz"]},
    ],
    "claims": [
        {
            "slug": "books-copied",
            "title": "Copyright infringement (novels copied to train Beacon)",
            "by": ["Mara Quill"],
            "against": ["Lumen Labs"],
            "keywords": ["infringement", "pirated"],
        }
    ],
    "issues": [
        {"slug": "training", "title": "Is training on novels fair use?", "keywords": ["training"]}
    ],
    "events": [
        {
            "date": "2024-03-04",
            "precision": "day",
            "kind": "filing",
            "title": "Novelists sue Lumen Labs over books used to train Beacon",
            "keywords": ["sued", "lawsuit"],
        }
    ],
}
FORUM = {
    "slug": "agora-v-lumen",
    "title": "Agora v. Lumen Labs",
    "parties": [
        {"name": "Agora", "kind": "organization", "role": "plaintiff"},
        {"name": "Lumen Labs", "kind": "organization", "role": "defendant"},
    ],
    "claims": [
        {
            "slug": "posts-taken",
            "title": "Breach of contract (posts taken against the forum's terms)",
            "by": ["Agora"],
            "against": ["Lumen Labs"],
            "keywords": ["breach of contract"],
        }
    ],
}


@pytest.fixture
def one_defendant(db):
    case_load(data=dict(NOVELISTS))
    case_load(data=dict(FORUM))


def test_a_defendants_own_news_told_in_an_events_words_is_filed_nowhere(one_defendant):
    # Shares "used", "train" and "Beacon" with the filing's title, but it is a product change.
    text = (
        "Lumen Labs has changed its settings so that chats with Beacon can be used to train its "
        "models unless users opt out. Privacy groups criticised the default."
    )
    article = ArticleFactory(text=text, published=PUBLISHED)
    articles_link([article.id])
    kinds = set(Link.objects.filter(article=article).values_list("target_type", flat=True))
    assert kinds <= {"party"}, kinds  # no case, no event, no claim


def test_the_event_with_the_other_side_named_files_the_article(one_defendant):
    text = "Mara Quill says Lumen Labs used her novels to train Beacon without asking."
    filed = _filed(text)
    assert list(filed) == ["quill-v-lumen"]
    assert "both sides: Mara Quill v. Lumen Labs" in filed["quill-v-lumen"]


def test_a_shared_defendant_goes_to_the_case_whose_other_parties_are_named(one_defendant):
    text = (
        "Judge Rosa Ortiz granted preliminary approval to the Lumen Labs settlement on Thursday; "
        "writers have until spring to file."
    )
    filed = _filed(text)
    assert list(filed) == ["quill-v-lumen"]
    assert "also names: Rosa Ortiz" in filed["quill-v-lumen"]


def test_a_shared_defendant_with_both_cases_claims_is_filed_under_both(one_defendant):
    # The negative of the test above: each case's claim is named ("infringement", "breach of
    # contract") and nothing else tells the two disputes apart, so neither wins. With no claim
    # at all the suit is another dispute's (the test below).
    text = (
        "Lumen Labs was sued again this week, and its lawyers said it would fight the "
        "infringement and breach of contract lawsuits."
    )
    assert set(_filed(text)) == {"quill-v-lumen", "agora-v-lumen"}


def test_one_side_told_in_words_of_a_suit_is_its_other_dispute(one_defendant):
    # Lumen Labs is a defendant of both cases, but nothing else of either is named: not their
    # other side, a claim, nor their judge. A trial, a judge and a ruling are another dispute's.
    text = (
        "A federal judge ruled on Tuesday that Lumen Labs does not hold a monopoly, ending the "
        "trade commission's antitrust case against it after a trial in the spring."
    )
    assert _filed(text) == {}
    # "sued again" with nobody named is a new suit, not either of these
    assert _filed("Lumen Labs was sued again this week; its lawyers will fight the lawsuit.") == {}


def test_another_plaintiff_suing_the_same_defendant_is_not_the_case(one_defendant):
    # Lumen Labs is a defendant of both cases, but this lawsuit is a third company's.
    text = (
        "Orbit Media has sued Lumen Labs in federal court, saying its shopping agent poses as "
        "a browser. Lumen Labs called the lawsuit an attempt to bully a smaller rival."
    )
    assert _filed(text) == {}


def test_the_plaintiff_suing_someone_else_is_not_the_case(one_defendant):
    text = (
        "Agora sued Pixel Works on Monday over its forum archive, and the complaint asks the "
        "court for damages."
    )
    assert _filed(text) == {}


def test_the_case_told_beside_another_suit_stays_filed(one_defendant):
    # The near miss: the article is about Agora's suit and mentions the other one.
    text = (
        "Agora sued Lumen Labs for breach of contract, saying its crawler took forum posts. "
        "Orbit Media has sued Lumen Labs too, over its shopping agent."
    )
    assert list(_filed(text)) == ["agora-v-lumen"]


def test_the_case_told_with_one_side_beside_another_suit_stays_filed(one_defendant):
    # Only the defendant named, but the article tells Agora's claim: not the other suit's.
    text = (
        "Lumen Labs asked a judge to dismiss the breach of contract lawsuit over forum posts. "
        "Separately, Orbit Media has sued Lumen Labs over its shopping agent."
    )
    assert list(_filed(text)) == ["agora-v-lumen"]


def test_a_group_opening_a_sentence_is_not_another_plaintiff(one_defendant):
    text = "Novelists sued Lumen Labs, and Mara Quill's lawyers say the trial could come in May."
    assert list(_filed(text)) == ["quill-v-lumen"]
