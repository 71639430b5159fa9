"""Getting an API token with a username and password (``POST /api/v1/auth/token/``).

DRF's own view, behind the sign-in limits (``archive.services.sign_in_limits``): while the username tried
or the caller's address has too many recent failures, the answer is 429 with Retry-After and the
password is not checked. Failures are counted where Django checks the password; a success clears the
account's count.
https://www.django-rest-framework.org/api-guide/authentication/#by-exposing-an-api-endpoint
"""
from rest_framework.authtoken.views import ObtainAuthToken

from archive.services import sign_in_limits

from ..throttles import SignInThrottle, TooManySignInAttempts


class ObtainToken(ObtainAuthToken):
    """The caller's token for a right username and password; 429 while over a sign-in limit."""

    throttle_classes = [SignInThrottle]

    def throttled(self, request, wait):
        """Refuse, in minutes to wait, with Retry-After."""
        raise TooManySignInAttempts(wait)

    def post(self, request, *args, **kwargs):
        """DRF's answer (the token, or 400 for a wrong password); a right one clears the account's failures."""
        response = super().post(request, *args, **kwargs)
        sign_in_limits.clear_account(request.data.get("username"))
        return response


obtain_token = ObtainToken.as_view()
