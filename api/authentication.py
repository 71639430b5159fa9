"""Who is asking, for the plain Django views that API clients read too (media files, IIIF).

Those views are not DRF views, so DRF does not sign the caller in; this does it the same way the API
does, with the same authentication classes (``REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]``:
an ``Authorization: Token …`` header, or the session), so a client that reads an item's JSON with its
token can also load the pictures and tiles that JSON lists.
"""
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.settings import api_settings


def authenticate_as_api(request) -> None:
    """Set ``request.user`` to whoever the API would take the caller for, if the session has not already.

    A credential the API would refuse (a wrong or revoked token, an inactive account) leaves the caller
    anonymous: they see what any visitor sees, no more.
    """
    if request.user.is_authenticated:
        return
    api_request = Request(request, authenticators=[auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES])
    try:
        user = api_request.user
    except APIException:
        return
    if user is not None and user.is_authenticated:
        request.user = user
