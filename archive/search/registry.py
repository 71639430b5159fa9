"""Every indexed field and every facet, declared once.

The index mapping (``documents``), the query builder (``query``), the API and the search page all
read these declarations: to add a facet, declare it here (and fill its field in
``documents.documents_for``). Free-text fields (``boost`` > 0) are also copied into ``all_text``,
which catches typos and stems for the whole document; their own fields rank the matches.
"""
from dataclasses import dataclass, field
from functools import cache

from django.utils.translation import gettext as _
from elasticsearch_dsl import A, Boolean, Date, GeoPoint, Integer, Keyword, Mapping, Object, Q
from elasticsearch_dsl.field import Field

from archive.ids import parse_id
from archive.licences import LICENCES

from .analysis import folded_text

ALL_TEXT = "all_text"
MAX_FACET_VALUES = 50  # values one search may select in one facet (?place=1&place=2…); more is a 400
KEY_SEPARATOR = "\x1f"  # in vocabulary keys: "<id>␟<Welsh label>␟<English label>␟<variant>…"


@dataclass(frozen=True)
class Indexed:
    """One field of an item's search document."""

    path: str  # dotted path in the document: "people.names"
    mapping: Field
    boost: float = 0  # > 0: free text searches it, with this weight
    stem: bool = False  # it has an English-stemmed ``.stem`` subfield
    highlight: str = ""  # highlighted in results under this name ("title", "text"); names are shown anyway
    suggest: str = ""  # feeds suggestions as you type of this kind, through its ``.prefix`` subfield


def _text(path, boost, *, stem=False, highlight="", suggest="") -> Indexed:
    return Indexed(path, folded_text(stem=stem, prefix=bool(suggest), copy_to=ALL_TEXT), boost, stem, highlight,
                   suggest)


FIELDS = (
    Indexed("id", Integer()),
    Indexed("type", Keyword(eager_global_ordinals=True)),  # "item" or "trail" (a story trail: trail-<id>)
    Indexed("accession", Keyword(), boost=10),
    _text("title_cy", 4, highlight="title", suggest="title"),
    _text("title_en", 4, stem=True, highlight="title", suggest="title"),
    _text("text_cy", 1, highlight="text"),  # every voice about the item, by language
    _text("text_en", 1, stem=True, highlight="text"),
    _text("text_other", 1, highlight="text"),
    Indexed("people.id", Keyword()),
    Indexed("people.key", Keyword(eager_global_ordinals=True)),
    _text("people.names", 3, suggest="person"),
    Indexed("place.id", Keyword()),
    Indexed("place.key", Keyword(eager_global_ordinals=True)),
    _text("place.names", 3, suggest="place"),
    Indexed("place.location", GeoPoint()),
    Indexed("subjects.id", Keyword()),
    Indexed("subjects.key", Keyword(eager_global_ordinals=True)),
    _text("subjects.labels", 2, stem=True, suggest="subject"),
    Indexed("collections.id", Keyword()),
    Indexed("collections.key", Keyword(eager_global_ordinals=True)),
    _text("collections.titles", 2),
    _text("contributor", 0.5),
    _text("date_text", 1),
    Indexed("date_start", Date()),
    Indexed("date_end", Date()),
    Indexed("years", Integer()),  # every year the date range touches: year ranges, and "perhaps from this decade"
    Indexed("decade", Keyword(eager_global_ordinals=True)),  # the ONE decade of the date (dates.centre_decade)
    Indexed("licence", Keyword(eager_global_ordinals=True)),
    Indexed("media_type", Keyword(eager_global_ordinals=True)),
    Indexed("has_story", Boolean()),
    Indexed("trails.id", Keyword()),  # the published story trails that show the item to visitors
    Indexed("trails.key", Keyword(eager_global_ordinals=True)),
    Indexed("added", Date()),
    Indexed("thumbnail", Keyword(index=False, doc_values=False)),
    Indexed(ALL_TEXT, folded_text(stem=True)),
)


def mapping() -> Mapping:
    """The index mapping, built from :data:`FIELDS` (dotted paths become objects)."""
    tree: dict = {}
    for declared in FIELDS:
        *parents, leaf = declared.path.split(".")
        node = tree
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = declared.mapping

    def build(node):
        return {name: Object(properties=build(value)) if isinstance(value, dict) else value
                for name, value in node.items()}

    result = Mapping()
    result.meta("dynamic", "strict")  # a field not declared here is an error, not a guess
    for name, value in build(tree).items():
        result.field(name, value)
    return result


