"""Item moderation, visibility and withdrawal services: who may do what, what is recorded, who is told."""
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.access import can_view_item, items_visible_to
from archive.models import Asset, AuditEvent, Derivative, Description, Item, RegionTag
from archive.services import (
    Contribution, contributor_notify, item_approve, item_create, item_reject, item_visibility_set, item_withdraw,
    items_bulk_approve, items_pending,
)
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
CC_BY = "http://creativecommons.org/licenses/by/4.0/"


@pytest.fixture
def newcomer(make_user):
    """A member who is not trusted: what they send waits for a curator."""
    return make_user("newydd", email="newydd@example.org", preferred_language="cy")


@pytest.fixture
def keeper(make_user):
    return make_user("keeper", role="curator")


def _upload(contributor, caption="Côr y pentref", **extra):
    upload = SimpleUploadedFile("llun.jpg", jpeg_bytes(), content_type="image/jpeg")
    return item_create(contributor=contributor, upload=upload,
                       contribution=Contribution(licence=CC_BY, consent=True, caption=caption, language="cy",
                                                 **extra))


def _ready(item):
    Item.objects.filter(pk=item.pk).update(status=Item.Status.READY)
    item.refresh_from_db()
    return item


def test_a_new_members_contribution_waits_and_a_trusted_ones_is_approved_at_once(newcomer, villager, keeper):
    waiting, trusted, curators = _upload(newcomer), _upload(villager), _upload(keeper)
    assert waiting.moderation == "pending"
    assert waiting.descriptions.get().moderation == "pending"
    assert not AuditEvent.objects.filter(item=waiting, action="approved").exists()
    for item in (trusted, curators):
        assert item.moderation == "approved" and item.moderated_at is not None
        assert item.descriptions.get().moderation == "approved"
        assert item.audit_events.filter(action="approved", actor=None, detail__automatic=True).exists()
    assert list(items_pending()) == [waiting]


def test_approving_publishes_the_item_and_its_words_and_tells_the_contributor_in_their_language(
        newcomer, keeper, django_capture_on_commit_callbacks):
    item = _ready(_upload(newcomer))
    assert not can_view_item(AnonymousUser(), item)
    with django_capture_on_commit_callbacks(execute=True):
        item_approve(item, keeper)
    item.refresh_from_db()
    assert (item.moderation, item.moderated_by) == ("approved", keeper)
    assert item.descriptions.get().moderation == "approved"
    assert can_view_item(AnonymousUser(), item)
    assert item.audit_events.filter(action=AuditEvent.Action.APPROVED, actor=keeper).count() == 1
    [message] = mail.outbox
    assert message.to == ["newydd@example.org"]
    # Welsh first (their preferred language), then English.
    assert message.subject.startswith("Cymeradwywyd eich cyfraniad Côr y pentref")
    assert message.body.index("Diolch am rannu") < message.body.index("Thank you for sharing")


def test_only_curators_moderate(newcomer, villager):
    item = _upload(newcomer)
    for who in (newcomer, villager):
        with pytest.raises(PermissionDenied):
            item_approve(item, who)
        with pytest.raises(PermissionDenied):
            item_reject(item, who, "no")
    item.refresh_from_db()
    assert item.moderation == "pending"


def test_rejecting_needs_a_reason_which_the_contributor_sees_and_is_sent(
        newcomer, keeper, django_capture_on_commit_callbacks):
    item = _ready(_upload(newcomer))
    for empty in ("", "   "):
        with pytest.raises(ValidationError) as error:
            item_reject(item, keeper, empty)
        assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        item_reject(item, keeper, "x" * 2001)
    with django_capture_on_commit_callbacks(execute=True):
        item_reject(item, keeper, "Mae'r llun hwn eisoes yn yr archif.")
    item.refresh_from_db()
    assert (item.moderation, item.moderation_reason) == ("rejected", "Mae'r llun hwn eisoes yn yr archif.")
    assert not can_view_item(AnonymousUser(), item)
    assert can_view_item(newcomer, item)  # the contributor still sees it, and why
    assert item.audit_events.get(action="rejected").detail == {"reason": "Mae'r llun hwn eisoes yn yr archif."}
    [message] = mail.outbox
    assert "Mae'r llun hwn eisoes yn yr archif." in message.body


def test_bulk_approve_approves_only_what_waits(newcomer, villager, keeper):
    waiting = [_upload(newcomer, caption=f"Llun {n}") for n in range(3)]
    already = _upload(villager)
    approved = items_bulk_approve([w.pk for w in waiting] + [already.pk, 999999], keeper)
    assert sorted(i.pk for i in approved) == sorted(w.pk for w in waiting)
    assert set(Item.objects.values_list("moderation", flat=True)) == {"approved"}
    with pytest.raises(PermissionDenied):
        items_bulk_approve([already.pk], newcomer)


