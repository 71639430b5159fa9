"""Cofio's REST API (Django REST Framework), version 1."""
