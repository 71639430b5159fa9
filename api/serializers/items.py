"""How items, their assets and batches look in the API, and what an upload must contain."""
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive.access import can_view_images, can_view_moderation
from archive.hints import asset_camera_data, item_hints
from archive.ids import written_as_number
from archive.licences import LICENCES, licence_get
from archive.models import Asset, Batch, Item, Person, Place, Subject
from archive.selectors import subjects_shown
from archive.reasons import reason_text
from archive.selectors import batch_progress
from archive.services.vocabulary import vocabulary_by_id

from ..ids import IdField

from .descriptions import DescriptionSerializer  # one voice, as at items/{id}/descriptions/{id}/
from .vocabulary import CollectionSerializer, PersonSerializer, PlaceSerializer, SubjectSerializer


def _language() -> str:
    return "cy" if (get_language() or "").startswith("cy") else "en"


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else path


class LicenceSerializer(serializers.Serializer):
    """A licence or rights statement."""

    uri = serializers.CharField()
    code = serializers.CharField()
    label = serializers.SerializerMethodField()

    def get_label(self, licence) -> dict:
        """Labels as a language map."""
        return {"cy": licence.label_cy, "en": licence.label_en}


class AssetSerializer(serializers.ModelSerializer):
    """A file of an item, with links to its display copies (never to the original)."""

    thumbnail = serializers.SerializerMethodField()
    web = serializers.SerializerMethodField()
    camera = serializers.SerializerMethodField()

    class Meta:
        model = Asset
        fields = ["id", "position", "page", "media_type", "width", "height", "size_bytes", "sha256", "thumbnail",
                  "web", "camera"]

    def _derivative_url(self, asset, kind) -> str | None:
        request = self.context.get("request")
        if not can_view_images(getattr(request, "user", None), asset.item):
            return None  # a takedown decision hid the pictures, not the words
        for derivative in asset.derivatives.all():
            if derivative.kind == kind:
                return _absolute(self.context.get("request"), settings.MEDIA_URL + derivative.path)
        return None

    def get_thumbnail(self, asset) -> str | None:
        """URL of the thumbnail, once made."""
        return self._derivative_url(asset, "thumbnail")

    def get_web(self, asset) -> str | None:
        """URL of the web-sized image, once made."""
        return self._derivative_url(asset, "web")

    def get_camera(self, asset) -> dict:
        """What the camera recorded (date_taken, camera, location) for the contributor and curators;
        others see only the location, and only if the contributor agreed to share it."""
        request = self.context.get("request")
        return asset_camera_data(asset, getattr(request, "user", None))


