"""Django app config for the API package."""
from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API."""

    name = "api"
    verbose_name = "API"
