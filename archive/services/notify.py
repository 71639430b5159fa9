"""Telling contributors what happened to what they gave: an email, in their language first, then the other.

Use :func:`contributor_notify` from any service (item and description moderation, takedown
decisions)::

    from django.utils.translation import gettext_lazy as _
    from archive.services.notify import contributor_notify

    contributor_notify(user, _("Your words about %(title)s were approved"),
                       _("Thank you. Your words about %(title)s are now shown in the archive."),
                       title=item_title)

``subject`` and ``body`` are lazy gettext strings (marked for translation, with a Welsh entry in
``frontend/locale/cy/LC_MESSAGES/django.po``) with ``%(name)s`` placeholders filled from
``params``. The message is written in the person's ``preferred_language`` and repeated in the
other language below it. It is sent after the current transaction commits (never for a change
that was rolled back) through Django's mail (``EMAIL_BACKEND``: the console in the demo,
``locmem`` in tests); a mail server that fails is logged and never fails the caller.
"""
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

log = logging.getLogger(__name__)

LANGUAGES = ("cy", "en")
SEPARATOR = "\n\n— — —\n\n"


def _in(language: str, text, params: dict) -> str:
    with translation.override(language):
        return str(text) % params if params else str(text)


def notification_text(user, subject, body, **params) -> tuple[str, str]:
    """The ``(subject, body)`` sent to ``user``: their preferred language first, then the other one."""
    first = user.preferred_language if user.preferred_language in LANGUAGES else "en"
    order = [first] + [language for language in LANGUAGES if language != first]
    subjects = [_in(language, subject, params) for language in order]
    bodies = [_in(language, body, params) for language in order]
    subject_line = subjects[0] if subjects[0] == subjects[1] else f"{subjects[0]} / {subjects[1]}"
    return subject_line.replace("\n", " ")[:200], SEPARATOR.join(bodies)


def contributor_notify(user, subject, body, **params) -> bool:
    """Email ``user`` (once the transaction commits) about their contribution; False when they have no address.

    ``subject`` and ``body`` are lazy gettext strings with ``%(name)s`` placeholders filled from ``params``.
    """
    if user is None or not getattr(user, "email", ""):
        return False
    subject_line, text = notification_text(user, subject, body, **params)
    address = user.email

    def send():
        try:
            send_mail(subject_line, text, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception as exc:  # the curator's decision stands; the mail is logged as not sent
            log.error("could not email %s about their contribution: %r", address, exc)

    transaction.on_commit(send)
    return True
