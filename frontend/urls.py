"""URLs of the web pages."""
from django.contrib.auth import views as auth_views
from django.urls import path

from .views import curate, joining, moderation, pages, search, tags, takedown, voices
from .views import curate_takedowns, history, item_controls  # curators' and contributors' pages
from .views import contribute  # "Add photos", an upload's progress, "My contributions"
from .views import sign_in  # the sign-in page, behind the sign-in limits
from .views import trail_builder, trail_leaflet, trails  # story trails: building, the printed leaflet, following
from .views import trail_stops, trail_versions  # a trail's stops in the builder; its history

app_name = "frontend"

urlpatterns = [
    path("", pages.home, name="home"),
    path("contribute/", contribute.contribute, name="contribute"),
    path("contribute/batches/<id:pk>/", contribute.batch, name="contribute-batch"),
    path("contribute/mine/", contribute.mine, name="contribute-mine"),
    path("items/<id:pk>/", pages.item_detail, name="item"),
    path("items/<id:pk>/voices/", voices.voice_add, name="voice-add"),  # "Add your memory"
    path("items/<id:pk>/takedown/", takedown.takedown, name="takedown"),
    path("items/<id:pk>/region-tags/", tags.region_tag_add, name="region-tag-add"),
    path("moderation/", moderation.moderation, name="moderation"),
    path("search/", search.search, name="search"),
    path("accounts/login/", sign_in.SignInView.as_view(next_page="frontend:home"), name="login"),  # limited
    # Signing out is a POST (a form with a button); Django refuses GET since 5.0.
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="frontend:home"), name="logout"),
    path("accounts/joined/", joining.joined, name="joined"),  # after signing up
    path("curate/members/", curate.members, name="curate-members"),
    path("curate/vocabulary/", curate.vocabulary, name="curate-vocabulary"),
    path("items/<id:pk>/visibility/", item_controls.visibility, name="item-visibility"),
    path("items/<id:pk>/withdraw/", item_controls.withdraw, name="item-withdraw"),
    path("items/<id:pk>/history/", history.item_history_page, name="item-history"),
    path("curate/takedowns/", curate_takedowns.takedowns, name="curate-takedowns"),
    # Story trails: the index, the player (a trail, then one URL per stop, for a QR code on a plaque).
    path("trails/", trails.trail_index, name="trails"),
    path("trails/<id:pk>/", trails.trail_player, name="trail"),
    path("trails/<id:pk>/stops/<int:number>/", trails.trail_stop, name="trail-stop"),
    path("trails/<id:pk>/leaflet/", trail_leaflet.trail_leaflet, name="trail-leaflet"),
    # Building a trail (curators and the trail's co-authors).
    path("trails/new/", trail_builder.trail_new, name="trail-new"),
    path("trails/<id:pk>/edit/", trail_builder.trail_edit, name="trail-edit"),
    path("trails/mine/", trail_builder.trail_mine, name="trail-mine"),
    path("trails/<id:pk>/edit/publish/", trail_builder.trail_publishing, name="trail-publish"),
    path("trails/<id:pk>/edit/authors/", trail_builder.trail_invite, name="trail-invite"),
    path("trails/<id:pk>/edit/stops/new/", trail_stops.stop_new, name="trail-stop-new"),
    path("trails/<id:pk>/edit/stops/order/", trail_stops.stops_order, name="trail-stops-order"),
    path("trails/<id:pk>/edit/stops/<id:stop_pk>/", trail_stops.stop_edit, name="trail-stop-edit"),
    path("trails/<id:pk>/edit/stops/<id:stop_pk>/remove/", trail_stops.stop_remove, name="trail-stop-remove"),
    path("trails/<id:pk>/edit/stops/<id:stop_pk>/move/", trail_stops.stop_move, name="trail-stop-move"),
    path("trails/<id:pk>/history/", trail_versions.trail_history_page, name="trail-history"),
]
