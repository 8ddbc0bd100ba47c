"""Page furniture: bylines, timestamps, captions, ads, prompts, navigation, share rows, embeds
and stray script leave the clean text; article sentences never do. Fixtures are written for
these tests (fictional outlets and disputes)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from tracker.news.clean import entry_clean, lines_of, text_clean
from tracker.news.files import html_article, text_article
from tracker.news.furniture import is_furniture, is_headline, is_prompt, is_share

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

FURNITURE = [
    # section menus and "Site | Section" labels
    "Tech | Markets | Deals | Opinion",
    "Harbour Memo | Litigation",
    "Courts · Transport · Money",
    # where the story ran in print
    "Appeared in the May 2, 2026, print edition as 'Toll Paused for Ferry Firm'.",
    "A version of this article appears in print on May 3, 2026, Section B, Page 2 of the City "
    "edition with the headline: Ferry Toll Must Wait, Panel Rules.",
    # a caption whose credit names a photographer or a site, not a known agency
    "The ferry at dawn in Tarn. Photograph: Ann Vu/Quay Pictures",
    "Riders queue at the pier on Friday. Image: Harbour Memo",
    "The toll booth on the quay. Photo: Ann Vu / Tarn Courier",
    "Credit...Ann Vu for The Tarn Courier",
    "Judge Okafor in 2019. Photo (cc) 2019 by Ann Vu / Quayside",
    # a name and a role with nothing between them
    "Dan Reyes UK technology editor",
    "Ann Vu senior legal correspondent",
    # live blogs and developing stories
    "Live updates from Tarn",
    "Follow live coverage",
    "This post will be updated.",
    "This story has been updated with the city's response.",
    "This is a developing story and will be updated.",
    "All times are ET",
    "Breaking",
    "Breaking News",
    # contributor notes, caption toggles, rules and other site lines
    "The Associated Press contributed to this report.",
    "Ann Vu contributed reporting from Tarn.",
    "Ann Vu in Tarn and Tom Roe in Oslo contributed reporting.",
    "Ann Vu, Tom Roe, and Lia Kim contributed reporting.",
    "Lia Kim contributed research.",
    "All times are GMT",
    "All times Eastern",
    "Composite: Harbour Memo; Getty",
    "Show caption",
    "Opens in a new window",
    "This article is more than 2 years old",
    "___",
    "Read the full story and more on our Courts page.",
    "Read more on our Transport page",
    "REUTERS/Ann Vu",
    "AP Photo/Ann Vu",
    "By Jane Doe",
    "By Jane Doe and Tom Roe, Reuters",
    "By MARIA LOPEZ | April 30, 2026 at 3:42 p.m.",
    "Jane Doe, Reporter",
    "Priya Nair | Senior Technology Correspondent",
    "Staff Writer",
    "Reporting by Jane Doe in Oakland; Editing by Tom Roe",
    "Updated 3:42 PM EDT, Thu April 30, 2026",
    "5 min read",
    "April 30, 2026",
    "Published 2026-04-30 14:02 UTC",
    "Posted 2 hours ago",
    "AI3 min read",
    "July 1, 2024 - By TFL",
    "Court Desk Editorial / 2026-06-24 / 6 min read",
    "(Photo by Sam Lee/Getty Images)",
    "Musk leaves the courthouse in Oakland on Thursday. (Photo by Sam Lee/Getty Images)",
    "Image: OpenAI",
    "Photo: court sketch by Ann Vu",
    "Rita Shore - Invision / AP",
    "Justin Case/Bloomberg via Getty Images",
    "Source: court filings",
    "Advertisement",
    "Ad placeholder",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Sign up for our AI newsletter",
    "Subscribe",
    "Get the best legal reporting delivered to your inbox every morning. Sign up now.",
    "Already a subscriber? Sign in",
    "You've read 3 of 5 free articles this month.",
    "We use cookies to improve your experience on our site. By continuing to browse you agree "
    "to our use of cookies and our privacy policy, which you can read at any time here.",
    "Open in app",
    "Skip to content",
    "Back to news",
    "Home > Technology > AI",
    "Tags: AI · Lawsuits · OpenAI",
    "Share on X · Share on Facebook · Copy link",
    "Facebook Twitter LinkedIn Email",
    "Read more: OpenAI asks judge to pause the trial",
    "RELATED: Jury seated in Oakland trial",
    "— Elon Musk (@elonmusk) April 30, 2026",
    "pic.twitter.com/AbC123",
    "© 2026 Example Media Group. All rights reserved.",
    "window.dataLayer = window.dataLayer || [];",
    "googletag.cmd.push(function() { googletag.display('ad-1'); });",
    ".ad-slot { display: none; }",
    "Jane Doe is a senior reporter covering courts and technology.",
    "Follow Jane on X @janedoe",
    "Listen to this article",
    "Gift this article",
    "Courtline Staff",
    "Harbour Wire Desk",
    "Our picks are our own. We may earn a commission when you buy through links on this page.",
    # a wire's standards footer
    "Our Standards: The Tarn Courier Trust Principles.",
    "Tarn Courier Standards: our pledge of accuracy and independence.",
    "Tarn Courier Standards: how we report and correct.",
    # an opinion page's note on its writer
    "Ann Vu is a novelist. The views expressed are her own.",
    "Tom Roe is a law professor in Lund. The opinions expressed here are his own",
    "The writer is a former harbour editor who teaches shipping law in Lund.",
    "The columnist is a retired ferry correspondent.",
    "Tom Roe's column appears every other Friday. The views expressed are his own.",
    # a desk's tip line, after what it covers or alone
    "Harbour Memo follows every filing in the Tarn courts. Tips: desk@harbourmemo.example",
    "Send your tips to news@tarncourier.example.",
    "Tips: quay@wire.example",
    # a blog's byline, wherever it sits
    "Posted by Ann Vu",
    "Posted on March 3, 2026 by Ann Vu",
    "Posted March 3, 2026 by Ann Vu and Tom Roe",
    "Staff report",
    "From staff and wire reports",
    # site prompts, tag rows and "More from <site>" links
    "Download the Tarn Courier app for ferry alerts.",
    "Harbour Pro readers get toll alerts first. Start your free trial",
    "Enjoying Harbour Memo? Pass it on to a friend.",
    "Privacy Notice: Our letters may carry offers from partners.",
    "Get the Tarn Courier morning briefing. Sign up free",
    "Read more about: Harbour Co., Tolls, Ferries",
    "Explore more on these topics: Ferries, Tolls, Tarn",
    "Suggested Topics:",
    "More from Tarn Courier: Ten ferries worth the fare",
    # a live page's prompt
    "Refresh for updates",
    "Refresh this page to see the latest.",
    # a newsletter's footer, contents heading, sponsor slot and disclaimer
    "You are receiving this because you signed up at tarncourier.example. Unsubscribe",
    "You're getting this email because you asked for ferry news.",
    "Forward this email to a friend who rides the ferry.",
    "Forward it to a colleague",
    "Forwarded this? Sign up for Harbour Memo",
    "Was this forwarded to you? Subscribe here.",
    "Unsubscribe",
    "Unsubscribe | Manage preferences | View in browser",
    "To unsubscribe from these letters, use the link below.",
    "Update your email preferences",
    "View this email in your browser",
    "You are subscribed as reader@example.org.",
    "In this issue",
    "In today's edition",
    "Contents",
    "A word from our sponsor",
    "Today's sponsor",
    "Harbour Memo is a weekly letter on port law. Nothing here is legal advice.",
    "Harbour Memo is a weekly digest for people who work at the port.",
    "Tarn Courier Daily is a free morning briefing on the ferry dispute",
    "Get Tarn Courier alerts for new toll rulings.",
    "Tarn Courier Editorial Standards",
    "Our Standards",
    "More guides: How ferry tolls are set",
]

PROSE = [
    "Elon Musk testified on Thursday that xAI partly used OpenAI models to train Grok.",
    "By the end of the day, the jury had heard from three witnesses.",
    "By Thursday, OpenAI had filed its reply",
    "Musk, the plaintiff, told reporters he would appeal.",
    "The judge said the newsletter dispute was not before the court.",
    "Subscribers to ChatGPT Plus will see the change first, the company said.",
    "What Is Model Distillation?",
    "Copyright law protects the expression of ideas, not the ideas themselves.",
    "The company said it would follow the ruling.",
    "Photographs of the filing were shared widely.",
    "The court's order runs to 40 pages; it was filed late on Friday.",
    "Anthropic said in a blog post that distillation can be used for illicit purposes, and that "
    "it had seen such campaigns from three labs over the past year.",
    "Reuters reported that the two sides met on Monday.",
    "Google called it intellectual property theft (a claim xAI disputes).",
    "Sam Altman, OpenAI's chief executive, said the claims were baseless.",
    "Jury selection began on Monday in Oakland.",
    "Posted by a ferry passenger, the video spread within hours.",
    "Posted by Mayor Lund on Friday, the notice said tolls would rise.",
    "Published in 2019 by Tarn University Press",
    "Ferry firm sues city | Mayor defends the new toll",
    "Revenue | $1.8 billion",
    "Industry standards: what the ruling means for ferries",
    "Industry standards: how the ruling changes ferry fares",
    "The mayor said the views expressed are her own.",
    # a sentence about a writer, a column or tips
    "The author is a former ferry captain whose memoir was in the pirated library.",
    "The writer is a novelist from Tarn who joined the suit in March.",
    "The writer is suing the port over the toll.",
    "Ann Vu's column appears in the Courier, and the port quoted it in its filing.",
    "Tips to the harbour hotline rose by a third last year, the port said.",
    "The port asked riders to send tips about fare dodgers to its inspectors.",
    "Ann Vu is a novelist. Her views on the toll are well known.",
    "Staff reported the fault to the harbour master.",
    "Ferry firm wins a pause on the toll | Tarn Courier",
    # a short headline and its site's name after a bar: a headline, not a section menu
    "Disney sues Midjourney | The Verge",
    "Ferry toll halted | Tarn Courier",
    "City Loses Toll Appeal | Harbour Memo",
    # a sentence about a photograph, a print edition, a live event or an editor
    "The court was shown a photograph: the ferry, its flag and the toll booth behind it.",
    "He held up a print of the pier. Photo: it showed the booth, he said.",
    "Photographs of the pier were shown to the jury on Monday.",
    "Appeared in the print edition of the Courier, the advert drew 40 complaints.",
    "The headline read 'Ferry Firm Wins Toll Fight', and the city objected.",
    "Live music returned to the quay after the ruling, the council said.",
    "The judge said the order will be updated once the city replies.",
    "Ann Vu, the harbour master, said the toll was unlawful.",
    "Dan Reyes told the court he was the firm's technology editor.",
    "The ferry firm contributed $2 million to the fund, the filing says.",
    "He said the engineer contributed research.",
    "The harbour master said the firm contributed to this report on safety.",
    "Staff at the port contributed reporting tools to the inquiry.",
    "All times are wrong.",
    "All times are approximate, the operator said.",
    "Readers of the full story in Friday's edition wrote to the council.",
    "Reuters/Ipsos polling found support for the toll fell to 40%.",
    "The vote was 2 | 1 in the firm's favour, the clerk said.",
    "Riders can download the app again once the fix ships, the operator said.",
    "Enjoying a rare win, the ferry firm said it would add routes.",
    "Breaking the toll contract cost the firm $2 million, the judge found.",
    "More from the ruling: the judge said the toll was lawful.",
    "More from Lund: she said the city would appeal on Friday.",
    "Refresh rates on the toll screens were too slow, the engineer said.",
    "The notice appeared in the paper's print edition on Friday.",
    "Exclusive harbour rights are at the heart of the case.",
    "The app lets riders start a free trial without a card, the complaint says.",
    # sentences about unsubscribing, advice, sponsors, contents and standards
    "Riders could not unsubscribe from the toll texts, the regulator said.",
    "The judge said this is not legal advice the court can give.",
    "Our sponsors include the city, the mayor said.",
    "The contents of the filing were sealed.",
    "Industry standards",
    "Trading Standards",
    "He forwarded the email to the harbour master on Monday.",
    "Lund said Harbour Memo is a newsletter she reads daily.",
    "The toll is a burden for people who work at the port.",
    "You are receiving a refund because the toll was unlawful, the letter told riders.",
    "Subscribe to our newsletter, the app's terms told users, or lose access to saved photos; "
    "the complaint calls that a bait-and-switch that no reasonable customer would have expected.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_shapes_are_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", PROSE)
def test_article_sentences_are_not_furniture(line):
    assert not is_furniture(line)


def test_headline_shape():
    assert is_headline("Judge sends Musk case to the jury")
    assert is_headline("Can a terms-of-service change be undone?")
    assert not is_headline("The judge sent the case to the jury on Thursday.")
    assert not is_headline("Advertisement") and not is_headline("Skip to main content")


def test_hostile_lines_are_judged_quickly_and_never_crash():
    hostile = [
        "By " + "Aa " * 200,
        "By " + "A, " * 100 + "x",
        "(" * 150 + "photo" + ")" * 150,
        "1" * 5000,
        "\x00\ufeff<script>alert(1)</script>",
        "Updated " + ": " * 140,
        "é" * 299,
    ]
    start = time.perf_counter()
    for line in hostile:
        is_furniture(line)
        is_headline(line)
    assert time.perf_counter() - start < 2  # no catastrophic backtracking (a ceiling, not a speed)


def _pages():
    return sorted(PAGES.glob("*.txt"))


@pytest.mark.parametrize("path", _pages(), ids=lambda p: p.name)
def test_pasted_pages_lose_their_furniture_and_keep_every_sentence(path):
    raw = path.read_text(encoding="utf-8")
    furniture = set(lines_of(path.with_suffix(".furniture").read_text(encoding="utf-8")))
    entry = text_article(text=raw)
    assert entry.title and not is_furniture(entry.title)
    paragraphs = text_clean(entry.content, title=entry.title).split("\n\n")
    assert entry.title not in paragraphs
    assert not furniture & set(paragraphs), furniture & set(paragraphs)
    article = [line for line in lines_of(raw) if line not in furniture and line != entry.title]
    assert article and all(line in paragraphs for line in article)
    assert len(paragraphs) == len(set(paragraphs))  # a repeated embed or pull quote is kept once


def test_pasted_page_title_skips_furniture_and_labels():
    entry = text_article(text=(PAGES / "lakeside-terms.txt").read_text(encoding="utf-8"))
    assert entry.title.startswith("Photo app users sue over new terms")
    assert not entry.content.startswith(("Skip to content", "Lakeside Ledger", "Technology"))


_LEDE_TOLL = (
    "The ferry operator does not have to pay the city's new harbour toll until an appeal is "
    "heard, a panel of three judges ruled on Friday. The city said it would ask for a rehearing."
)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Skip to content\nJudge Sends Toll Case Back\nBy Ann Vu\nThe judge ruled.",
            "Judge Sends Toll Case Back",
        ),
        (
            "Advertisement\n\n5 min read\nToll Ruling Appealed\nToll Ruling Appealed\nBody.",
            "Toll Ruling Appealed",
        ),
        (
            "Courts\nFerry Firm Wins Pause on Toll\nThe panel ruled on Friday.",
            "Ferry Firm Wins Pause on Toll",
        ),
        ("Short Head\nBody line.", "Short Head"),
        # a site's name above the headline is not the headline
        (
            "The Tarn Courier\nTransport\nFerry firm wins a pause on the city's new toll\n"
            "By Ann Vu\nThe panel ruled on Friday.",
            "Ferry firm wins a pause on the city's new toll",
        ),
        (
            "Harbour Business Daily\nFerry firm wins a pause on the city's new toll\nBody.",
            "Ferry firm wins a pause on the city's new toll",
        ),
        # a short headline in headline case above its dek, which shares its words, stays
        (
            "Ferry Firm Sues City\nThe ferry firm says the city's toll breaks a 1998 deal\nBody.",
            "Ferry Firm Sues City",
        ),
        # a short headline above the byline stays
        ("Ferry Toll Paused\nBy Ann Vu\nThe panel ruled on Friday.", "Ferry Toll Paused"),
        ("A Short Headline\nBody line one.\nBody line two.", "A Short Headline"),
        # a section menu under the site's name is neither the headline nor the body
        (
            "THE TARN COURIER\nTransport | Courts | Money | Opinion\n"
            "Ferry firm wins a pause on the city's new toll\nBy Ann Vu\nThe panel ruled.",
            "Ferry firm wins a pause on the city's new toll",
        ),
        (
            "Harbour Memo\nPolicy · Courts\nCity must refund ferry tolls, judge rules\n"
            "Harbour Memo\nStaff report\nThe judge ruled on Friday.",
            "City must refund ferry tolls, judge rules",
        ),
        # a headline with a site's name after a bar is a headline, not a menu
        (
            "Ferry firm wins a pause on the toll | Tarn Courier\nThe panel ruled.",
            "Ferry firm wins a pause on the toll | Tarn Courier",
        ),
        # the site's tagline under its name is not the headline ...
        (
            "Quayside Notes\nOn ports, shipping and the law\n"
            "What the toll ruling leaves open for ferry riders\n"
            "Posted on May 2, 2026 by Ann Vu\n" + _LEDE_TOLL,
            "What the toll ruling leaves open for ferry riders",
        ),
        # ... but a headline in sentence case that shares the lede's words is
        (
            "Quayside Notes\nFerry riders win a reprieve on tolls\n"
            "The city cannot charge the new fee until the appeal is heard\n" + _LEDE_TOLL,
            "Ferry riders win a reprieve on tolls",
        ),
        # ... and so is a headline naming someone, whatever the lede says
        (
            "Quayside Notes\nWhy Judge Okafor paused it\n"
            "The ruling turns on a 1998 contract\n" + _LEDE_TOLL,
            "Why Judge Okafor paused it",
        ),
    ],
)
def test_txt_title_is_the_first_headline(text, title):
    entry = text_article(text=text)
    assert entry.title == title
    clean = text_clean(entry.content, title=entry.title)
    assert title not in clean.split("\n\n")


def test_a_short_headline_with_its_sites_name_is_the_title_and_its_body_stays():
    lede = "The studio filed its complaint in Los Angeles on Wednesday."
    for headline in ("Disney sues Midjourney | The Verge", "Ferry toll halted | Tarn Courier"):
        entry = text_article(text=f"{headline}\n{lede}\nThe firm will reply.")
        assert entry.title == headline
        assert entry.content.split("\n") == [lede, "The firm will reply."]
    # a section menu and a "Site | Section" label above the headline are still neither
    entry = text_article(text=f"Harbour Memo | Litigation\nFerry toll halted\n{lede}")
    assert entry.title == "Ferry toll halted" and entry.content == lede


def test_the_masthead_printed_again_under_the_headline_goes_and_sentences_stay():
    text = (
        "Harbour Memo\nFerry firm wins a pause on the city's new toll\nHarbour Memo\n"
        "The panel ruled on Friday.\nHarbour Memo readers asked about refunds.\n"
        "Posted by Ann Vu"
    )
    entry = text_article(text=text)
    clean = text_clean(entry.content, title=entry.title).split("\n\n")
    assert clean == ["The panel ruled on Friday.", "Harbour Memo readers asked about refunds."]


@pytest.mark.parametrize(
    "headline",
    [
        "Opinion | Ferry riders paid the toll. The city wants them to pay again.",
        "News analysis: what the toll ruling leaves open for riders",
        "Opinion | The ferry toll is a tax by another name",
    ],
)
def test_a_genre_and_a_headline_on_the_first_line_are_the_title(headline):
    entry = text_article(text=f"{headline}\nBy Ann Vu\nMay 2, 2026\n{_LEDE_TOLL}\nMore text.")
    assert entry.title == headline
    assert entry.content.split("\n")[-2:] == [_LEDE_TOLL, "More text."]
    # with a script line or "Skip to content" above it, too
    entry = text_article(text=f"Skip to content\n{headline}\n{_LEDE_TOLL}")
    assert entry.title == headline and entry.content == _LEDE_TOLL


def test_a_genre_and_a_headline_below_the_text_are_a_link_not_the_title():
    link = "Opinion: Why the ferry toll is a tax by another name"
    entry = text_article(text=f"Ferry toll paused\n{_LEDE_TOLL}\n{link}")
    assert entry.title == "Ferry toll paused"
    assert link not in text_clean(entry.content, title=entry.title)
    # nor is a section label (no headline after the bar), nor a section menu with "Opinion"
    for top in ("Opinion | Columns", "Courts | Money | Opinion"):
        entry = text_article(text=f"{top}\nFerry Toll Paused\n{_LEDE_TOLL}")
        assert entry.title == "Ferry Toll Paused"


def test_label_then_lede_gives_a_title_from_the_lede_and_keeps_the_lede():
    lede = (
        "The ferry operator told a court on Friday that the city's new toll breaks a deal it "
        "signed in 1998. The city disagrees."
    )
    entry = text_article(text=f"Transport\nBy Ann Vu\n{lede}\nMore text.")
    assert entry.title.startswith("The ferry operator told a court on Friday")
    assert entry.content.startswith(lede)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Updated 9:15 AM GMT, March 3, 2026", dt.date(2026, 3, 3)),
        ("Tue 3 Mar 2026 09.15 GMT", dt.date(2026, 3, 3)),
        ("Mar. 3, 2026 9:15 am ET", dt.date(2026, 3, 3)),
        ("Published 3 March 2026", dt.date(2026, 3, 3)),
        ("Posted on March 3, 2026 by Ann Vu", dt.date(2026, 3, 3)),
        ("March 3, 20269:15 AM PSTUpdated 2 hours ago", dt.date(2026, 3, 3)),  # glued in a paste
        ("2026-03-03", dt.date(2026, 3, 3)),
        ("03.03.26 | 09:15", dt.date(2026, 3, 3)),  # day.month.year, as European pages write
        ("3/4/2026 9:15 AM", dt.date(2026, 3, 4)),  # month/day/year, as US pages write
        ("25/3/2026", dt.date(2026, 3, 25)),  # 25 is no month: day/month/year
    ],
)
def test_txt_page_date_is_read_from_its_date_line(line, day):
    entry = text_article(text=f"Ferry Firm Wins Pause on Toll\nBy Ann Vu\n{line}\nThe panel ruled.")
    assert entry.published == dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "text",
    [
        # a date inside a sentence of the article is the event's, not the page's
        "Ferry Firm Wins Pause on Toll\nThe panel ruled on March 3, 2026 that the toll waits.",
        # a date line without a year, a relative one, an impossible day, a headline with a year
        "Ferry Firm Wins Pause on Toll\nMarch 3, 9:15 AM\nUpdated 2 hours ago\nThe panel ruled.",
        "Ferry Firm Wins Pause on Toll\nFebruary 30, 2026\nThe panel ruled.",
        "Ferry Firm Wins Pause on Toll\n31.02.26 | 09:15\nThe panel ruled.",
        "Ferry Firm Wins Pause on Toll\nThe best ferries of 2026\nThe panel ruled.",
    ],
)
def test_txt_page_without_a_date_line_has_no_date(text):
    assert text_article(text=text).published is None


def test_only_furniture_at_the_top_keeps_the_old_rule():
    entry = text_article(text="Advertisement\nSubscribe\nThe body.")
    assert entry.title == "Advertisement"


def test_html_entries_lose_furniture_blocks_too():
    html = (
        "<p>By Ann Vu</p><p>Updated 9:15 AM PDT, Tue May 12, 2026</p>"
        "<figure><img src='https://img.example/a.jpg'><figcaption>The ferry terminal. "
        "(Photo by Lena Marsh/Getty Images)</figcaption></figure>"
        "<p>The panel paused the toll on Friday.</p><p>Advertisement</p>"
        "<p>Sign up for our courts newsletter</p><p>The city will appeal.</p>"
        "<h3>Related</h3><ul><li>Toll vote passes</li><li>Tunnel closes</li></ul>"
        "<p>Passengers have paid since March.</p>"
    )
    cleaned = entry_clean(content=html, title="Ferry Firm Wins Pause")
    assert cleaned.text == (
        "The panel paused the toll on Friday.\n\nThe city will appeal.\n\n"
        "Passengers have paid since March."
    )
    for gone in ("By Ann Vu", "Updated", "Getty", "Advertisement", "newsletter", "Related", "<ul"):
        assert gone not in cleaned.html
    assert "<img" in cleaned.html and "Passengers have paid since March." in cleaned.html


def test_a_short_name_beside_furniture_goes_above_the_first_sentence_only():
    text = text_clean(
        "Jenna Roe\nMay 3, 2026\nThe panel ruled on Friday.\nBackground\nAdvertisement\n"
        "The toll began in March."
    )
    assert text.split("\n\n") == [
        "The panel ruled on Friday.",
        "Background",
        "The toll began in March.",
    ]


def test_a_most_popular_block_and_a_topics_list_go_with_their_headlines():
    text = text_clean(
        "The panel ruled on Friday.\nThe city will appeal.\nMost Popular News\n"
        "Five Quiet Beaches for June\nWhy Rents Rose Again\nSuggested Topics:\nCourts\n"
        "Transport"
    )
    assert text.split("\n\n") == ["The panel ruled on Friday.", "The city will appeal."]


def test_a_more_explainers_block_goes_with_its_headlines_and_the_footer_after_it():
    text = text_clean(
        "The panel ruled on Friday.\nThe city will appeal.\nMore explainers\n"
        "How ferry tolls are set\nHarbour Memo is written by port lawyers. Nothing here is "
        "legal advice."
    )
    assert text.split("\n\n") == ["The panel ruled on Friday.", "The city will appeal."]


def test_a_one_word_reply_and_a_sentence_after_a_block_stay():
    text = text_clean(
        "Did the firm pay the toll, the judge asked.\nNo.\nMost Read\nTunnel Closes\n"
        "The firm's lawyer said it never would."
    )
    assert text.split("\n\n") == [
        "Did the firm pay the toll, the judge asked.",
        "No.",
        "The firm's lawyer said it never would.",
    ]


def test_txt_labels_between_headline_and_first_sentence_leave_the_body():
    entry = text_article(
        text="Ferry firm wins a pause on the city's toll\nQuay Notes\nPorts, briefly\nJenna Roe\n"
        "The panel ruled on Friday.\nThe city will appeal."
    )
    assert entry.title == "Ferry firm wins a pause on the city's toll"
    assert text_clean(entry.content, title=entry.title).split("\n\n") == [
        "The panel ruled on Friday.",
        "The city will appeal.",
    ]


@pytest.mark.parametrize("opener", ["“Partly”", '"Never"', "‘Not this year’", "«Non»"])
def test_a_quoted_opener_under_the_headline_stays_and_labels_still_go(opener):
    text = (
        f"Harbour Co. chief concedes part of the toll claim\nQuay Notes\n{opener}\n"
        "That was the answer the chief gave when asked whether the firm had paid.\nMore text."
    )
    entry = text_article(text=text)
    assert entry.content.split("\n")[:2] == [
        opener,
        "That was the answer the chief gave when asked whether the firm had paid.",
    ]


def test_txt_dek_and_a_subheaded_article_keep_their_short_lines():
    dek = "The ferry firm need not pay the new fee until the appeal is heard"
    entry = text_article(text=f"Ferry Firm Wins Pause\n{dek}\nThe panel ruled.\nMore text.")
    assert entry.content.split("\n")[0] == dek
    # an article with subheads: its short line above the first sentence is one of them
    text = "Ferry Firm Wins Pause\nWhy It Matters\nThe panel ruled.\nWhat Comes Next\nAn appeal."
    entry = text_article(text=text)
    assert text_clean(entry.content, title=entry.title).split("\n\n") == [
        "Why It Matters",
        "The panel ruled.",
        "What Comes Next",
        "An appeal.",
    ]


def test_a_question_headline_in_a_related_block_goes_and_the_next_sentence_stays():
    text = text_clean(
        "The panel ruled on Friday.\nMore reviews\nIs the ferry toll here to stay?\n"
        "Five quiet beaches for June\nThe city will appeal."
    )
    assert text.split("\n\n") == ["The panel ruled on Friday.", "The city will appeal."]


def test_an_html_page_titled_only_by_its_site_takes_its_headline_from_the_text():
    lede = "The panel ruled on Friday that the ferry firm need not pay the city's toll yet. " * 3
    html = (
        '<html><head><title>Tarn Courier</title><meta property="og:site_name" '
        f'content="Tarn Courier"></head><body><article><p>{lede}</p>'
        "<p>The city said it would appeal the ruling to the full court.</p></article></body></html>"
    )
    entry = html_article(html=html)
    assert entry.title.startswith("The panel ruled on Friday") and entry.summary == "Tarn Courier"


@pytest.mark.timeout(20)  # a ceiling against the backtracking (minutes a line), not a speed
def test_a_line_of_many_at_signs_is_read_in_one_pass():
    # an e-mail address was two runs of any characters around "@": a garbled line of thousands
    # of "@" was tried at each of them, then again at each for the second run (21 s for 60,000
    # characters; minutes for this line)
    assert is_prompt("Harbour Memo follows the port's cases. Tips: desk@memo.example")
    assert not is_prompt("Tips: " + "x.@" * 60_000 + " end")
    assert not is_share("x.@" * 60_000 + "y")
