"""Joining the archive: django-allauth's signup, with Cofio's fields (invite code, credit name, language);
and changing one's password: allauth's page (/accounts/password/change/), in Cofio's words and languages.

The form checks the invite code as it is typed in (a clear message when it is unknown, expired or
used up); the account itself is made by :func:`archive.services.accounts.member_join`, which takes
one use of the invite atomically. Settings: ``ACCOUNT_FORMS`` and ``ACCOUNT_ADAPTER``.
https://docs.allauth.org/en/latest/account/forms.html and …/account/advanced.html#custom-redirects
"""
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import PasswordVerificationMixin
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib import messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from archive.services.accounts import InviteInvalid, invite_check, member_join

LANGUAGE_CHOICES = [("cy", "Cymraeg"), ("en", "English")]


class SignupForm(AllauthSignupForm):
    """Username, the name to be credited by, email (optional), password, invite code (optional), language."""

    display_name = forms.CharField(
        label=_("Your name"), max_length=150, required=False,
        help_text=_("How you are credited on what you share, e.g. “Megan Evans”. You can leave it empty."))
    preferred_language = forms.ChoiceField(label=_("Language for emails and messages"), choices=LANGUAGE_CHOICES)
    invite_code = forms.CharField(
        label=_("Invite code (if you have one)"), max_length=40, required=False,
        help_text=_("With an invite code you can share straight away. Without one, a curator will welcome you "
                    "soon."))

    field_order = ["username", "display_name", "email", "password1", "password2", "invite_code",
                   "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address (optional)")
        self.fields["email"].help_text = _("Only to tell you when something you shared is approved.")
        self.fields["email"].required = False
        self.fields["username"].help_text = _("The name you sign in with. Letters and numbers, no spaces.")
        if "password1" in self.fields:  # in plain words, instead of the validators' list of rules
            self.fields["password1"].help_text = _("At least 8 characters. Choose something others would not "
                                                   "guess, such as three words you will remember.")
        self.fields["preferred_language"].initial = "cy" if translation.get_language() == "cy" else "en"
        for field in self.fields.values():  # the page labels each field itself; no placeholders as labels
            field.widget.attrs.pop("placeholder", None)

    def clean_invite_code(self) -> str:
        """An empty code, or one someone may still join with (else a message saying why not)."""
        code = self.cleaned_data.get("invite_code", "").strip()
        if code:
            try:
                invite_check(code)
            except InviteInvalid as exc:
                raise forms.ValidationError(str(exc)) from exc
        return code


class AccountAdapter(DefaultAccountAdapter):
    """Makes the account through Cofio's ``member_join`` service; after a password change, the front page."""

    def get_password_change_redirect_url(self, request):
        """Back to the front page, where the message "Your password has been changed." is shown."""
        return reverse("frontend:home")

    def save_user(self, request, user, form, commit=True):
        """Save the new member: approved at once with a usable invite code, else waiting for a curator."""
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        details = {"display_name": data.get("display_name", ""), "preferred_language": data.get("preferred_language")}
        try:
            return member_join(user, invite_code=data.get("invite_code", ""), **details)
        except InviteInvalid as exc:  # used up between the check and now: join and wait, never lose the signup
            messages.warning(request, str(exc))
            return member_join(user, **details)


class ChangePasswordForm(AllauthChangePasswordForm):
    """allauth's password change (current password, new one twice), with labels and messages in Welsh too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = _("Your current password")
        self.fields["oldpassword"].help_text = ""  # allauth's points to a reset by email; curators reset here
        self.fields["password1"].label = _("New password")
        self.fields["password1"].help_text = _("At least 8 characters. Choose something others would not "
                                               "guess, such as three words you will remember.")
        self.fields["password2"].label = _("New password again")
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def clean_oldpassword(self) -> str:
        """The member's current password, or a message saying it is not."""
        password = self.cleaned_data.get("oldpassword", "")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password. Capital letters matter."))
        return password

    def clean(self):
        """The two new passwords must be the same (allauth's own check has no Welsh, so it is skipped)."""
        cleaned_data = super(PasswordVerificationMixin, self).clean()
        if cleaned_data.get("password1") and cleaned_data.get("password2") and \
                cleaned_data["password1"] != cleaned_data["password2"]:
            self.add_error("password2", _("The two new passwords are not the same. Please type the new one "
                                          "again in both."))
        return cleaned_data
