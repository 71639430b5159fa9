"""Building a story trail in the browser's pages (no JavaScript): who may open the builder, starting a trail,
finding an item and adding it as a stop with a box on its picture, the refusals beside their fields,
reordering with "Move up"/"Move down", publishing (curators only), inviting a co-author, the history and
reverting, and the pages in Welsh."""
import pytest
from django.test import Client

from archive.models import Item, Stop, Trail, TrailAuthor
from archive.services.trails import stop_add, trail_author_invite, trail_create
from tests.trails import published_trail, ready_item

from .html import elements

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
CY = {"HTTP_ACCEPT_LANGUAGE": "cy"}


@pytest.fixture
def draft(curator):
    return trail_create(curator, title={"en": "The chapel walk", "cy": "Taith y capel"})


def _stop_form(item, **fields):
    form = {"item": item.pk, "narrative_cy": "", "narrative_en": "", "x": "", "y": "", "w": "", "h": "",
            "lat": "", "lon": "", "directions_cy": "", "directions_en": ""}
    form.update(fields)
    return form


def _texts(page: str, selector_class: str) -> list[str]:
    return [e.text.strip() for e in elements(page) if selector_class in e.attrs.get("class", "").split()]


def test_who_may_open_the_builder(client, draft, curator, villager, make_user):
    item = ready_item(curator)
    stop_add(draft, curator, item=item, narrative={"en": "Here."})
    co_author, stranger = make_user("coauthor"), make_user("stranger")
    trail_author_invite(draft, curator, co_author)
    edit, new, history = f"/trails/{draft.pk}/edit/", "/trails/new/", f"/trails/{draft.pk}/history/"

    for url in (edit, new, history, "/trails/mine/"):  # visitors are asked to sign in
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    client.force_login(stranger)  # a member who is not an author: the draft does not exist for them
    assert client.get(edit).status_code == 404
    assert client.get(history).status_code == 404
    assert client.post(f"/trails/{draft.pk}/edit/stops/new/", _stop_form(item)).status_code == 404
    assert client.get(new).status_code == 403  # members do not start trails
    client.force_login(co_author)  # a co-author edits the draft but neither publishes nor reverts
    assert client.get(edit).status_code == 200
    assert client.get(history).status_code == 200
    assert client.get(new).status_code == 403
    assert client.post(f"/trails/{draft.pk}/edit/publish/", {"action": "publish"}).status_code == 403
    mine = client.get("/trails/mine/", **EN).content.decode()
    assert f'href="/trails/{draft.pk}/edit/"' in mine

    trail_publish_by = Client()
    trail_publish_by.force_login(curator)
    assert trail_publish_by.post(f"/trails/{draft.pk}/edit/publish/", {"action": "publish"}).status_code == 302
    assert client.get(edit).status_code == 403  # published: only curators change it
    assert client.post(f"/trails/{draft.pk}/edit/stops/new/", _stop_form(item)).status_code == 403
    client.force_login(stranger)
    assert client.get(edit).status_code == 403  # published, so seen, but not theirs
    assert trail_publish_by.get(edit).status_code == 200
    assert trail_publish_by.get(new).status_code == 200


def test_a_curator_starts_a_trail_in_one_language(client, curator):
    client.force_login(curator)
    refused = client.post("/trails/new/", {"title_cy": "", "title_en": "  ", "introduction_cy": "",
                                           "introduction_en": ""}, **EN)
    assert refused.status_code == 400 and not Trail.objects.exists()
    errors = _texts(refused.content.decode(), "field__error")
    assert errors == ["Write it in Welsh or English (one language is enough)."]
    response = client.post("/trails/new/", {"title_cy": "Llwybr y pwll", "title_en": "",
                                            "introduction_cy": "Taith o gwmpas y pwll glo.", "introduction_en": ""})
    trail = Trail.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/trails/{trail.pk}/edit/"
    assert (trail.title_cy, trail.status, trail.created_by) == ("Llwybr y pwll", "draft", curator)
    assert trail.authors.get().role == TrailAuthor.Role.CREATOR


