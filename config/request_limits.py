"""Requests past Django's limits on what one request may send: a 400 saying which limit, never a 500.

Django refuses a query string or a form with more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` parameters
(``TooManyFieldsSent``), more than ``DATA_UPLOAD_MAX_NUMBER_FILES`` files (``TooManyFilesSent``) or a
body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` besides files (``RequestDataTooBig``), when the
request's data is first read. Read outside a view (in a middleware, or CSRF's check) these became
Django's bare "Bad Request (400)", and a traceback page with DEBUG on. :class:`RequestLimitsMiddleware`
reads the data first and answers each in plain words: JSON under ``/api/`` (as the API's views do),
else ``400.html`` in the visitor's language. ``bad_request`` is ``handler400`` for any other bad request.
https://docs.djangoproject.com/en/5.2/ref/settings/#data-upload-max-number-fields
"""
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponseBadRequest, JsonResponse, QueryDict
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
LIMITS = (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig)
PLAIN_400 = "Cais gwael (400): nid oedd modd deall y cais.\nBad request (400): the request could not be understood.\n"


def limit_message(exc) -> str:
    """What was too much, and the limit, in the reader's language."""
    if isinstance(exc, TooManyFieldsSent):
        return _("Too many parameters: at most %(limit)s can be sent in one request.") % {
            "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    if isinstance(exc, TooManyFilesSent):
        return _("Too many files: at most %(limit)s can be sent in one request.") % {
            "limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    if isinstance(exc, RequestDataTooBig):
        return _("Too much was sent: at most %(size)s besides files in one request.") % {
            "size": str(filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)).replace("\xa0", " ")}
    return _("The request could not be understood.")


def bad_request_response(request, message: str):
    """A 400 with ``message``: ``{"detail": …}`` under /api/, else the page ``400.html``."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"problem": message}, status=400)


def bad_request(request, exception=None):
    """``handler400``: a bad request (DEBUG off) answered as :func:`bad_request_response`, naming the limit
    when one was passed and nothing of the request otherwise.

    Some bad requests (a host name not in ALLOWED_HOSTS) cannot render the site's layout: they get the two
    languages in plain text.
    """
    message = limit_message(exception) if isinstance(exception, LIMITS) else _("The request could not be understood.")
    try:
        return bad_request_response(request, message)
    except Exception:  # noqa: BLE001  (the request itself is what is wrong: answer without it)
        return HttpResponseBadRequest(PLAIN_400, content_type="text/plain; charset=utf-8")


class RequestLimitsMiddleware:
    """Reads the query string, and a page's form, before anything else does; a request past a limit gets a 400
    in plain words (see the module's docstring), whether DEBUG is on or off.

    The answer is given from ``process_view``, so that it passes back through every other middleware (the
    security headers, the session) like any view's answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        """Parse the query string first; past the limit it reads as empty, and the view is not called."""
        try:
            request.GET  # noqa: B018  (parsing it is the point)
        except TooManyFieldsSent as exc:
            request.GET = QueryDict()
            request.request_limit_passed = limit_message(exc)
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        """The 400 for a query string past the limit; read a posted form before CSRF's check does (it reads it
        for every view that is not exempt; the API reads its own, see :meth:`process_exception`)."""
        if message := getattr(request, "request_limit_passed", ""):
            return bad_request_response(request, message)
        if request.method != "POST" or getattr(view, "csrf_exempt", False):
            return None
        try:
            request.POST  # noqa: B018
        except LIMITS as exc:
            request._mark_post_parse_error()  # as Django does: reading it again must not raise again
            return bad_request_response(request, limit_message(exc))
        return None

    def process_exception(self, request, exception):
        """A limit passed while a view read the data: the same 400."""
        if isinstance(exception, LIMITS):
            return bad_request_response(request, limit_message(exception))
        return None
