"""Top-level URLs: pages, the API, media, the sitemap, health and admin."""
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from api.views.health import healthz
from frontend.sitemaps import SITEMAPS
from frontend.views.media import media_serve

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("iiif/", include("api.views.iiif")),  # manifests, collections, Image API, Content Search
    path("i18n/", include("django.conf.urls.i18n")),
    re_path(r"^media/(?P<path>.+)$", media_serve, name="media"),
    path("", include("frontend.urls")),
    # Joining (django-allauth's signup, with Cofio's form and page); sign-in stays frontend:login above.
    path("accounts/", include("allauth.urls")),
]

# A page that is not there and an error of Cofio's own: JSON for the API, bilingual pages for the rest.
handler404 = "frontend.views.errors.page_not_found"
handler500 = "frontend.views.errors.server_error"
handler400 = "config.request_limits.bad_request"  # too many parameters and other bad requests: a 400 in words
