"""A duplicate upload names the item that holds the photo only to who may see that item (pipeline in-process)."""
import pytest
from django.core import mail
from django.core.files.base import ContentFile

from archive.models import AuditEvent, Item
from archive.services import Contribution, item_create
from ingest.pipeline import item_process
from tests.ingest import samples
from tests.ingest.conftest import CC_BY, ITEMS

pytestmark = pytest.mark.django_db


def processed(user, content: bytes, **contribution) -> Item:
    """An upload by ``user``, processed here and now."""
    item = item_create(contributor=user, upload=ContentFile(content, name="llun.jpg"),
                       contribution=Contribution(licence=CC_BY, consent=True, **contribution))
    item_process(item.pk)
    return Item.objects.get(pk=item.pk)


@pytest.fixture
def keeper(make_user):
    """A curator with an email address (curators are told about refusals they should know of)."""
    return make_user("keeper", role="curator", email="keeper@example.org")


def reasons(api, user, item) -> tuple[str, str, str]:
    api.force_authenticate(user)
    english = api.get(f"{ITEMS}{item.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    welsh = api.get(f"{ITEMS}{item.pk}/", HTTP_ACCEPT_LANGUAGE="cy")
    return english.json()["status_reason"], welsh.json()["status_reason"], english.content.decode()


def test_a_copy_of_someone_elses_private_photo_is_refused_without_naming_it(
        api, villager, make_user, keeper, django_capture_on_commit_callbacks):
    content = samples.encode(samples.photo(400, 300, seed=90), "JPEG")
    private = processed(villager, content, visibility="private")
    assert private.status == "ready" and private.accession_number
    neighbour = make_user("neighbour", email="neighbour@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        copy = processed(neighbour, content)
    assert (copy.status, copy.status_reason, copy.status_params) == ("failed", "duplicate_unnamed", {})
    english, welsh, body = reasons(api, neighbour, copy)
    assert english == "This photo is already in the archive. There is no need to upload it again."
    assert welsh == "Mae'r llun hwn yn yr archif yn barod. Does dim angen ei lwytho eto."
    assert private.accession_number not in body and f'"{private.pk}"' not in body
    # The curators are told which item it is: by email, and in the refused item's audit log.
    told = [m for m in mail.outbox if m.to == ["keeper@example.org"]]
    assert len(told) == 1 and private.accession_number in told[0].body
    assert copy.accession_number in told[0].body and "Gwrthodwyd copi" in told[0].subject
    assert not [m for m in mail.outbox if m.to == ["neighbour@example.org"]]
    steps = copy.audit_events.get(action=AuditEvent.Action.FAILED).detail["steps"]
    assert {"step": "duplicate", "asset": copy.assets.get().pk, "item": private.pk,
            "accession_number": private.accession_number} in steps


def test_a_copy_of_a_photo_the_uploader_may_see_names_it(api, villager, make_user, keeper,
                                                         django_capture_on_commit_callbacks):
    mine = samples.encode(samples.photo(400, 300, seed=91), "JPEG")
    private = processed(villager, mine, visibility="private")
    with django_capture_on_commit_callbacks(execute=True):
        again = processed(villager, mine)  # their own private photo: they may see it
    public = processed(villager, samples.encode(samples.photo(400, 300, seed=92), "JPEG"))
    neighbour = make_user("neighbour")
    with django_capture_on_commit_callbacks(execute=True):
        copy = processed(neighbour, public.assets.get().original.read())
    for uploader, refused, holder in ((villager, again, private), (neighbour, copy, public)):
        assert (refused.status_reason, refused.status_params) == (
            "duplicate", {"accession_number": holder.accession_number, "item_id": holder.pk})
        english, welsh, _ = reasons(api, uploader, refused)
        assert english.startswith(f"This photo is already in the archive as {holder.accession_number}.")
        assert welsh.startswith(f"Mae'r llun hwn yn yr archif yn barod fel {holder.accession_number}.")
    assert mail.outbox == []  # nothing hidden, nothing for the curators to know
