"""Hostile content in every field a page or the API shows, made with the shared factories."""

from __future__ import annotations

import nh3
import pytest

from tests import factories

# Each line is one trick; HOSTILE joins them so every field carries all of them at once.
TRICKS = [
    '<script>alert("s1"); window.__hostile_ran = 1</script>',
    '<img src=x onerror="window.__hostile_ran=1">',
    '"><script>alert("s2")</script>',
    "'><img src=x onerror=alert('s3')>",
    '<svg onload=alert("s4")><circle r="1"/></svg>',
    '<style>@import "https://evil.example/x.css";</style>',
    "<div style=\"width: expression(alert('s5'))\">css</div>",
    "&lt;script&gt;alert('s6')&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert('s7')&amp;lt;/script&amp;gt;",
    "<a href=\"&#106;avascript:alert('s8')\">ent</a>",
    "<a href=\"javascript:alert('s9')\">js</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "<iframe src=\"javascript:alert('s10')\"></iframe>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<math><a xlink:href="javascript:alert(1)">m</a></math>',
    '<div hx-on:click="alert(1)" hx-get="/" hx-vals="js:{a:alert(1)}">hx</div>',
    "{{ 7*7 }} {% debug %} ${7*7}",
    "</textarea></title></script><script>alert('s11')</script>",
    '=HYPERLINK("https://evil.example","x")',
]
HOSTILE = " ".join(TRICKS)
JS_URL = "javascript:alert('url')"
TEXT = (
    "Musk testified about distillation in Oakland. " + HOSTILE + " OpenAI said its terms forbid "
    "using output to build rival models. " + HOSTILE
)


def _short(max_length: int) -> str:
    return HOSTILE[: max_length - 20] + " <b>x</b>"


@pytest.fixture
def hostile(db):
    """A case whose every shown field is hostile; returns the objects by kind."""
    case = factories.CaseFactory(
        slug="hostile-case", title=_short(300), summary=HOSTILE, court=_short(300)
    )
    party = factories.PartyFactory(name="Evil <img src=x onerror=alert(1)> Corp", slug="evil")
    factories.AliasFactory(party=party, name="<svg onload=alert(2)>")
    factories.CasePartyFactory(case=case, party=party)
    claim = factories.ClaimFactory(
        case=case, slug="evil-claim", title=_short(300), description=HOSTILE
    )
    claim.by.add(party)
    issue = factories.IssueFactory(
        case=case, slug="evil-issue", title=_short(300), description=HOSTILE
    )
    document = factories.DocumentFactory(
        slug="evil-terms", title=_short(300), url=JS_URL, owner=party
    )
    case.documents.add(document)
    clause = factories.ClauseFactory(document=document, ref="evil-clause", title=_short(300))
    factories.ClauseVersionFactory(clause=clause, text=HOSTILE)
    event = factories.EventFactory(
        case=case, title=_short(500), description=HOSTILE, source_url=JS_URL
    )
    feed = factories.FeedFactory(title=_short(500), site_url=JS_URL)
    feed.cases.add(case)
    story = factories.StoryFactory(title=_short(1000))
    article = factories.ArticleFactory(
        title=_short(1000),
        url=JS_URL,
        source=_short(300),
        author=_short(300),
        text=TEXT,
        original=HOSTILE,
        html=nh3.clean(f"<p>{HOSTILE}</p>"),  # what ingestion stores: sanitised
        story=story,
        feed=feed,
    )
    article.cases.add(case)
    start = TEXT.index("<script>")
    exact = TEXT[start : start + 40]
    link = factories.LinkFactory(article=article, party=party, status="suggested")
    factories.EvidenceFactory(
        link=link, exact=exact, start=start, end=start + len(exact),
        prefix=TEXT[max(0, start - 30) : start], suffix=TEXT[start + 40 : start + 70],
    )  # fmt: skip
    for target in ("issue", "claim", "event", "clause", "case"):
        factories.LinkFactory(
            article=article, target_type=target, party=None,
            **{target: locals()[target]}, status="suggested",
        )  # fmt: skip
    position = factories.PositionFactory(
        party=party, issue=issue, article=article, quote=exact, rule=_short(300),
        start=start, end=start + len(exact), status="suggested",
    )  # fmt: skip
    return {
        "case": case, "party": party, "claim": claim, "issue": issue, "document": document,
        "clause": clause, "event": event, "feed": feed, "story": story, "article": article,
        "link": link, "position": position,
    }  # fmt: skip


@pytest.fixture
def users(db):
    from tracker.review.roles import user_set_role

    return {role: user_set_role(username=f"sec-{role}", role=role)[0] for role in
            ("viewer", "analyst", "editor")}  # fmt: skip
