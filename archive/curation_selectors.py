"""Selectors for the curators' pages: the moderation queue with what each picture needs shown, failed
ingests, every member, and the invite codes. Reads only; who may call them is decided in :mod:`archive.access`.
"""
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .models import Asset, Derivative, Description, Invite, Item
from .models.moderation import Moderation
from .services.moderation import items_pending

_PICTURES = Prefetch("assets", queryset=Asset.objects.order_by("position", "page", "id").prefetch_related(
    Prefetch("derivatives", queryset=Derivative.objects.all())))


def moderation_queue_items() -> QuerySet:
    """Items waiting for a curator that have not failed, oldest first, with their pictures, place, contributor
    and every word about them (the page shows what the contributor wrote)."""
    return (items_pending().exclude(status=Item.Status.FAILED)
            .select_related("contributor", "place")
            .prefetch_related(_PICTURES, Prefetch(
                "descriptions", queryset=Description.objects.exclude(moderation=Moderation.REJECTED)
                .select_related("author").order_by("created_at", "id"))))


def contributor_words(item: Item) -> list[Description]:
    """What ``item``'s contributor wrote about it (not rejected), from the prefetched descriptions."""
    return [voice for voice in item.descriptions.all() if voice.author_id == item.contributor_id]


def items_failed() -> QuerySet:
    """Items whose processing failed (not withdrawn, not purged), oldest first, with their contributor."""
    return (Item.objects.filter(status=Item.Status.FAILED, purged_at__isnull=True)
            .select_related("contributor").order_by("created_at", "id"))


def members_listed(search: str = "") -> QuerySet:
    """Every account, curators first, then by name; ``search`` matches the username, shown name or email."""
    accounts = get_user_model().objects.select_related("invite")
    search = (search or "").strip()
    if search:
        accounts = accounts.filter(Q(username__icontains=search) | Q(display_name__icontains=search)
                                   | Q(first_name__icontains=search) | Q(last_name__icontains=search)
                                   | Q(email__icontains=search))
    return accounts.order_by("approved", "role", "username", "id")


def invites_listed() -> QuerySet:
    """Every invite code, newest first, with who made it and who joined with it."""
    return Invite.objects.select_related("created_by").prefetch_related(
        Prefetch("members", queryset=get_user_model().objects.order_by("date_joined", "id")))


def invite_usable(invite: Invite) -> bool:
    """Whether someone may still join with ``invite`` (uses left, not expired or revoked)."""
    return invite.uses < invite.max_uses and (invite.expires_at is None or invite.expires_at > timezone.now())
