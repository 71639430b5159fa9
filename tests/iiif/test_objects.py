"""Cofio makes its IIIF objects with :func:`archive.iiif.objects.made` (validated by their schema, without
iiif-prezi3's defaulting helpers): every kind of IIIF answer must be exactly what iiif-prezi3's own
constructors make, and a wrong value must still be refused."""
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from iiif_prezi3 import Canvas, KeyValueString
from pydantic import ValidationError

from archive.iiif import collections, content_search, presentation, trails
from archive.iiif.links import Links
from archive.iiif.objects import made
from archive.iiif.sources import item_for_manifest
from archive.models import Collection, Description, RegionTag
from archive.services.trails import stop_add, trail_create, trail_publish
from archive.services.moderation import item_withdraw
from archive.trail_selectors import trail_stops_for

from .conftest import get_json

pytestmark = pytest.mark.django_db
LINKS = Links("https://cofio.test")
MODULES = (collections, content_search, presentation, trails)


def constructors(monkeypatch):
    """Make every module build its objects with iiif-prezi3's constructors instead."""
    for module in MODULES:
        monkeypatch.setattr(module, "made", lambda cls, **fields: cls(**fields))


def both_ways(monkeypatch, build):
    """``build()`` with :func:`made`, then with the constructors."""
    ours = build()
    constructors(monkeypatch)
    theirs = build()
    monkeypatch.undo()
    return ours, theirs


@pytest.fixture
def archive(make_item, villager, curator):
    """Items with voices, a region tag, a place, a collection; a published trail with a detail, a placeholder."""
    chapel = make_item(pictures=[(2400, 1800), (1200, 800)], title_cy="Y capel", title_en="The chapel",
                       date_text="c. 1950s", voices=[(Description.Kind.CAPTION, "Côr y capel", "cy", villager),
                                                     (Description.Kind.MEMORY, "We sang here.", "en", villager)])
    RegionTag.objects.create(item=chapel, asset=chapel.assets.first(), x=10, y=20, w=300, h=200, label="Mam-gu",
                             author=villager, moderation="approved")
    pit = make_item(title_en="The pit head")
    school = make_item(title_en="The school")
    collection = Collection.objects.create(slug="chapels", title_en="Chapels", title_cy="Capeli")
    chapel.collections.add(collection)
    trail = trail_create(curator, title={"cy": "Taith", "en": "The walk"}, introduction={"en": "Round the village."})
    stop_add(trail, curator, item=chapel, region=["600", "100", "300", "200"],
             narrative={"cy": "Y drws.", "en": "The door."})
    stop_add(trail, curator, item=pit, narrative={"en": "The winding gear."}, lat=51.75, lon=-3.27,
             directions={"en": "Up the hill."})
    stop_add(trail, curator, item=school, narrative={"cy": "Yr ysgol."})
    trail = trail_publish(trail, curator)
    item_withdraw(school, curator, reason="asked")  # a placeholder stop
    return {"chapel": chapel, "trail": trail, "collection": collection}


def test_item_and_trail_manifests_are_what_the_constructors_make(monkeypatch, archive):
    source = item_for_manifest(archive["chapel"].pk)
    trail = archive["trail"]
    trail.refresh_from_db()

    def build():
        item = presentation.manifest_json(source, LINKS)
        stops = trail_stops_for(None, trail)
        return item, trails.trail_manifest_json(trails.trail_for_manifest(trail, stops), LINKS)

    ours, theirs = both_ways(monkeypatch, build)
    assert ours == theirs
    item, walk = (json.loads(body) for body in ours)
    assert len(item["items"]) == 2 and len(walk["items"]) == 3
    assert "example.org" not in "".join(ours)  # nothing relied on the helpers' made-up ids


def test_collections_and_content_search_are_what_the_constructors_make(monkeypatch, client, archive):
    monkeypatch.setattr(collections, "_cached", lambda links, key, build: build())
    collection = archive["collection"]

    def build():
        return (collections.archive_collection(AnonymousUser(), LINKS),
                collections.cofio_collection(collection, AnonymousUser(), LINKS),
                json.dumps(get_json(client, f"/iiif/items/{archive['chapel'].pk}/search", data={"q": "capel"}).data))

    ours, theirs = both_ways(monkeypatch, build)
    assert ours == theirs
    assert json.loads(ours[1])["items"][0]["type"] == "Manifest"


def test_a_wrong_value_is_refused_as_the_constructor_refuses_it():
    with pytest.raises(ValidationError):
        made(Canvas, id="https://cofio.test/canvas/1", type="Canvas", width="wide", height=10)
    with pytest.raises(ValidationError):
        made(KeyValueString, label={"en": ["Licence"]}, value=42)
    canvas = made(Canvas, id="https://cofio.test/canvas/1", type="Canvas", width=10, height=20, items=[])
    assert isinstance(canvas, Canvas) and canvas.width == 10
