"""Text that cannot be stored: a parameter with a NUL character gets a 400 naming it, never a 500.

PostgreSQL's text columns refuse the NUL character (``\\x00``). Django's form fields and DRF's
serializer fields refuse it themselves, but a page view that reads ``request.POST`` directly (a
curator's reason, a note) would pass it to the database and fail there. :class:`NulCharacterMiddleware`
looks once, before the view: the query string of every request, and the posted form of the page
views (the API's views are CSRF-exempt and read their own data through their serializers).
"""
from django.utils.translation import gettext as _

from .request_limits import bad_request_response

NAME_SHOWN = 40  # characters of a parameter's name quoted back


def nul_message(name: str) -> str:
    """What is wrong with parameter ``name``, in the reader's language."""
    return _("“%(name)s” contains a NUL character, which cannot be stored. Please remove it and send it again.") % {
        "name": name[:NAME_SHOWN]}


def _with_nul(params) -> str | None:
    """The name of the first parameter whose name or one of whose values holds a NUL character, else None."""
    for name, values in params.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name.replace("\x00", "\\0")
    return None


class NulCharacterMiddleware:
    """Answers 400 (see the module) before the view is called, so the answer passes through every other
    middleware like a view's. Place it after ``RequestLimitsMiddleware``, which reads the data first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        """Nothing to do on the way in: the check needs the view (:meth:`process_view`)."""
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        """The 400 for a NUL character in the query string, or in a page's posted form."""
        name = _with_nul(request.GET)
        if name is None and request.method == "POST" and not getattr(view, "csrf_exempt", False):
            name = _with_nul(request.POST)
        return None if name is None else bad_request_response(request, nul_message(name))
