from __future__ import annotations

import pytest
from django.urls import reverse

from tracker.linking.models import Link, Position

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def tag_url(article) -> str:
    return reverse("review:tag", args=[article.pk])


def test_tag_page_shows_the_text_and_the_form(client, analyst, article, parties, issue):
    client.force_login(analyst)
    html = client.get(tag_url(article)).content.decode()
    assert "data-quote-source" in html
    assert 'name="quote"' in html and "data-quote-field" in html
    assert f'<option value="party:{parties["openai"].pk}">OpenAI</option>' in html
    assert f'<option value="issue:{issue.pk}">' in html
    assert '<script src="/static/js/review.js" defer></script>' in html
    assert " on" + "click=" not in html  # no inline handlers (CSP)


def test_tag_a_link_with_htmx(client, analyst, article, parties):
    client.force_login(analyst)
    response = client.post(
        tag_url(article),
        {
            "kind": "link",
            "target": f"party:{parties['openai'].pk}",
            "quote": "rival lab",
            "prefix": "The ",
            "suffix": " said distillation",
        },
        **HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<section id="tag-panel-{article.pk}"')
    assert "Saved: evidence of party “OpenAI”." in html
    link = Link.objects.get(article=article, party=parties["openai"])
    assert response["HX-Trigger"] == f'{{"review:tagged": {{"kind": "link", "id": {link.pk}}}}}'
    evidence = link.evidence.get()
    assert article.text.index("The rival lab said") + 4 == evidence.start  # the second place
    assert (link.origin, link.created_by) == ("analyst", analyst)


def test_tag_a_position_without_js_redirects_back(client, analyst, article, parties, issue):
    client.force_login(analyst)
    back = f"/articles/{article.pk}/"
    response = client.post(
        tag_url(article),
        {
            "kind": "position",
            "party": parties["openai"].pk,
            "issue": issue.pk,
            "stance": "opposes",
            "quote": "is theft of its work",
            "next": back,
        },
    )
    assert (response.status_code, response["Location"]) == (302, back)
    position = Position.objects.get()
    assert (position.party, position.issue, position.stance) == (
        parties["openai"],
        issue,
        "opposes",
    )


def test_a_quote_the_text_lacks_is_a_clear_error_in_the_form(client, analyst, article, parties):
    client.force_login(analyst)
    data = {"kind": "link", "target": f"party:{parties['musk'].pk}", "quote": "never said <this>"}
    response = client.post(tag_url(article), data, **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "does not contain the quote “never said &lt;this&gt;”." in html  # escaped
    assert ">never said &lt;this&gt;</textarea>" in html  # kept in the textarea
    assert 'aria-invalid="true"' in html
    assert not Link.objects.exists()

    response = client.post(tag_url(article), data)  # without JS: the page, with the error
    assert response.status_code == 400
    assert "Quote not found" in response.content.decode()


def test_position_needs_party_issue_and_stance(client, analyst, article):
    client.force_login(analyst)
    response = client.post(tag_url(article), {"kind": "position", "quote": "rival lab"}, **HX)
    assert response.status_code == 422
    html = response.content.decode()
    for label in ("party", "issue", "stance"):
        assert f"Pick the {label} for a position." in html
    assert not Position.objects.exists()


def test_anonymous_and_viewer_cannot_tag(client, viewer, article, parties):
    data = {"kind": "link", "target": f"party:{parties['musk'].pk}", "quote": "rival lab"}
    assert client.post(tag_url(article), data).status_code == 302
    assert client.get(tag_url(article)).status_code == 302
    client.force_login(viewer)
    assert client.post(tag_url(article), data).status_code == 403
    assert not Link.objects.exists()


def test_tag_form_include_renders_nothing_for_viewers(rf, viewer, analyst, article):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = viewer
    assert render_to_string("review/tag_form.html", {"article": article}, request).strip() == ""
    request.user = analyst
    assert 'name="quote"' in render_to_string("review/tag_form.html", {"article": article}, request)


def test_unknown_party_is_shown_by_the_party_field(client, analyst, article, issue):
    client.force_login(analyst)
    data = {
        "kind": "position",
        "party": "99999",
        "issue": issue.pk,
        "stance": "supports",
        "quote": "rival lab",
    }
    response = client.post(tag_url(article), data, **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert '<p class="field-error" role="alert">No party with id 99999.</p>' in html
    assert not Position.objects.exists()