class ItemSerializer(serializers.ModelSerializer):
    """An item as readers see it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:item-detail")
    manifest = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    status_reason = serializers.SerializerMethodField()
    status_reason_code = serializers.CharField(source="status_reason", read_only=True)
    date = serializers.SerializerMethodField()
    place = PlaceSerializer(read_only=True)
    people = PersonSerializer(many=True, read_only=True)
    subjects = serializers.SerializerMethodField()
    collections = CollectionSerializer(many=True, read_only=True)
    licence = serializers.SerializerMethodField()
    contributor = serializers.SerializerMethodField()
    descriptions = DescriptionSerializer(many=True, read_only=True)
    assets = AssetSerializer(many=True, read_only=True)
    batch = serializers.HyperlinkedRelatedField(view_name="api:batch-detail", read_only=True)
    hints = serializers.SerializerMethodField()
    moderation = serializers.CharField(read_only=True, help_text="pending, approved or rejected (by a curator).")
    moderation_reason = serializers.SerializerMethodField()

    class Meta:
        model = Item
        fields = ["id", "url", "manifest", "accession_number", "title", "status", "status_reason", "status_reason_code",
                  "date", "place", "people", "subjects", "collections", "licence", "consent", "visibility",
                  "moderation", "moderation_reason", "withdrawn_at", "share_location", "contributor", "descriptions",
                  "assets", "batch", "hints", "created_at", "updated_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_manifest(self, item) -> str:
        """The item's IIIF Presentation 3 manifest (absolute), for any IIIF viewer or harvester."""
        return _absolute(self.context.get("request"), reverse("iiif:manifest", args=[item.pk]))

    def get_title(self, item) -> dict:
        """The title as a language map; empty languages are left out."""
        return {lang: value for lang, value in (("cy", item.title_cy), ("en", item.title_en)) if value}

    @extend_schema_field(SubjectSerializer(many=True))
    def get_subjects(self, item) -> list[dict]:
        """Approved subjects only: a member's proposed subject shows once a curator approves it."""
        return SubjectSerializer(subjects_shown(item), many=True, context=self.context).data

    def get_status_reason(self, item) -> str | None:
        """Why processing failed, in the reader's language (Accept-Language), or null."""
        if item.status != Item.Status.FAILED:
            return None
        return reason_text(item.status_reason, item.status_params, _language())

    def get_date(self, item) -> dict:
        """The date as written, and the range it was read as (null when it could not be read)."""
        return {"text": item.date_text, "start": item.date_start, "end": item.date_end}

    def get_licence(self, item) -> dict | None:
        """The licence URI with its labels."""
        licence = licence_get(item.licence)
        return LicenceSerializer(licence).data if licence else {"uri": item.licence}

    def get_contributor(self, item) -> str:
        """Who contributed it, as they wish to be credited."""
        return item.contributor.credit_name

    def get_moderation_reason(self, item) -> str | None:
        """Why a curator did not accept it: for its contributor and curators only (null for others)."""
        request = self.context.get("request")
        if not can_view_moderation(getattr(request, "user", None), item):
            return None
        return item.moderation_reason

    def get_hints(self, item) -> list[dict]:
        """For the contributor and curators: possible near-duplicates, the camera's date, a nearby place."""
        request = self.context.get("request")
        return item_hints(item, getattr(request, "user", None), _language())


def _split_names(values: list[str]) -> list[str]:
    """Repeated parts, or one comma-separated part: ['Mam-gu, Dai'] → ['Mam-gu', 'Dai']."""
    names = []
    for value in values:
        names.extend(part.strip() for part in str(value).split(","))
    return [n for n in names if n]


class ItemUploadSerializer(serializers.Serializer):
    """One upload: one or more files and what the contributor says about them."""

    files = serializers.ListField(child=serializers.FileField(allow_empty_file=False), allow_empty=False,
                                  help_text="One or more image files; each becomes an item.")
    licence = serializers.CharField(help_text="Licence URI (see /api/v1/licences/).")
    consent = serializers.BooleanField(help_text="You may share these files and agree to the licence.")
    caption = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    teller_name = serializers.CharField(
        required=False, allow_blank=True, max_length=150, default="",
        help_text="Memory-day mode: whose words the caption is, when you write them down for someone else.")
    language = serializers.ChoiceField(choices=["cy", "en", "other"], required=False, default="en",
                                       help_text="Language of the caption.")
    date_text = serializers.CharField(required=False, allow_blank=True, max_length=200, default="",
                                      help_text="When, in your own words: '1947', 'summer 1947', 'c. 1950s'.")
    place = serializers.CharField(required=False, allow_blank=True, max_length=200, default="",
                                  help_text="A place id or name.")
    people = serializers.ListField(child=serializers.CharField(max_length=200), required=False, default=list,
                                   help_text="People ids or names; repeat the field or separate with commas.")
    subjects = serializers.ListField(child=serializers.CharField(max_length=200), required=False, default=list)
    visibility = serializers.ChoiceField(choices=Item.Visibility.choices, required=False,
                                         default=Item.Visibility.PUBLIC)
    share_location = serializers.BooleanField(
        required=False, default=False,
        help_text="Show where the photos were taken (from their GPS data). Off unless you say so.")

    def validate_files(self, files):
        """At most COFIO_MAX_UPLOAD_FILES files, each at most COFIO_MAX_UPLOAD_BYTES."""
        limit_files, limit_bytes = settings.COFIO_MAX_UPLOAD_FILES, settings.COFIO_MAX_UPLOAD_BYTES
        if len(files) > limit_files:
            raise serializers.ValidationError(
                f"Too many files: {len(files)} were sent; at most {limit_files} can be uploaded at once.")
        too_big = [f for f in files if f.size > limit_bytes]
        if too_big:
            names = ", ".join(f"'{f.name}' ({_megabytes(f.size)})" for f in too_big)
            raise serializers.ValidationError(
                f"Too large: {names}. Each file can be at most {_megabytes(limit_bytes)}.")
        return files

    def validate_licence(self, value):
        """A known Creative Commons or RightsStatements.org URI."""
        licence = licence_get(value)
        if licence is None:
            known = ", ".join(lic.uri for lic in LICENCES)
            raise serializers.ValidationError(f"Unknown licence '{value}'. Choose one of: {known}.")
        return licence.uri

    def validate_consent(self, value):
        """Consent must be given."""
        if not value:
            raise serializers.ValidationError(
                "Consent is needed: confirm that you may share these files under the chosen licence.")
        return value

    def _unknown_ids(self, model, names) -> list[str]:
        """Those of ``names`` written as numbers that name no ``model`` record the uploader may see (a hidden
        record answers like a missing one)."""
        request = self.context.get("request")
        actor = request.user if request is not None else None
        return [n for n in names if written_as_number(n) and vocabulary_by_id(model, n, actor=actor) is None]

    def validate_place(self, value):
        """An existing place id, or a name (a new place is made for a new name)."""
        value = value.strip()
        if self._unknown_ids(Place, [value]):
            raise serializers.ValidationError(_("There is no place with id %(id)s.") % {"id": value})
        return value

    def validate_people(self, values):
        """Existing person ids, or names (new people are made for new names)."""
        names = _split_names(values)
        if missing := self._unknown_ids(Person, names):
            raise serializers.ValidationError(_("There is no person with id %(id)s.") % {"id": ", ".join(missing)})
        return names

    def validate_subjects(self, values):
        """Existing subject ids, slugs or labels (new subjects are made for new labels)."""
        names = _split_names(values)
        if missing := self._unknown_ids(Subject, names):
            raise serializers.ValidationError(_("There is no subject with id %(id)s.") % {"id": ", ".join(missing)})
        return names


