"""Who may see and change what: the one place every surface asks.

The API, the pages, media files, search, IIIF (manifests, collections, info.json, tiles,
content search) and the sitemap all call these functions; none of them decides access on its own.

An item is **published** — shown to visitors — only when all of these hold:

- its status is ``ready`` (processed, not failed, not withdrawn);
- a curator approved it (``moderation == approved``);
- its visibility is ``public``;
- it is not held for review (a takedown request is being looked at);
- it has not been purged (files and words deleted on request).

Members (signed-in, active accounts that joined with an invite or were approved by a curator:
:func:`is_member`) also see ``members`` items under the same conditions. An item's
contributor sees all their own items in every state (pending, rejected, held, withdrawn, failed:
so they can see why), except purged ones. Curators (and superusers) see everything, including
the bare record of a purged item. ``image_hidden`` (a takedown decision) hides an item's pictures,
not its words, from everyone but its contributor and curators (:func:`can_view_images`).
"""
from django.db.models import Q, QuerySet

from .models import Item
from .models.moderation import Moderation


def _is_curator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_curator)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def _is_contributor(user, item: Item) -> bool:
    return _signed_in(user) and user.pk is not None and item.contributor_id == user.pk


def _shown_visibilities(user) -> list[str]:
    if is_member(user):  # accounts waiting for a curator read as visitors (part C)
        return [Item.Visibility.PUBLIC, Item.Visibility.MEMBERS]
    return [Item.Visibility.PUBLIC]


def published_q(user=None) -> Q:
    """The condition (a ``Q``) for items published to ``user`` as a visitor or member (not as contributor)."""
    return Q(status=Item.Status.READY, moderation=Moderation.APPROVED, held_for_review=False,
             purged_at__isnull=True, visibility__in=_shown_visibilities(user))


def items_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Items ``user`` may see (anonymous users pass ``AnonymousUser`` or None), out of ``queryset``.

    - visitors: ready, approved, public items that are neither held for review nor purged;
    - members (:func:`is_member`): also members-only items under the same conditions;
    - contributors: also every item they contributed, in any state (pending, rejected, held,
      withdrawn, failed), except purged ones;
    - curators and superusers: everything.
    """
    qs = Item.objects.all() if queryset is None else queryset
    if _is_curator(user):
        return qs
    shown = published_q(user)
    if _signed_in(user) and user.pk is not None:
        shown |= Q(contributor=user, purged_at__isnull=True)
    return qs.filter(shown)


def is_published(item: Item, user=None) -> bool:
    """Whether ``item`` is published to ``user`` as a visitor (``user`` None) or a member (not as its contributor)."""
    return (item.status == Item.Status.READY and item.moderation == Moderation.APPROVED
            and not item.held_for_review and item.purged_at is None
            and item.visibility in _shown_visibilities(user))


def can_view_item(user, item: Item) -> bool:
    """Whether ``user`` may see ``item`` (the same rules as :func:`items_visible_to`)."""
    if _is_curator(user):
        return True
    if _is_contributor(user, item):
        return item.purged_at is None
    return is_published(item, user)


def can_view_images(user, item: Item) -> bool:
    """Whether ``user`` may see ``item``'s pictures (thumbnails, web copies, tiles).

    Whoever may see the item may see its pictures, unless a takedown decision hid them
    (``image_hidden``): then only its contributor and curators still see them.
    """
    if not can_view_item(user, item):
        return False
    return not item.image_hidden or _is_curator(user) or _is_contributor(user, item)


def can_edit_item(user, item: Item) -> bool:
    """Whether ``user`` may change ``item`` (its visibility, withdraw it): its contributor or a curator."""
    if not _signed_in(user):
        return False
    return _is_curator(user) or (_is_contributor(user, item) and item.purged_at is None)


def can_moderate(user) -> bool:
    """Whether ``user`` may approve and reject contributions, and see the moderation queue: curators."""
    return _is_curator(user)


def can_contribute(user) -> bool:
    """Whether ``user`` may upload: a signed-in, active account that a curator approved (or that joined by invite)."""
    return bool(_signed_in(user) and user.is_active and getattr(user, "approved", True))


def can_view_original(user, item: Item) -> bool:
    """Untouched originals (which may hold GPS and camera data) go only to the contributor and curators."""
    return can_edit_item(user, item)


def can_view_moderation(user, item: Item) -> bool:
    """Whether ``user`` may read why ``item`` was not accepted (``moderation_reason``): its contributor and curators."""
    return _is_curator(user) or _is_contributor(user, item)


# --- Descriptions (voices) -------------------------------------------------------------------
# A description is shown to those who may see its item once a curator approved it; its author
# also sees it while it waits or after it was not accepted (with the reason); curators see all.


def _approved_or_own(queryset: QuerySet, user) -> QuerySet:
    """Moderated contributions (``author``, ``moderation``) ``user`` may see: approved ones and their own; all
    of them for curators."""
    if _is_curator(user):
        return queryset
    shown = Q(moderation=Moderation.APPROVED)
    if _signed_in(user):
        shown |= Q(author=user)
    return queryset.filter(shown)


def descriptions_published(queryset: QuerySet | None = None) -> QuerySet:
    """Voices every reader of an item may see: approved ones (what search and manifests publish)."""
    from .models import Description

    qs = Description.objects.all() if queryset is None else queryset
    return qs.filter(moderation=Moderation.APPROVED)


def descriptions_visible_to(user, item: Item, queryset: QuerySet | None = None) -> QuerySet:
    """The descriptions of ``item`` that ``user`` may read (none when the item itself is hidden from them).

    Approved ones for anyone who may see the item, plus the caller's own pending and rejected ones;
    every one of them for curators.
    """
    from .models import Description

    qs = (Description.objects.all() if queryset is None else queryset).filter(item=item)
    return _approved_or_own(qs, user) if can_view_item(user, item) else qs.none()


def can_view_description(user, description) -> bool:
    """Whether ``user`` may read ``description`` (same rules as :func:`descriptions_visible_to`)."""
    if not can_view_item(user, description.item):
        return False
    if _is_curator(user) or description.moderation == Moderation.APPROVED:
        return True
    return bool(user and user.is_authenticated and description.author_id == user.pk)


def can_describe(user, item: Item) -> bool:
    """Whether ``user`` may add words to ``item``: a member who may contribute and may see the item."""
    return is_member(user) and can_contribute(user) and can_view_item(user, item)


def can_edit_description(user, description) -> bool:
    """Whether ``user`` may change ``description``'s words: its author, or a curator (with the author's consent)."""
    if not (user and user.is_authenticated):
        return False
    return _is_curator(user) or description.author_id == user.pk


# --- Region tags, living people's names, takedown requests (issue 6, part B) -------------------
# Who sees which region tags, whose names, and who handles takedown requests. The API, the pages,
# search (archive/search/documents.py) and IIIF manifests (archive/iiif/sources.py) all ask here.


def _is_member(user) -> bool:
    """A signed-in, active account that is a member (approved, or joined with an invite) or a curator."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    return _is_curator(user) or bool(getattr(user, "approved", True))


