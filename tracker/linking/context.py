"""What linking reads of the case files, cached between calls: cases with their parties'
sides and events, party kinds and names, issues' and claims' words, breach patterns and claim
phrases, the collectives speaking for each side (`Context`, analysis.py).

Building it stems every name and compiles every claim's and collective's patterns (the bulk of
a small ingest's time), so `linking_state` keeps it, like the matcher, until the stamp of the
tables it reads changes: the matcher's fingerprint (parties, aliases, roles, cases, claims,
issues, clauses) read in the same query with the events' count, highest id, summed versions and
latest write, and the summed versions of parties, claims and issues (an `update()` moves them)
and the roles' history. It is also rebuilt with the matcher (`matcher_invalidate`). Each call gets
its own list of each case's events: linking appends the events it suggests to them.
"""

from __future__ import annotations

import dataclasses
import re
import threading

from django.db import connection

from tracker.cases.models import CaseParty, Claim, Event, Issue, Party
from tracker.linking.analysis import (
    DEFENDANT_SIDE,
    PLAINTIFF_SIDE,
    CaseInfo,
    Context,
    issue_whom,
)
from tracker.linking.claimphrases import claims_phrases
from tracker.linking.events import EventInfo, keyword_stems, stems
from tracker.linking.issuewords import issue_words
from tracker.linking.matcher import Matcher, breach_pattern, claim_names, fingerprint, matcher_get
from tracker.linking.speakers import (
    Collective,
    collective_pattern,
    collective_words,
    side_nouns,
)
from tracker.linking.stances import (
    issue_agreed,
    issue_asks_protection,
    issue_framing,
    issue_framing_told,
)

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, Matcher, Context]] = {}


def _stamp_extra() -> tuple[tuple[str, str], ...]:
    """What the context reads beyond the matcher's tables, as (aggregate, table) pairs."""
    event = Event._meta.db_table
    return (
        ("COUNT(*)", event),
        ("MAX(id)", event),
        ("SUM(version)", event),
        ("MAX(updated_at)", event),
        ("SUM(version)", Party._meta.db_table),
        ("SUM(version)", Claim._meta.db_table),
        ("SUM(version)", Issue._meta.db_table),
        ("MAX(history_id)", CaseParty.history.model._meta.db_table),
    )


def linking_state() -> tuple[Matcher, Context]:
    """The matcher and the context, each rebuilt only when what it reads changed (one query)."""
    extra = _stamp_extra()
    stamp = fingerprint(extra)
    matcher = matcher_get(stamp[: len(stamp) - len(extra)])
    key = connection.alias
    with _lock:
        cached = _cache.get(key)
    if cached is not None and cached[0] == stamp and cached[1] is matcher:
        return matcher, _own_events(cached[2])
    context = context_load()
    with _lock:
        _cache[key] = (stamp, matcher, context)
    return matcher, _own_events(context)


def _own_events(context: Context) -> Context:
    """The context with a list of events per case of its own (the rest is only read)."""
    cases = {
        case_id: dataclasses.replace(case, events=list(case.events))
        for case_id, case in context.cases.items()
    }
    return dataclasses.replace(context, cases=cases)


def context_load() -> Context:
    """Cases with their parties' sides and events, and party kinds: a few queries."""
    from tracker.cases.models import Alias, Case

    cases = {case_id: CaseInfo(id=case_id) for case_id in Case.objects.values_list("id", flat=True)}
    judges: set[int] = set()
    suing: dict[int, set[int]] = {}  # case id -> plaintiffs' ids, counter-defendants' negated
    for case_id, party_id, role in CaseParty.objects.values_list("case_id", "party_id", "role"):
        case = cases[case_id]
        case.party_ids.add(party_id)
        if role == "judge":
            judges.add(party_id)
        if role in PLAINTIFF_SIDE:
            case.sides.setdefault(party_id, set()).add("p")
            suing.setdefault(case_id, set()).add(party_id if role == "plaintiff" else -party_id)
        if role in DEFENDANT_SIDE:
            case.sides.setdefault(party_id, set()).add("d")
    for case_id, ids in suing.items():  # counter-defendants that are no plaintiff
        cases[case_id].sued_only = frozenset(-i for i in ids if i < 0 and -i not in ids)
    words: dict[int, list[str]] = {}
    for party_id, name in Party.objects.values_list("id", "name"):
        words.setdefault(party_id, []).append(name)
    for party_id, name in Alias.objects.values_list("party_id", "name"):
        words.setdefault(party_id, []).append(name)
    for case in cases.values():
        case.names = frozenset().union(
            *(stems(name) for party_id in case.party_ids for name in words.get(party_id, ()))
        )
    for event in Event.objects.values(
        "id", "case_id", "date", "precision", "title", "status", "kind", "keywords"
    ):
        keywords = tuple(
            keyword_stems(k) for k in event.pop("keywords") or [] if isinstance(k, str)
        )
        case = cases[event["case_id"]]
        case.events.append(
            EventInfo(**event, stems=stems(event["title"]), keywords=keywords, names=case.names)  # type: ignore[arg-type]
        )
    kinds = dict(Party.objects.values_list("id", "kind"))
    _short_forms_load(cases, words, kinds)
    issues = list(Issue.objects.values_list("id", "case_id", "title", "description", "keywords"))
    case_names = {case.id: case.names for case in cases.values()}
    own_words = issue_words(issues, case_names)
    names = {party_id: names[0] for party_id, names in words.items() if names}
    return Context(
        cases=cases,
        **_questions(issues),
        kinds=kinds,
        judges=judges,
        names=names,
        issue_words=own_words,
        whom={row[0]: whom for row in issues if (whom := issue_whom(row[2], row[4] or []))},
        collectives=_collectives_load(cases),
        **_claims_load(case_names),
    )


