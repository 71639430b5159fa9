"""URLs of the REST API, version 1 (mounted at /api/v1/)."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from .views.items import BatchViewSet, ItemViewSet
from .views.search import SearchViewSet
from .views.vocabulary import CollectionViewSet, LicenceViewSet, PersonViewSet, PlaceViewSet, SubjectViewSet

app_name = "api"

router = DefaultRouter()
router.register("items", ItemViewSet, basename="item")
router.register("batches", BatchViewSet, basename="batch")
router.register("licences", LicenceViewSet, basename="licence")
router.register("people", PersonViewSet, basename="person")
router.register("places", PlaceViewSet, basename="place")
router.register("subjects", SubjectViewSet, basename="subject")
router.register("collections", CollectionViewSet, basename="collection")
router.register("search", SearchViewSet, basename="search")

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
]
