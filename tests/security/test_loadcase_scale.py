"""Finding 13 of issue 18: `loadcase` with 100,000 aliases took 11 minutes (an `iexact` query,
a table scan, per alias). Aliases are now looked up 500 a query by their lower-cased names and
inserted in bulk: the queries grow with the chunks, not with each alias."""

from __future__ import annotations

import json

import pytest

from tracker.cases.casefile import CaseFileError, casefile_load_path
from tracker.cases.models import Alias

pytestmark = pytest.mark.django_db
N = 3000


def _file(tmp_path, aliases: list[str], *, slug: str = "many-aliases", name: str = "Big Co"):
    path = tmp_path / f"{slug}.json"
    path.write_text(
        json.dumps(
            {
                "slug": slug,
                "title": "Many aliases",
                "parties": [
                    {"name": name, "kind": "organization", "role": "defendant", "aliases": aliases}
                ],
            }
        )
    )
    return str(path)


def test_many_aliases_take_a_few_queries(tmp_path, django_assert_max_num_queries):
    aliases = [f"Big Co unit {n}" for n in range(N)] + ["BIG CO UNIT 7"]  # a case-only repeat
    path = _file(tmp_path, aliases)
    with django_assert_max_num_queries(60):  # ~N/500 lookups + N/1000 inserts + the rest
        casefile_load_path(path=path)
    assert Alias.objects.count() == N
    with django_assert_max_num_queries(60):  # again: nothing new, still few queries
        casefile_load_path(path=path)
    assert Alias.objects.count() == N


def test_an_alias_of_another_party_is_still_refused(tmp_path):
    casefile_load_path(path=_file(tmp_path, ["The Firm"], slug="first", name="First Co"))
    with pytest.raises(CaseFileError, match="already belongs to First Co"):
        casefile_load_path(path=_file(tmp_path, ["x", "the firm"], slug="second", name="Second"))
    assert not Alias.objects.filter(name="x").exists()