def person_name_shown(user, person) -> bool:
    """Whether ``user`` may see ``person``'s name.

    A living person's name is shown to visitors only when their consent is recorded; members and
    curators always see names. People not known to be living (dead, or unknown) are named to all.
    """
    if person.living is not True or person.name_consent:
        return True
    return _is_member(user)


def person_label(user, person, language: str = "en") -> str:
    """``person``'s name as ``user`` may see it: the name, or "a person" ("rhywun") without consent."""
    if person_name_shown(user, person):
        return person.name
    from django.utils import translation

    with translation.override("cy" if language == "cy" else "en"):
        return translation.gettext("a person")


def person_label_both(person) -> dict[str, str]:
    """What visitors see for ``person`` in Welsh and English (for public documents: manifests, search)."""
    return {"cy": person_label(None, person, "cy"), "en": person_label(None, person, "en")}


def region_tags_visible_to(user, item, queryset: QuerySet | None = None) -> QuerySet:
    """Region tags on ``item`` that ``user`` may see.

    Nobody sees tags on pictures they may not see. Curators see every tag (waiting, approved,
    not accepted); others see approved tags and their own.
    """
    from .models import RegionTag

    qs = (RegionTag.objects.all() if queryset is None else queryset).filter(item=item)
    return _approved_or_own(qs, user) if can_view_images(user, item) else qs.none()


def region_tags_published_on(item) -> bool:
    """Whether ``item`` publishes any region tags: not while its pictures are hidden, nor once it is purged."""
    return not item.image_hidden and item.purged_at is None


def region_tags_published(item, queryset: QuerySet | None = None) -> QuerySet:
    """Region tags every reader of ``item`` may see (what IIIF manifests publish): approved ones, on pictures
    that are not hidden (:func:`region_tags_published_on`)."""
    from .models import RegionTag
    from .models.moderation import Moderation

    qs = (RegionTag.objects.all() if queryset is None else queryset).filter(item=item)
    if not region_tags_published_on(item):
        return qs.none()
    return qs.filter(moderation=Moderation.APPROVED)


def region_tag_label(user, tag, language: str = "en") -> str:
    """What ``user`` is shown for ``tag``: its label, or "a person" when it names someone whose name they may not see."""
    if tag.person is not None and not person_name_shown(user, tag.person):
        return person_label(user, tag.person, language)
    return tag.label


