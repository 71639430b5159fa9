"""URLs of the web pages."""
from django.contrib.auth import views as auth_views
from django.urls import path

from .views import curate, joining, moderation, pages, search, tags, takedown, voices
from .views import curate_takedowns, history, item_controls  # curators' and contributors' pages (issue 6, D2)
from .views import contribute  # "Add photos", an upload's progress, "My contributions"

app_name = "frontend"

urlpatterns = [
    path("", pages.home, name="home"),
    path("contribute/", contribute.contribute, name="contribute"),
    path("contribute/batches/<int:pk>/", contribute.batch, name="contribute-batch"),
    path("contribute/mine/", contribute.mine, name="contribute-mine"),
    path("items/<int:pk>/", pages.item_detail, name="item"),
    path("items/<int:pk>/voices/", voices.voice_add, name="voice-add"),  # "Add your memory" (issue 6, part A2)
    path("items/<int:pk>/takedown/", takedown.takedown, name="takedown"),  # issue 6, part B
    path("items/<int:pk>/region-tags/", tags.region_tag_add, name="region-tag-add"),
    path("moderation/", moderation.moderation, name="moderation"),
    path("search/", search.search, name="search"),
    path("accounts/login/", auth_views.LoginView.as_view(next_page="frontend:home"), name="login"),
    # Signing out is a POST (a form with a button); Django refuses GET since 5.0.
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="frontend:home"), name="logout"),
    path("accounts/joined/", joining.joined, name="joined"),  # after signing up (issue 6, part C)
    path("curate/members/", curate.members, name="curate-members"),
    path("curate/vocabulary/", curate.vocabulary, name="curate-vocabulary"),
    path("items/<int:pk>/visibility/", item_controls.visibility, name="item-visibility"),  # issue 6, D2
    path("items/<int:pk>/withdraw/", item_controls.withdraw, name="item-withdraw"),
    path("items/<int:pk>/history/", history.item_history_page, name="item-history"),
    path("curate/takedowns/", curate_takedowns.takedowns, name="curate-takedowns"),
]