def test_find_an_item_and_add_it_as_a_stop_with_a_box(client, draft, curator, villager, make_user):
    chapel = ready_item(villager, title="Capel Seion", width=2000, height=1000)
    private = ready_item(make_user("someone"), title="Capel preifat", visibility=Item.Visibility.PRIVATE)
    co_author = make_user("coauthor")
    trail_author_invite(draft, curator, co_author)
    client.force_login(co_author)
    found = client.get(f"/trails/{draft.pk}/edit/stops/new/", {"q": "capel"}, **EN).content.decode()
    assert f"/trails/{draft.pk}/edit/stops/new/?item={chapel.pk}" in found
    assert "Capel preifat" not in found and f"item={private.pk}" not in found  # not one they may see
    form_page = client.get(f"/trails/{draft.pk}/edit/stops/new/", {"item": chapel.pk}, **EN)
    assert form_page.status_code == 200 and b"Add the stop" in form_page.content

    response = client.post(f"/trails/{draft.pk}/edit/stops/new/", _stop_form(
        chapel, narrative_en="The chapel was built in 1841.", narrative_cy="Codwyd y capel yn 1841.",
        x="10", y="20", w="25", h="50", directions_en="Walk up the hill."))
    stop = Stop.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/trails/{draft.pk}/edit/#stop-{stop.pk}"
    assert (stop.x, stop.y, stop.w, stop.h) == (200, 200, 500, 500)  # percentages of a 2000 × 1000 picture
    assert (stop.narrative_cy, stop.directions_en) == ("Codwyd y capel yn 1841.", "Walk up the hill.")
    assert stop.item == chapel and stop.lat is None
    builder = client.get(f"/trails/{draft.pk}/edit/", **EN).content.decode()
    assert "Capel Seion" in builder and "Shows part of the picture." in builder


def test_refusals_are_shown_beside_their_field_and_nothing_is_saved(client, draft, curator, villager, make_user):
    chapel = ready_item(villager, title="Capel Seion", width=800, height=600)
    private = ready_item(make_user("someone"), title="Capel preifat", visibility=Item.Visibility.PRIVATE)
    withdrawn = ready_item(villager, title="Tynnwyd yn ôl")
    Item.objects.filter(pk=withdrawn.pk).update(status=Item.Status.WITHDRAWN)
    url = f"/trails/{draft.pk}/edit/stops/new/"
    co_author = make_user("coauthor")
    trail_author_invite(draft, curator, co_author)
    client.force_login(co_author)

    outside = client.post(url, _stop_form(chapel, narrative_en="Here.", x="80", y="0", w="30", h="10"), **EN)
    assert outside.status_code == 400
    page = outside.content.decode()
    region = next(e for e in elements(page) if e.attrs.get("id") == "stop-region")
    assert "open" in region.attrs
    assert "The box goes past the edge of the picture" in region.text
    assert 'value="Here."' not in page and ">Here.</textarea>" in page  # what they wrote is kept

    partial = client.post(url, _stop_form(chapel, x="10", y="10"), **EN)
    assert partial.status_code == 400 and b"Give all four numbers of the box" in partial.content
    half_place = client.post(url, _stop_form(chapel, lat="51.77"), **EN)
    assert half_place.status_code == 400
    assert "Give both latitude and longitude, or neither." in _texts(half_place.content.decode(), "field__error")

    hidden = client.post(url, _stop_form(private, x="1", y="1", w="50", h="1"), **EN)
    assert hidden.status_code == 400
    assert b"There is no item with this number that you may use." in hidden.content
    assert b"800" not in hidden.content and b"Capel preifat" not in hidden.content  # nothing of it told
    unknown = client.post(url, {**_stop_form(chapel), "item": "999999999"}, **EN)
    assert unknown.status_code == 400 and b"There is no item with this number that you may use." in unknown.content
    assert client.get(url, {"item": private.pk}).status_code == 404

    client.force_login(curator)  # a curator may see a withdrawn item, but not put it on a trail
    gone = client.post(url, _stop_form(withdrawn), **EN)
    assert gone.status_code == 400 and b"This item was withdrawn, so it cannot be put on a trail." in gone.content
    assert not Stop.objects.exists()


