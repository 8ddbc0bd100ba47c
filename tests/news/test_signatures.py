"""Signatures for story clustering: features, MinHash bytes, lead dates."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.news import signatures


def test_signature_round_trip_and_determinism():
    text = "Elon Musk testified that xAI partly used OpenAI models to train Grok."
    m = signatures.minhash_of(text)
    assert signatures.minhash_of(text).hashvalues.tolist() == m.hashvalues.tolist()
    data = signatures.signature_bytes(m)
    assert (
        len(data) == len(signatures._HEADER) + signatures._KEY_BYTES + 4 + 4 * signatures.NUM_PERM
    )
    back = signatures.signature_from_bytes(memoryview(data))
    assert back is not None and back.jaccard(m) == 1.0
    assert signatures.signature_from_bytes(None) is None
    assert signatures.signature_from_bytes(b"junk") is None
    assert signatures.signature_from_bytes(data[:-4]) is None


def test_signature_keeps_the_text_key():
    text = "Google said today that distillation attacks are theft."
    key = signatures.text_key(text)
    data = signatures.signature_bytes(signatures.minhash_of(text), key=key)
    assert signatures.signature_key(data) == key
    assert signatures.signature_key(data) != signatures.text_key(text + " Updated.")
    assert signatures.signature_key(b"MH1:old") is None
    assert signatures.signature_key(None) is None


def test_signature_keeps_the_lead_day():
    m = signatures.minhash_of("text")
    day = dt.date(2026, 4, 30)
    assert signatures.signature_parse(signatures.signature_bytes(m, day=day)).day == day
    assert signatures.signature_parse(signatures.signature_bytes(m)).day is None


def test_features_ignore_case_quotes_and_stop_words():
    assert signatures.features_of("Musk said “Partly.”") == signatures.features_of(
        'musk SAID "partly"'
    )
    assert "the" not in signatures.features_of("The jury and the judge")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Musk testified today in Oakland.", dt.date(2026, 5, 1)),
        ("The judge ruled yesterday.", dt.date(2026, 4, 30)),
        ("On Thursday, Musk said partly.", dt.date(2026, 4, 30)),
        ("Google said on Friday that", dt.date(2026, 5, 1)),
        ("The ruling of March 4 stands.", dt.date(2026, 3, 4)),
        ("Filed on December 30, the suit", dt.date(2025, 12, 30)),
        ("Filed on April 9, 2025, the counterclaims", dt.date(2025, 4, 9)),
        ("No date here at all, in 2024.", None),
        ("A date on February 31 does not exist.", None),
    ],
)
def test_lead_date_resolves_against_publication(text, expected):
    assert signatures.lead_date(text, published=dt.date(2026, 5, 1)) == expected  # a Friday


def test_lead_date_without_publication_is_unknown():
    assert signatures.lead_date("Musk testified today.", published=None) is None
