"""A trail's stops in the builder: find an item and add it as a stop, change or remove a stop, reorder them.

Every change goes through :mod:`archive.services.trails` (``stop_add``, ``stop_update``, ``stop_delete``,
``stops_reorder``), atomic and refused whole; a refusal is shown beside the field it names. Only items
the author may use (:func:`archive.access.can_use_item_in_trail`) are offered, and the service checks again.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from archive.access import can_use_item_in_trail
from archive.ids import parse_id
from archive.models import Asset, Item, Stop
from archive.selectors import items_for_listing
from archive.services.trails import stop_add, stop_delete, stop_update, stops_reorder
from archive.trail_selectors import items_for_new_stop, trail_stops_for

from ..regions import EDGES, pictures_for, pixels_from_percent
from ..trail_forms import ItemFindForm, StopForm, percent_of, refusal_on_form
from .trail_builder import builder_page, edit_url, signed_in, trail_to_edit

def _first_asset(item: Item | None) -> Asset | None:
    """The picture a stop points at: the item's first (as the services read it)."""
    return None if item is None else Asset.objects.filter(item=item).order_by("position", "id").first()


def _picture(user, item: Item | None) -> dict | None:
    """The web copy of the stop's picture to draw a box on, when the reader may see it."""
    asset = _first_asset(item)
    if asset is None:
        return None
    return next((p for p in pictures_for(user, item) if p["asset"].pk == asset.pk), None)


def _stop_page(request, trail, form: StopForm, item: Item | None, *, stop=None, status=200, find=None,
               found=None):
    place = item.place if item is not None else None
    return render(request, "frontend/trail_builder_stop.html", {
        "trail": trail, "form": form, "item": item, "stop": stop, "picture": _picture(request.user, item),
        "place": place if place is not None and place.latitude is not None else None,
        "find": find, "found": found,
    }, status=status)


def _region(form: StopForm, item: Item):
    """The box of ``form`` in full-size pixels of ``item``'s picture, or None for the whole picture."""
    if not form.region_given():
        return None
    data = form.cleaned_data
    return pixels_from_percent(_first_asset(item), *(data[edge] for edge in EDGES))


@signed_in
def stop_new(request, pk: int):
    """Add a stop: find an item (a GET form), then say what to say there; POST adds it at the end."""
    trail = trail_to_edit(request, pk)
    if request.method == "POST":
        form = StopForm(request.POST, auto_id="stop-%s")
        item = Item.objects.select_related("place").filter(pk=parse_id(request.POST.get("item")) or 0).first()
        item = item if item is not None and can_use_item_in_trail(request.user, item) else None
        if form.is_valid():
            try:
                stop = stop_add(trail, request.user, item=item, narrative=form.narrative(),
                                region=_region(form, item) if item is not None else None,
                                lat=form.cleaned_data["lat"], lon=form.cleaned_data["lon"],
                                directions=form.directions())
            except DjangoValidationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(request, _("Stop %(number)s is added.") % {"number": stop.position})
                return redirect(edit_url(trail, f"stop-{stop.pk}"))
        return _stop_page(request, trail, form, item, status=400)
    find = ItemFindForm(request.GET, auto_id="find-%s")
    query = find.cleaned_data["q"] if find.is_valid() else ""
    chosen = request.GET.get("item")
    if chosen is not None:
        item = items_for_listing(request.user).filter(pk=parse_id(chosen) or 0).first()
        if item is not None and can_use_item_in_trail(request.user, item) and item.status == Item.Status.READY:
            return _stop_page(request, trail, StopForm(initial={"item": item.pk}, auto_id="stop-%s"), item)
        messages.error(request, _("There is no item with this number that you may use."))
        return _stop_page(request, trail, None, None, find=find, found=items_for_new_stop(request.user, query), status=404)
    return _stop_page(request, trail, None, None, find=find, found=items_for_new_stop(request.user, query))


