"""Rate limits on contributions: DRF's ScopedRateThrottle, per account (per IP address for visitors).

A view opts in with a scope and, optionally, the actions that count::

    class DescriptionViewSet(ContributionThrottled, viewsets.ModelViewSet):
        throttle_scope = "contribute"              # or "takedown"
        throttle_actions = {"create", "partial_update"}

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``COFIO_RATE_CONTRIBUTE``,
``COFIO_RATE_TAKEDOWN``), read at each request so that settings overrides apply. Reading
(GET, HEAD, OPTIONS) is never limited. Counts live in the default cache (``CACHE_URL``).
"""
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import Throttled
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle


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
