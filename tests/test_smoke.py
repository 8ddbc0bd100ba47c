from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import CaseFactory


@pytest.mark.django_db
def test_home_lists_cases(client):
    CaseFactory(title="Alpha v. Beta", slug="alpha-v-beta")
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert b"Alpha v. Beta" in response.content
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
