"""The schema passes openapi-spec-validator, and a client generated from it by
openapi-python-client (a subprocess into tmp_path, no network) does a client's work: lists,
filters, pages, creates a link with evidence, PATCHes with If-Match and handles the 409."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from tracker.linking.models import Link

PACKAGE = "tracker_client"


def test_schema_is_valid_openapi(served, tmp_path):
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(served.schema()))  # as the live server serves it
    spec, _ = read_from_filename(str(path))
    validate(spec)  # raises on any violation of the OpenAPI 3 specification
    assert spec["paths"]["/api/v1/links/"]["get"]["security"][-1] == {}  # anonymous read
    assert {} not in spec["paths"]["/api/v1/links/"]["post"]["security"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The client package openapi-python-client generates from the schema (the same document
    /api/schema/ serves; generated once for this module)."""
    tmp_path = tmp_path_factory.mktemp("client")
    schema = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    config = tmp_path / "config.yaml"
    config.write_text("post_hooks: []\n")  # no formatting pass: it changes nothing we test
    tool = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(
        [tool, "generate", "--path", schema, "--output-path", tmp_path / PACKAGE]
        + ["--meta", "none", "--config", config],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # Every operation that takes or returns JSON became a module: none was left out.
    assert "Unable to generate" not in result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    yield lambda name: importlib.import_module(f"{PACKAGE}.{name}")
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        del sys.modules[name]


def test_generated_client_reads_anonymously_filters_and_pages(served, generated):
    client = generated("client").Client(base_url=served.url, raise_on_unexpected_status=True)
    links_list = generated("api.links.v1_links_list")
    status = generated("models.v1_links_list_status").V1LinksListStatus

    everything = links_list.sync(client=client)
    assert len(everything.results) == Link.objects.count() == 4

    accepted = links_list.sync(client=client, status=status.ACCEPTED)
    assert [link.status for link in accepted.results] == ["accepted"]

    seen, cursor = [], generated("types").UNSET
    while True:
        page = links_list.sync(client=client, page_size=1, cursor=cursor)
        assert len(page.results) == 1
        seen += [link.id for link in page.results]
        if not page.next_:
            break
        cursor = parse_qs(urlsplit(page.next_).query)["cursor"][0]  # as the server gave it
    assert sorted(seen) == sorted(Link.objects.values_list("pk", flat=True))

    bad = links_list.sync_detailed(client=client, cursor="not-a-cursor")
    assert bad.status_code == HTTPStatus.BAD_REQUEST
    assert "cursor" in bad.parsed.additional_properties


def test_generated_client_creates_a_link_with_evidence_and_patches_with_if_match(served, generated):
    client = generated("client").AuthenticatedClient(
        base_url=served.url, token=served.token, prefix="Token"
    )
    models = generated("models")
    create = generated("api.links.v1_links_create")
    patch = generated("api.links.v1_links_partial_update")
    body = models.LinkCreateRequest(
        article=served.world.article.pk,
        target_type=models.TargetTypeEnum.CLAIM,
        target=served.world.claim.slug,
        evidence=[models.QuoteRequest(exact="its terms forbid using output")],
        status=models.ReviewStatusEnum.SUGGESTED,
    )
    created = create.sync_detailed(client=client, body=body)
    assert created.status_code == HTTPStatus.CREATED, created.content[:500]
    link = created.parsed
    assert link.status == "suggested"
    assert [e.exact for e in link.evidence] == ["its terms forbid using output"]
    text = served.world.article.text
    assert text[link.evidence[0].start : link.evidence[0].end] == "its terms forbid using output"
    etag = created.headers["ETag"]
    assert etag == f'"{link.version}"'

    accept = models.LinkReviewRequest(status=models.ReviewStatusEnum.ACCEPTED)
    done = patch.sync_detailed(str(link.id), client=client, body=accept, if_match=etag)
    assert done.status_code == HTTPStatus.OK, done.content[:500]
    assert done.parsed.status == "accepted" and done.parsed.version > link.version

    # A second analyst still holding the first version: 409 with the current state, no change.
    reject = models.LinkReviewRequest(status=models.ReviewStatusEnum.REJECTED)
    stale = patch.sync_detailed(str(link.id), client=client, body=reject, if_match=etag)
    assert stale.status_code == HTTPStatus.CONFLICT
    current = stale.parsed.additional_properties["current"]
    assert current["status"] == "accepted" and current["version"] == done.parsed.version
    assert Link.objects.get(pk=link.id).status == "accepted"


def test_generated_client_cannot_write_without_a_token(served, generated):
    client = generated("client").Client(base_url=served.url)
    models = generated("models")
    create = generated("api.links.v1_links_create")
    body = models.LinkCreateRequest(
        article=served.world.article.pk,
        target_type=models.TargetTypeEnum.CLAIM,
        target=served.world.claim.slug,
        evidence=[models.QuoteRequest(exact="its terms forbid using output")],
    )
    response = create.sync_detailed(client=client, body=body)
    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert Link.objects.count() == 4
