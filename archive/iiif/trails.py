"""A story trail as a Presentation API 3 manifest, built only as iiif-prezi3 objects.

A trail's manifest, as one reader is shown the trail (its stops read through
:func:`archive.trail_selectors.trail_stops_for`, the only reader of stops):

- ``label`` and ``summary``: the trail's title and introduction (``{"cy": […], "en": […]}``, only the
  languages written); ``metadata``: its authors; ``requiredStatement``: who wrote the trail, who shared
  the pictures it uses, and the archive; ``homepage``: the trail's player page; ``provider``: the archive;
- one canvas per stop, in order, labelled "Stop 3: The chapel" ("Arhosfan 3: Y capel"). A stop whose item
  the reader is shown is painted by the item's first picture through Cofio's Image API service (as an
  item's canvas is), sized as the picture, and carries that item's own ``rights`` (its licence), credit
  (``requiredStatement``), facts (``metadata``) and page (``homepage``). Its narrative is a ``commenting``
  annotation in each language it is written in, on ``canvas#xywh=x,y,w,h`` when the stop points at a
  region of the picture (and its thumbnail is then the stored image holding that region), else on the
  whole canvas. The stop's own location, when it has one, is its ``navPlace``;
- a placeholder stop (its item withdrawn, private, held or its picture hidden, for this reader) is a canvas
  with no picture and nothing of the item (no title, size, licence or thumbnail): "Stop 3", a sentence
  saying that its picture is no longer shown, and its narrative on the whole canvas;
- ``structures``: one Range, the stops in order, each a Range named like its canvas;
- ``rights`` on the manifest only when every picture shown has the same licence (a manifest has one
  ``rights``; each canvas has its own).

What the manifest shows depends on the reader only through which stops are shown
(:func:`stops_shown_for`), so :mod:`archive.iiif.caching` keeps one per trail version and per such view.

A trail of 30 stops is some 450 iiif-prezi3 objects, each validated as it is made (:func:`.objects.made`, some
15 µs each): objects that are the same on many canvases (a licence, a contributor's credit) are made once per
manifest, and a canvas carries only what is not said elsewhere (its item's title is in its label and on its
homepage).
"""
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from iiif_prezi3 import (
    Annotation, AnnotationBody, AnnotationPage, Canvas, CanvasRef, Homepage, KeyValueString, Manifest, NavPlace,
    Range, ServiceV3, TextualBody,
)

from archive.access import stop_item_shown
from archive.licences import licence_get
from archive.models import Derivative, Stop, Trail, TrailAuthor, User
from archive.trail_selectors import StopShown, in_language, trail_authors

from . import image
from .links import Links
from .presentation import NAVPLACE_CONTEXT, PRESENTATION_CONTEXT, WORDS, _names, collection_paused, provider, to_json
from .objects import made

LANGUAGES = ("cy", "en")
# A placeholder stop's canvas has no picture; it is given a size of its own (not its item's).
PLACEHOLDER_SIZE = (1200, 900)
# What the access rule for a stop reads of its item (archive.access.stop_item_shown).
GATE_FIELDS = ("id", "status", "visibility", "contributor_id", "moderation", "held_for_review", "image_hidden",
               "purged_at")

# Words of the trail's manifest in Welsh and English (a manifest carries both languages at once).
TRAIL_WORDS = {
    "trail": ("Llwybr stori {number}", "Story trail {number}"),
    "stop": ("Arhosfan {number}", "Stop {number}"),
    "stop_titled": ("Arhosfan {number}: {title}", "Stop {number}: {title}"),
    "stops": ("Arosfannau'r llwybr", "The trail's stops"),
    "narrative": ("Geiriau'r llwybr yma", "What the trail says here"),
    "placeholder": ("Nid yw llun yr arhosfan hon i'w weld yn yr archif mwyach. Mae'r geiriau amdani'n aros.",
                    "The picture for this stop is no longer shown in the archive. The words about it stay."),
    "authors": ("Awduron", "Authors"),
    "directions": ("Y ffordd i'r arhosfan nesaf", "The way to the next stop"),
    "credit_trail": ("Llwybr stori gan {names}.", "A story trail by {names}."),
    "credit_pictures": ("Lluniau wedi'u rhannu gan {names}.", "Pictures shared by {names}."),
}


def _words(key: str, **params) -> dict[str, list[str]]:
    """A label from :data:`TRAIL_WORDS` (or the item manifests' :data:`WORDS`) in both languages."""
    params.setdefault("archive", settings.COFIO_ARCHIVE_NAME)
    welsh, english = TRAIL_WORDS[key] if key in TRAIL_WORDS else WORDS[key]
    return {"cy": [welsh.format(**params)], "en": [english.format(**params)]}


