"""The words news uses for a lawsuit, said once: the nouns of the filing that starts one and
the verb to sue. suits.py, eventwords.py, speakers.py, reporting.py and routing.py build their
patterns from these (each with its own frame: "X sued Y", "hit with a lawsuit", "its new suit").
"""

from __future__ import annotations

SUIT_NOUNS = ("suit", "lawsuit", "complaint")  # the filing: "its complaint", "the lawsuit"
SUE_FORMS = ("sued", "sues", "suing")
SUIT_NOUN = "(?:" + "|".join(SUIT_NOUNS) + ")"  # a regex piece, no word boundaries
SUE = "(?:" + "|".join(SUE_FORMS) + ")"
