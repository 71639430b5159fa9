"""Approved region tags in manifests: annotations on ``canvas#xywh=…``, "a person" for living people without
consent (a manifest is a public document), and valid IIIF 3."""
import pytest

from archive.models import Person, RegionTag
from archive.models.moderation import Moderation

from .conftest import assert_valid, get_json, manifest_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(make_item, villager):
    """A public 1200 × 800 photo naming a living person without recorded consent, with three tags."""
    item = make_item(title_en="The village choir")
    asset = item.assets.get()
    dai = Person.objects.create(name="Dai Evans", variants=["Dai Bach"], living=True)
    item.people.add(dai)
    RegionTag.objects.create(item=item, asset=asset, x=100, y=120, w=200, h=260, label="Dai Evans, on the left",
                             person=dai, author=villager, moderation=Moderation.APPROVED)
    RegionTag.objects.create(item=item, asset=asset, x=700, y=300, w=150, h=150, label="Capel Bethel",
                             language="cy", motivation="tagging", author=villager, moderation=Moderation.APPROVED)
    RegionTag.objects.create(item=item, asset=asset, x=10, y=10, w=10, h=10, label="Not yet looked at",
                             author=villager, moderation=Moderation.PENDING)
    return item, dai


def _tag_annotations(manifest):
    canvas = manifest["items"][0]
    return [a for page in canvas.get("annotations", []) if page["id"].endswith("/annotations/tags")
            for a in page["items"]]


def test_approved_tags_are_annotations_on_a_region_and_valid(client, tagged, presentation_schema):
    item, _ = tagged
    manifest = get_json(client, manifest_url(item)).data
    assert_valid(presentation_schema, manifest)
    tags = _tag_annotations(manifest)
    canvas_id = manifest["items"][0]["id"]
    assert [t["target"] for t in tags] == [f"{canvas_id}#xywh=100,120,200,260", f"{canvas_id}#xywh=700,300,150,150"]
    assert [t["motivation"] for t in tags] == ["identifying", "tagging"]
    assert tags[1]["body"]["value"] == "Capel Bethel" and tags[1]["body"]["language"] == "cy"
    assert "Not yet looked at" not in str(manifest)


def test_a_living_person_without_consent_is_a_person_everywhere_in_the_manifest(client, tagged, villager):
    item, dai = tagged
    client.force_login(villager)  # even for a member: a manifest is a public document
    text = get_json(client, manifest_url(item)).content.decode()
    assert "Dai" not in text
    assert _tag_annotations(get_json(client, manifest_url(item)).data)[0]["body"]["value"] == "a person"
    assert "rhywun" in text  # the facts, in Welsh too
    linked = get_json(client, f"/iiif/items/{item.pk}/linked-data").content.decode()
    assert "Dai" not in linked


def test_recording_consent_names_them_in_the_next_manifest(client, tagged):
    item, dai = tagged
    assert "Dai" not in get_json(client, manifest_url(item)).content.decode()
    dai.name_consent = True
    dai.save()
    manifest = get_json(client, manifest_url(item)).data
    assert _tag_annotations(manifest)[0]["body"]["value"] == "Dai Evans, on the left"


def test_a_tag_approved_later_reaches_the_cached_manifest(client, tagged, curator):
    from archive.services.tags import region_tag_approve

    item, _ = tagged
    assert len(_tag_annotations(get_json(client, manifest_url(item)).data)) == 2
    region_tag_approve(RegionTag.objects.get(label="Not yet looked at"), curator)
    assert len(_tag_annotations(get_json(client, manifest_url(item)).data)) == 3


def test_no_tags_on_hidden_pictures(client, tagged):
    item, _ = tagged
    item.image_hidden = True
    item.save()
    text = get_json(client, manifest_url(item)).content.decode()
    assert "Capel Bethel" not in text and "/annotations/tags" not in text