def _text_map(texts: dict[str, str]) -> dict[str, list[str]] | None:
    """A selector's ``{"cy": …, "en": …}`` as a IIIF language map (empty languages left out)."""
    result = {language: [text.strip()] for language in LANGUAGES if (text := texts.get(language)) and text.strip()}
    return result or None


# --- What the manifest shows ---------------------------------------------------------------


@dataclass(frozen=True)
class StopsShown:
    """Which stops of a trail a reader is shown, in order: ``(stop id, shown to this reader, shown to visitors)``."""

    rows: tuple[tuple[int, bool, bool], ...]

    @property
    def key(self) -> str:
        """The reader's view as a short text (each stop's id and whether its item is shown).

        Everything else a trail manifest shows moves ``Trail.updated_at`` when it changes
        (:mod:`archive.trail_changes`), so the two together name one manifest.
        """
        return ",".join(f"{pk}{'+' if shown else '-'}" for pk, shown, _ in self.rows)

    def public(self, trail: Trail) -> bool:
        """Whether shared caches may keep this reader's manifest: the trail is published and the reader is
        shown exactly the stops a visitor is shown."""
        return trail.status == Trail.Status.PUBLISHED and all(shown == visitor for _, shown, visitor in self.rows)


def stops_shown_for(user, trail: Trail) -> StopsShown:
    """Which of ``trail``'s stops ``user`` is shown, decided by the same rule as
    :func:`archive.trail_selectors.trail_stops_for` (:func:`archive.access.stop_item_shown`), reading only
    what that rule needs: one narrow query, so that a cached manifest is found quickly.

    For a visitor (not signed in) it is what :mod:`archive.trail_changes` records on each stop, in the same
    transaction as any change to its item (``Stop.shown_to_visitors``): one column of one table. The manifest
    itself is always built from :func:`archive.trail_selectors.trail_stops_for`.
    """
    if not (user is not None and user.is_authenticated):
        rows = Stop.objects.filter(trail_id=trail.pk).order_by("position", "id").values_list("pk", "shown_to_visitors")
        return StopsShown(tuple((pk, shown, shown) for pk, shown in rows))
    stops = (Stop.objects.filter(trail_id=trail.pk).order_by("position", "id").select_related("item")
             .only("id", "trail_id", "position", "item_id", *(f"item__{name}" for name in GATE_FIELDS)))
    return StopsShown(tuple((stop.pk, stop_item_shown(user, stop), stop_item_shown(None, stop)) for stop in stops))


@dataclass(frozen=True)
class TrailSource:
    """A trail with everything its manifest shows, for one reader (:func:`trail_for_manifest`)."""

    trail: Trail
    stops: list[StopShown]  # in order, as the reader is shown them
    authors: list[dict] = field(default_factory=list)  # archive.trail_selectors.trail_authors
    derivatives: dict[int, dict[str, Derivative]] = field(default_factory=dict)  # asset id → kind → derivative
    contributors: dict[int, str] = field(default_factory=dict)  # user id → credited name


def trail_for_manifest(trail: Trail, stops: list[StopShown]) -> TrailSource:
    """What the manifest of ``trail`` shows beyond its stops (``trail_stops_for(reader, trail)``): its
    authors, what was made from the shown pictures, and who shared them. Three queries.

    Access is not decided here: the caller has asked :func:`archive.access.can_view_trail`.
    """
    prefetch_related_objects([trail], Prefetch("authors", queryset=TrailAuthor.objects.select_related("user")))
    shown = [s for s in stops if s.shown and s.item is not None]
    asset_ids = [s.asset.pk for s in shown if s.asset is not None]
    derivatives: dict[int, dict[str, Derivative]] = {}
    if asset_ids:
        rows = (Derivative.objects.filter(asset_id__in=asset_ids).order_by("id")
                .only("id", "asset_id", "kind", "path", "width", "height"))
        for derivative in rows:
            derivatives.setdefault(derivative.asset_id, {})[derivative.kind] = derivative
    contributor_ids = {s.item.contributor_id for s in shown}
    contributors = {user.pk: user.credit_name for user in User.objects.filter(pk__in=contributor_ids)
                    .only("id", "username", "first_name", "last_name", "display_name")} if contributor_ids else {}
    return TrailSource(trail, stops, trail_authors(trail), derivatives, contributors)


