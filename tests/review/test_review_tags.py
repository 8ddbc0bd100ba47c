"""The queue's template helpers that keep what they build for the rest of the page."""

from __future__ import annotations

from django.template import Context

from tracker.review.templatetags.review_tags import choice_options


def test_choice_options_are_kept_under_the_choices_not_their_id():
    """Two lists of choices on one page each get their own <option>s, whatever ids they had: a
    list freed during the page leaves its id to the next list made (keyed by id(), the second
    list was shown the first one's options)."""
    context = Context()
    shown = [choice_options(context, [(value, value.title())], "b") for value in "abcde"]
    assert shown == [
        f'<option value="{v}"{" selected" * (v == "b")}>{v.title()}</option>' for v in "abcde"
    ]


def test_choice_options_follow_a_list_changed_during_the_page():
    context = Context()
    choices = [("party", "Party")]
    assert (
        choice_options(context, choices, "party") == '<option value="party" selected>Party</option>'
    )
    choices.append(("claim", "Claim"))
    assert choice_options(context, choices, "claim") == (
        '<option value="party">Party</option><option value="claim" selected>Claim</option>'
    )
    assert choice_options(context, choices, "party").count("<option") == 2
