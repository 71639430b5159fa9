"""The API's rate limits (:mod:`api.throttles`) applied to the pages' forms, counted together with the API."""
from types import SimpleNamespace

from api.throttles import ContributionThrottle


def over_the_limit(request, scope: str) -> bool:
    """Whether ``request`` goes over the ``scope`` limit ("contribute": COFIO_RATE_CONTRIBUTE, "takedown":
    COFIO_RATE_TAKEDOWN), per account or address; a request under the limit is counted."""
    view = SimpleNamespace(throttle_scope=scope, throttle_actions=None)
    return not ContributionThrottle().allow_request(request, view)
