"""Asking a court for something, as reports tell it: one pattern for the headline acts
(news/signatures.py), the event kinds (linking/eventwords.py) and the reporting verbs
(linking/reporting.py). Lower case: matched in lower-cased or case-folded text."""

from __future__ import annotations

# The acts a party asks a court for.
_ASKED = (
    r"(?:dismiss|toss|throw\s+out|strike|compel|stay|remand|transfer|block|halt|intervene|"
    r"consolidate|overturn|reverse|vacate|pause|enjoin|freeze|bar|send)"
)
COURT_REQUEST = (
    # "asked a judge to toss", "urges the appeals court to", "called on the justices to"
    r"(?:ask(?:s|ed|ing)?|urg(?:e|es|ed|ing)|petition(?:s|ed|ing)?|call(?:s|ed|ing)?\s+on)\s+"
    r"(?:[\w.'’-]+\s+){0,3}?(?:courts?|judges?|justices|panel)\b|"
    # "moved to dismiss", "files motion to dismiss", "a bid to block", "seeks to toss"
    r"(?:mov(?:e|es|ed|ing)|motions?|bids?|requests?|petitions?|seek(?:s|ing)?|sought)\s+to\s+"
    rf"(?:[\w-]+\s+)?{_ASKED}\b|"
    # "seeks dismissal", "a motion for summary judgment", "moved for", "seeking an injunction"
    r"(?:seek(?:s|ing)?|sought|motions?|bids?|requests?|petitions?|mov(?:e|es|ed|ing)(?=\s+for))\s+"
    r"(?:for\s+)?(?:an?\s+|the\s+)?"
    r"(?:dismissal|(?:preliminary\s+|permanent\s+)?injunction|summary\s+judg(?:e)?ment|"
    r"restraining\s+order|new\s+trial)\b"
)
