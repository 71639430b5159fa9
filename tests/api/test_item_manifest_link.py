"""An item's JSON names its IIIF manifest (absolute), so a client goes from the API to IIIF without knowing
URL patterns; the manifest it names answers for whoever may read the item."""
import pytest

from archive.models import Item

pytestmark = pytest.mark.django_db
CC_BY = "http://creativecommons.org/licenses/by/4.0/"


@pytest.fixture
def items(make_user):
    owner = make_user("owner")
    public = Item.objects.create(licence=CC_BY, contributor=owner, status="ready", moderation="approved",
                                 title_en="The chapel", consent=True)
    members = Item.objects.create(licence=CC_BY, contributor=owner, status="ready", moderation="approved",
                                  title_en="The pit", consent=True, visibility="members")
    return owner, public, members


def test_item_json_carries_its_absolute_manifest_url_that_answers(api, items):
    _, public, _ = items
    data = api.get(f"/api/v1/items/{public.pk}/").json()
    assert data["manifest"] == f"http://testserver/iiif/items/{public.pk}/manifest"
    manifest = api.get(data["manifest"])
    assert manifest.status_code == 200 and manifest.json()["id"] == data["manifest"]


def test_every_item_listed_names_its_manifest_members_included_for_members(api, items):
    owner, public, members = items
    listed = api.get("/api/v1/items/").json()["results"]
    assert {row["id"]: row["manifest"] for row in listed} == {
        public.pk: f"http://testserver/iiif/items/{public.pk}/manifest"}
    api.force_authenticate(owner)
    listed = {row["id"]: row["manifest"] for row in api.get("/api/v1/items/").json()["results"]}
    assert listed[members.pk].endswith(f"/iiif/items/{members.pk}/manifest")
    assert api.get(listed[members.pk]).status_code == 200