@cache
def search_fields() -> tuple[str, ...]:
    """Fields free text is matched against, with their weights ("title_en^4", "title_en.stem^3.2"…)."""
    weighted = []
    for f in FIELDS:
        if f.boost and f.path != ALL_TEXT:
            weighted.append(f"{f.path}^{f.boost:g}")
            if f.stem:
                weighted.append(f"{f.path}.stem^{f.boost * 0.8:g}")
    return tuple(weighted)


@cache
def highlight_fields() -> dict[str, str]:
    """Highlighted fields and the name each one's fragments are reported under."""
    return {f.path: f.highlight for f in FIELDS if f.highlight}  # cached: callers must not change it


@cache
def similar_fields() -> tuple[str, ...]:
    """Fields compared to find items like another: what is said, and who, where and what it shows."""
    return tuple(f.path for f in FIELDS if f.highlight or f.suggest)


@cache
def suggest_fields() -> dict[str, tuple[str, ...]]:
    """For each kind of suggestion, the ``.prefix`` fields typed text is matched against."""
    kinds: dict[str, tuple[str, ...]] = {}
    for f in FIELDS:
        if f.suggest:
            kinds[f.suggest] = (*kinds.get(f.suggest, ()), f"{f.path}.prefix")
    return kinds


# --- Facets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    """A multi-select filter with counts: ``?place=3&place=7`` keeps items at either place."""

    name: str  # the query parameter and the key under "facets"
    field: str  # the document field filtered on
    title_cy: str
    title_en: str
    size: int = 20  # most values counted
    labels: dict = field(default_factory=dict)  # value → (Welsh, English)

    def title(self, language: str) -> str:
        """The facet's heading in ``language``."""
        return self.title_cy if language == "cy" else self.title_en

    def parse(self, raw: str) -> str:
        """A value from a query string, checked; ValueError with a message for a bad one."""
        raw = raw.strip()
        if not raw:
            raise ValueError(_("An empty value."))
        return raw

    def filter(self, values) -> Q:
        """Items with any of ``values``."""
        return Q("terms", **{self.field: list(values)})

    def aggregation(self) -> A:
        """Counts of the most common values."""
        return A("terms", field=self.field, size=self.size)

    def selected_aggregation(self, values) -> A:
        """Counts of the selected ``values`` themselves (each one, even when not among the most common)."""
        return A("filters", filters={v: self.filter([v]) for v in values})

    def selected_counts(self, data: dict, values, language: str) -> dict[str, tuple[str, int]]:
        """``{value: (label, count)}`` from the answer to :meth:`selected_aggregation`."""
        return {v: (self.label(v, language), data["buckets"][v]["doc_count"]) for v in values}

    def bucket(self, bucket: dict, language: str) -> tuple[str, str]:
        """``(value, label)`` of an aggregation bucket (as the engine sent it)."""
        value = str(bucket["key"])
        return value, self.label(value, language)

    def label(self, value: str, language: str) -> str:
        """The label of ``value`` in ``language``."""
        pair = self.labels.get(value)
        return (pair[0] if language == "cy" else pair[1]) if pair else value



@dataclass(frozen=True)
class VocabularyFacet(Facet):
    """People, places, subjects, collections: filtered by id, counted by key (id and labels together)."""

    key_field: str = ""
    model: str = ""  # archive model, for the label of a selected value no public item has

    def parse(self, raw):
        """An id (:func:`archive.ids.parse_id`: ASCII digits, 1 to 2**63 - 1)."""
        raw = raw.strip()
        number = parse_id(raw)
        if number is None:
            raise ValueError(_("'%(value)s' is not the number of a record.") % {"value": raw})
        return str(number)

    def aggregation(self):
        """Counts by key, so that each value comes with its labels."""
        return A("terms", field=self.key_field, size=self.size)

    def bucket(self, bucket, language):
        """The id and the label in ``language``, from the key."""
        return vocabulary_value(bucket["key"], language)

    def selected_aggregation(self, values):
        """The selected ids' keys (so their labels come from the index too), counted even when zero."""
        return A("terms", field=self.key_field, include=f"({'|'.join(values)}){KEY_SEPARATOR}.*", size=len(values),
                 min_doc_count=0)

    def selected_counts(self, data, values, language):
        """Labels from the keys; from the database for an id no public item has (the index has no key), unless
        visitors may not see it (a proposal, or a name typed only on items hidden from visitors:
        :func:`archive.access.vocabulary_visible_to`): then the id alone."""
        found = {}
        for bucket in data["buckets"]:
            value, label = vocabulary_value(bucket["key"], language)
            found[value] = (label, bucket["doc_count"])
        missing = [v for v in values if v not in found]
        if missing:
            from django.apps import apps

            from archive.access import vocabulary_visible_to

            model = apps.get_model("archive", self.model)
            objects = vocabulary_visible_to(None, model.objects.all()).in_bulk([int(v) for v in missing])
            for v in missing:
                obj = objects.get(int(v))
                found[v] = (vocabulary_value(vocabulary_key(obj), language)[1] if obj is not None else v, 0)
        return found


