"""Finding or creating the people, places and subjects that contributors name.

Every resolve function follows ``merged_into`` (a duplicate a curator merged leads to the record it
was merged into) and matches the other names kept on a record (place and person variants, subject
aliases), so an upload that uses an old name lands on the merged record.
"""
from django.db.models import Q
from django.utils.text import slugify

from ..access import can_curate
from ..models import Person, Place, Subject

MAX_MERGE_HOPS = 20  # a chain of merges longer than this is a loop (it cannot be, but never spin)


def _as_id(value) -> int | None:
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def merged_target(record):
    """The record ``record`` was merged into (following a chain of merges), or ``record`` itself."""
    seen = 0
    while record.merged_into_id is not None and seen < MAX_MERGE_HOPS:
        record = type(record).objects.get(pk=record.merged_into_id)
        seen += 1
    return record


def _first_current(queryset):
    """The first match that is not a merged duplicate; else the record the first duplicate was merged into."""
    found = queryset.filter(merged_into__isnull=True).first()
    if found is None:
        found = queryset.first()
    return merged_target(found) if found is not None else None


def _by_other_name(queryset, field: str, name: str):
    """The first record of ``queryset`` whose ``field`` (a JSON list of names) holds ``name``, any case."""
    folded = name.casefold()
    for record in queryset.exclude(**{field: []}).only("id", field, "merged_into").order_by("merged_into", "id"):
        if any(folded == str(other).casefold() for other in getattr(record, field)):
            return merged_target(type(record).objects.get(pk=record.pk))
    return None


def place_resolve(value, *, actor=None, language: str = "en") -> Place:
    """The place named (or numbered) by ``value``; a new place when no name or variant matches.

    Raises Place.DoesNotExist for an unknown id.
    """
    pk = _as_id(value)
    if pk is not None:
        return merged_target(Place.objects.get(pk=pk))
    name = " ".join(str(value).split())
    found = (_first_current(Place.objects.filter(Q(name_cy__iexact=name) | Q(name_en__iexact=name)))
             or _by_other_name(Place.objects.all(), "variants", name))
    if found:
        return found
    field = "name_cy" if language == "cy" else "name_en"
    return Place.objects.create(**{field: name}, created_by=actor)


def person_resolve(value, *, actor=None) -> Person:
    """The person named (or numbered) by ``value``; a new person when no name or variant matches.

    Raises Person.DoesNotExist for an unknown id.
    """
    pk = _as_id(value)
    if pk is not None:
        return merged_target(Person.objects.get(pk=pk))
    name = " ".join(str(value).split())
    found = (_first_current(Person.objects.filter(name__iexact=name))
             or _by_other_name(Person.objects.all(), "variants", name))
    if found:
        return found
    return Person.objects.create(name=name, created_by=actor)


def _subjects_matchable(actor):
    """Subjects a label may land on: approved ones, and proposals by ``actor`` (all of them for curators or
    the system, ``actor`` None): a member's upload never lands on someone else's unapproved proposal."""
    if actor is None or can_curate(actor):
        return Subject.objects.all()
    if getattr(actor, "is_authenticated", False):
        return Subject.objects.filter(Q(approved=True) | Q(proposed_by=actor))
    return Subject.objects.filter(approved=True)


def subject_slug_free(label: str) -> str:
    """A slug for ``label`` that no subject has yet."""
    base = slugify(label)[:90] or "subject"
    slug, n = base, 1
    while Subject.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def subject_find(label: str, *, actor=None) -> Subject | None:
    """The subject with this slug, label or alias that ``actor`` may land on (following merges), or None."""
    label = " ".join(str(label).split())
    if not label:
        return None
    matchable = _subjects_matchable(actor)
    slug = slugify(label)[:100]
    exact = Q(label_cy__iexact=label) | Q(label_en__iexact=label)
    if slug:
        exact |= Q(slug=slug)
    return _first_current(matchable.filter(exact)) or _by_other_name(matchable, "aliases", label)


def subject_resolve(value, *, language: str = "en", actor=None) -> Subject:
    """The subject with this id, slug, label or alias; a new one when none matches.

    With ``actor`` (the contributor), labels match approved subjects and the actor's own proposals only.
    Raises Subject.DoesNotExist for an unknown id.
    """
    pk = _as_id(value)
    if pk is not None:
        return merged_target(Subject.objects.get(pk=pk))
    label = " ".join(str(value).split())
    found = subject_find(label, actor=actor)
    if found:
        return found
    field = "label_cy" if language == "cy" else "label_en"
    # A member who is not trusted proposes a new subject: it waits for a curator (who gives both labels)
    # and is shown on items only once approved.
    approved = actor is None or actor.is_curator or actor.trusted
    return Subject.objects.create(slug=subject_slug_free(label), approved=approved,
                                  proposed_by=None if approved else actor, **{field: label})
