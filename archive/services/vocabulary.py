"""Finding or creating the people, places and subjects that contributors name."""
from django.db.models import Q
from django.utils.text import slugify

from ..models import Person, Place, Subject


def _as_id(value) -> int | None:
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def place_resolve(value, *, actor=None, language: str = "en") -> Place:
    """The place named (or numbered) by ``value``; a new place when no name or variant matches.

    Raises Place.DoesNotExist for an unknown id.
    """
    pk = _as_id(value)
    if pk is not None:
        return Place.objects.get(pk=pk)
    name = " ".join(str(value).split())
    found = Place.objects.filter(Q(name_cy__iexact=name) | Q(name_en__iexact=name)).first()
    if found:
        return found
    folded = name.casefold()
    for place in Place.objects.exclude(variants=[]).only("id", "variants"):
        if any(folded == str(v).casefold() for v in place.variants):
            return Place.objects.get(pk=place.pk)
    field = "name_cy" if language == "cy" else "name_en"
    return Place.objects.create(**{field: name}, created_by=actor)


def person_resolve(value, *, actor=None) -> Person:
    """The person named (or numbered) by ``value``; a new person when no name or variant matches.

    Raises Person.DoesNotExist for an unknown id.
    """
    pk = _as_id(value)
    if pk is not None:
        return Person.objects.get(pk=pk)
    name = " ".join(str(value).split())
    found = Person.objects.filter(name__iexact=name).first()
    if found:
        return found
    folded = name.casefold()
    for person in Person.objects.exclude(variants=[]).only("id", "variants"):
        if any(folded == str(v).casefold() for v in person.variants):
            return Person.objects.get(pk=person.pk)
    return Person.objects.create(name=name, created_by=actor)


def subject_resolve(value, *, language: str = "en") -> Subject:
    """The subject with this id, slug or label; a new one when none matches.

    Raises Subject.DoesNotExist for an unknown id.
    """
    pk = _as_id(value)
    if pk is not None:
        return Subject.objects.get(pk=pk)
    label = " ".join(str(value).split())
    slug = slugify(label)[:100] or "subject"
    found = Subject.objects.filter(Q(slug=slug) | Q(label_cy__iexact=label) | Q(label_en__iexact=label)).first()
    if found:
        return found
    field = "label_cy" if language == "cy" else "label_en"
    return Subject.objects.create(slug=slug, **{field: label})