@dataclass(frozen=True)
class DecadeFacet(Facet):
    """Decades: each dated item belongs to ONE, the decade holding the centre of its date range
    (:func:`archive.dates.centre_decade`), so the counts add up to the dated items. ``?decade=1950`` keeps the
    items of the 1950s; those whose uncertain range only reaches into the 1950s (``years_field``) are
    "perhaps from this decade", asked for apart (:meth:`perhaps_filter`), never mixed in."""

    years_field: str = ""  # every year an item's range touches
    size: int = 300  # every decade from 1000 to 2990: the timeline shows them all

    def parse(self, raw):
        """A decade's first year ("1950", or "1950s")."""
        raw = raw.strip().rstrip("s")
        if not (raw.isascii() and raw.isdigit() and len(raw) == 4) or int(raw) % 10 or not 1000 <= int(raw) <= 2990:
            raise ValueError(_("'%(value)s' is not a decade such as 1950.") % {"value": raw})
        return raw

    def perhaps_filter(self, values) -> Q:
        """Items whose range reaches into any of the decades but which belong to none of them."""
        return Q("bool", filter=[Q("bool", minimum_should_match=1, should=[
            Q("range", **{self.years_field: {"gte": int(v), "lt": int(v) + 10}}) for v in values])],
                 must_not=[self.filter(values)])

    def aggregation(self):
        """Counts of each decade, oldest first."""
        return A("terms", field=self.field, size=self.size, order={"_key": "asc"})

    def label(self, value, language):
        """Welsh '1950au', English '1950s'."""
        return f"{value}au" if language == "cy" else f"{value}s"


@dataclass(frozen=True)
class BooleanFacet(Facet):
    """Yes or no: ``?has_story=true``."""

    def parse(self, raw):
        """'true' or 'false' (also 1/0, yes/no)."""
        value = {"1": "true", "true": "true", "yes": "true", "0": "false", "false": "false", "no": "false"}.get(
            raw.strip().lower())
        if value is None:
            raise ValueError(_("'%(value)s' is not true or false.") % {"value": raw})
        return value

    def filter(self, values):
        """Items with either answer asked for."""
        return Q("terms", **{self.field: [v == "true" for v in values]})

    def aggregation(self):
        """Counts of yes and no."""
        return A("terms", field=self.field, size=2)

    def bucket(self, bucket, language):
        """'true' or 'false', and its label."""
        value = "true" if bucket["key"] in (1, True, "true") else "false"
        return value, self.label(value, language)


@dataclass(frozen=True)
class ChoiceFacet(Facet):
    """One of a few fixed values, each labelled (``?type=trail``); any other is refused, naming the valid ones."""

    def parse(self, raw):
        """One of the labelled values."""
        value = raw.strip().lower()
        if value not in self.labels:
            raise ValueError(_("'%(value)s' is not one of: %(valid)s.") % {"value": raw.strip()[:50],
                                                                             "valid": ", ".join(self.labels)})
        return value


@dataclass(frozen=True)
class TrailFacet(VocabularyFacet):
    """Items on a published story trail (a stop visitors are shown): filtered by trail id, counted by key."""

    def selected_counts(self, data, values, language):
        """Labels from the keys; from the database for a trail no indexed item is on, if visitors may see it."""
        found = {}
        for bucket in data["buckets"]:
            value, label = vocabulary_value(bucket["key"], language)
            found[value] = (label, bucket["doc_count"])
        missing = [v for v in values if v not in found]
        if missing:
            from django.contrib.auth.models import AnonymousUser

            from archive.access import trails_visible_to

            trails = trails_visible_to(AnonymousUser()).in_bulk([int(v) for v in missing])
            for v in missing:
                trail = trails.get(int(v))
                found[v] = (vocabulary_value(vocabulary_key(trail), language)[1] if trail is not None else v, 0)
        return found


