"""The search page, the registry every surface reads, and search in /healthz."""
from datetime import date

import pytest
from django.test import override_settings

from archive.search import registry
from archive.search.documents import documents_for, index_definition, trail_documents_for
from tests.search.conftest import index_pending
from tests.trails import published_trail

pytestmark = pytest.mark.usefixtures("search_index")


def test_the_page_shows_results_with_highlights_and_the_registry_s_facets(client, make_item, vocabulary):
    item = make_item("Côr y capel ar y llwyfan", language="cy", place=vocabulary["troed"],
                     date=(date(1952, 1, 1), date(1952, 12, 31)))
    make_item("Miners at the pit head", place=vocabulary["rhymni"])
    index_pending()
    page = client.get("/search/", {"q": "capel", "place": vocabulary["troed"].pk}, HTTP_ACCEPT_LANGUAGE="cy")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="/items/{item.pk}/"' in html and "Côr y <mark>capel</mark> ar y llwyfan" in html
    assert "<legend>Lle</legend>" in html and "<legend>Degawd</legend>" in html  # titles from the registry
    assert f'name="place" value="{vocabulary["troed"].pk}" checked' in html
    assert "1950au" in html
    paged = client.get("/search/", {"sort": "date", "page_size": 1}).content.decode()
    assert "?sort=date&amp;page_size=1&amp;page=2" in paged  # the next page keeps the search


def test_the_page_explains_a_bad_choice(client, db):
    page = client.get("/search/", {"decade": "1955"})
    assert page.status_code == 400 and "is not a decade such as 1950" in page.content.decode()


@override_settings(SEARCH_URL="http://127.0.0.1:1")
def test_the_page_and_the_api_say_when_search_is_unavailable(client, api, db):
    assert client.get("/search/", {"q": "capel"}).status_code == 503
    response = api.get("/api/v1/search/", {"q": "capel"}, HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 503 and "Nid yw chwilio ar gael" in response.json()["detail"]


def test_every_facet_filters_and_counts_fields_of_the_mapping():
    properties = index_definition("x").to_dict()["mappings"]["properties"]

    def declared(path):
        node = properties
        for part in path.split("."):
            node = node[part].get("properties", node[part]) if part in node else None
            if node is None:
                return False
        return True

    for facet in registry.FACETS:
        assert declared(facet.field), facet.name
        assert declared(getattr(facet, "key_field", "") or facet.field), facet.name
    assert index_definition("x").to_dict()["mappings"]["dynamic"] == "strict"  # undeclared fields are refused


def test_documents_hold_only_declared_fields(make_item, vocabulary, curator):
    item = make_item("Eisteddfod", place=vocabulary["troed"], people=[vocabulary["dai"]],
                     subjects=[vocabulary["chapel"]], collections=[vocabulary["choirs"]])
    trail = published_trail(curator, [item])
    document = documents_for([item.pk])[item.pk]
    declared, leaves = {f.path for f in registry.FIELDS}, set()

    def walk(value, path):
        if path in declared:
            leaves.add(path)
        elif isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{path}.{key}" if path else key)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for inner in value:
                walk(inner, path)
        else:
            leaves.add(path)

    walk(document, "")
    assert leaves <= declared
    assert {"place.location", "people.key", "subjects.key", "collections.key", "trails.key"} <= leaves
    leaves.clear()
    walk(trail_documents_for([trail.pk])[trail.pk], "")  # a story trail's document, in the same index
    assert leaves <= declared and {"type", "title_en", "text_en", "contributor"} <= leaves


def test_healthz_reports_the_engine(client):
    search = client.get("/healthz").json()["services"]["search"]
    assert search["ok"] and search["note"].startswith(("opensearch", "elasticsearch"))
