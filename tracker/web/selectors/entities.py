"""Party, claim, issue and clause pages: what they are and the articles that cite them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from tracker.cases.models import Case, CaseParty, Claim, Clause, ClauseVersion, Issue, Party
from tracker.linking.membership import LIVE
from tracker.linking.models import Evidence, Link, Position
from tracker.review.quotes import context_cut
from tracker.web.text import DiffPart, text_diff

CITATIONS_MAX = 100
QUOTES_SHOWN = 2  # quotes shown per citing article; the rest are counted


@dataclass(frozen=True)
class Snippet:
    """A quote in its sentence: the words before and after it, cut at word boundaries."""

    pk: int
    before: str
    exact: str
    after: str


def _snippet(evidence: Evidence) -> Snippet:
    before, after = context_cut(evidence.prefix, evidence.suffix, start=evidence.start)
    return Snippet(evidence.pk, before, evidence.exact, after)


def _citations(**target: object) -> list[Link]:
    """The newest links (not rejected) to a target, with their article and quotes; two queries.
    Each link carries `snippets`: its distinct quotes in context (a name mentioned five times
    in the same words is shown once), at most QUOTES_SHOWN, and `more_quotes`."""
    links = list(
        Link.objects.filter(status__in=LIVE, **target)
        .select_related("article")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("start")))
        .order_by("-article__published", "-article_id")[:CITATIONS_MAX]
    )
    for link in links:
        seen: dict[tuple[str, str, str], Snippet] = {}
        for evidence in link.evidence.all():
            snippet = _snippet(evidence)
            seen.setdefault((snippet.before.lower(), snippet.exact.lower(), snippet.after), snippet)
        snippets = list(seen.values())
        link.snippets = snippets[:QUOTES_SHOWN]
        link.more_quotes = len(link.evidence.all()) - len(link.snippets)
    return links


def _distinct_positions(positions: list[Position]) -> list[Position]:
    """One position per issue, stance and quote (syndicated copies repeat the same words);
    each kept one carries `copies`, how many it stands for."""
    kept: dict[tuple, Position] = {}
    for position in positions:
        key = (position.issue_id, position.stance, " ".join(position.quote.lower().split()))
        if key in kept:
            kept[key].copies += 1
        else:
            position.copies = 1
            kept[key] = position
    return list(kept.values())


@dataclass
class CaseRoles:
    case: Case
    roles: list[str]


@dataclass
class PartyPage:
    party: Party
    aliases: list[str]
    roles: list[CaseRoles]  # one per case, however many roles the party has in it
    positions: list[Position]
    claims_made: list[Claim]
    claims_faced: list[Claim]
    citations: list[Link]


def party_page(*, slug: str) -> PartyPage:
    party = Party.objects.filter(slug=slug).first()
    if party is None:
        raise Http404("No such party.")
    return PartyPage(
        party=party,
        aliases=list(party.aliases.values_list("name", flat=True)),
        roles=_roles(party),
        positions=_distinct_positions(
            list(
                Position.objects.filter(party=party, status__in=LIVE)
                .select_related("issue__case", "article")
                .order_by("-date", "-id")[:CITATIONS_MAX]
            )
        ),
        claims_made=list(Claim.objects.filter(by=party).select_related("case")),
        claims_faced=list(Claim.objects.filter(against=party).select_related("case")),
        citations=_citations(party=party),
    )


def _roles(party: Party) -> list[CaseRoles]:
    by_case: dict[int, CaseRoles] = {}
    for role in (
        CaseParty.objects.filter(party=party).select_related("case").order_by("case__title", "role")
    ):
        entry = by_case.setdefault(role.case_id, CaseRoles(role.case, []))
        entry.roles.append(role.get_role_display())
    return list(by_case.values())


@dataclass
class ClaimPage:
    case: Case
    claim: Claim
    by: list[Party]
    against: list[Party]
    citations: list[Link]


def claim_page(*, case_slug: str, claim_slug: str) -> ClaimPage:
    claim = Claim.objects.select_related("case").filter(case__slug=case_slug, slug=claim_slug)
    claim = claim.first()
    if claim is None:
        raise Http404("No such claim.")
    return ClaimPage(
        case=claim.case,
        claim=claim,
        by=list(claim.by.all()),
        against=list(claim.against.all()),
        citations=_citations(claim=claim),
    )


@dataclass
class IssuePage:
    case: Case
    issue: Issue
    positions: list[Position]
    citations: list[Link]


def issue_page(*, case_slug: str, issue_slug: str) -> IssuePage:
    issue = Issue.objects.select_related("case").filter(case__slug=case_slug, slug=issue_slug)
    issue = issue.first()
    if issue is None:
        raise Http404("No such issue.")
    return IssuePage(
        case=issue.case,
        issue=issue,
        positions=_distinct_positions(
            list(
                Position.objects.filter(issue=issue, status__in=LIVE)
                .select_related("party", "article")
                .order_by("party__name", "-date", "-id")[:CITATIONS_MAX]
            )
        ),
        citations=_citations(issue=issue),
    )


@dataclass
class IssueAcross:
    slug: str
    issues: list[Issue]  # one per case that asks the question
    positions: list[Position]
    citations: list[Link]


def issue_across(*, slug: str) -> IssueAcross:
    """An issue several cases share (same slug), its positions and citations in all of them."""
    issues = list(Issue.objects.filter(slug=slug).select_related("case").order_by("case__title"))
    if not issues:
        raise Http404("No such issue.")
    return IssueAcross(
        slug=slug,
        issues=issues,
        positions=_distinct_positions(
            list(
                Position.objects.filter(issue__in=issues, status__in=LIVE)
                .select_related("party", "article", "issue__case")
                .order_by("party__name", "-date", "-id")[:CITATIONS_MAX]
            )
        ),
        citations=_citations(issue__in=issues),
    )


@dataclass
class ClausePage:
    clause: Clause
    versions: list[ClauseVersion]
    old: ClauseVersion | None
    new: ClauseVersion | None
    diff: list[DiffPart]
    citations: list[Link]
    cases: list[Case]


def _pick(versions: list[ClauseVersion], value: str | None) -> ClauseVersion | None:
    return next((v for v in versions if str(v.pk) == (value or "")), None)


def clause_page(
    *, document_slug: str, ref: str, old: str | None = None, new: str | None = None
) -> ClausePage:
    """The clause, its versions, the difference between two of them (the last two unless
    chosen) and the articles that cite it."""
    clause = Clause.objects.select_related("document__owner").filter(
        document__slug=document_slug, ref=ref
    )
    clause = clause.first()
    if clause is None:
        raise Http404("No such clause.")
    versions = list(clause.versions.order_by("effective"))
    newer = _pick(versions, new) or (versions[-1] if versions else None)
    older = _pick(versions, old) or (versions[-2] if len(versions) > 1 else None)
    if older and newer and older.effective > newer.effective:
        older, newer = newer, older
    diff = text_diff(older.text, newer.text) if older and newer and older != newer else []
    return ClausePage(
        clause=clause,
        versions=versions,
        old=older,
        new=newer,
        diff=diff,
        citations=_citations(clause=clause),
        cases=list(clause.document.cases.all()),
    )