MEDIA_TYPES = {
    "image/jpeg": ("Llun JPEG", "JPEG image"), "image/png": ("Llun PNG", "PNG image"),
    "image/tiff": ("Llun TIFF", "TIFF image"), "image/webp": ("Llun WebP", "WebP image"),
    "image/gif": ("Llun GIF", "GIF image"), "image/heic": ("Llun HEIC", "HEIC image"),
    "image/heif": ("Llun HEIF", "HEIF image"), "application/pdf": ("Dogfen PDF", "PDF document"),
}

RESULT_TYPES = {"item": ("Eitem", "Item"), "trail": ("Llwybr stori", "Story trail")}

FACETS = (
    ChoiceFacet("type", "type", "Math o ganlyniad", "Kind of result", size=len(RESULT_TYPES), labels=RESULT_TYPES),
    DecadeFacet("decade", "decade", "Degawd", "Decade", years_field="years"),
    VocabularyFacet("place", "place.id", "Lle", "Place", key_field="place.key", model="Place"),
    VocabularyFacet("person", "people.id", "Pobl", "People", key_field="people.key", model="Person"),
    VocabularyFacet("subject", "subjects.id", "Pynciau", "Subjects", key_field="subjects.key", model="Subject"),
    VocabularyFacet("collection", "collections.id", "Casgliadau", "Collections", key_field="collections.key",
                    model="Collection"),
    Facet("licence", "licence", "Trwydded", "Licence", labels={lic.uri: (lic.label_cy, lic.label_en) for lic in LICENCES}),
    Facet("media_type", "media_type", "Math o ffeil", "Type of file", size=10, labels=MEDIA_TYPES),
    BooleanFacet("has_story", "has_story", "Llwybrau stori", "Story trails",
                 labels={"true": ("Mewn llwybr stori", "In a story trail"),
                         "false": ("Ddim mewn llwybr stori", "Not in a story trail")}),
    TrailFacet("trail", "trails.id", "Pa lwybr stori", "Which story trail", key_field="trails.key", model="Trail"),
)
FACET_NAMES = tuple(f.name for f in FACETS)
_BY_NAME = {f.name: f for f in FACETS}


def facet(name: str) -> Facet:
    """The declared facet called ``name`` (KeyError when there is none)."""
    return _BY_NAME[name]


def unknown_facet_message(name: str) -> str:
    """What to tell someone who asked for a facet that is not declared."""
    return _("Unknown facet '%(name)s'. Valid facets: %(valid)s.") % {"name": name, "valid": ", ".join(FACET_NAMES)}


# --- Vocabulary keys (what a vocabulary facet counts) ----------------------------------------


def vocabulary_key(obj) -> str:
    """``"<id>␟<Welsh>␟<English>␟<variants>…"`` for a Place, Person, Subject or Collection."""
    if hasattr(obj, "name_cy"):  # Place
        names = [obj.name_cy, obj.name_en, *obj.variants]
    elif hasattr(obj, "label_cy"):  # Subject: its aliases (old labels of merged duplicates) are matched too
        names = [obj.label_cy, obj.label_en, *getattr(obj, "aliases", [])]
    elif hasattr(obj, "title_cy"):  # Collection, or a story trail
        names = [obj.title_cy, obj.title_en]
    else:  # Person: one name, whatever the language; "a person" when visitors may not see it
        from archive.access import person_label_both, person_name_shown

        if person_name_shown(None, obj):
            names = [obj.name, obj.name, *obj.variants]
        else:
            labels = person_label_both(obj)
            names = [labels["cy"], labels["en"]]
    return KEY_SEPARATOR.join([str(obj.pk), *(str(n).replace(KEY_SEPARATOR, " ") for n in names)])


def vocabulary_names(key: str) -> list[str]:
    """Every name in a vocabulary key (labels and variants), for matching typed text."""
    return [n for n in key.split(KEY_SEPARATOR)[1:] if n]


def vocabulary_value(key: str, language: str) -> tuple[str, str]:
    """``(id, label in language)`` from a vocabulary key, falling back to the other language."""
    parts = key.split(KEY_SEPARATOR) + ["", ""]
    welsh, english = parts[1], parts[2]
    return parts[0], (welsh or english) if language == "cy" else (english or welsh)

