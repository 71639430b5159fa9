"""URLs of the web pages."""
from django.contrib.auth import views as auth_views
from django.urls import path

from .views import curate, joining, moderation, pages, search, tags, takedown, voices

app_name = "frontend"

urlpatterns = [
    path("", pages.home, name="home"),
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
]
