"""Who sees which items: the same rules through the selector, the API and media files."""
import pytest
from django.contrib.auth.models import AnonymousUser

from archive.access import can_view_item, items_visible_to
from archive.models import Item

pytestmark = pytest.mark.django_db

CASES = [  # (visibility, status) → (visitor, other member, contributor, curator)
    ("public", "ready", (True, True, True, True)),
    ("members", "ready", (False, True, True, True)),
    ("private", "ready", (False, False, True, True)),
    ("public", "processing", (False, False, True, True)),
    ("public", "failed", (False, False, True, True)),
    ("public", "withdrawn", (False, False, True, True)),
]


@pytest.fixture
def people(make_user):
    return {"visitor": AnonymousUser(), "member": make_user("other"), "contributor": make_user("owner"),
            "curator": make_user("keeper", role="curator")}


@pytest.mark.parametrize("visibility,status,expected", CASES)
def test_visibility_rules_agree_across_selector_api_and_check(people, api, visibility, status, expected):
    item = Item.objects.create(licence="http://creativecommons.org/licenses/by/4.0/", moderation="approved",
                               contributor=people["contributor"], visibility=visibility, status=status,
                               title_en="Test")
    for (who, user), allowed in zip(people.items(), expected):
        assert can_view_item(user, item) is allowed, who
        assert items_visible_to(user).filter(pk=item.pk).exists() is allowed, who
        api.force_authenticate(None if who == "visitor" else user)
        response = api.get(f"/api/v1/items/{item.pk}/")
        assert response.status_code == (200 if allowed else 404), who
        listed = [r["id"] for r in api.get("/api/v1/items/").json()["results"]]
        assert (item.pk in listed) is allowed, who


def test_batch_progress_is_only_for_its_contributor_and_curators(people, api):
    from archive.models import Batch

    batch = Batch.objects.create(contributor=people["contributor"])
    for who, status in (("visitor", 404), ("member", 404), ("contributor", 200), ("curator", 200)):
        api.force_authenticate(None if who == "visitor" else people[who])
        assert api.get(f"/api/v1/batches/{batch.pk}/").status_code == status, who


def test_unknown_status_filter_names_the_valid_ones(api, people):
    response = api.get("/api/v1/items/?status=lost")
    assert response.status_code == 400
    assert "received, processing, ready, failed, withdrawn" in response.json()["status"]


def test_media_files_follow_the_same_rules(people, client, settings, tmp_path):
    from pathlib import Path

    from archive.models import Asset, Derivative

    item = Item.objects.create(licence="http://creativecommons.org/licenses/by/4.0/", moderation="approved",
                               contributor=people["contributor"], visibility="private", status="ready")
    sha = "ab" * 32
    asset = Asset.objects.create(item=item, original=f"originals/ab/ab/{sha}", original_filename="x.jpg",
                                 size_bytes=3, sha256=sha)
    thumb = f"derivatives/{item.pk}/{asset.pk}/thumbnail.jpg"
    Derivative.objects.create(asset=asset, kind="thumbnail", path=thumb)
    for relative in (thumb, asset.original.name):
        target = Path(settings.MEDIA_ROOT) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"jpg")

    def status(user, path):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client.get(f"/media/{path}").status_code

    assert status(None, thumb) == 404
    assert status(people["member"], thumb) == 404
    assert status(people["contributor"], thumb) == 200
    assert status(people["curator"], thumb) == 200
    item.visibility = "public"
    item.save()
    assert status(None, thumb) == 200
    # Originals (which may carry GPS and camera data) never go to visitors or other members.
    assert status(None, asset.original.name) == 404
    assert status(people["member"], asset.original.name) == 404
    assert status(people["contributor"], asset.original.name) == 200
    assert status(None, "derivatives/../originals/x") == 404
    assert status(None, "settings.py") == 404


def test_media_in_production_goes_through_nginx_internal_redirect(people, client, settings):
    settings.COFIO_MEDIA_ACCEL_PREFIX = "/protected/"
    item = Item.objects.create(licence="http://creativecommons.org/licenses/by/4.0/", moderation="approved",
                               contributor=people["contributor"], visibility="public", status="ready")
    response = client.get(f"/media/derivatives/{item.pk}/1/web.jpg")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/derivatives/{item.pk}/1/web.jpg"