# --- Pictures --------------------------------------------------------------------------------


def region_image(info: dict, service: str, x: int, y: int, w: int, h: int) -> tuple[str, int, int] | None:
    """The stored image (Image API URL, width, height) that holds the region ``x,y,w,h`` most closely.

    The service is level 0: it answers only the files ingest wrote (ingest/tiles.py), so the region's
    thumbnail is the smallest of those that contains the whole region: a tile of the most detailed level
    that holds it, else the whole picture at the level that fits one tile. None when ``info`` has no tiles.
    """
    width, height = int(info["width"]), int(info["height"])
    tiles = (info.get("tiles") or [{}])[0]
    tile_w = int(tiles.get("width") or 0)
    tile_h = int(tiles.get("height") or tile_w)
    if not tile_w:
        return None
    for factor in sorted(int(f) for f in tiles.get("scaleFactors") or []):
        level_w, level_h = math.ceil(width / factor), math.ceil(height / factor)
        if level_w <= tile_w and level_h <= tile_h:
            return f"{service}/full/{level_w},{level_h}/0/default.jpg", level_w, level_h
        cell_w, cell_h = tile_w * factor, tile_h * factor
        column, row = x // cell_w, y // cell_h
        if column != (x + w - 1) // cell_w or row != (y + h - 1) // cell_h:
            continue  # the region crosses a tile's edge at this level
        left, top = column * cell_w, row * cell_h
        size_w, size_h = min(tile_w, level_w - column * tile_w), min(tile_h, level_h - row * tile_h)
        return (f"{service}/{left},{top},{min(cell_w, width - left)},{min(cell_h, height - top)}"
                f"/{size_w},{size_h}/0/default.jpg", size_w, size_h)
    return None


@dataclass(frozen=True)
class _Picture:
    """A stop's picture: the painting's image, the Image API service, the thumbnail, the stored info.json."""

    url: str
    width: int
    height: int
    service: str | None
    thumbnail: tuple[str, int, int] | None
    info: dict | None


def _picture(made: dict[str, Derivative], links: Links, asset_id: int) -> _Picture | None:
    """As :func:`archive.iiif.presentation.picture_of` (tiles through the Image API, else the web copy), reading
    info.json once for the painting, the thumbnail and a region's thumbnail."""
    tiles = made.get(Derivative.Kind.TILES)
    info = image.stored_info(image.tiles_directory(tiles)) if tiles else None
    if info:
        service = links.image_service(asset_id)
        width, height = image.max_size(info)
        small = image.thumbnail_size(info)
        return _Picture(image.image_url(service), width, height, service, (image.image_url(service, small), *small),
                        info)
    web, thumb = made.get(Derivative.Kind.WEB), made.get(Derivative.Kind.THUMBNAIL)
    if web and web.width and web.height:
        thumbnail = (links.media(thumb.path), thumb.width, thumb.height) if thumb and thumb.width else None
        return _Picture(links.media(web.path), web.width, web.height, None, thumbnail, None)
    return None


# --- Building it -----------------------------------------------------------------------------


