"""The sign-in page: Django's own, behind the sign-in limits (``archive.services.sign_in_limits``).

While the username tried or the visitor's address has too many recent failures, the page answers 429
with Retry-After and says how many minutes to wait; the password is not checked. Failures are counted
where Django checks the password; a success clears the account's count.
https://docs.djangoproject.com/en/5.2/topics/auth/default/#django.contrib.auth.views.LoginView
"""
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError

from archive.services import sign_in_limits


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing before the password is checked while over a sign-in limit."""

    seconds_to_wait = 0

    def clean(self):
        """Over a limit: one error saying how long to wait. Else Django's check; a success clears the count."""
        username = self.data.get(self.add_prefix("username"), "")
        self.seconds_to_wait = sign_in_limits.seconds_to_wait(self.request, username)
        if self.seconds_to_wait:
            raise ValidationError(sign_in_limits.too_many_attempts_message(self.seconds_to_wait),
                                  code="too_many_attempts")
        cleaned_data = super().clean()
        sign_in_limits.clear_account(username)
        return cleaned_data


class SignInView(LoginView):
    """Django's LoginView with :class:`SignInForm`; over a limit the form comes back as a 429."""

    form_class = SignInForm

    def form_invalid(self, form):
        """The form with its errors; 429 with Retry-After when it was refused for too many attempts."""
        response = super().form_invalid(form)
        if form.seconds_to_wait:
            response.status_code = 429
            response["Retry-After"] = str(form.seconds_to_wait)
        return response
