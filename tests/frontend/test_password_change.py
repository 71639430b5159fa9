"""A member changes their own password (the demo's accounts start with a shared one): from the header,
in Welsh or English, the current password required, the new one the one that signs in afterwards."""
import pytest
from django.contrib.auth import authenticate

from .html import elements

URL = "/accounts/password/change/"


@pytest.mark.django_db
def test_signed_in_header_links_to_the_password_page(client, villager):
    assert not elements(client.get("/").content.decode(), "a", href=URL)  # visitors have no password here
    assert client.login(username="villager", password="pw-villager")
    assert elements(client.get("/").content.decode(), "a", href=URL)


@pytest.mark.django_db
def test_password_page_is_for_members_only(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_welsh_password_page(client, settings, villager):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert client.login(username="villager", password="pw-villager")
    html = client.get(URL).content.decode()
    assert [h.text for h in elements(html, "h1")] == ["Newid eich cyfrinair"]
    assert [label.text for label in elements(html, "label")] == ["Chwilio'r archif",  # the header's search box
                                                                 "Eich cyfrinair presennol", "Cyfrinair newydd",
                                                                 "Y cyfrinair newydd eto"]
    assert '<html lang="cy">' in html and "Current Password" not in html
    response = client.post(URL, {"oldpassword": "wrong", "password1": "three quiet words",
                                 "password2": "three quiet words"})
    assert response.status_code == 200
    assert "Nid dyna&#x27;ch cyfrinair presennol" in response.content.decode()


@pytest.mark.django_db
def test_member_changes_their_password_with_the_current_one(client, villager):
    assert client.login(username="villager", password="pw-villager")
    # The current password is required: a session left open on the hall's computer is not enough.
    response = client.post(URL, {"oldpassword": "not-it", "password1": "three quiet words",
                                 "password2": "three quiet words"})
    assert response.status_code == 200 and "That is not your current password" in response.content.decode()
    response = client.post(URL, {"oldpassword": "pw-villager", "password1": "three quiet words",
                                 "password2": "three other words"})
    assert response.status_code == 200 and "The two new passwords are not the same" in response.content.decode()
    assert authenticate(username="villager", password="pw-villager") is not None
    response = client.post(URL, {"oldpassword": "pw-villager", "password1": "three quiet words",
                                 "password2": "three quiet words"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Your password has been changed." in response.content.decode()
    assert authenticate(username="villager", password="three quiet words") is not None
    assert authenticate(username="villager", password="pw-villager") is None
    assert client.get(URL).status_code == 200  # still signed in on this device
    client.logout()
    response = client.post("/accounts/login/", {"username": "villager", "password": "three quiet words"})
    assert response.status_code == 302
