"""The whole archive and each Cofio collection as IIIF collections: what each visitor may see, paged."""
import pytest

from archive.iiif import collections
from archive.models import Collection, Item

from .conftest import PRESENTATION_TYPE, assert_valid, get_json

pytestmark = pytest.mark.django_db
HOST = "http://testserver"


@pytest.fixture
def archive(make_item, db):
    """Five public items (two in "Corau"), one members-only, one private, one still processing."""
    choirs = Collection.objects.create(slug="corau", title_cy="Corau'r cwm", title_en="Choirs of the valley",
                                       description_cy="Corau meibion a merched",
                                       description_en="Male and female choirs")
    public = [make_item(title_en=f"Picture {n}", title_cy=f"Llun {n}" if n % 2 else "", tiles=False)
              for n in range(1, 6)]
    for item in public[:2]:
        item.collections.add(choirs)
    hidden = [make_item(title_en="Members", visibility=Item.Visibility.MEMBERS, tiles=False),
              make_item(title_en="Private", visibility=Item.Visibility.PRIVATE, tiles=False),
              make_item(title_en="Processing", status=Item.Status.PROCESSING, tiles=False)]
    hidden[0].collections.add(choirs)
    return {"public": public, "hidden": hidden, "choirs": choirs}


def manifest_ids(collection: dict) -> list[str]:
    return [entry["id"] for entry in collection["items"] if entry["type"] == "Manifest"]


def test_whole_archive_lists_collections_then_items(client, archive, presentation_schema):
    response = get_json(client, "/iiif/collection")
    whole = response.data
    assert response["Content-Type"] == PRESENTATION_TYPE and response["Access-Control-Allow-Origin"] == "*"
    assert_valid(presentation_schema, whole)
    assert whole["id"] == f"{HOST}/iiif/collection"
    assert whole["label"] == {"cy": ["Cofio: pob eitem"], "en": ["Cofio: every item"]}
    first = whole["items"][0]
    assert first == {"id": f"{HOST}/iiif/collections/corau", "type": "Collection",
                     "label": {"cy": ["Corau'r cwm"], "en": ["Choirs of the valley"]}}
    assert manifest_ids(whole) == [f"{HOST}/iiif/items/{i.pk}/manifest" for i in archive["public"]]
    one = next(e for e in whole["items"] if e["id"].endswith(f"/{archive['public'][0].pk}/manifest"))
    assert one["label"] == {"cy": ["Llun 1"], "en": ["Picture 1"]}
    assert one["thumbnail"][0]["id"].startswith(f"{HOST}/media/derivatives/")


def test_members_see_members_only_items_too(client, archive, make_user):
    client.force_login(make_user("member"))
    whole = get_json(client, "/iiif/collection").data
    assert f"{HOST}/iiif/items/{archive['hidden'][0].pk}/manifest" in manifest_ids(whole)
    assert len(manifest_ids(whole)) == 6


def test_a_cofio_collection(client, archive, presentation_schema):
    choirs = get_json(client, "/iiif/collections/corau").data
    assert_valid(presentation_schema, choirs)
    assert choirs["label"] == {"cy": ["Corau'r cwm"], "en": ["Choirs of the valley"]}
    assert choirs["summary"] == {"cy": ["Corau meibion a merched"], "en": ["Male and female choirs"]}
    assert choirs["partOf"] == [{"id": f"{HOST}/iiif/collection", "type": "Collection",
                                 "label": {"cy": ["Cofio: pob eitem"], "en": ["Cofio: every item"]}}]
    assert manifest_ids(choirs) == [f"{HOST}/iiif/items/{i.pk}/manifest" for i in archive["public"][:2]]
    assert client.get("/iiif/collections/no-such-thing").status_code == 404


def test_big_collections_are_paged(client, archive, monkeypatch, presentation_schema):
    monkeypatch.setattr(collections, "PAGE_SIZE", 2)
    whole = get_json(client, "/iiif/collection").data
    assert_valid(presentation_schema, whole)
    assert whole["behavior"] == ["multi-part"]
    pages = [e for e in whole["items"] if e["type"] == "Collection" and "/collection/" in e["id"]]
    assert [p["id"] for p in pages] == [f"{HOST}/iiif/collection/{n}" for n in (1, 2, 3)]
    assert [p["label"]["en"] for p in pages] == [["Items 1–2"], ["Items 3–4"], ["Items 5–5"]]
    assert pages[0]["label"]["cy"] == ["Eitemau 1–2"]
    assert not manifest_ids(whole)
    listed = []
    for page in pages:
        body = get_json(client, page["id"].replace(HOST, "")).data
        assert_valid(presentation_schema, body)
        assert body["partOf"][0]["id"] == f"{HOST}/iiif/collection"
        listed += manifest_ids(body)
    assert listed == [f"{HOST}/iiif/items/{i.pk}/manifest" for i in archive["public"]]
    assert client.get("/iiif/collection/4").status_code == 404
    assert client.get("/iiif/collection/0").status_code == 404
    assert get_json(client, "/iiif/collections/corau").data["items"][0]["type"] == "Manifest"  # 2: one page


def test_pages_cost_the_same_few_queries_whichever_page(client, archive, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(collections, "PAGE_SIZE", 1)
    for page in (1, 5):
        with django_assert_max_num_queries(3):
            assert client.get(f"/iiif/collection/{page}").status_code == 200


def test_collections_answer_304_when_unchanged(client, archive, make_item):
    first = client.get("/iiif/collection")
    assert client.get("/iiif/collection", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    make_item(title_en="New")
    assert client.get("/iiif/collection", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_cached_collection_pages_follow_changes(client, archive):
    first = get_json(client, "/iiif/collection").data
    item = archive["public"][0]
    item.title_en = "Renamed"
    item.save()
    again = get_json(client, "/iiif/collection").data
    assert again != first
    assert {"en": ["Renamed"], "cy": ["Llun 1"]} in [e["label"] for e in again["items"]]
