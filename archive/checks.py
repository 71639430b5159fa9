"""System checks: refuse unsafe production configurations."""
from django.conf import settings
from django.core.checks import Error, Tags, register

DEMO_ACCOUNTS = ("curator", "villager", "newcomer")


@register(Tags.security, deploy=True)
def demo_password_check(app_configs, **kwargs):
    """In production, no demo account may still use the demo's shared password."""
    if not getattr(settings, "COFIO_REFUSE_DEMO_PASSWORD", False):
        return []
    from django.db import DatabaseError

    from .models import User

    errors = []
    try:
        for user in User.objects.filter(username__in=DEMO_ACCOUNTS):
            if user.check_password(settings.COFIO_DEMO_PASSWORD):
                errors.append(Error(
                    f"The account '{user.username}' uses the demo password; production refuses it.",
                    hint="Set a new password with: manage.py changepassword " + user.username,
                    id="cofio.E001",
                ))
    except DatabaseError:
        return []  # no tables yet: nothing to check
    return errors
