"""People, places, subjects and collections in the API."""
from django.utils.translation import get_language
from rest_framework import serializers

from archive.access import can_record_name_consent, person_label, person_name_shown
from archive.models import Collection, Person, Place, Subject


class PersonSerializer(serializers.ModelSerializer):
    """A person, named as the caller may see them (:func:`archive.access.person_label`).

    A living person whose consent is not recorded is "a person" ("rhywun") to visitors, with no
    variants; members and curators see the name. ``living``, ``name_consent`` and
    ``name_consent_note`` are shown to curators only (null for others).
    """

    name = serializers.SerializerMethodField()
    variants = serializers.SerializerMethodField()
    living = serializers.SerializerMethodField()
    name_consent = serializers.SerializerMethodField()
    name_consent_note = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "name", "variants", "life_dates", "living", "name_consent", "name_consent_note"]

    def _user(self):
        return getattr(self.context.get("request"), "user", None)

    def get_name(self, person) -> str:
        """The name, or "a person" in the request's language when the caller may not see it."""
        return person_label(self._user(), person, get_language() or "en")

    def get_variants(self, person) -> list[str]:
        """Other names and spellings (none when the name itself is not shown)."""
        return list(person.variants) if person_name_shown(self._user(), person) else []

    def get_living(self, person) -> bool | None:
        """Curators: whether the person is living (null: not known)."""
        return person.living if can_record_name_consent(self._user()) else None

    def get_name_consent(self, person) -> bool | None:
        """Curators: whether consent to show a living person's name to visitors is recorded."""
        return person.name_consent if can_record_name_consent(self._user()) else None

    def get_name_consent_note(self, person) -> str | None:
        """Curators: who gave consent, when, how."""
        return person.name_consent_note if can_record_name_consent(self._user()) else None


class PersonConsentSerializer(serializers.Serializer):
    """What a curator records about a person with PATCH: living or not, and consent to show the name."""

    living = serializers.BooleanField(required=False, allow_null=True,
                                      help_text="true, false, or null when it is not known.")
    name_consent = serializers.BooleanField(required=False,
                                            help_text="Consent is recorded to show this living person's name.")
    name_consent_note = serializers.CharField(required=False, allow_blank=True, max_length=300,
                                              help_text="Who gave consent, when, how.")


class PlaceSerializer(serializers.ModelSerializer):
    """A place, with its names as a language map and its coordinates."""

    name = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = ["id", "name", "variants", "latitude", "longitude"]

    def get_name(self, place) -> dict:
        """Names as a language map; empty languages are left out."""
        return {lang: value for lang, value in (("cy", place.name_cy), ("en", place.name_en)) if value}


class SubjectSerializer(serializers.ModelSerializer):
    """A subject heading."""

    label = serializers.SerializerMethodField()

    class Meta:
        model = Subject
        # aliases: other labels (of duplicates merged into it); approved: false while a proposal waits.
        fields = ["id", "slug", "label", "aliases", "approved"]

    def get_label(self, subject) -> dict:
        """Labels as a language map."""
        return {lang: value for lang, value in (("cy", subject.label_cy), ("en", subject.label_en)) if value}


class CollectionSerializer(serializers.ModelSerializer):
    """A collection."""

    title = serializers.SerializerMethodField()

    class Meta:
        model = Collection
        fields = ["id", "slug", "title"]

    def get_title(self, collection) -> dict:
        """Titles as a language map."""
        return {lang: value for lang, value in (("cy", collection.title_cy), ("en", collection.title_en)) if value}