def test_a_box_on_a_stop_is_kept_when_only_the_words_change(client, draft, curator):
    item = ready_item(curator, width=30000, height=20000)  # a hundredth of a percent is 3 pixels: no round trip
    stop = stop_add(draft, curator, item=item, narrative={"en": "Old words."}, region=(1001, 333, 1499, 777))
    client.force_login(curator)
    page = client.get(f"/trails/{draft.pk}/edit/stops/{stop.pk}/", **EN).content.decode()
    shown = {e.attrs["name"]: e.attrs.get("value") for e in elements(page) if e.tag == "input" and "name" in e.attrs}
    form = _stop_form(item, **{k: shown[k] for k in "xywh"}, narrative_en="New words.")
    assert client.post(f"/trails/{draft.pk}/edit/stops/{stop.pk}/", form).status_code == 302
    stop.refresh_from_db()
    assert stop.narrative_en == "New words." and (stop.x, stop.y, stop.w, stop.h) == (1001, 333, 1499, 777)
    cleared = _stop_form(item, narrative_en="New words.")  # the four numbers emptied: the whole picture
    assert client.post(f"/trails/{draft.pk}/edit/stops/{stop.pk}/", cleared).status_code == 302
    stop.refresh_from_db()
    assert stop.region is None


def test_reorder_with_the_buttons_and_remove_after_confirming(client, draft, curator):
    stops = [stop_add(draft, curator, item=ready_item(curator, title=f"Item {n}"), narrative={"en": f"Stop {n}"})
             for n in (1, 2, 3)]
    client.force_login(curator)
    moved = client.post(f"/trails/{draft.pk}/edit/stops/{stops[2].pk}/move/", {"direction": "up"}, **EN)
    assert moved["Location"] == f"/trails/{draft.pk}/edit/#stop-{stops[2].pk}"
    assert list(draft.stops.order_by("position").values_list("narrative_en", flat=True)) == \
        ["Stop 1", "Stop 3", "Stop 2"]
    said = client.get(moved["Location"], **EN).content.decode()
    assert "Stop moved to place 2 of 3." in said
    client.post(f"/trails/{draft.pk}/edit/stops/{stops[0].pk}/move/", {"direction": "down"})
    client.post(f"/trails/{draft.pk}/edit/stops/{stops[0].pk}/move/", {"direction": "down"})
    assert list(draft.stops.order_by("position").values_list("narrative_en", flat=True)) == \
        ["Stop 3", "Stop 2", "Stop 1"]
    answer = client.post(f"/trails/{draft.pk}/edit/stops/order/",
                         {"ids": [stops[0].pk, stops[1].pk, stops[2].pk], "moved": stops[0].pk},
                         HTTP_ACCEPT="application/json", **EN)
    assert answer.json() == {"ok": True, "message": "Stop moved to place 1 of 3.",
                             "ids": [stops[0].pk, stops[1].pk, stops[2].pk]}
    wrong = client.post(f"/trails/{draft.pk}/edit/stops/order/", {"ids": [stops[0].pk]},
                        HTTP_ACCEPT="application/json", **EN)
    assert wrong.status_code == 400 and "Name every stop of this trail once" in wrong.json()["message"]

    asked = client.post(f"/trails/{draft.pk}/edit/stops/{stops[1].pk}/remove/", **EN)
    assert asked.status_code == 200 and b"Remove stop 2?" in asked.content and draft.stops.count() == 3
    done = client.post(f"/trails/{draft.pk}/edit/stops/{stops[1].pk}/remove/", {"confirmed": "yes"})
    assert done.status_code == 302 and list(draft.stops.values_list("narrative_en", flat=True)) == \
        ["Stop 1", "Stop 3"]