class _Builder:
    """One manifest's build: its links, and the objects that are the same on many canvases, made once."""

    def __init__(self, source: TrailSource, links: Links):
        self.source, self.links = source, links
        self.root = links.trail_root(source.trail.pk)
        self.labels = {key: _words(key) for key in ("shared_by", "licence", "directions")}
        self.narrative_label = _words("narrative")
        self.placeholder_summary = _words("placeholder")
        self.rows: dict[tuple, KeyValueString] = {}
        self.credits: dict[str, KeyValueString] = {}

    def row(self, key: str, value: dict, shared: bool = False) -> KeyValueString:
        """A metadata row; ``shared`` rows (a licence, a contributor) are made once per manifest."""
        if not shared:
            return made(KeyValueString, label=self.labels[key], value=value)
        memo = (key, repr(value))
        if memo not in self.rows:
            self.rows[memo] = made(KeyValueString, label=self.labels[key], value=value)
        return self.rows[memo]

    def credit(self, names: dict[str, list[str]]) -> KeyValueString:
        """The attribution: who wrote the trail, who shared the pictures, the archive (made once per text)."""
        value = {}
        for index, language in enumerate(LANGUAGES):
            parts = [TRAIL_WORDS[key][index].format(names=_names(people, language))
                     for key, people in names.items() if people]
            parts.append(WORDS["credit_archive"][index].format(archive=settings.COFIO_ARCHIVE_NAME))
            value[language] = [" ".join(parts)]
        memo = repr(value)
        if memo not in self.credits:
            self.credits[memo] = made(KeyValueString, label=_words("attribution"), value=value)
        return self.credits[memo]

    def narrative(self, stop: StopShown, canvas_id: str, target: str) -> AnnotationPage | None:
        """The stop's narrative: one ``commenting`` annotation per language it is written in, on ``target``."""
        annotations = [
            made(Annotation, id=f"{canvas_id}/annotation/narrative-{language}", type="Annotation",
                             motivation="commenting", target=target,
                             body=made(TextualBody, type="TextualBody", value=text.strip(), format="text/plain",
                                        language=language, purpose="commenting"))
            for language in LANGUAGES if (text := stop.narrative.get(language) or "").strip()
        ]
        if not annotations:
            return None
        return made(AnnotationPage, id=f"{canvas_id}/annotations/narrative", type="AnnotationPage",
                                    label=self.narrative_label, items=annotations)

    @staticmethod
    def nav_place(stop: StopShown, canvas_id: str, label: dict) -> NavPlace | None:
        """The stop's own location, as a point."""
        if stop.lat is None or stop.lon is None:
            return None
        feature = {"id": f"{canvas_id}/place/feature", "type": "Feature", "properties": {"label": label},
                   "geometry": {"type": "Point", "coordinates": [stop.lon, stop.lat]}}
        return made(NavPlace, id=f"{canvas_id}/place", type="FeatureCollection", features=[feature])

    def shown_canvas(self, stop: StopShown, canvas_id: str, label: dict) -> "_StopCanvas":
        """A stop whose item the reader is shown: its picture, its item's rights and credit, its narrative."""
        item, asset = stop.item, stop.asset
        picture = _picture(self.source.derivatives.get(asset.pk, {}), self.links, asset.pk) if asset else None
        width = (asset.width if asset else None) or (picture.width if picture else PLACEHOLDER_SIZE[0])
        height = (asset.height if asset else None) or (picture.height if picture else PLACEHOLDER_SIZE[1])
        painting, thumbnail, whole = [], None, None
        target = canvas_id
        if picture is not None:
            services = ([made(ServiceV3, id=picture.service, type="ImageService3", profile=image.PROFILE)]
                        if picture.service else None)

            def body(url, w, h):
                return made(AnnotationBody, id=url, type="Image", format="image/jpeg", width=w, height=h,
                                            service=services)

            painting.append(made(AnnotationPage, id=f"{canvas_id}/painting", type="AnnotationPage", items=[
                made(Annotation, id=f"{canvas_id}/painting/image", type="Annotation", motivation="painting",
                                 target=canvas_id, body=body(picture.url, picture.width, picture.height))]))
            if picture.thumbnail:
                whole = (*picture.thumbnail, services)  # the manifest's thumbnail may be this one
            if stop.region:
                x, y, w, h = (int(stop.region[k]) for k in "xywh")
                target = f"{canvas_id}#xywh={x},{y},{w},{h}"
                detail = region_image(picture.info, picture.service, x, y, w, h) if picture.info else None
                if detail:
                    thumbnail = [body(*detail)]
            if thumbnail is None and whole is not None:
                thumbnail = [body(*picture.thumbnail)]
        elif stop.region:
            target = canvas_id + "#xywh={x},{y},{w},{h}".format(**stop.region)
        licence = licence_get(item.licence)
        contributor = self.source.contributors.get(item.contributor_id, "")
        title = _text_map(stop.title) or _words("untitled")
        rows = []
        if contributor:
            rows.append(self.row("shared_by", {"none": [contributor]}, shared=True))
        if licence or item.licence:
            rows.append(self.row("licence", {"cy": [licence.label_cy], "en": [licence.label_en]} if licence
                                 else {"none": [item.licence]}, shared=True))
        if directions := _text_map(stop.directions):
            rows.append(self.row("directions", directions))
        narrative = self.narrative(stop, canvas_id, target)
        homepage = made(Homepage, id=self.links.item_page(item.pk), type="Text", format="text/html", label=title,
                                  language=list(LANGUAGES))
        credit = self.credit({"credit_pictures": [contributor] if contributor else []})
        canvas = made(Canvas,
            id=canvas_id, type="Canvas", label=label, width=width, height=height, thumbnail=thumbnail,
            metadata=rows or None, requiredStatement=credit,
            rights=licence.uri if licence else None, homepage=[homepage],
            navPlace=self.nav_place(stop, canvas_id, label), items=painting,
            annotations=[narrative] if narrative else None,
        )
        return _StopCanvas(canvas, whole, licence.uri if licence else None, bool(painting))

    def placeholder_canvas(self, stop: StopShown, canvas_id: str, label: dict) -> "_StopCanvas":
        """A stop whose item the reader is not shown: no picture and nothing of the item; its words stay."""
        directions = _text_map(stop.directions)
        narrative = self.narrative(stop, canvas_id, canvas_id)
        canvas = made(Canvas,
            id=canvas_id, type="Canvas", label=label, width=PLACEHOLDER_SIZE[0], height=PLACEHOLDER_SIZE[1],
            summary=self.placeholder_summary, metadata=[self.row("directions", directions)] if directions else None,
            navPlace=self.nav_place(stop, canvas_id, label), items=[],
            annotations=[narrative] if narrative else None,
        )
        return _StopCanvas(canvas, None, None, False)


