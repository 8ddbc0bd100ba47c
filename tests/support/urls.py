"""Every URL pattern of the project, made concrete with the ids and slugs of given objects.

New endpoints are covered automatically: a parameter this module does not know gets a plain
value (1 or "x") and is still requested.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    pattern: str  # as written, prefixes joined
    name: str  # namespace:name
    view: str  # dotted path of the view

    @property
    def params(self) -> list[str]:
        return [m["name"] or m["rname"] for m in PARAM.finditer(self.pattern)]


def routes(*, include_admin: bool = False) -> Iterator[Route]:
    """Every URL pattern; DRF's format-suffix twins are left out (same view, same checks)."""

    def walk(resolver: URLResolver, prefix: str, ns: str) -> Iterator[Route]:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                inner = f"{ns}{p.namespace}:" if p.namespace else ns
                yield from walk(p, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern):
                pattern = prefix + str(p.pattern)
                if "<format>" in pattern or "<drf_format_suffix" in pattern:
                    continue
                yield Route(pattern, f"{ns}{p.name or ''}", p.lookup_str)

    for route in walk(get_resolver(), "", ""):
        if include_admin or not route.pattern.startswith("admin/"):
            yield route


def _value(route: Route, name: str, at: int, objects: dict) -> str:
    """The value for one parameter, chosen by its name and the resource before it."""
    before = route.pattern[:at]
    segment = [s for s in re.split(r"[/^$\\]+", re.sub(PARAM, "", before)) if s]
    resource = segment[-1] if segment else ""
    o = objects
    table = {
        ("cases", "slug"): o["case"].slug,
        ("parties", "slug"): o["party"].slug,
        ("claims", "claim"): o["claim"].slug,
        ("issues", "issue"): o["issue"].slug,
        ("documents", "document"): o["document"].slug,
        ("clauses", "ref"): o["clause"].ref,
        ("cases", "pk"): o["case"].pk,
        ("parties", "pk"): o["party"].pk,
        ("claims", "pk"): o["claim"].pk,
        ("issues", "pk"): o["issue"].pk,
        ("documents", "pk"): o["document"].pk,
        ("clauses", "pk"): o["clause"].pk,
        ("feeds", "pk"): o["feed"].pk,
        ("articles", "pk"): o["article"].pk,
        ("stories", "pk"): o["story"].pk,
        ("links", "pk"): o["link"].pk,
        ("link", "pk"): o["link"].pk,
        ("positions", "pk"): o["position"].pk,
        ("events", "pk"): o["event"].pk,
        ("review", "kind"): "link",
        ("history", "kind"): "link",
    }
    if (resource, name) in table:
        return str(table[(resource, name)])
    if name == "pk" and route.params[:1] == ["kind"]:
        return str(o["link"].pk)
    if name == "slug" and resource == "":
        return o["case"].slug
    if name == "pk":
        return str(o.get(resource.rstrip("s"), o["link"]).pk) if resource else "1"
    return {"uidb64": "MQ", "token": "set-password"}.get(name, "x")


def concrete(route: Route, objects: dict) -> str:
    """The route as a request path, e.g. /api/v1/links/12/."""
    path = route.pattern
    for match in reversed(list(PARAM.finditer(path))):
        name = match["name"] or match["rname"]
        path = (
            path[: match.start()]
            + _value(route, name, match.start(), objects)
            + path[match.end() :]
        )
    path = path.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
    if ".*" in path:
        path = path.replace(".*", "no-such-endpoint/")
    return "/" + path.lstrip("/")
