"""Many voices per item: writing, editing with history, moderation, featuring, reverting (services and access)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from archive.access import can_edit_description, descriptions_visible_to
from archive.licences import LICENCES
from archive.models import AuditEvent, Description, Item
from archive.selectors import descriptions_waiting, item_title
from archive.services import (
    description_approve, description_create, description_credit, description_edit, description_history,
    description_reject, description_revert, descriptions_bulk_approve, item_feature_description, item_history,
    item_revert,
)

MEMORY = Description.Kind.MEMORY


@pytest.fixture
def newcomer(make_user):
    """A member whose contributions wait for a curator (not trusted)."""
    return make_user("newcomer", display_name="Dai Newydd")


@pytest.fixture
def trusted(make_user):
    return make_user("trusted", trusted=True, display_name="Megan Evans")


@pytest.fixture
def item(newcomer):
    return Item.objects.create(contributor=newcomer, licence=LICENCES[0].uri, consent=True, status=Item.Status.READY,
                               moderation="approved", title_en="The choir", accession_number="COF-000001")


def _actions(item):
    return list(item.audit_events.values_list("action", flat=True))


def test_a_members_words_wait_and_a_trusted_members_or_curators_are_shown_at_once(item, newcomer, trusted, curator):
    waiting = description_create(item, newcomer, "  My father is third from the left.  ", MEMORY, "en")
    at_once = description_create(item, trusted, "Côr y pentref, 1947", "caption", "cy")
    by_curator = description_create(item, curator, "Bethel Chapel", "caption", "en")
    assert waiting.moderation == "pending" and waiting.text == "My father is third from the left."
    assert at_once.moderation == "approved" and at_once.moderated_by == trusted
    assert by_curator.moderation == "approved"
    assert _actions(item).count(AuditEvent.Action.DESCRIBED) == 3
    assert list(descriptions_waiting()) == [waiting]


@pytest.mark.parametrize("text, kind, language, teller, field", [
    ("", MEMORY, "en", "", "text"),
    ("   ", MEMORY, "en", "", "text"),
    ("x" * 10_001, MEMORY, "en", "", "text"),
    ("Words", "gossip", "en", "", "kind"),
    ("Words", MEMORY, "fr", "", "language"),
    ("Words", MEMORY, "en", "T" * 151, "teller_name"),
])
def test_bad_words_are_refused_naming_the_field(item, newcomer, text, kind, language, teller, field):
    with pytest.raises(ValidationError) as refused:
        description_create(item, newcomer, text, kind, language, teller_name=teller)
    assert field in refused.value.message_dict
    assert not Description.objects.exists()


def test_who_reads_which_words(item, newcomer, trusted, curator, make_user):
    other = make_user("other")
    approved = description_create(item, trusted, "Approved words", MEMORY, "en")
    mine = description_create(item, newcomer, "My waiting words", MEMORY, "en")
    rejected = description_create(item, other, "Other's words", MEMORY, "en")
    description_reject(rejected, curator, "It is about another photograph.")
    assert set(descriptions_visible_to(None, item)) == {approved}
    assert set(descriptions_visible_to(newcomer, item)) == {approved, mine}
    assert set(descriptions_visible_to(other, item)) == {approved, rejected}
    assert set(descriptions_visible_to(curator, item)) == {approved, mine, rejected}
    item.visibility = Item.Visibility.PRIVATE
    item.save()
    assert not descriptions_visible_to(other, item).exists()  # words on an item you cannot see: none


def test_only_the_author_edits_and_the_earlier_words_stay_in_the_history(item, newcomer, make_user, curator):
    words = description_create(item, newcomer, "First words", MEMORY, "en")
    description_approve(words, curator)
    stranger = make_user("stranger")
    assert not can_edit_description(stranger, words)
    with pytest.raises(PermissionDenied):
        description_edit(words, stranger, text="Vandalised")
    description_edit(words, newcomer, text="Second words")
    words.refresh_from_db()
    assert words.text == "Second words"
    assert words.moderation == "pending"  # a member's changed words are read again by a curator
    texts = [v["values"]["text"] for v in description_history(words)]
    assert texts[:2] == ["Second words", "First words"] and "Vandalised" not in texts
    edited = item.audit_events.get(action=AuditEvent.Action.DESCRIPTION_EDITED)
    assert edited.actor == newcomer and edited.detail["fields"] == ["text"]


def test_a_curator_changes_someone_elses_words_only_with_consent_recorded(item, newcomer, curator):
    words = description_create(item, newcomer, "Chapel Bethel", MEMORY, "en")
    with pytest.raises(ValidationError) as refused:
        description_edit(words, curator, text="Bethel Chapel")
    assert "with_consent" in refused.value.message_dict
    description_edit(words, curator, text="Bethel Chapel", with_consent=True)
    words.refresh_from_db()
    assert words.text == "Bethel Chapel" and words.author == newcomer
    edited = item.audit_events.get(action=AuditEvent.Action.DESCRIPTION_EDITED)
    assert edited.actor == curator and edited.detail["with_consent"] is True
    assert description_history(words)[0]["reason"] == "edited with the author's consent"


def test_rejecting_needs_a_reason_and_tells_the_author_in_their_language(
        item, make_user, curator, django_capture_on_commit_callbacks):
    author = make_user("nansi", email="nansi@example.org", preferred_language="cy")
    words = description_create(item, author, "Geiriau", MEMORY, "cy")
    with pytest.raises(ValidationError) as refused:
        description_reject(words, curator, "  ")
    assert "reason" in refused.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        description_reject(words, curator, "Mae hwn am lun arall.")
    words.refresh_from_db()
    assert (words.moderation, words.moderation_reason, words.moderated_by) == ("rejected", "Mae hwn am lun arall.",
                                                                               curator)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nansi@example.org"]
    assert message.subject.startswith("Ni ychwanegwyd eich geiriau at yr archif")
    assert "Mae hwn am lun arall." in message.body and "COF-000001" in message.body
    assert message.body.index("Diolch am ysgrifennu") < message.body.index("Thank you for writing")
    assert AuditEvent.objects.filter(item=item, action="rejected", detail__reason="Mae hwn am lun arall.").exists()


def test_only_curators_moderate(item, newcomer, make_user):
    words = description_create(item, newcomer, "Words", MEMORY, "en")
    with pytest.raises(PermissionDenied):
        description_approve(words, make_user("member"))
    with pytest.raises(PermissionDenied):
        descriptions_bulk_approve([words.pk], newcomer)
    words.refresh_from_db()
    assert words.moderation == "pending"


def test_bulk_approve_approves_the_waiting_ones_and_skips_the_rest(item, newcomer, trusted, curator):
    waiting = [description_create(item, newcomer, f"Words {n}", MEMORY, "en") for n in range(3)]
    already = description_create(item, trusted, "Already shown", MEMORY, "en")
    approved = descriptions_bulk_approve([waiting[0].pk, waiting[2].pk, already.pk, 999_999], curator)
    assert sorted(d.pk for d in approved) == [waiting[0].pk, waiting[2].pk]
    assert list(Description.objects.filter(moderation="pending")) == [waiting[1]]
    assert item.audit_events.filter(action="approved", actor=curator).count() == 2


def test_featuring_a_caption_makes_it_the_title_without_changing_anyones_words(item, newcomer, trusted, curator):
    welsh = description_create(item, trusted, "Côr y pentref y tu allan i Gapel Bethel\nHaf 1947, a'r haul allan",
                               "caption", "cy")
    waiting = description_create(item, newcomer, "Not yet approved", "caption", "en")
    with pytest.raises(ValidationError):
        item_feature_description(item, waiting, curator)
    with pytest.raises(PermissionDenied):
        item_feature_description(item, welsh, trusted)
    item_feature_description(item, welsh, curator)
    item.refresh_from_db()
    assert item.featured_description == welsh
    assert item_title(item, "cy") == ("Côr y pentref y tu allan i Gapel Bethel", "cy")
    assert item_title(item, "en") == ("The choir", "en")  # the English title is someone else's words: kept
    welsh.refresh_from_db()
    assert welsh.text.startswith("Côr y pentref y tu allan i Gapel Bethel\nHaf 1947")
    description_reject(welsh, curator, "Wrong photograph")
    item.refresh_from_db()
    assert item.featured_description is None


def test_a_curator_reverts_words_to_an_earlier_version_and_history_grows(item, trusted, curator, newcomer):
    words = description_create(item, trusted, "Version one", MEMORY, "en")
    description_edit(words, trusted, text="Version two")
    first = description_history(words)[-1]
    with pytest.raises(PermissionDenied):
        description_revert(words, first["history_id"], newcomer)
    with pytest.raises(ValidationError) as refused:
        description_revert(words, 10**9, curator)
    assert "history_id" in refused.value.message_dict
    description_revert(words, first["history_id"], curator)
    words.refresh_from_db()
    assert words.text == "Version one"
    history = description_history(words)
    assert [v["values"]["text"] for v in history] == ["Version one", "Version two", "Version one"]
    assert history[0]["by_id"] == curator.pk and history[0]["reason"] == f"reverted to version {first['history_id']}"
    assert item.audit_events.filter(action=AuditEvent.Action.REVERTED, actor=curator).exists()


def test_a_curator_reverts_an_items_catalogue_fields_only(item, newcomer, curator):
    item.title_en, item.date_text = "Vandalised title", "never"
    item.save()
    item.status = Item.Status.WITHDRAWN  # not a catalogue field: a revert leaves it alone
    item.save()
    versions = item_history(item)
    original = versions[-1]
    assert original["change"] == "created" and original["values"]["title_en"] == "The choir"
    assert "title_en" in versions[1]["changed"]
    with pytest.raises(PermissionDenied):
        item_revert(item, original["history_id"], newcomer)
    item_revert(item, original["history_id"], curator)
    item.refresh_from_db()
    assert (item.title_en, item.date_text, item.status) == ("The choir", "", Item.Status.WITHDRAWN)
    assert len(item_history(item)) == len(versions) + 1


def test_memory_day_words_credit_the_teller_and_who_wrote_them_down(item, curator):
    curator.display_name = "Curadur y Pentref"
    curator.save()
    words = description_create(item, curator, "We walked up from Pontlottyn.", MEMORY, "en", teller_name="Idris Davies")
    assert words.teller_name == "Idris Davies" and words.author == curator
    assert description_credit(words) == "told by Idris Davies, written down by Curadur y Pentref"
    assert item.audit_events.get(action="described").detail["teller_name"] == "Idris Davies"


def test_only_approved_words_are_published_to_search_and_manifests(item, newcomer, trusted, curator):
    from archive.iiif.sources import item_for_manifest
    from archive.search.documents import documents_for

    description_create(item, trusted, "Shown words", MEMORY, "en")
    waiting = description_create(item, newcomer, "Waiting words", MEMORY, "en")
    rejected = description_create(item, newcomer, "Rejected words", MEMORY, "en")
    description_reject(rejected, curator, "Not this photograph")
    assert documents_for([item.pk])[item.pk]["text_en"] == ["Shown words"]
    assert [d.text for d in item_for_manifest(item.pk).voices] == ["Shown words"]
    description_approve(waiting, curator)
    assert documents_for([item.pk])[item.pk]["text_en"] == ["Shown words", "Waiting words"]
