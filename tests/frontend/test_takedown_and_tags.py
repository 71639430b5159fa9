"""The item page's takedown form (anonymous, CSRF-protected), its "Who is in this picture" list, and names."""
import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings

from archive.models import AuditEvent, Person, RegionTag, TakedownRequest
from archive.models.moderation import Moderation


@pytest.fixture
def dai(db):
    return Person.objects.create(name="Dai Evans", living=True)


@pytest.fixture
def item(make_item, villager, dai):
    made = make_item(villager, title_en="Côr y pentref")
    made.people.add(dai)
    return made


def test_the_item_page_links_to_the_takedown_form(client, item):
    page = client.get(f"/items/{item.pk}/").content.decode()
    assert f'href="/items/{item.pk}/takedown/"' in page and "Ask for this to be taken down" in page


def test_anyone_can_ask_for_a_takedown_from_the_page_with_csrf(db, item, make_user):
    make_user("curadur", role="curator", email="curadur@example.org")
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(f"/items/{item.pk}/takedown/")
    assert form.status_code == 200
    token = form.cookies["csrftoken"].value
    refused = browser.post(f"/items/{item.pk}/takedown/", {"reason": "That is me."})
    assert refused.status_code == 403  # no CSRF token
    sent = browser.post(f"/items/{item.pk}/takedown/", {"reason": "That is me.", "email": "fi@example.org",
                                                        "csrfmiddlewaretoken": token})
    assert sent.status_code == 201 and "A curator will look at your request soon" in sent.content.decode()
    request = TakedownRequest.objects.get()
    assert request.requester is None and request.requester_email == "fi@example.org"
    assert item.audit_events.filter(action=AuditEvent.Action.TAKEDOWN_REQUESTED).exists()


def test_the_takedown_form_says_what_to_fix_in_welsh(client, item):
    response = client.post(f"/items/{item.pk}/takedown/", {"reason": "", "email": "nid-cyfeiriad"},
                           HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Pam y dylid ei dynnu i lawr?" in page and 'aria-invalid="true"' in page
    assert not TakedownRequest.objects.exists()


def test_the_takedown_form_escapes_the_title(client, make_item, villager):
    nasty = make_item(villager, title_en="<script>alert(1)</script>")
    page = client.get(f"/items/{nasty.pk}/takedown/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_who_is_in_this_picture_with_names_only_for_members(client, item, dai, villager, make_user):
    asset = item.assets.get()
    RegionTag.objects.create(item=item, asset=asset, x=100, y=100, w=200, h=200, label="Dai, on the left",
                             person=dai, author=villager, moderation=Moderation.APPROVED)
    RegionTag.objects.create(item=item, asset=asset, x=500, y=100, w=200, h=200, label="<b>Y ci</b>",
                             author=villager, moderation=Moderation.APPROVED)
    RegionTag.objects.create(item=item, asset=asset, x=800, y=100, w=200, h=200, label="Waiting one",
                             author=villager, moderation=Moderation.PENDING)
    page = client.get(f"/items/{item.pk}/").content.decode()
    assert "Who is in this picture" in page
    assert "Dai" not in page and "a person" in page  # a living person without consent, to a visitor
    assert "&lt;b&gt;Y ci&lt;/b&gt;" in page and "Waiting one" not in page
    welsh = client.get(f"/items/{item.pk}/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Dai" not in welsh
    client.force_login(make_user("aelod"))
    member_page = client.get(f"/items/{item.pk}/").content.decode()
    assert "Dai, on the left" in member_page and "Dai Evans" in member_page


def test_consented_people_are_named_and_linked_to_search(client, item, dai, villager):
    dai.name_consent = True
    dai.save()
    RegionTag.objects.create(item=item, asset=item.assets.get(), x=1, y=1, w=20, h=20, label="Dai Evans",
                             person=dai, author=villager, moderation=Moderation.APPROVED)
    page = client.get(f"/items/{item.pk}/").content.decode()
    assert f'href="/search/?person={dai.pk}"' in page and "Dai Evans" in page


def test_members_tag_a_region_in_percentages(client, item, make_user):
    member = make_user("aelod", trusted=True)
    client.force_login(member)
    response = client.post(f"/items/{item.pk}/region-tags/", {"label": "Mam-gu", "x": "10", "y": "25",
                                                               "w": "20", "h": "50"})
    assert response.status_code == 302
    tag = RegionTag.objects.get()
    assert (tag.x, tag.y, tag.w, tag.h, tag.moderation) == (120, 200, 240, 400, "approved")
    client.post(f"/items/{item.pk}/region-tags/", {"label": "Too wide", "x": "90", "y": "0", "w": "20", "h": "5"})
    assert RegionTag.objects.count() == 1


@pytest.fixture
def tight_limits():
    """One takedown request and one contribution an hour; counts start from nothing."""
    cache.clear()
    rates = {"contribute": "1/hour", "takedown": "1/hour"}
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        yield
    cache.clear()


def test_over_the_takedown_limit_the_page_says_why(client, item, tight_limits):
    assert client.post(f"/items/{item.pk}/takedown/", {"reason": "That is me."}).status_code == 201
    again = client.post(f"/items/{item.pk}/takedown/", {"reason": "That is me, again."})
    assert again.status_code == 429
    page = again.content.decode()
    assert "You have sent a lot in a short time. Please wait a little and try again." in page
    assert "That is me, again." in page  # the words are kept to send later
    assert TakedownRequest.objects.count() == 1


def test_region_tags_from_the_page_count_against_the_contribution_limit(client, item, make_user, tight_limits):
    client.force_login(make_user("aelod", trusted=True))
    box = {"x": "10", "y": "25", "w": "20", "h": "50"}
    client.post(f"/items/{item.pk}/region-tags/", {"label": "Mam-gu", **box})
    refused = client.post(f"/items/{item.pk}/region-tags/", {"label": "Tad-cu", **box}, follow=True)
    assert "You have sent a lot in a short time." in refused.content.decode()
    assert list(RegionTag.objects.values_list("label", flat=True)) == ["Mam-gu"]
