"""Voices on the item page (approved ones side by side, your own waiting or not accepted ones), the
"Add your memory" form, and the curators' moderation page."""
import pytest
from django.test import Client
from django.urls import reverse

from archive.models import Description
from archive.services import description_create, description_reject

from .html import elements

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(make_user):
    """A member whose contributions wait for a curator."""
    return make_user("newcomer", display_name="Dai Newydd")


@pytest.fixture
def item(make_item, villager):
    return make_item(villager, title_en="The village choir")


def _page(client, item, status=200) -> str:
    response = client.get(reverse("frontend:item", args=[item.pk]))
    assert response.status_code == status
    return response.content.decode()


def _voices(html):
    return [li.text for li in elements(html, "li") if "voice" in li.attrs.get("class", "").split()]


def test_approved_voices_are_shown_side_by_side_and_credited(client, item, villager, newcomer, curator):
    description_create(item, villager, "Côr y pentref", "caption", "cy")
    description_create(item, curator, "We walked up from Pontlottyn.", "memory", "en", teller_name="Idris Davies")
    description_create(item, newcomer, "Still waiting", "memory", "en")
    html = _page(client, item)
    voices = _voices(html)
    assert len(voices) == 2
    assert "Côr y pentref" in voices[0] and "by Megan Evans" in voices[0]
    assert "told by Idris Davies, written down by" in voices[1]
    assert "Still waiting" not in html  # not shown to visitors
    assert elements(html, "ul", **{"class": "voices__list"})


def test_your_own_words_are_marked_waiting_or_not_accepted_with_the_reason(client, item, newcomer, curator):
    description_create(item, newcomer, "My waiting words", "memory", "en")
    rejected = description_create(item, newcomer, "My rejected words", "memory", "en")
    description_reject(rejected, curator, "This is about a different chapel.")
    client.force_login(newcomer)
    html = _page(client, item)
    [waiting] = [v for v in _voices(html) if "My waiting words" in v]
    assert "Waiting for a curator" in waiting
    [refused] = [v for v in _voices(html) if "My rejected words" in v]
    assert "Not accepted" in refused and "This is about a different chapel." in refused


def test_members_add_their_memory_with_a_labelled_csrf_protected_form(item, newcomer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(newcomer)
    html = _page(client, item)
    [form] = [f for f in elements(html, "form") if f.attrs.get("action") == reverse("frontend:voice-add",
                                                                                   args=[item.pk])]
    labels = {label.attrs["for"] for label in elements(html, "label")}
    for name, tag in (("text", "textarea"), ("kind", "select"), ("language", "select")):
        [control] = elements(html, tag, name=name)
        assert control.attrs["id"] in labels, name
    assert not elements(html, "input", name="teller_name")  # memory-day mode is for curators
    url = reverse("frontend:voice-add", args=[item.pk])
    assert client.post(url, {"text": "No token"}).status_code == 403
    token = elements(html, "input", name="csrfmiddlewaretoken")[0].attrs["value"]
    response = client.post(url, {"text": "I sang in this choir.", "kind": "memory", "language": "en",
                                 "csrfmiddlewaretoken": token}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your words will be shown once a curator has read them." in page
    assert Description.objects.get(text="I sang in this choir.").moderation == "pending"
    assert form.attrs["method"] == "post"


def test_a_bad_memory_is_shown_again_with_what_to_fix(client, item, newcomer):
    client.force_login(newcomer)
    url = reverse("frontend:voice-add", args=[item.pk])
    response = client.post(url, {"text": "", "kind": "memory", "language": "en"})
    assert response.status_code == 400
    assert elements(response.content.decode(), "textarea", **{"aria-invalid": "true"})
    response = client.post(url, {"text": "x" * 10_001, "kind": "memory", "language": "en"})
    assert response.status_code == 400 and not Description.objects.exists()


def test_visitors_are_asked_to_sign_in_and_cannot_post(client, item):
    html = _page(client, item)
    assert "Sign in to add your own memory of this." in html and not elements(html, "textarea")
    response = client.post(reverse("frontend:voice-add", args=[item.pk]), {"text": "Spam"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Description.objects.exists()


def test_a_curator_writes_down_someone_elses_memory(client, item, curator):
    client.force_login(curator)
    response = client.post(reverse("frontend:voice-add", args=[item.pk]), {
        "text": "Ro'n i'n saith oed.", "kind": "memory", "language": "cy", "teller_name": "Nansi Thomas"})
    assert response.status_code == 302
    words = Description.objects.get()
    assert (words.teller_name, words.author, words.moderation) == ("Nansi Thomas", curator, "approved")


def test_the_moderation_page_is_for_curators(client, newcomer):
    assert client.get("/moderation/").status_code == 302
    client.force_login(newcomer)
    assert client.get("/moderation/").status_code == 403


def test_curators_approve_reject_with_a_reason_and_approve_all_selected(client, item, newcomer, curator):
    words = [description_create(item, newcomer, f"Memory number {n}", "memory", "en") for n in range(4)]
    client.force_login(curator)
    html = client.get("/moderation/").content.decode()
    for voice in words:
        assert f"Memory number {words.index(voice)}" in html
        assert elements(html, "input", id=f"select-description-{voice.pk}")
        assert elements(html, "label", **{"for": f"reason-description-{voice.pk}"})
        assert elements(html, "input", type="hidden", name="description", value=str(voice.pk))
        assert elements(html, "button", name="action", value="reject-description")
    response = client.post("/moderation/", {"action": "approve-description", "description": words[0].pk})
    assert response.status_code == 302
    response = client.post("/moderation/", {"action": "reject-description", "description": words[1].pk,
                                             "reason": ""})
    assert response.status_code == 400 and "Say why, in plain words" in response.content.decode()
    client.post("/moderation/", {"action": "reject-description", "description": words[1].pk,
                                 "reason": "Another photograph."})
    client.post("/moderation/", {"action": "approve-selected", "descriptions": [words[2].pk, words[3].pk]})
    states = dict(Description.objects.values_list("pk", "moderation"))
    assert [states[w.pk] for w in words] == ["approved", "rejected", "approved", "approved"]
    assert Description.objects.get(pk=words[1].pk).moderation_reason == "Another photograph."
    assert "Nothing is waiting" in client.get("/moderation/").content.decode()


def test_the_moderation_page_in_welsh(client, item, newcomer, curator, settings):
    description_create(item, newcomer, "Geiriau", "memory", "cy")
    client.force_login(curator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get("/moderation/").content.decode()
    assert "Yn aros am guradur" in html and "Cymeradwyo pob un a ddewiswyd" in html