@dataclass
class _StopCanvas:
    canvas: Canvas
    whole: tuple | None  # the whole picture's thumbnail: url, width, height, services (a detail's is its region)
    licence: str | None
    painted: bool


def _stop_label(stop: StopShown) -> dict[str, list[str]]:
    """"Stop 3: The chapel" ("Arhosfan 3: Y capel"); a title in one language serves both; "Stop 3" alone when
    there is no title (or the stop is a placeholder)."""
    label = {}
    for index, language in enumerate(LANGUAGES):
        title = in_language(stop.title, language).strip() if stop.shown else ""
        key = "stop_titled" if title else "stop"
        label[language] = [TRAIL_WORDS[key][index].format(number=stop.number, title=title)]
    return label


def trail_manifest(source: TrailSource, links: Links) -> Manifest:
    """The manifest of a trail as one reader is shown it, from :func:`trail_for_manifest`."""
    trail = source.trail
    build = _Builder(source, links)
    built: list[_StopCanvas] = []
    ranges = []
    for stop in source.stops:
        canvas_id = f"{build.root}/canvas/{stop.stop.pk}"
        label = _stop_label(stop)
        if stop.shown and stop.item is not None:
            built.append(build.shown_canvas(stop, canvas_id, label))
        else:
            built.append(build.placeholder_canvas(stop, canvas_id, label))
        ranges.append(made(Range, id=f"{build.root}/range/stop-{stop.stop.pk}", type="Range", label=label,
                                  items=[made(CanvasRef, id=canvas_id, type="Canvas")]))

    title = _text_map({"cy": trail.title_cy, "en": trail.title_en}) or _words("trail", number=trail.pk)
    authors = list(dict.fromkeys(author["name"] for author in source.authors))
    sharers = list(dict.fromkeys(source.contributors[s.item.contributor_id] for s in source.stops
                                 if s.shown and s.item is not None and s.item.contributor_id in source.contributors))
    licences = {b.licence for b in built if b.painted}
    cover = next((b.whole for b, s in zip(built, source.stops)
                  if b.whole and s.item is not None and s.item.pk == trail.cover_item_id), None)
    cover = cover or next((b.whole for b in built if b.whole), None)
    thumbnail = None
    if cover:
        url, width, height, services = cover
        thumbnail = [made(AnnotationBody, id=url, type="Image", format="image/jpeg", width=width, height=height,
                                          service=services)]
    homepage = made(Homepage, id=links.trail_page(trail.pk), type="Text", format="text/html", label=title,
                              language=list(LANGUAGES))
    places = any(s.lat is not None and s.lon is not None for s in source.stops)
    return made(Manifest,
        context=[NAVPLACE_CONTEXT, PRESENTATION_CONTEXT] if places else PRESENTATION_CONTEXT,
        id=links.trail_manifest(trail.pk),
        label=title,
        summary=_text_map({"cy": trail.introduction_cy, "en": trail.introduction_en}),
        metadata=[made(KeyValueString, label=_words("authors"), value={"none": authors})] if authors else None,
        requiredStatement=build.credit({"credit_trail": authors, "credit_pictures": sharers}),
        rights=licences.pop() if len(licences) == 1 and None not in licences else None,
        provider=provider(links),
        homepage=[homepage],
        thumbnail=thumbnail,
        items=[b.canvas for b in built],
        structures=([made(Range, id=f"{build.root}/range/stops", type="Range", label=_words("stops"), items=ranges)]
                    if ranges else None),
    )


def trail_manifest_json(source: TrailSource, links: Links) -> str:
    """The manifest of a trail (:func:`trail_manifest`) as JSON text."""
    with collection_paused():
        return to_json(trail_manifest(source, links))
