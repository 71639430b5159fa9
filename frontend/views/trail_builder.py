"""Building a story trail: curators and the trail's co-authors.

The pages call the same services as the API (:mod:`archive.services.trails`), so a refusal reads the
same, shown beside the field it names. Who may do what is :mod:`archive.access`'s: anyone signed out
is asked to sign in; a trail the reader may not even see is a 404; one they may see but not change a 403.
Stops (adding, changing, removing, reordering) are in :mod:`frontend.views.trail_stops`, the history in
:mod:`frontend.views.trail_versions`.
"""
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from archive.access import (
    can_create_trail, can_edit_trail, can_invite_trail_author, can_publish_trail, can_use_item_in_trail,
    can_view_trail, can_view_trail_history,
)
from archive.models import Derivative, Trail
from archive.services.trails import (
    member_by_name_or_id, trail_author_invite, trail_create, trail_publish, trail_unpublish, trail_update,
)
from archive.trail_selectors import trail_authors, trail_stops_for, trails_built_by

from ..bilingual import item_title
from ..trail_forms import InviteForm, TrailForm, refusal_on_form

TRAIL_FIELDS = {"title": "title_cy", "introduction": "introduction_cy"}


def signed_in(view):
    """Send whoever is signed out to sign in first, then back to the page."""
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)
    return guarded


def trail_to_edit(request, pk: int) -> Trail:
    """The trail ``pk`` when the reader may change it; 404 when they may not even see it, else 403."""
    trail = get_object_or_404(Trail, pk=pk)
    if not can_view_trail(request.user, trail):
        raise Http404
    if not can_edit_trail(request.user, trail):
        if trail.status == Trail.Status.PUBLISHED:
            raise PermissionDenied(_("Only a curator can change a published trail."))
        raise PermissionDenied(_("Only the trail's authors and curators can change it."))
    return trail


def edit_url(trail: Trail, anchor: str = "") -> str:
    """The builder's address, at ``anchor`` (e.g. ``stop-12``) when given."""
    return reverse("frontend:trail-edit", args=[trail.pk]) + (f"#{anchor}" if anchor else "")


def thumbnails(stops) -> dict:
    """The thumbnail of each shown stop's picture: ``{stop id: {"url", "width", "height"}}``."""
    assets = {s.asset.pk: s.stop.pk for s in stops if s.shown and s.asset is not None}
    found = {}
    for derivative in Derivative.objects.filter(asset_id__in=list(assets), kind=Derivative.Kind.THUMBNAIL) \
            .exclude(path=""):
        found[assets[derivative.asset_id]] = {"url": settings.MEDIA_URL + derivative.path,
                                               "width": derivative.width, "height": derivative.height}
    return found


def cover_choices(user, trail: Trail, stops) -> list[dict]:
    """The pictures ``user`` may choose as the trail's cover: each shown stop's item once, and the cover it has
    now when they may see it; each ``{"item", "thumb", "title"}``."""
    thumbs = thumbnails(stops)
    choices, seen = [], set()
    for shown in stops:
        if shown.shown and shown.item.pk not in seen:
            seen.add(shown.item.pk)
            choices.append({"item": shown.item, "thumb": thumbs.get(shown.stop.pk), "title": item_title(shown.item)})
    cover = trail.cover_item
    if cover is not None and cover.pk not in seen and can_use_item_in_trail(user, cover):
        thumb = (Derivative.objects.filter(asset__item=cover, kind=Derivative.Kind.THUMBNAIL).exclude(path="")
                 .order_by("asset__position", "asset_id").first())
        choices.append({"item": cover, "title": item_title(cover), "thumb": thumb and {
            "url": settings.MEDIA_URL + thumb.path, "width": thumb.width, "height": thumb.height}})
    return choices


def _trail_form(trail: Trail, covers: list[dict], data=None) -> TrailForm:
    items = [choice["item"] for choice in covers]
    return TrailForm(data, covers=items, auto_id="trail-%s", initial={
        "title_cy": trail.title_cy, "title_en": trail.title_en, "introduction_cy": trail.introduction_cy,
        "introduction_en": trail.introduction_en,
        "cover_item": trail.cover_item_id if trail.cover_item_id in {i.pk for i in items} else None})


