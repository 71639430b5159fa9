"""Django app config for the web pages."""
from django.apps import AppConfig


class FrontendConfig(AppConfig):
    """Templates and static files for people using a browser."""

    name = "frontend"
    verbose_name = "Web pages"
