"""Manifests are cached per item version, invalidated by any change they show, and answer 304 when unchanged."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.iiif.caching import manifest_version
from archive.iiif.links import Links
from archive.models import Collection, Description, Person, Place

from .conftest import get_json, manifest_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(make_item, villager):
    item = make_item(title_en="Bethel Chapel",
                     voices=[(Description.Kind.CAPTION, "Bethel Chapel, 1920", "en", villager)])
    item.people.add(Person.objects.create(name="Gwilym Price"))
    return item


def test_tests_use_a_shared_cache(settings):
    assert "redis" in settings.CACHES["default"]["BACKEND"].lower(), \
        "bin/runtests.py gives the tests Redis (CACHE_URL): the cache here is what production has"
    cache.set("iiif-test-probe", b"x", 5)
    assert cache.get("iiif-test-probe") == b"x"


def test_etag_and_last_modified_answer_304(client, item):
    first = get_json(client, manifest_url(item))
    assert first["ETag"].startswith('"m') and first["Last-Modified"]
    assert first["Cache-Control"] == "public, no-cache"
    by_etag = client.get(manifest_url(item), HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304 and by_etag["ETag"] == first["ETag"] and by_etag.content == b""
    assert by_etag["Access-Control-Allow-Origin"] == "*"
    by_date = client.get(manifest_url(item), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    other = client.get(manifest_url(item), HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_cached_manifest_is_served_without_building_it_again(client, item):
    get_json(client, manifest_url(item))  # builds and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(manifest_url(item))
    assert response.status_code == 200
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert len(queries.captured_queries) == 1, tables  # the access check only
    assert "archive_description" not in tables and "archive_asset" not in tables


def _etag(client, item) -> str:
    return get_json(client, manifest_url(item))["ETag"]


def _changes(item):
    """Each change something a manifest shows, and what the manifest must then show."""
    yield "title edited", lambda: _save_title(item), lambda m: m["label"] == {"en": ["Capel Bethel"]}
    yield "voice added", lambda: Description.objects.create(
        item=item, kind="memory", text="Roedd Mam-gu yno", language="cy", author=item.contributor,
        moderation="approved"), \
        lambda m: "Roedd Mam-gu yno" in str(m["items"][0]["annotations"])
    yield "voice edited", lambda: _edit_caption(item), lambda m: m["summary"] == {"en": ["Capel Bethel, 1920s"]}
    yield "person renamed", lambda: _rename_person(item), lambda m: "Gwilym Price-Jones" in str(m["metadata"])
    yield "place set", lambda: _set_place(item), lambda m: "navPlace" in m
    yield "collection linked", lambda: item.collections.add(Collection.objects.create(slug="capeli",
                                                                                      title_cy="Capeli")), \
        lambda m: "Capeli" in str(m["metadata"])
    yield "contributor renamed", lambda: _rename_contributor(item), lambda m: "Megan Evans-Price" in str(m)


def _save_title(item):
    item.title_en = "Capel Bethel"
    item.save(update_fields=["title_en"])  # even without updated_at among the fields


def _rename_person(item):
    person = item.people.get()
    person.name = "Gwilym Price-Jones"
    person.save()


def _edit_caption(item):
    caption = Description.objects.get(item=item, kind="caption")
    caption.text = "Capel Bethel, 1920s"
    caption.save()


def _set_place(item):
    item.place = Place.objects.create(name_en="Rhymney", latitude=51.76, longitude=-3.28)
    item.save()


def _rename_contributor(item):
    contributor = item.contributor
    contributor.display_name = "Megan Evans-Price"
    contributor.save(update_fields=["display_name"])


def test_every_change_a_manifest_shows_gives_a_new_version(client, item):
    seen = {_etag(client, item)}
    for name, change, shows in _changes(item):
        change()
        response = get_json(client, manifest_url(item))
        assert response["ETag"] not in seen, f"{name}: the cached manifest was served"
        assert shows(response.data), name
        seen.add(response["ETag"])


def test_signing_in_is_not_a_change(client, item, villager):
    before = _etag(client, item)
    client.force_login(villager)  # saves last_login only
    assert _etag(client, item) == before


def test_version_depends_on_the_host():
    from django.utils import timezone

    now = timezone.now()
    assert manifest_version(1, now, Links("http://a")) != manifest_version(1, now, Links("http://b"))
    assert manifest_version(1, now, Links("http://a")) == manifest_version(1, now, Links("http://a"))
