"""Feed and article fixtures written for these tests (fictional outlets, our own words)."""

from __future__ import annotations

from xml.sax.saxutils import escape

RELATED = """<h3>Other Topics You May Also Be Interested In</h3>
<ul><li>Ten houseplants that survive any office</li><li>Harbour ferry timetable changes in June</li>
<li>Why your phone battery drains in the cold</li></ul>"""


def item_xml(
    *,
    guid: str = "",
    title: str,
    body: str,
    link: str = "",
    date: str = "Thu, 30 Apr 2026 16:00:00 GMT",
) -> str:
    parts = [f"<title>{escape(title)}</title>"]
    if guid:
        parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
    if link:
        parts.append(f"<link>{escape(link)}</link>")
    parts.append(f"<pubDate>{date}</pubDate>")
    parts.append(f"<description>{escape(body)}</description>")
    return "<item>" + "".join(parts) + "</item>"


def rss(items: list[str], *, title: str = "Harbour Courts Weekly", link: str = "") -> bytes:
    link = link or "https://harbour.example/"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{link}</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def story_html(n: int, *, extra: str = "") -> str:
    return (
        f"<p>The appeals panel heard argument number {n} about the river toll dispute on Tuesday. "
        f"Lawyers for the ferry company said the toll broke a 1998 agreement.</p>"
        f"<p>The city answered that the agreement lapsed long ago, and case {n} should end.{extra}</p>"
    )


def feed_of(n: int, *, start: int = 0, hours: int = 6) -> bytes:
    items = [
        item_xml(
            guid=f"harbour-{i}",
            title=f"Toll hearing {i}",
            body=story_html(i),
            link=f"https://harbour.example/{i}?utm_source=rss",
            date=f"Thu, {1 + (i * hours) // 24:02d} Apr 2026 {(i * hours) % 24:02d}:00:00 GMT",
        )
        for i in range(start, start + n)
    ]
    return rss(items)


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Lakeside Ledger</title>
  <link href="https://ledger.example/"/>
  <id>urn:ledger</id><updated>2026-05-01T10:00:00Z</updated>
  <entry>
    <title>Regulator opens inquiry into chatbot training data</title>
    <id>urn:ledger:1</id>
    <link href="https://ledger.example/inquiry"/>
    <updated>2026-05-01T10:00:00Z</updated>
    <author><name>R. Okafor</name></author>
    <content type="html">&lt;p&gt;The regulator said on Friday it would examine how chatbots are trained.&lt;/p&gt;</content>
  </entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://dale.example/"><title>Dale Dispatch</title><link>https://dale.example/</link>
    <description>d</description></channel>
  <item rdf:about="https://dale.example/a1"><title>Council votes on data centre</title>
    <link>https://dale.example/a1</link><description>The council voted six to three.</description>
    <dc:date>2026-04-29T08:00:00Z</dc:date></item>
</rdf:RDF>"""

RSS091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old Town Crier</title><link>https://crier.example/</link>
<description>d</description><language>en</language>
<item><title>Bridge reopens after repairs</title><link>https://crier.example/bridge</link>
<description>The bridge reopened on Monday.</description></item>
</channel></rss>"""

JSON_FEED = b"""{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Summit Signal",
  "home_page_url": "https://summit.example/",
  "authors": [{"name": "Desk"}],
  "items": [
    {"id": "s-1", "url": "https://summit.example/1", "title": "Judge sets trial date",
     "content_html": "<p>The judge set the trial for <b>June</b>.</p>",
     "date_published": "2026-04-28T09:30:00+02:00"},
    {"id": 2, "title": "Short note", "content_text": "Plain words only.",
     "authors": [{"name": "Kim"}]},
    "not an object"
  ]
}"""

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY a "aaaaaaaaaa">\n'
    + b"".join(
        f' <!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n'.encode() for i in range(9)
    )
    + b']>\n<rss version="2.0"><channel><title>t</title><item><title>&j;</title>'
    b"<description>&j;</description></item></channel></rss>"
)

QUADRATIC = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "'
    + b"x" * 100_000
    + b'">]>\n<rss version="2.0"><channel><title>t</title><item><description>'
    + b"&big;" * 20_000
    + b"</description></item></channel></rss>"
)

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><description>&secret;</description></item>
</channel></rss>"""

HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>Harbour Courts Weekly</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
</head><body><h1>Welcome</h1><p>Latest news about the harbour.</p></body></html>"""

# A body with the traits of scraped articles: the title repeated at the top, a stray word in
# another script, curly and straight quotes, a missing space after a sentence, share and app
# lines, and a related-stories block and a comment prompt at the end.
MESSY_TITLE = "Ferry Company Says Toll Breaks Old Deal"
MESSY_TEXT = f"""{MESSY_TITLE}

{MESSY_TITLE}
The ferry company told the court on Tuesday that the new toll breaks a deal signed in 1998, a claim the city rejects. The dispute has drawn crowds بين the docks and the courthouse.
Share this article
What the company said
Its lawyer said the toll was “plainly unlawful” and that the city had "known for years".The judge asked both sides for written answers within two weeks.
The U.S. Coast Guard was not involved.Officials declined to comment.
Open in app →
Other Topics You May Also Be Interested In
Ten houseplants that survive any office
Harbour ferry timetable changes in June
Join the Discussion
Be the first to share your view. Subscribe to comment.
"""