def can_tag_region(user, item) -> bool:
    """Whether ``user`` may tag a region of ``item``'s pictures: a member who may see them."""
    return _is_member(user) and can_contribute(user) and can_view_images(user, item)


def can_moderate_region_tags(user) -> bool:
    """Curators approve and reject region tags."""
    return _is_curator(user)


def can_request_takedown(user, item) -> bool:
    """Anyone, signed in or not, may ask for an item they can see to be taken down."""
    return can_view_item(user, item)


def can_handle_takedowns(user) -> bool:
    """Curators read, hold and resolve takedown requests."""
    return _is_curator(user)


def can_record_name_consent(user) -> bool:
    """Curators record whether a person is living and whether their name may be shown."""
    return _is_curator(user)


# --- Membership, invites and the community vocabulary (issue 6, part C) ------------------------
# Who counts as a member for reading, who runs the membership (invites, approvals, roles) and who
# sees which proposed subjects and place names. The API, the pages and the services ask here.


def is_member(user) -> bool:
    """Whether ``user`` reads as a member: a signed-in, active account a curator approved (or that joined
    by invite), or a curator. Accounts still waiting for a curator read as visitors."""
    return _is_member(user)


def can_curate(user) -> bool:
    """Whether ``user`` runs the membership and the vocabulary (invites, approvals, trust, merges): curators."""
    return _is_curator(user)


def can_set_role(user) -> bool:
    """Whether ``user`` may make members curators (or curators members again): curators and admins."""
    return _is_curator(user)


# People, places and subjects (the vocabulary) are named on items, so a name typed only on items a
# reader may not see (private, members-only, waiting for a curator, withdrawn...) must not reach that
# reader through a list, a detail, a suggestion or a facet. The rule, for every surface:
#
# - an entry that items use is shown to a reader only when at least one of those items is one the
#   reader may see (:func:`items_visible_to`);
# - an entry no item uses is vocabulary set up in advance and shown to all: a person or a place the
#   archive made itself (the admin, the demo, an import: no ``created_by``), an approved subject;
# - subjects must also be approved (a proposal is shown only to who proposed it), and each person's
#   name still follows :func:`person_label`;
# - whoever typed or proposed an entry still sees it; curators see every entry.
#
# Merged duplicates are left out of lists (their old links lead to the record they were merged into).
# Collections are made by curators, never typed by contributors: every reader sees them.

# Each vocabulary model → the lookup from Item to it, and the field naming who typed or proposed it.
_VOCABULARY_LINKS = {"Person": ("people", "created_by"), "Place": ("place", "created_by"),
                     "Subject": ("subjects", "proposed_by")}


def _vocabulary_shown(user, model_name: str) -> Q:
    """The condition (a ``Q`` of subqueries, no query per row) for the entries of ``model_name`` ``user`` sees."""
    from django.db.models import Exists, OuterRef

    link, author = _VOCABULARY_LINKS[model_name]
    used = Item.objects.filter(**{link: OuterRef("pk")})
    in_advance = Q(approved=True) if model_name == "Subject" else Q(**{f"{author}__isnull": True})
    shown = Q(Exists(items_visible_to(user, used))) | (~Q(Exists(used)) & in_advance)
    if model_name == "Subject":
        shown &= Q(approved=True)  # a proposal is shown on no item until a curator approves it
    if _signed_in(user) and user.pk is not None:
        shown |= Q(**{author: user})
    return shown


def vocabulary_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The people, places, subjects or collections of ``queryset`` that ``user`` may see (see the rule above).

    Merged duplicates are left out; curators see every other entry.
    """
    model_name = queryset.model.__name__
    if model_name == "Collection":
        return queryset
    qs = queryset.filter(merged_into__isnull=True)
    if _is_curator(user):
        return qs
    return qs.filter(_vocabulary_shown(user, model_name))


def people_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """People ``user`` may see: named on an item they may see, made by the archive itself, or typed by them.

    Their names are still shown as :func:`person_label` says (a living person without consent is "a person").
    """
    from .models import Person

    return vocabulary_visible_to(user, Person.objects.all() if queryset is None else queryset)


def places_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Places ``user`` may see: the place of an item they may see, made by the archive itself, or typed by them."""
    from .models import Place

    return vocabulary_visible_to(user, Place.objects.all() if queryset is None else queryset)


