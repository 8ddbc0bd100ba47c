"""Resolve what an analyst names (a party's name or alias, a slug, "doc#ref", an id) to a model."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Model, Q

from tracker.cases.models import Alias, Case, Claim, Clause, Event, Issue, Party
from tracker.linking.models import TARGET_TYPES

TARGET_MODELS: dict[str, type[Model]] = {
    "party": Party,
    "claim": Claim,
    "issue": Issue,
    "clause": Clause,
    "case": Case,
    "event": Event,
}


def _problem(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _one(queryset, *, target_type: str, target: str, case: Case | None, field: str):
    found = list(queryset[:2])
    if not found:
        where = f" in case {case.slug!r}" if case is not None else ""
        raise _problem(field, f"No {target_type} called {target!r}{where}.", "not_found")
    if len(found) > 1:
        raise _problem(
            field, f"{target!r} names more than one {target_type}; say which case.", "ambiguous"
        )
    return found[0]


def _by_party_name(name: str, case: Case | None, args: dict) -> Model:
    """A party by name, slug or alias; within the case first when one is given."""
    alias_party = Alias.objects.filter(name__iexact=name).values("party_id")
    query = Q(name__iexact=name) | Q(slug__iexact=name) | Q(pk__in=alias_party)
    if case is not None:
        in_case = Party.objects.filter(query, roles__case=case).distinct()
        if in_case.exists():
            return _one(in_case, **args)
    return _one(Party.objects.filter(query).distinct(), **{**args, "case": None})


def _by_case_topic(model: type[Model], name: str, case: Case | None, args: dict) -> Model:
    """A claim or issue by slug or title, within the case when one is given."""
    queryset = model.objects.filter(Q(slug__iexact=name) | Q(title__iexact=name))
    if case is not None:
        queryset = queryset.filter(case=case)
    return _one(queryset, **args)


def _by_clause_ref(name: str, case: Case | None, args: dict) -> Model:
    """A clause as "document-slug#ref", or a bare ref (within the case's documents first)."""
    queryset = Clause.objects.select_related("document")
    if "#" in name:
        doc, ref = name.split("#", 1)
        queryset = queryset.filter(document__slug__iexact=doc.strip(), ref__iexact=ref.strip())
    else:
        queryset = queryset.filter(ref__iexact=name)
        if case is not None:
            in_case = queryset.filter(document__cases=case)
            if in_case.exists():
                queryset = in_case
    return _one(queryset, **{**args, "case": None})


def _by_event(name: str, case: Case | None, args: dict) -> Model:
    """An event by id or title, within the case when one is given."""
    queryset = Event.objects.all()
    if case is not None:
        queryset = queryset.filter(case=case)
    if name.isdigit():
        return _one(queryset.filter(pk=int(name)), **args)
    return _one(queryset.filter(title__iexact=name), **args)


def _given(model: type[Model], target_type: str, target: object, field: str) -> Model | None:
    """The target itself when it is an instance or an id, None when it is a name."""
    if isinstance(target, Model):
        if not isinstance(target, model):
            raise _problem(
                field, f"{target!r} is a {type(target).__name__}, not a {target_type}.", "invalid"
            )
        return target
    if isinstance(target, int) and not isinstance(target, bool):
        found = model.objects.filter(pk=target).first()
        if found is None:
            raise _problem(field, f"No {target_type} with id {target}.", "not_found")
        return found
    return None


def target_resolve(
    *, target_type: str, target: object, case: Case | None = None, field: str = "target"
) -> Model:
    """The party, claim, issue, clause, case or event that `target` names.

    Accepts a model instance of the right kind, a primary key (int or digits), a party's name,
    slug or alias, a claim's or issue's slug or title, a clause as "document-slug#ref" or a bare
    ref, an event's id or title, a case's slug. Names are matched without regard to case.
    Raises ValidationError naming the problem, on `field` ("target_type" for an unknown type).
    """
    if target_type not in TARGET_MODELS:
        raise _problem(
            "target_type",
            f"Unknown target type {target_type!r}; use one of {', '.join(TARGET_TYPES)}.",
            "invalid",
        )
    model = TARGET_MODELS[target_type]
    given = _given(model, target_type, target, field)
    if given is not None:
        return given
    name = str(target or "").strip()
    if not name:
        raise _problem(field, f"Say which {target_type}.", "required")
    args = {"target_type": target_type, "target": name, "case": case, "field": field}
    if target_type == "party":
        return _by_party_name(name, case, args)
    if target_type in ("claim", "issue"):
        return _by_case_topic(model, name, case, args)
    if target_type == "clause":
        return _by_clause_ref(name, case, args)
    if target_type == "event":
        return _by_event(name, case, args)
    return _one(Case.objects.filter(slug__iexact=name), **{**args, "case": None})
