"""Finding or creating the people, places and subjects that contributors name.

Every resolve function follows ``merged_into`` (a duplicate a curator merged leads to the record it
was merged into) and matches the other names kept on a record (place and person variants, subject
aliases), so an upload that uses an old name lands on the merged record.

With an ``actor`` (the contributor), ids and names reach only the records that actor may see
(:func:`archive.access.vocabulary_visible_to`): an id of a record hidden from them is refused like a
missing one, and a name that matches only hidden records makes a new record (a duplicate curators
may merge) rather than linking their item to a record whose other names and place they may not see.
Without an actor (the archive itself: the demo, imports) every record is reachable.
"""
from django.db.models import Q
from django.utils.text import slugify

from ..access import can_view_vocabulary, vocabulary_visible_to
from ..ids import parse_id, written_as_number
from ..models import Person, Place, Subject

MAX_MERGE_HOPS = 20  # a chain of merges longer than this is a loop (it cannot be, but never spin)


def vocabulary_by_id(model, value, *, actor=None):
    """The ``model`` record (Place, Person or Subject) numbered ``value`` that ``actor`` may see, following merges;
    None when the number names no record, or one ``actor`` may not see (the two answer alike)."""
    pk = parse_id(value)
    record = model.objects.filter(pk=pk).first() if pk is not None else None
    if record is None or (actor is not None and not can_view_vocabulary(actor, record)):
        return None
    return merged_target(record)


def _by_id(model, value, actor):
    found = vocabulary_by_id(model, value, actor=actor)
    if found is None:
        raise model.DoesNotExist(f"There is no {model.__name__.lower()} with id {str(value).strip()}.")
    return found


def _matchable(queryset, actor):
    """The records of ``queryset`` a name typed by ``actor`` may land on: those they may see, and merged
    duplicates (whose target is checked once found: :func:`_visible_or_none`). All of them without an actor."""
    if actor is None:
        return queryset
    visible = vocabulary_visible_to(actor, queryset.model.objects.all()).values("pk")
    return queryset.filter(Q(pk__in=visible) | Q(merged_into__isnull=False))


def _visible_or_none(record, actor):
    if record is None or actor is None or can_view_vocabulary(actor, record):
        return record
    return None


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

    Raises Place.DoesNotExist for an unknown id, or one of a place ``actor`` may not see.
    """
    if written_as_number(value):
        return _by_id(Place, value, actor)
    name = " ".join(str(value).split())
    places = _matchable(Place.objects.all(), actor)
    found = _visible_or_none(_first_current(places.filter(Q(name_cy__iexact=name) | Q(name_en__iexact=name)))
                             or _by_other_name(places, "variants", name), actor)
    if found:
        return found
    field = "name_cy" if language == "cy" else "name_en"
    return Place.objects.create(**{field: name}, created_by=actor)


def person_resolve(value, *, actor=None) -> Person:
    """The person named (or numbered) by ``value``; a new person when no name or variant matches.

    Raises Person.DoesNotExist for an unknown id, or one of a person ``actor`` may not see.
    """
    if written_as_number(value):
        return _by_id(Person, value, actor)
    name = " ".join(str(value).split())
    people = _matchable(Person.objects.all(), actor)
    found = _visible_or_none(_first_current(people.filter(name__iexact=name))
                             or _by_other_name(people, "variants", name), actor)
    if found:
        return found
    return Person.objects.create(name=name, created_by=actor)


def _subjects_matchable(actor):
    """Subjects a label may land on: those ``actor`` may see (approved ones, and their own proposals; all of them
    for curators or the system, ``actor`` None): a member's upload never lands on someone else's unapproved
    proposal, nor on a subject named only on items hidden from them."""
    return _matchable(Subject.objects.all(), actor)


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
    return _visible_or_none(_first_current(matchable.filter(exact)) or _by_other_name(matchable, "aliases", label),
                            actor)


def subject_resolve(value, *, language: str = "en", actor=None) -> Subject:
    """The subject with this id, slug, label or alias; a new one when none matches.

    With ``actor`` (the contributor), labels match only subjects the actor may see (approved ones on items they
    may see or on none, and their own proposals).
    Raises Subject.DoesNotExist for an unknown id, or one of a subject ``actor`` may not see.
    """
    if written_as_number(value):
        return _by_id(Subject, value, actor)
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