# The last words of a company's name that are no name of its own ("Dow Jones & Company").
_NOT_SHORT = frozenset(
    [
        "Company",
        "Co",
        "Corp",
        "Corporation",
        "Inc",
        "LLC",
        "Ltd",
        "Group",
        "Holdings",
        "AI",
        "Labs",
        "Technologies",
        "Media",
    ]
)


def _short_forms_load(
    cases: dict[int, CaseInfo], words: dict[int, list[str]], kinds: dict[int, str]
) -> None:
    """Per case, "the Post" for an organisation whose name or alias of three words or more ends
    in a capitalised word of its own ("New York Post"), unless another of the case's parties
    could be called so too."""
    for case in cases.values():
        found: dict[str, set[int]] = {}
        for party_id in case.party_ids:
            if kinds.get(party_id) != "organization":
                continue
            for name in words.get(party_id, ()):
                parts = name.split()
                last = parts[-1] if len(parts) >= 3 else ""
                if last.isalpha() and last[:1].isupper() and last not in _NOT_SHORT:
                    found.setdefault(last, set()).add(party_id)
        case.short_forms = tuple(
            (next(iter(ids)), re.compile(rf"\b[Tt]he\s+({last})\b"))
            for last, ids in sorted(found.items())
            if len(ids) == 1
        )


_LEAD = re.compile(r"\blead\b|\bclass\s+representative\b", re.IGNORECASE)


def _leads(members: tuple[int, ...], descriptions: dict[int, str]) -> tuple[int, ...]:
    """The parties a side's collective speaks for when the case file names a lead ("lead
    named plaintiff and class representative") and the text names none of the side's parties."""
    return tuple(p for p in members if _LEAD.search(descriptions.get(p) or ""))


def _collectives_load(cases: dict[int, CaseInfo]) -> dict[int, list[Collective]]:
    """Per case, the phrases speaking for each side's parties (speakers.side_nouns: "the
    plaintiffs", and "the authors" when its parties are described as authors)."""
    ids = {p for case in cases.values() for p in case.sides}
    descriptions = dict(Party.objects.filter(id__in=ids).values_list("id", "description"))
    out: dict[int, list[Collective]] = {}
    for case in cases.values():
        for side in ("p", "d"):
            members = tuple(sorted(p for p, s in case.sides.items() if side in s))
            nouns = side_nouns(side, (descriptions.get(p) or "" for p in members))
            pattern = collective_pattern(nouns, side) if members else None
            if pattern is not None:
                words = collective_words(nouns, side)
                leads = _leads(members, descriptions)
                collective = Collective(case.id, pattern, members, words, leads)
                out.setdefault(case.id, []).append(collective)
    return out


def _claims_load(names: dict[int, frozenset[str]]) -> dict:
    """Per case, its claims of breach that name what was breached (matcher.breach_pattern),
    and each claim's own words (issuewords: title, description and keywords less the case's
    party names and the words its other claims share)."""
    claims = list(Claim.objects.values_list("id", "case_id", "title", "description", "keywords"))
    breaches: dict[int, list[tuple[int, re.Pattern[str]]]] = {}
    for claim_id, case_id, title, *_ in claims:
        if (pattern := breach_pattern(title or "")) is not None:
            breaches.setdefault(case_id, []).append((claim_id, pattern))
    rows = [(c, case, t or "", d or "", k or []) for c, case, t, d, k in claims]
    told: dict[int, list[tuple[int, list[str]]]] = {}
    for claim_id, case_id, title, _, keywords in rows:
        said = [k for k in keywords if isinstance(k, str)] + claim_names(title)
        told.setdefault(case_id, []).append((claim_id, said))
    phrases = {case_id: claims_phrases(c) for case_id, c in told.items()}
    return {
        "breaches": breaches,
        "claim_words": issue_words(rows, names),
        "claim_phrases": {c: p for c, p in phrases.items() if p},
    }


def _questions(issues: list[tuple]) -> dict:
    """What each issue's question asks (stances.py reads its title): the Context fields
    `framing`, `protection`, `agreed` and `guessed`."""
    return {
        "framing": {row[0]: -1 for row in issues if issue_framing(row[2]) < 0},
        "protection": frozenset(row[0] for row in issues if issue_asks_protection(row[2])),
        "agreed": frozenset(row[0] for row in issues if issue_agreed(row[2])),
        "guessed": frozenset(row[0] for row in issues if not issue_framing_told(row[2])),
    }
