"""The site's URLs and error handlers, plus two views that fail: for the 500 tests only."""
from django.db import OperationalError
from django.urls import path

from config.urls import handler404, handler500, urlpatterns as site_urlpatterns  # noqa: F401


def fails(request):
    """What a view does when the database has gone away."""
    raise OperationalError("database is locked")


urlpatterns = [path("test-fails/", fails), path("api/v1/test-fails/", fails), *site_urlpatterns]