def test_publish_is_for_curators_and_an_empty_trail_is_refused(client, draft, curator, make_user):
    client.force_login(curator)
    empty = client.post(f"/trails/{draft.pk}/edit/publish/", {"action": "publish"}, **EN)
    assert empty.status_code == 400
    assert b"A trail needs at least one stop before it is published." in empty.content
    draft.refresh_from_db()
    assert draft.status == "draft"
    stop_add(draft, curator, item=ready_item(curator), narrative={"en": "Here."})
    assert client.post(f"/trails/{draft.pk}/edit/publish/", {"action": "publish"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"
    assert client.post(f"/trails/{draft.pk}/edit/publish/", {"action": "unpublish"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_invite_a_co_author_by_name(client, draft, curator, make_user):
    megan = make_user("megan", display_name="Megan Evans", email="megan@example.org")
    make_user("waiting", approved=False)
    client.force_login(curator)
    unknown = client.post(f"/trails/{draft.pk}/edit/authors/", {"user": "nobody"}, **EN)
    assert unknown.status_code == 400
    assert "Only members of the archive can write trails; this account is not one." in \
        _texts(unknown.content.decode(), "field__error")
    response = client.post(f"/trails/{draft.pk}/edit/authors/", {"user": "Megan"}, **EN)
    assert response.status_code == 302
    assert draft.authors.filter(user=megan, role="co-author").exists()
    builder = client.get(f"/trails/{draft.pk}/edit/", **EN).content.decode()
    authors = next(e for e in elements(builder) if e.attrs.get("class") == "trail-authors")
    assert "Megan Evans" in authors.text


def test_history_lists_versions_and_a_curator_reverts_after_confirming(client, curator, make_user):
    trail = published_trail(curator, [ready_item(curator, title="One"), ready_item(curator, title="Two")])
    client.force_login(curator)
    client.post(f"/trails/{trail.pk}/edit/", {"title_en": "A new name", "title_cy": "", "introduction_cy": "",
                                              "introduction_en": "", "cover_item": ""})
    trail.refresh_from_db()
    assert trail.title_en == "A new name"
    page = client.get(f"/trails/{trail.pk}/history/", **EN).content.decode()
    assert "Published" in page and "Trail started" in page and "Title, introduction or cover changed" in page
    published = trail.history.filter(history_change_reason="published").get()
    asked = client.post(f"/trails/{trail.pk}/history/", {"version": published.history_id}, **EN)
    assert asked.status_code == 200 and b"Yes, revert" in asked.content
    trail.refresh_from_db()
    assert trail.title_en == "A new name"
    done = client.post(f"/trails/{trail.pk}/history/", {"version": published.history_id, "confirmed": "yes"})
    assert done.status_code == 302
    trail.refresh_from_db()
    assert (trail.title_en, trail.status) == ("The chapel walk", "published")
    wrong = client.post(f"/trails/{trail.pk}/history/", {"version": "99999999", "confirmed": "yes"}, **EN)
    assert wrong.status_code == 400 and b"There is no such version" in wrong.content

    co_author = make_user("coauthor")
    TrailAuthor.objects.create(trail=trail, user=co_author)
    client.force_login(co_author)
    assert client.get(f"/trails/{trail.pk}/history/").status_code == 200
    assert b"Revert to this version" not in client.get(f"/trails/{trail.pk}/history/").content
    assert client.post(f"/trails/{trail.pk}/history/", {"version": published.history_id,
                                                        "confirmed": "yes"}).status_code == 403


def test_every_post_needs_the_csrf_token(curator, draft):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(curator)
    page = browser.get(f"/trails/{draft.pk}/edit/")
    token = browser.cookies["csrftoken"].value
    assert page.status_code == 200
    form = {"title_en": "Changed", "title_cy": "", "introduction_cy": "", "introduction_en": ""}
    assert browser.post(f"/trails/{draft.pk}/edit/", form).status_code == 403
    assert browser.post("/trails/new/", form).status_code == 403
    assert browser.post(f"/trails/{draft.pk}/edit/publish/", {"action": "publish"}).status_code == 403
    assert browser.post(f"/trails/{draft.pk}/edit/", {**form, "csrfmiddlewaretoken": token}).status_code == 302
    draft.refresh_from_db()
    assert draft.title_en == "Changed"


def test_the_builder_speaks_welsh(client, draft, curator):
    stop_add(draft, curator, item=ready_item(curator), narrative={"cy": "Yma."})
    client.force_login(curator)
    builder = client.get(f"/trails/{draft.pk}/edit/", **CY).content.decode()
    for words in ("Arosfannau", "Ychwanegu arhosfan", "Symud i lawr", "Cyhoeddi’r llwybr", "Rhagolwg o’r llwybr"):
        assert words in builder, words
    assert "Move down" not in builder and "Add a stop" not in builder
    new = client.get("/trails/new/", **CY).content.decode()
    assert "Dechrau llwybr stori" in new and "Start a story trail" not in new
    history = client.get(f"/trails/{draft.pk}/history/", **CY).content.decode()
    assert "Hanes y newidiadau" in history


def test_a_stop_whose_item_is_hidden_shows_its_words_but_nothing_of_the_item(client, draft, curator, villager,
                                                                               make_user):
    item = ready_item(villager, title="Llun Mam-gu")
    stop = stop_add(draft, curator, item=item, narrative={"en": "Her words stay."}, region=(0, 0, 100, 100))
    co_author = make_user("coauthor")
    trail_author_invite(draft, curator, co_author)
    Item.objects.filter(pk=item.pk).update(visibility=Item.Visibility.PRIVATE)  # its contributor made it private
    client.force_login(co_author)
    page = client.get(f"/trails/{draft.pk}/edit/", **EN).content.decode()
    assert "This item is no longer shown, so this stop shows its words without the picture." in page
    assert "Her words stay." in page and "Llun Mam-gu" not in page and "Shows part of the picture." not in page
    change = client.get(f"/trails/{draft.pk}/edit/stops/{stop.pk}/", **EN).content.decode()
    assert "Llun Mam-gu" not in change and 'name="x"' not in change and f"/items/{item.pk}/" not in change
    form = {**_stop_form(item), "item": "", "narrative_en": "Her words, changed."}
    del form["x"], form["y"], form["w"], form["h"]
    assert client.post(f"/trails/{draft.pk}/edit/stops/{stop.pk}/", form).status_code == 302
    stop.refresh_from_db()
    assert stop.narrative_en == "Her words, changed." and stop.region == {"x": 0, "y": 0, "w": 100, "h": 100}


def test_the_curators_links_lead_to_the_trails_they_build(client, curator, villager):
    client.force_login(curator)
    nav = next(e for e in elements(client.get("/", **EN).content.decode()) if e.attrs.get("class") == "curator-nav")
    assert "Build a trail" in nav.text
    assert b'href="/trails/mine/"' in client.get("/", **EN).content
    client.force_login(villager)
    assert b'href="/trails/mine/"' not in client.get("/", **EN).content


def test_choose_the_cover_from_the_stops_and_a_cover_not_offered_stays(client, draft, curator, villager, make_user):
    on_stop = ready_item(curator, title="Ar yr arhosfan")
    stop_add(draft, curator, item=on_stop, narrative={"en": "Here."})
    words = {"title_en": "The chapel walk", "title_cy": "", "introduction_cy": "", "introduction_en": ""}
    client.force_login(curator)
    page = client.get(f"/trails/{draft.pk}/edit/", **EN).content.decode()
    assert [e.attrs["value"] for e in elements(page, "input", name="cover_item")] == ["", str(on_stop.pk)]
    assert client.post(f"/trails/{draft.pk}/edit/", {**words, "cover_item": on_stop.pk}).status_code == 302
    draft.refresh_from_db()
    assert draft.cover_item == on_stop

    hidden = ready_item(make_user("someone"), title="Preifat", visibility=Item.Visibility.PRIVATE)
    Trail.objects.filter(pk=draft.pk).update(cover_item=hidden)  # chosen by a curator, not seen by the co-author
    co_author = make_user("coauthor")
    trail_author_invite(draft, curator, co_author)
    client.force_login(co_author)
    page = client.get(f"/trails/{draft.pk}/edit/", **EN).content.decode()
    assert str(hidden.pk) not in [e.attrs["value"] for e in elements(page, "input", name="cover_item")]
    assert client.post(f"/trails/{draft.pk}/edit/", {**words, "title_en": "Renamed", "cover_item": ""}).status_code \
        == 302
    draft.refresh_from_db()
    assert (draft.title_en, draft.cover_item) == ("Renamed", hidden)
    refused = client.post(f"/trails/{draft.pk}/edit/", {**words, "cover_item": hidden.pk}, **EN)
    assert refused.status_code == 400  # not one of the pictures offered
    draft.refresh_from_db()
    assert draft.cover_item == hidden and draft.title_en == "Renamed"


def test_the_trails_page_leads_co_authors_and_curators_to_the_trails_they_build(client, draft, curator, make_user):
    co_author, stranger = make_user("coauthor"), make_user("stranger")
    trail_author_invite(draft, curator, co_author)
    link = 'href="/trails/mine/"'
    assert link not in client.get("/trails/", **EN).content.decode()  # visitors
    for reader, shown in ((stranger, False), (co_author, True), (curator, True)):
        client.force_login(reader)
        assert (link in client.get("/trails/", **EN).content.decode()) == shown, reader.username