@signed_in
def stop_edit(request, pk: int, stop_pk: int):
    """Change a stop's words, box, place and directions."""
    trail = trail_to_edit(request, pk)
    stop = get_object_or_404(Stop, pk=stop_pk, trail=trail)
    shown = next(s for s in trail_stops_for(request.user, trail) if s.stop.pk == stop.pk)
    asset = shown.asset if shown.shown else None
    initial = {"narrative_cy": stop.narrative_cy, "narrative_en": stop.narrative_en, "lat": stop.lat,
               "lon": stop.lon, "directions_cy": stop.directions_cy, "directions_en": stop.directions_en}
    if shown.region and asset is not None:
        initial.update(x=percent_of(stop.x, asset.width), y=percent_of(stop.y, asset.height),
                       w=percent_of(stop.w, asset.width), h=percent_of(stop.h, asset.height))
    if request.method != "POST":
        return _stop_page(request, trail, StopForm(initial=initial, auto_id="stop-%s"), shown.item, stop=shown)
    form = StopForm(request.POST, initial=initial, auto_id="stop-%s")
    if form.is_valid():
        changes = {"narrative": form.narrative(), "directions": form.directions(),
                   "lat": form.cleaned_data["lat"], "lon": form.cleaned_data["lon"]}
        try:
            if shown.shown and form.region_changed():
                changes["region"] = _region(form, shown.item)
            stop_update(stop, request.user, **changes)
        except DjangoValidationError as exc:
            refusal_on_form(form, exc)
        else:
            messages.success(request, _("Stop %(number)s is saved.") % {"number": shown.number})
            return redirect(edit_url(trail, f"stop-{stop.pk}"))
    return _stop_page(request, trail, form, shown.item, stop=shown, status=400)


@require_POST
@signed_in
def stop_remove(request, pk: int, stop_pk: int):
    """Remove a stop, once the author has confirmed it."""
    trail = trail_to_edit(request, pk)
    stop = get_object_or_404(Stop, pk=stop_pk, trail=trail)
    shown = next(s for s in trail_stops_for(request.user, trail) if s.stop.pk == stop.pk)
    if request.POST.get("confirmed") != "yes":
        return render(request, "frontend/trail_builder_confirm.html", {
            "trail": trail, "heading": _("Remove stop %(number)s?") % {"number": shown.number},
            "explanation": [_("Its words go with it. The stops after it move up one place. The trail's history "
                              "keeps it, so a curator can put it back.")],
            "action": request.path, "fields": [], "yes": _("Yes, remove this stop"), "back": edit_url(trail,
                                                                                                f"stop-{stop.pk}"),
        })
    try:
        stop_delete(stop, request.user)
    except DjangoValidationError as exc:
        return builder_page(request, trail, status=400,
                            stop_errors=[str(m) for ms in exc.message_dict.values() for m in ms])
    messages.success(request, _("Stop %(number)s is removed.") % {"number": shown.number})
    return redirect(edit_url(trail, "trail-stops"))


def _reordered(request, trail, ids, moved: Stop):
    """Put the stops in the order ``ids``; answer JSON to the page's script, else back to the builder."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        stops = stops_reorder(trail, request.user, ids)
    except DjangoValidationError as exc:
        problems = [str(m) for ms in exc.message_dict.values() for m in ms]
        if wants_json:
            return JsonResponse({"ok": False, "message": " ".join(problems)}, status=400)
        return builder_page(request, trail, status=400, stop_errors=problems)
    place = next((n for n, s in enumerate(stops, start=1) if moved is not None and s.pk == moved.pk), None)
    said = (_("Stop moved to place %(place)s of %(count)s.") % {"place": place, "count": len(stops)}
            if place else _("The stops are in their new order."))
    if wants_json:
        return JsonResponse({"ok": True, "message": said, "ids": [s.pk for s in stops]})
    messages.success(request, said)
    return redirect(edit_url(trail, f"stop-{moved.pk}" if moved is not None else "trail-stops"))


@require_POST
@signed_in
def stop_move(request, pk: int, stop_pk: int):
    """"Move up" / "Move down": the stop swaps places with the one before or after it."""
    trail = trail_to_edit(request, pk)
    stop = get_object_or_404(Stop, pk=stop_pk, trail=trail)
    ids = list(trail.stops.order_by("position", "id").values_list("pk", flat=True))
    at = ids.index(stop.pk)
    to = at - 1 if request.POST.get("direction") == "up" else at + 1
    if 0 <= to < len(ids):
        ids[at], ids[to] = ids[to], ids[at]
    return _reordered(request, trail, ids, stop)


@require_POST
@signed_in
def stops_order(request, pk: int):
    """Put the stops in a new order (dragged and dropped): ``ids``, every stop's number once; ``moved`` the one
    that moved (for what is said to screen readers)."""
    trail = trail_to_edit(request, pk)
    ids = request.POST.getlist("ids")
    if len(ids) == 1 and "," in ids[0]:
        ids = ids[0].split(",")
    moved = trail.stops.filter(pk=parse_id(request.POST.get("moved")) or 0).first()
    return _reordered(request, trail, [parse_id(i) for i in ids], moved)

