"""Template helpers for the contributor's and curators' controls: ``{% load curation %}`` (issue 6, D2).

Who may do what is asked of :mod:`archive.access`; the counts come from the services' own queues.
"""
from django import template

from archive.access import can_edit_item, can_handle_takedowns, can_moderate

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def item_controls(context, item) -> dict:
    """``{% item_controls item as controls %}``: what the reader may do to ``item`` on its page.

    ``can_edit`` (change who may see it, withdraw it: its contributor or a curator), ``is_curator``
    (its history, takedown requests), and the visibility choices with their plain meanings.
    """
    from ..views.item_controls import visibility_meanings

    user = _user(context)
    can_edit = bool(user is not None and can_edit_item(user, item))
    return {
        "can_edit": can_edit,
        "is_curator": can_moderate(user),
        "choices": visibility_meanings() if can_edit else [],
    }


@register.simple_tag(takes_context=True)
def curator_counts(context) -> dict | None:
    """``{% curator_counts as waiting %}``: for curators, how much waits on each curators' page; else None."""
    user = _user(context)
    if not can_moderate(user):
        return None
    from archive.models import Moderation, PlaceNameProposal, Subject, TakedownRequest
    from archive.selectors import descriptions_waiting
    from archive.services.accounts import members_waiting
    from archive.services.moderation import items_pending

    return {
        "moderation": items_pending().count() + descriptions_waiting().count(),
        "takedowns": (TakedownRequest.objects.filter(status=TakedownRequest.Status.OPEN).count()
                      if can_handle_takedowns(user) else 0),
        "members": members_waiting().count(),
        "vocabulary": (Subject.objects.filter(approved=False, merged_into__isnull=True).count()
                       + PlaceNameProposal.objects.filter(moderation=Moderation.PENDING).count()),
    }
