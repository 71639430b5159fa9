"""System checks: refuse unsafe production configurations."""
from django.conf import settings
from django.core.checks import Error, Tags, register

DEMO_ACCOUNTS = ("curator", "villager", "newcomer")


def refused_demo_passwords() -> list[str]:
    """The demo passwords production refuses: the settings' list (production.py), else the published one."""
    from config.local_secrets import PUBLISHED_DEMO_PASSWORD

    return list(getattr(settings, "COFIO_REFUSED_DEMO_PASSWORDS", None) or [PUBLISHED_DEMO_PASSWORD])


@register(Tags.security, deploy=True)
def demo_password_check(app_configs, **kwargs):
    """In production, no demo account may still use a demo password (settings.COFIO_REFUSED_DEMO_PASSWORDS)."""
    if not getattr(settings, "COFIO_REFUSE_DEMO_PASSWORD", False):
        return []
    from django.db import DatabaseError

    from .models import User

    errors = []
    try:
        for user in User.objects.filter(username__in=DEMO_ACCOUNTS):
            if any(user.check_password(password) for password in refused_demo_passwords()):
                errors.append(Error(
                    f"The account '{user.username}' uses a demo password; production refuses it.",
                    hint="Set a new password with: manage.py changepassword " + user.username,
                    id="cofio.E001",
                ))
    except DatabaseError:
        return []  # no tables yet: nothing to check
    return errors