def _megabytes(size: int) -> str:
    return str(filesizeformat(size)).replace("\xa0", " ")


class BatchSerializer(serializers.ModelSerializer):
    """An upload's progress: n of m processed."""

    url = serializers.HyperlinkedIdentityField(view_name="api:batch-detail")
    progress = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()

    class Meta:
        model = Batch
        fields = ["id", "url", "created_at", "progress", "items"]

    def get_progress(self, batch) -> dict:
        """Counts: total, processed, ready, failed, withdrawn, and done."""
        return batch_progress(batch)

    def get_items(self, batch) -> list[dict]:
        """Each item's id, URL and status."""
        request = self.context.get("request")
        return [
            {"id": item.pk, "url": _absolute(request, reverse("api:item-detail", args=[item.pk])),
             "status": item.status}
            for item in batch.items.order_by("id")
        ]


class ItemChangeSerializer(serializers.Serializer):
    """What the contributor or a curator may change on an item with PATCH: who may see it."""

    visibility = serializers.CharField(help_text="public, members or private.")

    def validate_visibility(self, value):
        """One of public, members, private."""
        if value not in Item.Visibility.values:
            raise serializers.ValidationError(_("Unknown visibility '%(value)s'. Choose one of: %(choices)s.") % {
                "value": value, "choices": ", ".join(Item.Visibility.values)})
        return value


class ItemWithdrawSerializer(serializers.Serializer):
    """Withdraw an item: it leaves every public surface at once and is kept privately, unless ``delete``."""

    delete = serializers.BooleanField(required=False, default=False,
                                      help_text="Also delete its files and words (only the record remains).")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ItemRejectSerializer(serializers.Serializer):
    """Why a contribution is not accepted (the contributor reads it)."""

    reason = serializers.CharField(max_length=2000, allow_blank=True,
                                   help_text="Plain words: the contributor is told this.")

    def validate_reason(self, value):
        """Required: the contributor is told why."""
        if not value.strip():
            raise serializers.ValidationError(_("Say why, in plain words: the contributor will read it."))
        return value.strip()


class ItemIdsSerializer(serializers.Serializer):
    """Items chosen for a bulk action."""

    ids = serializers.ListField(child=IdField(), allow_empty=False, max_length=500,
                                help_text="Item ids.")
