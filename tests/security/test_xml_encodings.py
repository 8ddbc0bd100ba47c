"""Finding 14 of issue 18: the XML entity pre-scan read the document as ASCII, so entities
declared in cp500 (EBCDIC), UTF-16 or UTF-32 went through it (only expat's own limit stopped
the bomb). Each encoding is refused by the pre-scan itself, as is the same feed in UTF-8;
ordinary feeds in those encodings still pass."""

from __future__ import annotations

import pytest

from tracker.news.parse import EntityBombError, xml_prescan

BOMB = (
    '<?xml version="1.0" encoding="{enc}"?>\n'
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    "<rss><channel><title>&b;</title></channel></rss>"
)
PLAIN = '<?xml version="1.0" encoding="{enc}"?>\n<rss><channel><title>Fine</title></channel></rss>'
CASES = [
    ("utf-8", "utf-8", b""),
    ("cp500", "cp500", b""),
    ("cp037", "cp037", b""),
    ("UTF-16", "utf-16-le", b"\xff\xfe"),
    ("UTF-16", "utf-16-be", b"\xfe\xff"),
    ("UTF-16", "utf-16-le", b""),
    ("UTF-32", "utf-32-le", b"\xff\xfe\x00\x00"),
    ("UTF-32", "utf-32-be", b""),
]


@pytest.mark.parametrize(("declared", "codec", "bom"), CASES)
def test_entities_are_refused_in_every_encoding(declared, codec, bom):
    data = bom + BOMB.format(enc=declared).encode(codec)
    with pytest.raises(EntityBombError, match="declares XML entities"):
        xml_prescan(data)


@pytest.mark.parametrize(("declared", "codec", "bom"), CASES)
def test_a_padded_prolog_does_not_hide_them(declared, codec, bom):
    text = BOMB.format(enc=declared).replace("<!DOCTYPE", " " * 70_000 + "<!DOCTYPE")
    with pytest.raises(EntityBombError):
        xml_prescan(bom + text.encode(codec))


@pytest.mark.parametrize(("declared", "codec", "bom"), CASES)
def test_plain_feeds_in_those_encodings_pass(declared, codec, bom):
    data = bom + PLAIN.format(enc=declared).encode(codec)
    assert xml_prescan(data) == data
