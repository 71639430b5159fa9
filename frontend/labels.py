"""Labels the pages show that are defined outside this app, listed so they are translated here.

The archive's models mark these with ``gettext_lazy``; the pages display them
(a voice's kind, an item's status and visibility, a description's language).
``makemessages`` run in ``frontend/`` finds them in this file and keeps them in
``frontend/locale``. Nothing imports this module.
"""
from django.utils.translation import gettext_noop

DISPLAYED_ELSEWHERE = [
    # Description.Kind
    gettext_noop("Caption"), gettext_noop("Memory"), gettext_noop("Story"), gettext_noop("Correction"),
    gettext_noop("Transcription"),
    # Item.Status
    gettext_noop("Received"), gettext_noop("Processing"), gettext_noop("Ready"), gettext_noop("Failed"),
    gettext_noop("Withdrawn"),
    # Item.Visibility
    gettext_noop("Public"), gettext_noop("Members only"), gettext_noop("Private"),
    # Description languages
    gettext_noop("Other language"), gettext_noop("No language"),
]
