"""Password guessing on the sign-in page (and the admin's): the same limits as the API's token endpoint."""

import pytest

from tests.sign_in_limits import address, limits, name  # noqa: F401 (limits is a fixture)

LOGIN = "/accounts/login/"


def sign_in(client, username, password, addr):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=addr)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_page_refuses_with_429_and_says_how_long_to_wait(limits, client, make_user):
    dai, addr = make_user(name("dai")), address()
    for _ in range(3):
        wrong = sign_in(client, dai.username, "not-it", addr)
        assert wrong.status_code == 200 and "That username and password do not match" in wrong.content.decode()
    refused = sign_in(client, dai.username, "pw-" + dai.username, addr)  # the right password: not even checked
    assert refused.status_code == 429
    assert 14 * 60 < int(refused["Retry-After"]) <= 15 * 60
    html = refused.content.decode()
    assert "Too many attempts to sign in. Please wait 15 minutes and try again." in html
    assert "do not match" not in html  # not blamed on a wrong password
    assert f'value="{dai.username}"' in html  # the form is shown again, with the username kept
    assert not signed_in(client)
    other = make_user(name("other"))  # another account from the same address is let in
    assert sign_in(client, other.username, "pw-" + other.username, addr).status_code == 302
    assert signed_in(client)


def test_the_page_says_it_in_welsh(limits, client, make_user):
    client.cookies[limits.LANGUAGE_COOKIE_NAME] = "cy"
    dai, addr = make_user(name("dai")), address()
    for _ in range(3):
        sign_in(client, dai.username, "not-it", addr)
    refused = sign_in(client, dai.username, "pw-" + dai.username, addr)
    assert refused.status_code == 429
    assert "Gormod o ymdrechion i fewngofnodi. Arhoswch 15 munud a rhowch gynnig arall arni." in \
        refused.content.decode()


def test_the_page_counts_per_address_too(limits, client, make_user):
    addr = address()
    for _ in range(6):
        assert sign_in(client, name("guess"), "not-it", addr).status_code == 200
    fresh = make_user(name("fresh"))
    assert sign_in(client, fresh.username, "pw-" + fresh.username, addr).status_code == 429
    assert sign_in(client, fresh.username, "pw-" + fresh.username, address()).status_code == 302


def test_the_page_and_the_api_share_the_count(limits, client, api, make_user):
    dai, addr = make_user(name("dai")), address()
    for _ in range(3):
        api.post("/api/v1/auth/token/", {"username": dai.username, "password": "not-it"}, format="json",
                 REMOTE_ADDR=address())
    assert sign_in(client, dai.username, "pw-" + dai.username, addr).status_code == 429


def test_the_admin_sign_in_checks_no_password_while_over_the_limit(limits, client, make_user):
    boss, addr = make_user(name("boss"), role="curator", is_staff=True, is_superuser=True), address()
    for _ in range(3):
        sign_in(client, boss.username, "not-it", addr)
    response = client.post("/admin/login/?next=/admin/", {"username": boss.username, "password": "pw-" + boss.username},
                           REMOTE_ADDR=addr)
    assert response.status_code == 200 and not signed_in(client)
