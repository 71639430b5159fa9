"""Password validation: production refuses the demo passwords."""
from django.core.exceptions import ValidationError

from .checks import refused_demo_passwords


class NotDemoPasswordValidator:
    """Refuse the demo passwords: ``cofio-demo`` (once published in the README) and this installation's."""

    def validate(self, password, user=None):
        """Raise ValidationError when ``password`` is the demo password."""
        if password in refused_demo_passwords():
            raise ValidationError("This is the demo's published password; choose another.", code="demo_password")

    def get_help_text(self):
        """Shown under password fields."""
        return "Your password can't be the demo's published password."
