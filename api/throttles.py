"""Rate limits on contributions: DRF's ScopedRateThrottle, per account (per IP address for visitors).

A view opts in with a scope and, optionally, the actions that count::

    class DescriptionViewSet(ContributionThrottled, viewsets.ModelViewSet):
        throttle_scope = "contribute"              # or "takedown"
        throttle_actions = {"create", "partial_update"}

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``COFIO_RATE_CONTRIBUTE``,
``COFIO_RATE_TAKEDOWN``), read at each request so that settings overrides apply. Reading
(GET, HEAD, OPTIONS) is never limited. Counts live in the default cache (``CACHE_URL``).

:class:`SignInThrottle` guards the token endpoint: see ``archive.services.sign_in_limits``.
"""
import math
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import APIException, Throttled
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, ScopedRateThrottle

from archive.services import sign_in_limits


class ContributionThrottle(ScopedRateThrottle):
    """ScopedRateThrottle on writes only, for the view's ``throttle_actions`` (every write when unset)."""

    def allow_request(self, request, view):
        """Count unsafe requests to the actions the view names; let everything else through."""
        if request.method in SAFE_METHODS:
            return True
        actions = getattr(view, "throttle_actions", None)
        if actions is not None and getattr(view, "action", None) not in actions:
            return True
        return super().allow_request(request, view)

    def get_rate(self):
        """The scope's rate from the current settings (None: not limited)."""
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class TooManyContributions(Throttled):
    """429, in plain words, with when to try again (and a Retry-After header)."""

    default_detail = _("You have sent a lot in a short time. Please wait a little and try again.")
    extra_detail_singular = _("You can try again in {wait} second.")
    extra_detail_plural = _("You can try again in {wait} seconds.")


class ContributionThrottled:
    """A view mixin: rate-limit contributions with :class:`ContributionThrottle` and answer in plain words."""

    throttle_classes = [ContributionThrottle]

    def throttled(self, request, wait):
        """Refuse with a plain 429."""
        raise TooManyContributions(wait)


class SignInThrottle(BaseThrottle):
    """Refuses a password attempt while its account or address is over a sign-in limit; counts nothing.

    Failures are counted where the password is checked (``archive.services.sign_in_limits``); this only
    stops the view before it checks one, with the wait until the limit lets the attempt through again.
    """

    def allow_request(self, request, view):
        """Whether the username tried (``username`` in the body) and the caller's address are under their limits."""
        data = request.data if isinstance(request.data, Mapping) else {}
        username = data.get("username")
        self.seconds = sign_in_limits.seconds_to_wait(request, username if isinstance(username, (str, int)) else "")
        return not self.seconds

    def wait(self):
        """Seconds until the attempt would be let through."""
        return self.seconds


class TooManySignInAttempts(Throttled):
    """429 with Retry-After and the sign-in page's words: how many minutes to wait."""

    def __init__(self, wait):
        """The refusal for a wait of ``wait`` seconds (in minutes, without Throttled's "… seconds" sentence)."""
        self.wait = math.ceil(wait or 0)
        APIException.__init__(self, sign_in_limits.too_many_attempts_message(self.wait), self.default_code)
