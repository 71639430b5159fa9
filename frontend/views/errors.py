"""The answers for a page that is not there (404) and for an error of Cofio's own (500).

Pages get ``404.html`` (the site's layout, in the visitor's language) and ``500.html`` (standalone,
both languages side by side, rendered with no request context and no database: whatever failed may be
the database itself). The API (``/api/…``) answers in JSON, as its views do, so that an API client never
has to read an HTML page. Set as ``handler404`` and ``handler500`` in ``config/urls.py``.
https://docs.djangoproject.com/en/5.2/topics/http/views/#customizing-error-views
"""
from django.http import JsonResponse
from django.views import defaults
from rest_framework.exceptions import NotFound

from config.request_limits import API_PREFIX


def page_not_found(request, exception):
    """404: ``{"detail": "Not found."}`` under /api/, else the bilingual page (nothing of ``exception`` shown)."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """500: JSON under /api/ (as DRF's own ``server_error``), else the standalone page ``500.html``."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": "Server error (500). Please try again later."}, status=500)
    return defaults.server_error(request)
