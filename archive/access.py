"""Who may see and change what: the one place every surface asks.

The API, the pages, media files, and later search, IIIF, tiles and sitemaps all
call these functions; none of them decides access on its own.
"""
from django.db.models import Q, QuerySet

from .models import Item


def _is_curator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_curator)


def items_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Items ``user`` may see (anonymous users pass ``AnonymousUser`` or None).

    - visitors: public items that are ready;
    - members: also members-only items that are ready;
    - contributors: also everything they contributed, in any state;
    - curators: everything.
    """
    qs = Item.objects.all() if queryset is None else queryset
    if _is_curator(user):
        return qs
    published = Q(status=Item.Status.READY)
    if user is not None and user.is_authenticated:
        shown = published & Q(visibility__in=[Item.Visibility.PUBLIC, Item.Visibility.MEMBERS])
        return qs.filter(shown | Q(contributor=user))
    return qs.filter(published & Q(visibility=Item.Visibility.PUBLIC))


def can_view_item(user, item: Item) -> bool:
    """Whether ``user`` may see ``item`` (same rules as :func:`items_visible_to`)."""
    if _is_curator(user):
        return True
    if user is not None and user.is_authenticated and item.contributor_id == user.pk:
        return True
    if item.status != Item.Status.READY:
        return False
    if item.visibility == Item.Visibility.PUBLIC:
        return True
    return bool(user and user.is_authenticated and item.visibility == Item.Visibility.MEMBERS)


def can_edit_item(user, item: Item) -> bool:
    """Whether ``user`` may change ``item``: its contributor or a curator."""
    if not (user and user.is_authenticated):
        return False
    return _is_curator(user) or item.contributor_id == user.pk


def can_contribute(user) -> bool:
    """Whether ``user`` may upload: any signed-in, active account."""
    return bool(user and user.is_authenticated and user.is_active)


def can_view_original(user, item: Item) -> bool:
    """Untouched originals (which may hold GPS and camera data) go only to the contributor and curators."""
    return can_edit_item(user, item)
