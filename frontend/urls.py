"""URLs of the web pages."""
from django.contrib.auth import views as auth_views
from django.urls import path

from .views import pages, search

app_name = "frontend"

urlpatterns = [
    path("", pages.home, name="home"),
    path("items/<int:pk>/", pages.item_detail, name="item"),
    path("search/", search.search, name="search"),
    path("accounts/login/", auth_views.LoginView.as_view(next_page="frontend:home"), name="login"),
    # Signing out is a POST (a form with a button); Django refuses GET since 5.0.
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="frontend:home"), name="logout"),
]
