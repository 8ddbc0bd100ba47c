"""Forms for the alerts pages: follow something, add a webhook endpoint."""

from __future__ import annotations

from django import forms

from tracker.cases.models import Case, Claim, Clause, Event, Issue, Party

from .models import Endpoint, Frequency

TARGET_MODELS = {"party": Party, "claim": Claim, "issue": Issue, "clause": Clause}


def target_choices(case: Case) -> list[tuple[str, str]]:
    """ "case" and "<type>:<id>" for every party, claim, issue and clause of the case."""
    choices = [("case", f"The whole case: {case}")]
    parties = Party.objects.filter(roles__case=case).distinct().order_by("name")
    choices += [(f"party:{p.pk}", f"Party: {p.name}") for p in parties]
    choices += [(f"claim:{c.pk}", f"Claim: {c.title}") for c in case.claims.order_by("title")]
    choices += [(f"issue:{i.pk}", f"Issue: {i.title}") for i in case.issues.order_by("title")]
    clauses = Clause.objects.filter(document__cases=case).select_related("document")
    choices += [(f"clause:{c.pk}", f"Clause: {c}") for c in clauses.order_by("document", "ref")]
    return choices


class FollowForm(forms.Form):
    case = forms.ModelChoiceField(
        queryset=Case.objects.all(), to_field_name="slug", widget=forms.HiddenInput
    )
    target = forms.ChoiceField(choices=[("case", "The whole case")], initial="case", label="Follow")
    on_events = forms.BooleanField(required=False, initial=True, label="New accepted events")
    on_evidence = forms.BooleanField(
        required=False, initial=True, label="New evidence (accepted links)"
    )
    on_positions = forms.BooleanField(required=False, initial=True, label="New or changed stances")
    event_kinds = forms.MultipleChoiceField(
        choices=Event.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Only these kinds of events (none ticked: every kind)",
    )
    frequency = forms.ChoiceField(choices=Frequency.choices, initial=Frequency.IMMEDIATE)
    email = forms.BooleanField(required=False, initial=True, label="By e-mail")
    address = forms.EmailField(
        required=False,
        label="Your e-mail address",
        help_text="Your account has none yet: alerts by e-mail go here, and it is saved to it.",
    )
    endpoint = forms.ModelChoiceField(
        queryset=Endpoint.objects.none(), required=False, label="To webhook"
    )

    def __init__(self, *args, user, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        endpoints = Endpoint.objects.filter(user=user)
        self.fields["endpoint"].queryset = endpoints
        self.fields["target"].choices = target_choices(case)
        self.case = case
        self.target_type, self.target = "case", None
        # Ask for what delivery needs: an address when the account has none. Default to what
        # works: a user with a webhook and no address gets the webhook ticked, not e-mail.
        self.needs_address = not (getattr(user, "email", "") or "").strip()
        if not self.needs_address:
            del self.fields["address"]
        elif not self.is_bound:
            endpoint = endpoints.filter(disabled_at__isnull=True).first()
            if endpoint is not None:
                self.initial.update(email=False, endpoint=endpoint.pk)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("case") is not None and data["case"] != self.case:
            raise forms.ValidationError("The case changed; start again from the case.")
        choice = data.get("target") or "case"
        if choice != "case":
            kind, _, pk = choice.partition(":")
            self.target_type = kind
            self.target = TARGET_MODELS[kind].objects.filter(pk=int(pk)).first()
            if self.target is None:
                raise forms.ValidationError(f"That {kind} no longer exists.")
        if not (data.get("on_events") or data.get("on_evidence") or data.get("on_positions")):
            raise forms.ValidationError("Choose at least one thing to hear about.")
        if not data.get("email") and not data.get("endpoint"):
            raise forms.ValidationError("Choose how to hear: by e-mail, to a webhook, or both.")
        if data.get("email") and self.needs_address and not data.get("address"):
            self.add_error(
                "address",
                "Alerts by e-mail need an address: give one, or untick “By e-mail” and "
                "choose a webhook.",
            )
        return data


class EndpointForm(forms.Form):
    url = forms.URLField(max_length=2000, label="Webhook URL", assume_scheme="https")
