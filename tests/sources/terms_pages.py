"""Successive versions of a made-up terms page, in the project's own words, for the tests."""

from __future__ import annotations


def page(
    *sections: tuple[str, str], updated: str = "January 5, 2025", title: str = "Terms"
) -> bytes:
    body = "".join(f"<h2>{head}</h2><p>{text}</p>" for head, text in sections)
    return (
        f"<!doctype html><html><head><title>Example {title}</title><script>track()</script>"
        f"</head><body><nav><a href='/'>Home</a></nav><h1>Example {title} of Use</h1>"
        f"<p>Last updated: {updated}</p>{body}<footer>Example Co.</footer></body></html>"
    ).encode()


ACCOUNTS = ("1. Accounts", "You keep your login details to yourself and tell us about misuse.")
OUTPUT = (
    "2. Using output",
    "You may use what the service produces for your own work, but not to build a model that "
    "competes with ours.",
)
OUTPUT_V2 = (
    "2. Using output",
    "You may use what the service produces for your own work, but not to train, distill or "
    "otherwise build a model that competes with ours.",
)
ENDING = ("3. Ending", "Either side may end this agreement with thirty days of written notice.")
LAW = (
    "4. Governing law",
    "The courts of the State of Example decide any dispute about these terms.",
)

V1 = page(ACCOUNTS, OUTPUT, ENDING)
V2 = page(ACCOUNTS, OUTPUT_V2, LAW, updated="March 1, 2025")  # changed, removed, added
V3 = page(ACCOUNTS, OUTPUT_V2, LAW, ENDING, updated="March 9, 2025")  # ENDING comes back
NOT_TERMS = (
    b"<html><head><title>Oops</title></head><body><h1>Page not found</h1>"
    b"<p>Try the home page.</p></body></html>"
)
