"""Password validation: production refuses the demo's shared password."""
from django.conf import settings
from django.core.exceptions import ValidationError


class NotDemoPasswordValidator:
    """Refuse the demo password (``cofio-demo``), which is published in the README."""

    def validate(self, password, user=None):
        """Raise ValidationError when ``password`` is the demo password."""
        if password == settings.COFIO_DEMO_PASSWORD:
            raise ValidationError("This is the demo's published password; choose another.", code="demo_password")

    def get_help_text(self):
        """Shown under password fields."""
        return "Your password can't be the demo's published password."