def test_visibility_is_changed_by_the_contributor_or_a_curator_only(villager, newcomer, keeper, make_user):
    item = _ready(_upload(villager))
    with pytest.raises(ValidationError) as error:
        item_visibility_set(item, villager, "secret")
    assert "public, members, private" in str(error.value.message_dict["visibility"])
    with pytest.raises(PermissionDenied):
        item_visibility_set(item, newcomer, "private")
    item_visibility_set(item, villager, "members")
    assert not items_visible_to(AnonymousUser()).filter(pk=item.pk).exists()
    assert items_visible_to(newcomer).filter(pk=item.pk).exists()
    item_visibility_set(item, keeper, "private")
    assert not items_visible_to(newcomer).filter(pk=item.pk).exists()
    changes = list(item.audit_events.filter(action="visibility_changed").values_list("detail", flat=True))
    assert changes == [{"before": "public", "after": "members"}, {"before": "members", "after": "private"}]


def test_withdrawal_hides_the_item_at_once_and_keeps_it_for_the_record(villager, newcomer):
    item = _ready(_upload(villager))
    with pytest.raises(PermissionDenied):
        item_withdraw(item, newcomer)
    item_withdraw(item, villager, reason="Mam asked me to")
    item.refresh_from_db()
    assert item.status == "withdrawn" and item.withdrawn_at is not None and item.purged_at is None
    assert not items_visible_to(AnonymousUser()).filter(pk=item.pk).exists()
    assert items_visible_to(villager).filter(pk=item.pk).exists()
    assert item.descriptions.exists() and item.assets.exists()
    assert item.audit_events.get(action="withdrawn").detail == {"reason": "Mam asked me to", "delete": False}


def _write(relative: str, settings) -> Path:
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"jpg")
    return path


def test_withdrawal_with_deletion_purges_files_words_and_tags_but_keeps_the_record(
        villager, keeper, settings, django_capture_on_commit_callbacks):
    item = _ready(_upload(villager, caption="Mam-gu ar y chwith"))
    twin = _ready(_upload(keeper))  # the same bytes uploaded again: one stored original, two items
    asset = item.assets.get()
    assert twin.assets.get().original.name == asset.original.name
    own = SimpleUploadedFile("arall.jpg", jpeg_bytes(color=(1, 2, 3)), content_type="image/jpeg")
    other = Asset.objects.create(item=item, position=1, original=f"originals/aa/bb/{'ab' * 32}",
                                 original_filename="arall.jpg", size_bytes=own.size, sha256="ab" * 32)
    # The shared original was stored by the upload (never overwrite it: identical bytes elsewhere use it).
    originals = [Path(settings.MEDIA_ROOT) / asset.original.name, _write(other.original.name, settings)]
    assert originals[0].exists()
    thumb = _write(f"derivatives/{item.pk}/{asset.pk}/thumbnail.jpg", settings)
    Derivative.objects.create(asset=asset, kind="thumbnail", path=f"derivatives/{item.pk}/{asset.pk}/thumbnail.jpg")
    tiles = _write(f"iiif/{asset.pk}/info.json", settings)
    Derivative.objects.create(asset=asset, kind="tiles", path=f"iiif/{asset.pk}")
    RegionTag.objects.create(item=item, asset=asset, x=1, y=1, w=5, h=5, label="Mam-gu", author=villager)
    Description.objects.create(item=item, text="Atgof", author=keeper)

    with django_capture_on_commit_callbacks(execute=True):
        item_withdraw(item, villager, delete=True)

    item.refresh_from_db()
    assert item.status == "withdrawn" and item.purged_at is not None
    assert (item.title_cy, item.title_en) == ("", "")
    assert not item.descriptions.exists() and not item.assets.exists()
    assert not RegionTag.objects.filter(item=item).exists()
    assert not Description.history.filter(item_id=item.pk).exists()  # the words leave the history too
    assert not item.history.filter(title_cy="Mam-gu ar y chwith").exists()
    assert not thumb.exists() and not tiles.exists() and not originals[1].exists()
    assert originals[0].exists()  # still the original of the twin item
    actions = list(item.audit_events.values_list("action", flat=True))
    assert actions[-2:] == ["withdrawn", "purged"]
    assert item.audit_events.get(action="purged").detail["descriptions"] == 2
    # Only curators still see the bare record; not even its contributor.
    assert not can_view_item(villager, item) and can_view_item(keeper, item)
    assert Item.objects.filter(pk=item.pk).exists()


def test_notify_writes_in_the_preferred_language_first_and_skips_people_without_an_address(
        make_user, django_capture_on_commit_callbacks):
    from django.utils.translation import gettext_lazy

    english = make_user("saesneg", email="s@example.org", preferred_language="en")
    nobody = make_user("dim", email="")
    with django_capture_on_commit_callbacks(execute=True):
        assert contributor_notify(english, gettext_lazy("Your contribution %(title)s was approved"),
                                  gettext_lazy("Your contribution %(title)s was approved"), title="Llun")
        assert not contributor_notify(nobody, "x", "y")
    [message] = mail.outbox
    assert message.subject == "Your contribution Llun was approved / Cymeradwywyd eich cyfraniad Llun"
    assert message.body.startswith("Your contribution Llun was approved")
