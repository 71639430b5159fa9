"""Recording whether a person is living and whether their name may be shown to visitors."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..access import can_record_name_consent
from ..models import AuditEvent, Person
from .audit import audit_record

NOTE_LENGTH = 300
UNSET = object()


@transaction.atomic
def person_consent_record(person: Person, actor, *, living=UNSET, name_consent=UNSET, note=UNSET) -> Person:
    """A curator records that ``person`` is living (True, False or None: unknown), whether consent to show
    their name to visitors is recorded, and who gave it, when and how (``note``).

    Only what is passed changes. Every item naming the person is re-indexed and its manifest rebuilt
    (by the search and IIIF receivers of ``Person``); each item's audit trail records the change.
    """
    if not can_record_name_consent(actor):
        raise PermissionDenied(_("Only curators can record consent."))
    changed = {}
    if living is not UNSET:
        if living not in (True, False, None):
            raise ValidationError({"living": _("Say true, false, or null when it is not known.")})
        changed["living"] = living
    if name_consent is not UNSET:
        changed["name_consent"] = bool(name_consent)
    if note is not UNSET:
        note = " ".join(str(note or "").split())
        if len(note) > NOTE_LENGTH:
            raise ValidationError({"name_consent_note": _("Please keep it under %(limit)s characters.")
                                   % {"limit": NOTE_LENGTH}})
        changed["name_consent_note"] = note
    if not changed:
        return person
    for field, value in changed.items():
        setattr(person, field, value)
    person.save(update_fields=list(changed))
    for item in person.items.all():
        audit_record(item, AuditEvent.Action.EDITED, actor, person=person.pk,
                     fields=[f"person.{field}" for field in changed],
                     **{k: v for k, v in changed.items() if k != "name_consent_note"})
    return person
