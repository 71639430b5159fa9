"""Password guessing on the API's token endpoint: failed attempts are limited per account and per address."""
import time

import pytest

from tests.sign_in_limits import address, limits, name  # noqa: F401 (limits is a fixture)

TOKEN = "/api/v1/auth/token/"
pytestmark = pytest.mark.django_db


def sign_in(api, username, password, addr, **headers):
    return api.post(TOKEN, {"username": username, "password": password}, format="json", REMOTE_ADDR=addr, **headers)


def test_wrong_passwords_lock_the_account_even_for_the_right_one(limits, api, make_user):
    dai, addr = make_user(name("dai")), address()
    for _ in range(3):
        wrong = sign_in(api, dai.username, "not-it", addr)
        assert wrong.status_code == 400
    refused = sign_in(api, dai.username, "pw-" + dai.username, addr)  # the right password: not even checked
    assert refused.status_code == 429
    assert refused.json() == {"detail": "Too many attempts to sign in. Please wait 15 minutes and try again."}
    assert 14 * 60 < int(refused["Retry-After"]) <= 15 * 60
    # The same account however it is typed, and from any address.
    assert sign_in(api, f"  {dai.username.upper()} ", "pw-" + dai.username, address()).status_code == 429
    # Another account from the same address is still let in: each account has its own count.
    other = make_user(name("other"))
    assert sign_in(api, other.username, "pw-" + other.username, addr).status_code == 200


def test_too_many_failures_from_one_address_stop_guesses_at_every_account(limits, api, make_user):
    addr = address()
    for _ in range(6):  # two failures at each of three accounts: no account reaches its own limit
        assert sign_in(api, name("guess"), "not-it", addr).status_code == 400
    fresh = make_user(name("fresh"))
    refused = sign_in(api, fresh.username, "pw-" + fresh.username, addr)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert sign_in(api, fresh.username, "pw-" + fresh.username, address()).status_code == 200  # elsewhere: in


def test_only_failures_count_and_a_success_clears_the_account_not_the_address(limits, api, make_user):
    dai, addr = make_user(name("dai")), address()
    for _ in range(5):  # successes never use up the allowance
        assert sign_in(api, dai.username, "pw-" + dai.username, addr).status_code == 200
    for _ in range(2):
        assert sign_in(api, dai.username, "typo", addr).status_code == 400
    assert sign_in(api, dai.username, "pw-" + dai.username, addr).status_code == 200  # clears dai's two
    for _ in range(2):
        assert sign_in(api, dai.username, "typo", addr).status_code == 400
    assert sign_in(api, dai.username, "pw-" + dai.username, addr).status_code == 200  # 2 since the last success
    # The address still counts all four failures: two more (at any account) and it is over its six.
    for _ in range(2):
        assert sign_in(api, name("guess"), "not-it", addr).status_code == 400
    assert sign_in(api, dai.username, "pw-" + dai.username, addr).status_code == 429


def test_failures_expire_after_the_period(settings, api, make_user):
    settings.COFIO_RATE_LOGIN_ACCOUNT = "2/2s"
    settings.COFIO_RATE_LOGIN_ADDRESS = "100/2s"
    dai, addr = make_user(name("dai")), address()
    for _ in range(2):
        assert sign_in(api, dai.username, "not-it", addr).status_code == 400
    refused = sign_in(api, dai.username, "pw-" + dai.username, addr)
    assert refused.status_code == 429
    assert refused.json()["detail"] == "Too many attempts to sign in. Please wait 1 minute and try again."
    time.sleep(2.2)
    assert sign_in(api, dai.username, "pw-" + dai.username, addr).status_code == 200


def test_the_refusal_is_in_welsh_for_a_welsh_reader(limits, api, make_user):
    dai, addr = make_user(name("dai")), address()
    for _ in range(3):
        sign_in(api, dai.username, "not-it", addr)
    refused = sign_in(api, dai.username, "pw-" + dai.username, addr, HTTP_ACCEPT_LANGUAGE="cy")
    assert refused.status_code == 429
    assert refused.json()["detail"] == ("Gormod o ymdrechion i fewngofnodi. Arhoswch 15 munud a rhowch gynnig "
                                        "arall arni.")


def test_x_forwarded_for_does_not_make_a_guesser_someone_else(limits, api, db):
    addr = address()
    for number in range(6):  # a different made-up forwarded address each time: all counted as the connection's
        assert sign_in(api, name("guess"), "not-it", addr, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}").status_code == 400
    assert sign_in(api, name("guess"), "not-it", addr, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429
