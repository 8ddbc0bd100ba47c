from __future__ import annotations

import datetime as dt
import tracemalloc

import pytest

from tests.news import samples
from tracker.news.opml import OutlineFeed, looks_like_opml, opml_parse, opml_render
from tracker.news.parse import (
    EntityBombError,
    FeedError,
    NotAFeedError,
    feed_parse,
    json_feed_parse,
    xml_prescan,
)


def test_rss20():
    data = samples.rss(
        [samples.item_xml(guid="g1", title="A & B", body="<p>Hi</p>", link="https://h.example/1")]
    )
    feed = feed_parse(data=data)
    assert feed.kind == "rss20" and feed.title == "Harbour Courts Weekly" and not feed.bozo
    (entry,) = feed.entries
    assert (entry.id, entry.link, entry.title) == ("g1", "https://h.example/1", "A & B")
    assert entry.content == "<p>Hi</p>"
    assert entry.published == dt.datetime(2026, 4, 30, 16, tzinfo=dt.UTC)


def test_atom_rdf_and_rss091():
    atom = feed_parse(data=samples.ATOM)
    assert atom.kind == "atom10"
    assert atom.entries[0].author == "R. Okafor"
    assert "examine how chatbots" in atom.entries[0].content
    rdf = feed_parse(data=samples.RDF)
    assert rdf.kind == "rss10" and rdf.entries[0].title == "Council votes on data centre"
    assert rdf.entries[0].published == dt.datetime(2026, 4, 29, 8, tzinfo=dt.UTC)
    old = feed_parse(data=samples.RSS091)
    assert old.kind == "rss091n" and old.entries[0].link == "https://crier.example/bridge"


def test_json_feed():
    feed = feed_parse(data=samples.JSON_FEED)
    assert feed.kind == "json11" and feed.title == "Summit Signal"
    first, second = feed.entries
    assert first.id == "s-1" and first.content_type == "text/html" and first.author == "Desk"
    assert first.published == dt.datetime(2026, 4, 28, 7, 30, tzinfo=dt.UTC)
    assert second.id == "2" and second.content == "Plain words only."
    assert second.content_type == "text/plain" and second.author == "Kim"
    assert "1 items are not objects" in feed.bozo


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{oops", "invalid JSON"),
        (b'{"version": "1", "items": []}', "jsonfeed.org"),
        (b'{"version": "https://jsonfeed.org/version/1"}', "items"),
    ],
)
def test_bad_json_feeds(data, message):
    with pytest.raises(FeedError, match=message):
        json_feed_parse(data)


def test_truncated_feed_keeps_what_it_can_and_says_why():
    data = samples.feed_of(4)
    cut = data[: data.index(b"Toll hearing 3") + 5]
    feed = feed_parse(data=cut)
    assert feed.bozo
    assert [e.title for e in feed.entries][:3] == [
        "Toll hearing 0",
        "Toll hearing 1",
        "Toll hearing 2",
    ]


def test_wrongly_encoded_feed_is_read():
    body = "Caf\u00e9 owners protest the toll".encode("latin-1")
    data = samples.rss([samples.item_xml(guid="e", title="x", body="y")]).replace(
        b"<title>x</title>", b"<title>" + body + b"</title>"
    )
    feed = feed_parse(data=data)  # declared UTF-8, holds Latin-1
    assert feed.bozo
    assert feed.entries[0].title.endswith("owners protest the toll")


@pytest.mark.parametrize("data", [b"", b"  \n\t", b"\xef\xbb\xbf"])
def test_empty(data):
    with pytest.raises(FeedError, match="empty"):
        feed_parse(data=data)


@pytest.mark.parametrize("data", [b"just some words", b"<note><to>you</to></note>"])
def test_not_a_feed(data):
    with pytest.raises(FeedError, match="not a feed"):
        feed_parse(data=data)


def test_html_page_names_its_feed():
    with pytest.raises(NotAFeedError, match="this is an HTML page, not a feed") as info:
        feed_parse(data=samples.HTML_PAGE, url="https://harbour.example/news/")
    assert info.value.feed_url == "https://harbour.example/feed.xml"
    with pytest.raises(NotAFeedError) as info:
        feed_parse(data=b"<html><body>nothing</body></html>")
    assert info.value.feed_url == "" and str(info.value) == "this is an HTML page, not a feed"


@pytest.mark.parametrize("name", ["BILLION_LAUGHS", "QUADRATIC", "EXTERNAL_ENTITY"])
def test_entity_declarations_are_refused_with_little_memory(name):
    data = getattr(samples, name)
    tracemalloc.start()
    try:
        with pytest.raises(EntityBombError, match="declares XML entities"):
            feed_parse(data=data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * len(data) + 1_000_000  # nothing was expanded


def test_utf16_entity_bomb_is_refused():
    data = samples.BILLION_LAUGHS.decode().replace(
        'version="1.0"', 'version="1.0" encoding="UTF-16"'
    )
    with pytest.raises(EntityBombError):
        feed_parse(data=b"\xff\xfe" + data.encode("utf-16-le"))


def test_internal_subset_without_entities_is_stripped():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ELEMENT rss ANY>]>\n'
        + samples.rss([samples.item_xml(guid="x", title="Kept", body="b")]).split(b"?>", 1)[1]
    )
    assert b"<!ELEMENT" not in xml_prescan(data)
    assert feed_parse(data=data).entries[0].title == "Kept"


def test_entity_text_inside_cdata_is_not_a_declaration():
    data = samples.rss([samples.item_xml(guid="x", title="t", body="write <!ENTITY x> in docs")])
    assert "ENTITY x" in feed_parse(data=data).entries[0].content


OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
<outline text="Courts"><outline type="rss" text="Harbour" xmlUrl="https://harbour.example/feed.xml"
 htmlUrl="https://harbour.example/"/>
<outline type="rss" title="Ledger" text="L" xmlUrl="https://ledger.example/atom"/>
<outline type="rss" text="dup" xmlUrl="https://harbour.example/feed.xml"/></outline>
</body></opml>"""


def test_opml_parse_and_render_round_trip():
    assert looks_like_opml(OPML)
    feeds = opml_parse(data=OPML)
    assert feeds == [
        OutlineFeed("https://harbour.example/feed.xml", "Harbour", "https://harbour.example/"),
        OutlineFeed("https://ledger.example/atom", "Ledger", ""),
    ]
    assert opml_parse(data=opml_render(feeds=feeds)) == feeds


def test_opml_entity_bomb_and_garbage_are_refused():
    bomb = samples.BILLION_LAUGHS.replace(b"<rss", b"<opml").replace(b"</rss>", b"</opml>")
    with pytest.raises(EntityBombError):
        opml_parse(data=bomb)
    with pytest.raises(FeedError, match="not a valid OPML"):
        opml_parse(data=b"<opml><body>")
    with pytest.raises(FeedError, match="not an OPML file"):
        opml_parse(data=b"<rss/>")
