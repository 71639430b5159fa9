"""URLs of the web pages."""
from django.contrib.auth import views as auth_views
from django.urls import path

from .views import pages

app_name = "frontend"

urlpatterns = [
    path("", pages.home, name="home"),
    path("items/<int:pk>/", pages.item_detail, name="item"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
