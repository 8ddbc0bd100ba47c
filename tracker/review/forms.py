"""The manual tagging form: a quote from the article and what it is evidence of."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from tracker.linking.models import TARGET_TYPES, Position


class TagForm(forms.Form):
    KINDS = (("link", "Evidence of…"), ("position", "A position"))

    kind = forms.ChoiceField(choices=KINDS, initial="link", widget=forms.RadioSelect)
    target = forms.CharField(required=False, max_length=400)
    party = forms.CharField(required=False, max_length=400)
    issue = forms.CharField(required=False, max_length=400)
    stance = forms.ChoiceField(choices=[("", "—"), *Position.Stance.choices], required=False)
    quote = forms.CharField(max_length=2000, widget=forms.Textarea)
    # not stripped: the spaces next to the quote help pick the right one of several places
    prefix = forms.CharField(required=False, max_length=400, strip=False, widget=forms.HiddenInput)
    suffix = forms.CharField(required=False, max_length=400, strip=False, widget=forms.HiddenInput)

    def clean_target(self) -> tuple[str, str] | None:
        """ "party:12" (from the list) -> ("party", "12")."""
        value = self.cleaned_data.get("target", "").strip()
        if not value:
            return None
        target_type, _, ident = value.partition(":")
        if target_type not in TARGET_TYPES or not ident:
            raise ValidationError("Pick what the quote is evidence of from the list.")
        return target_type, ident

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == "link" and not data.get("target"):
            self.add_error("target", "Pick what the quote is evidence of.")
        if data.get("kind") == "position":
            for name, label in (("party", "party"), ("issue", "issue"), ("stance", "stance")):
                if not data.get(name):
                    self.add_error(name, f"Pick the {label} for a position.")
        return data
