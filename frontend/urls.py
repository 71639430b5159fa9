"""URLs of the web pages."""
from django.contrib.auth import views as auth_views
from django.urls import path

from .views import curate, joining, moderation, pages, search, tags, takedown, voices
from .views import curate_takedowns, history, item_controls  # curators' and contributors' pages
from .views import contribute  # "Add photos", an upload's progress, "My contributions"
from .views import sign_in  # the sign-in page, behind the sign-in limits

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
]
