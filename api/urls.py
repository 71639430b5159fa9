"""URLs of the REST API, version 1 (mounted at /api/v1/)."""
from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace, csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from .views.descriptions import DescriptionModerationViewSet, DescriptionViewSet, ItemHistoryViewSet
from .views.accounts import InviteViewSet, MemberViewSet, me
from .views.items import BatchViewSet, ItemViewSet
from .views.moderation_items import ModerationItemViewSet
from .views.search import SearchViewSet
from .views.tags import RegionTagViewSet
from .views.takedown import TakedownRequestViewSet
from .views.token import obtain_token
from .views.trails import TrailStopViewSet, TrailViewSet
from .views.vocabulary import CollectionViewSet, LicenceViewSet, PersonViewSet, PlaceViewSet, SubjectViewSet

app_name = "api"

router = DefaultRouter()
router.register("search", SearchViewSet, basename="search")  # first: the most asked, and resolved in order
router.register("items", ItemViewSet, basename="item")
router.register("batches", BatchViewSet, basename="batch")
router.register("licences", LicenceViewSet, basename="licence")
router.register("people", PersonViewSet, basename="person")
router.register("places", PlaceViewSet, basename="place")
router.register("subjects", SubjectViewSet, basename="subject")
router.register("collections", CollectionViewSet, basename="collection")
router.register("invites", InviteViewSet, basename="invite")  # joining and membership (issue 6, part C)
router.register("members", MemberViewSet, basename="member")
# Descriptions (many voices), nested under their item by hand; histories; the descriptions' moderation queue.
router.register(r"items/(?P<item_pk>[^/.]+)/descriptions", DescriptionViewSet, basename="item-description")
router.register(r"items/(?P<item_pk>[^/.]+)/history", ItemHistoryViewSet, basename="item-history")
router.register("moderation/descriptions", DescriptionModerationViewSet, basename="moderation-description")
router.register("moderation/items", ModerationItemViewSet, basename="moderation-item")
# Region tags (nested under their item) and takedown requests (issue 6, part B).
router.register(r"items/(?P<item_pk>[^/.]+)/region-tags", RegionTagViewSet, basename="item-region-tag")
router.register("takedown-requests", TakedownRequestViewSet, basename="takedown-request")
# Story trails and their stops (nested under their trail by hand).
router.register("trails", TrailViewSet, basename="trail")
router.register(r"trails/(?P<trail_pk>[^/.]+)/stops", TrailStopViewSet, basename="trail-stop")

# The API docs pages (drf-spectacular's, from drf-spectacular-sidecar) run inline code marked with the
# page's nonce (frontend/templates/drf_spectacular/), as the site's policy allows (settings), and need a
# little more: Swagger UI draws its icons from data: URLs; ReDoc too, and it adds <style> elements as it
# renders and searches in a worker made from a blob: URL (allowed on that page alone; its scripts still
# need the nonce). ReDoc's "API docs by Redocly" logo, from the Redocly site, stays blocked: the archive
# sends its visitors to no other site, and ReDoc hides the logo when it cannot load.
SWAGGER_CSP = csp_update({"img-src": ["data:"]})
REDOC_CSP = csp_replace({"style-src": [SELF, UNSAFE_INLINE], "img-src": [SELF, "data:"], "worker-src": [SELF, "blob:"]})

urlpatterns = [
    path("auth/token/", obtain_token, name="token"),  # behind the sign-in limits
    path("me/", me, name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SWAGGER_CSP(SpectacularSwaggerView.as_view(url_name="api:schema")), name="docs"),
    path("redoc/", REDOC_CSP(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
    path("", include(router.urls)),
]