def builder_page(request, trail: Trail, *, status: int = 200, trail_form=None, invite_form=None,
                 publish_errors=(), stop_errors=()):
    """The builder drawn for ``trail``, with any form that came back refused in place of its empty one."""
    stops = trail_stops_for(request.user, trail)
    thumbs = thumbnails(stops)
    covers = cover_choices(request.user, trail, stops)
    return render(request, "frontend/trail_builder.html", {
        "trail": trail, "covers": covers,
        "stops": [{"shown": s, "thumb": thumbs.get(s.stop.pk), "title": item_title(s.item) if s.shown else None}
                  for s in stops],
        "authors": trail_authors(trail),
        "trail_form": trail_form or _trail_form(trail, covers),
        "invite_form": invite_form or InviteForm(auto_id="invite-%s"),
        "can_invite": can_invite_trail_author(request.user, trail),
        "can_publish": can_publish_trail(request.user),
        "can_history": can_view_trail_history(request.user, trail),
        "publish_errors": publish_errors, "stop_errors": stop_errors,
    }, status=status)


@signed_in
def trail_mine(request):
    """The trails the reader may build: their own (as creator or co-author); every trail for curators."""
    rows = [{"trail": t, "editable": can_edit_trail(request.user, t)} for t in trails_built_by(request.user)]
    return render(request, "frontend/trail_builder_mine.html", {
        "rows": rows, "can_create": can_create_trail(request.user)})


@signed_in
def trail_new(request):
    """Start a new trail (curators): its title and introduction; then on to its builder."""
    if not can_create_trail(request.user):
        raise PermissionDenied(_("Only curators can start a story trail; ask one to invite you as a co-author."))
    form = TrailForm(request.POST or None, auto_id="trail-%s")
    if request.method == "POST" and form.is_valid():
        try:
            trail = trail_create(request.user, title=form.title(), introduction=form.introduction())
        except DjangoValidationError as exc:
            refusal_on_form(form, exc, TRAIL_FIELDS)
        else:
            messages.success(request, _("Your trail is started as a draft. Now add its stops."))
            return redirect(edit_url(trail))
    return render(request, "frontend/trail_builder_new.html", {"form": form},
                  status=400 if form.is_bound else 200)


@signed_in
def trail_edit(request, pk: int):
    """A trail's builder: its words, cover, authors and stops. POST saves the title, introduction and cover."""
    trail = trail_to_edit(request, pk)
    if request.method != "POST":
        return builder_page(request, trail)
    form = _trail_form(trail, cover_choices(request.user, trail, trail_stops_for(request.user, trail)), request.POST)
    if form.is_valid():
        changes = {"title": form.title(), "introduction": form.introduction()}
        if "cover_item" in form.changed_data:  # a cover the page could not offer (hidden from them) stays
            cover = form.cleaned_data["cover_item"]
            changes["cover_item"] = next((item for item in form.covers if item.pk == cover), None)
        try:
            trail_update(trail, request.user, **changes)
        except DjangoValidationError as exc:
            refusal_on_form(form, exc, {**TRAIL_FIELDS, "cover_item": "cover_item"})
        else:
            messages.success(request, _("Saved."))
            return redirect(edit_url(trail, "trail-words"))
    return builder_page(request, trail, status=400, trail_form=form)


@require_POST
@signed_in
def trail_publishing(request, pk: int):
    """Publish the trail, or take it back to a draft (curators)."""
    trail = get_object_or_404(Trail, pk=pk)
    if not can_view_trail(request.user, trail):
        raise Http404
    if not can_publish_trail(request.user):
        raise PermissionDenied(_("Only curators can publish a story trail."))
    try:
        if request.POST.get("action") == "unpublish":
            trail_unpublish(trail, request.user)
            messages.success(request, _("The trail is a draft again: visitors no longer see it."))
        else:
            trail_publish(trail, request.user)
            messages.success(request, _("Published: everyone can follow the trail now."))
    except DjangoValidationError as exc:
        problems = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        trail.refresh_from_db()
        return builder_page(request, trail, status=400,
                            publish_errors=[str(m) for ms in problems.values() for m in ms])
    return redirect(edit_url(trail, "trail-publish"))


@require_POST
@signed_in
def trail_invite(request, pk: int):
    """Invite a member to write the trail too (whoever may change it)."""
    trail = get_object_or_404(Trail, pk=pk)
    if not can_view_trail(request.user, trail):
        raise Http404
    if not can_invite_trail_author(request.user, trail):
        raise PermissionDenied(_("Only the trail's authors and curators can invite co-authors."))
    form = InviteForm(request.POST, auto_id="invite-%s")
    if form.is_valid():
        try:
            author = trail_author_invite(trail, request.user, member_by_name_or_id(form.cleaned_data["user"]))
        except DjangoValidationError as exc:
            refusal_on_form(form, exc)
        else:
            messages.success(request, _("%(name)s can now write this trail with you.")
                             % {"name": author.user.credit_name})
            return redirect(edit_url(trail, "trail-authors"))
    return builder_page(request, trail, status=400, invite_form=form)
