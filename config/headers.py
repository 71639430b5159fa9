"""The Permissions-Policy header: which browser features (location, camera, …) a page may use.

Every answer denies what ``settings.PERMISSIONS_POLICY`` lists (an empty list: no one, not even
Cofio's own pages). A view that needs a feature allows it for itself alone::

    @permissions_policy(geolocation=["self"])   # e.g. a walking trail that follows the walker
    def walk(request, pk): ...

The policy's syntax: https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Permissions-Policy
(``self`` is Cofio's own origin; other origins are given as quoted URLs, e.g. ``'"https://example.org"'``).
"""
from functools import wraps

from django.conf import settings

HEADER = "Permissions-Policy"


def header_value(features: dict[str, list[str]]) -> str:
    """``{"geolocation": ["self"], "camera": []}`` as ``geolocation=(self), camera=()``."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


def permissions_policy(**allowed: list[str]):
    """Let one view use the features named, e.g. ``@permissions_policy(geolocation=["self"])``.

    Feature names are written with underscores for hyphens (``screen_wake_lock`` for ``screen-wake-lock``).
    """
    features = {name.replace("_", "-"): list(origins) for name, origins in allowed.items()}

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.permissions_policy = {**getattr(response, "permissions_policy", {}), **features}
            return response

        return wrapper

    return decorator


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` to every answer: the site's policy, with what the view allowed itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response:
            policy = {**getattr(settings, "PERMISSIONS_POLICY", {}), **getattr(response, "permissions_policy", {})}
            if policy:
                response[HEADER] = header_value(policy)
        return response
