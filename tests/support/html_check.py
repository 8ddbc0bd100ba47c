"""Find what hostile content could run in a page: script, handlers, javascript:/data: URLs.

`html_problems(html)` parses with the standard library's html.parser (as a browser would
tokenise it) and returns one line per problem; an empty list means the page is clean.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

URL_ATTRS = {
    "href", "src", "action", "formaction", "poster", "background", "xlink:href", "data",
    "lowsrc", "ping", "cite", "srcset", "longdesc", "manifest", "codebase", "dynsrc",
}  # fmt: skip
BANNED_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.I)
CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _scheme_bad(value: str) -> bool:
    return any(BAD_SCHEME.match(CONTROL.sub("", part).strip()) for part in value.split(","))


class _Checker(HTMLParser):
    def __init__(self, *, allow_style: bool, script_paths: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.allow_style = allow_style
        self.script_paths = ("/static/", *script_paths)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)[:160]}>"
        if tag == "script":
            src = (found.get("src") or "").strip()
            kind = (found.get("type") or "").strip().lower()
            if kind in ("application/json", "application/ld+json"):
                pass  # data, not code: checked for </script> breakout by the parser itself
            elif not src.startswith(self.script_paths):
                self.problems.append(f"script not from /static/: {where}")
        if tag in BANNED_TAGS and not (tag == "style" and self.allow_style):
            self.problems.append(f"banned element: {where}")
        rel, href = (found.get("rel") or "").lower(), found.get("href") or ""
        if tag == "link" and "stylesheet" in rel and not href.startswith("/static/"):
            self.problems.append(f"stylesheet not from /static/: {where}")
        if tag == "meta" and (found.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"meta refresh: {where}")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on") or name.startswith(("hx-on", "data-hx-on")):
                self.problems.append(f"event handler attribute {name}: {where}")
            elif name == "style" and not self.allow_style:
                self.problems.append(f"style attribute: {where}")
            elif name in URL_ATTRS and value and _scheme_bad(value):
                self.problems.append(f"{name} with a script/data URL: {where}")
            elif name in ("hx-vals", "hx-vars", "data-hx-vals") and "js:" in (value or ""):
                self.problems.append(f"{name} evaluates script: {where}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def html_problems(
    html: str, *, allow_style: bool = False, script_paths: tuple[str, ...] = ()
) -> list[str]:
    """Problems in `html`. allow_style: a third-party page's own inline CSS is tolerated (CSP
    blocks it anyway); script_paths: same-origin script URLs allowed besides /static/."""
    checker = _Checker(allow_style=allow_style, script_paths=script_paths)
    checker.feed(html)
    checker.close()
    return checker.problems
