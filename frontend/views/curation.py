"""What every curators' page shares: who may open it, and how a service's refusal is shown."""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from archive.access import can_moderate


def curators_only(view):
    """Open ``view`` to curators; visitors are sent to sign in, members are refused with a 403."""
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_moderate(request.user):
            raise PermissionDenied(_("Only curators can use this page."))
        return view(request, *args, **kwargs)
    return guarded


def refusal_shown(request, exc) -> None:
    """Show a service's ``ValidationError`` on the next page, one message per field, in its own words."""
    problems = exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]
    for problem in problems:
        messages.error(request, " ".join(str(p) for p in problem))


def form_decided(request, decide, done_url: str):
    """A curator's form sent: ``decide()`` carries it out and says what was done (a message; or a response of
    its own, such as "are you sure?"), then the page reloads at ``done_url``.

    None when a service refused: the refusal is shown and the caller draws the page again with status 400.
    """
    try:
        outcome = decide()
    except DjangoValidationError as exc:
        refusal_shown(request, exc)
        return None
    if not isinstance(outcome, str):
        return outcome
    messages.success(request, outcome)
    return redirect(done_url)