def subjects_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Subjects ``user`` may see: approved ones on an item they may see or on no item yet; proposals only to
    who proposed them and to curators.

    Duplicates merged into another subject are left out (their old links still lead to the subject they
    were merged into).
    """
    from .models import Subject

    return vocabulary_visible_to(user, Subject.objects.all() if queryset is None else queryset)


def can_view_vocabulary(user, record) -> bool:
    """Whether ``user`` may see ``record`` (a person, place, subject or collection; the rules of
    :func:`vocabulary_visible_to`). A merged duplicate is judged by the record it was merged into."""
    model = type(record)
    for _ in range(20):  # a chain of merges (never a loop, but never spin)
        if getattr(record, "merged_into_id", None) is None:
            break
        target = model.objects.filter(pk=record.merged_into_id).first()
        if target is None:
            break
        record = target
    return vocabulary_visible_to(user, model.objects.filter(pk=record.pk)).exists()


def can_view_subject(user, subject) -> bool:
    """Whether ``user`` may see ``subject`` (the same rules as :func:`subjects_visible_to`, merged ones judged
    by the subject they were merged into)."""
    return can_view_vocabulary(user, subject)


def place_name_proposals_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Proposed place names ``user`` may see: every one for curators, their own for members, none for visitors."""
    from .models import PlaceNameProposal

    qs = PlaceNameProposal.objects.all() if queryset is None else queryset
    if _is_curator(user):
        return qs
    if _signed_in(user) and user.pk is not None:
        return qs.filter(proposed_by=user)
    return qs.none()


def can_propose_vocabulary(user) -> bool:
    """Whether ``user`` may propose subjects and place names: members who may contribute."""
    return can_contribute(user)


def contribute_refusal(user) -> str:
    """Why ``user`` may not contribute, in plain words for a 403 (empty when they may): not signed in, or
    still waiting for a curator to welcome them."""
    from django.utils.translation import gettext

    if can_contribute(user):
        return ""
    if not _signed_in(user) or not user.is_active:
        return gettext("Sign in to contribute.")
    return gettext("A curator has not welcomed you to the archive yet. You can share photographs and memories "
                   "once they have; until then you can look around.")


# --- Story trails ----------------------------------------------------------------------------------
# A published trail is shown to everyone; a draft only to its authors and curators. Authors edit a
# trail; curators publish it. A stop is shown to a reader with its item only when the reader may see
# that item's pictures (:func:`can_view_images`); otherwise it is a placeholder: its narrative stays,
# but never the item, its title, its picture or the region of it.


def _is_trail_author(user, trail) -> bool:
    return _signed_in(user) and user.pk is not None and trail.authors.filter(user=user).exists()


def trails_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Trails ``user`` may see: published ones for everyone; drafts too for their authors; every one for curators."""
    from .models import Trail

    qs = Trail.objects.all() if queryset is None else queryset
    if _is_curator(user):
        return qs
    shown = Q(status=Trail.Status.PUBLISHED)
    if _signed_in(user) and user.pk is not None:
        shown |= Q(authors__user=user)
    return qs.filter(shown).distinct()


def can_view_trail(user, trail) -> bool:
    """Whether ``user`` may see ``trail`` (the rules of :func:`trails_visible_to`)."""
    from .models import Trail

    return trail.status == Trail.Status.PUBLISHED or _is_curator(user) or _is_trail_author(user, trail)


def can_create_trail(user) -> bool:
    """Whether ``user`` may start a trail: curators (members write trails as invited co-authors)."""
    return _is_curator(user)


def can_edit_trail(user, trail) -> bool:
    """Whether ``user`` may change ``trail`` and its stops: curators always; its authors (while members) its drafts."""
    from .models import Trail

    if _is_curator(user):
        return True
    return trail.status == Trail.Status.DRAFT and _is_member(user) and _is_trail_author(user, trail)


def can_publish_trail(user) -> bool:
    """Whether ``user`` may publish trails: curators."""
    return _is_curator(user)


def can_invite_trail_author(user, trail) -> bool:
    """Whether ``user`` may invite a co-author to ``trail``: whoever may edit it."""
    return can_edit_trail(user, trail)


def can_view_trail_history(user, trail) -> bool:
    """Whether ``user`` may read ``trail``'s history: its authors and curators."""
    return _is_curator(user) or _is_trail_author(user, trail)


def can_revert_trail(user) -> bool:
    """Whether ``user`` may put a trail back as it was: curators."""
    return _is_curator(user)


def shown_to_visitors(item: Item | None) -> bool:
    """Whether visitors are shown ``item`` with its pictures (a stop on it is not a placeholder for them)."""
    return item is not None and is_published(item) and not item.image_hidden


def stop_item_shown(user, stop) -> bool:
    """Whether ``user`` is shown ``stop``'s item (its title, picture and region); else the stop is a placeholder.

    A withdrawn item is a placeholder for everyone, its contributor and curators too: a trail is an exhibit,
    and its contributor took the item back from being shown.
    """
    item = stop.item
    return item is not None and item.status != Item.Status.WITHDRAWN and can_view_images(user, item)


def can_use_item_in_trail(user, item: Item) -> bool:
    """Whether ``user`` may put ``item`` on a stop of a trail: they may see it and its pictures."""
    return can_view_images(user, item)
