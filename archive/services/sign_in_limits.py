"""Limits on password attempts: failed sign-ins are counted per account and per address.

Every password form that asks Django's ``authenticate()`` with a request is covered: the sign-in page,
the admin's sign-in and the API's token endpoint (``POST /api/v1/auth/token/``). Each failure is counted
twice: under the username tried (normalised, see :func:`normalise_username`, so "Villager " and
"villager" count together) and under the client's address (DRF's ``get_ident``, which believes as many
``X-Forwarded-For`` hops as ``REST_FRAMEWORK["NUM_PROXIES"]`` says, and none by default). Over either
limit (``COFIO_RATE_LOGIN_ACCOUNT``, ``COFIO_RATE_LOGIN_ADDRESS``) the password is not even checked,
right or wrong, until the oldest counted failure is older than the period: the pages and the API then
answer 429 with ``Retry-After``, and :class:`SignInLimitBackend` refuses any other form (the admin's).

Only failures count, so other people's sign-ins never use up anybody's allowance, and attempts refused
while over a limit are not counted (their password was never checked). A successful sign-in clears the
failures of that account, since whoever signed in knew its password, but not those of the address:
otherwise a guesser with an account of their own could sign in to it now and then and go on guessing
other people's passwords from the same address.

The counts live in Django's default cache (``CACHE_URL``): Redis in production, files under
``var/cache/`` in the embedded default, so that all of a site's processes count together. Each limit
keeps the times of its latest failures (a sliding window, as DRF's throttles do). Reading and writing
them is not one atomic step: failures at the very same moment in different processes may each be
counted as if alone, so a burst can win a few more guesses, at most one per process serving at once.
"""
import hashlib
import math
import re
import time
import unicodedata
from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import ngettext
from rest_framework.throttling import BaseThrottle

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(s|sec|second|m|min|minute|h|hour|d|day)s?\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """How many failures are allowed in how many seconds: ``"5/15m"`` is ``(5, 900)``.

    The form is DRF's ``"<number>/<period>"`` with an optional multiple of the period: ``"20/15min"``,
    ``"10/hour"``, ``"50/1d"``. A rate that does not parse raises ``ImproperlyConfigured``, naming it.
    """
    match = _RATE.match(rate or "")
    if not match or int(match.group(1)) < 1 or match.group(2) == "0":
        raise ImproperlyConfigured(f"A sign-in limit must look like \"5/15m\" (number/period), not {rate!r}.")
    number, multiple, unit = match.groups()
    return int(number), int(multiple or 1) * _SECONDS[unit[0]]


def normalise_username(username) -> str:
    """The username as counted: Unicode NFKC (as Django stores usernames), trimmed and case-folded."""
    return unicodedata.normalize("NFKC", str(username or "")).strip().casefold()


def client_address(request) -> str:
    """The address a request comes from, as DRF's throttles see it (``REST_FRAMEWORK["NUM_PROXIES"]``)."""
    return BaseThrottle().get_ident(request) or ""


def _limits(request, username) -> Iterator[tuple[str, int, int]]:
    """(cache key, number, seconds) of each limit that applies: the account's and the address's."""
    for kind, ident, rate in (
        ("account", normalise_username(username), settings.COFIO_RATE_LOGIN_ACCOUNT),
        ("address", client_address(request) if request is not None else "", settings.COFIO_RATE_LOGIN_ADDRESS),
    ):
        if ident:
            number, seconds = parse_rate(rate)
            digest = hashlib.sha256(ident.encode()).hexdigest()
            yield f"cofio:sign-in-failures:{kind}:{digest}", number, seconds


def _recent(key: str, seconds: int, now: float) -> list[float]:
    """The times of the failures counted under ``key`` within the last ``seconds``, newest first."""
    history = cache.get(key)
    if not isinstance(history, list):
        return []
    return sorted((t for t in history if isinstance(t, float) and now - seconds < t <= now), reverse=True)


def seconds_to_wait(request, username) -> int:
    """How long (whole seconds) before ``username`` may try a password from ``request``'s address: 0 now."""
    now = time.time()
    wait = 0.0
    for key, number, seconds in _limits(request, username):
        recent = _recent(key, seconds, now)
        if len(recent) >= number:
            wait = max(wait, recent[number - 1] + seconds - now)
    return math.ceil(wait)


def record_failure(request, username) -> None:
    """Count a failed password for ``username`` from ``request``'s address (not while already refused)."""
    if seconds_to_wait(request, username):
        return
    now = time.time()
    for key, number, seconds in _limits(request, username):
        cache.set(key, [now, *_recent(key, seconds, now)][:number], seconds)


def clear_account(username) -> None:
    """Forget the failures counted for ``username`` (after a successful sign-in); its addresses' stay."""
    for key, _number, _seconds in _limits(None, username):
        cache.delete(key)


def too_many_attempts_message(wait: int) -> str:
    """The refusal in the reader's language, in whole minutes (at least one)."""
    minutes = max(1, math.ceil(wait / 60))
    return ngettext(
        "Too many attempts to sign in. Please wait %(minutes)d minute and try again.",
        "Too many attempts to sign in. Please wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def _username(credentials: dict) -> str:
    """The username in ``authenticate()``'s keyword arguments."""
    return credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username") or ""


class SignInLimitBackend:
    """First of ``AUTHENTICATION_BACKENDS``: refuses, before any password is checked, while over a limit.

    It never signs anybody in itself; under the limits it leaves the decision to the next backends. It has
    no ``get_user`` or permission methods on purpose: Django then never stores it as a session's backend
    (``login()`` and the test client's ``force_login`` pick the first backend that can load a user back)
    and skips it when asking about permissions.
    Django's ``authenticate()`` stops at its ``PermissionDenied``.
    https://docs.djangoproject.com/en/5.2/topics/auth/customizing/#handling-authorization-in-custom-backends
    """

    def authenticate(self, request, **credentials):
        """Raise ``PermissionDenied`` when the account or address is over its limit; else None."""
        if request is not None and credentials.get("password") is not None:
            wait = seconds_to_wait(request, _username(credentials))
            if wait:
                raise PermissionDenied(too_many_attempts_message(wait))
        return None


def count_failed_sign_in(sender, credentials=None, request=None, **kwargs) -> None:
    """Receiver of ``user_login_failed``: count the failure (only web requests, which have an address)."""
    if request is not None:
        record_failure(request, _username(credentials or {}))
