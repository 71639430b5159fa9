"""People, places, subjects and collections in the API."""
from rest_framework import serializers

from archive.models import Collection, Person, Place, Subject


class PersonSerializer(serializers.ModelSerializer):
    """A person."""

    class Meta:
        model = Person
        fields = ["id", "name", "variants", "life_dates"]


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
        fields = ["id", "slug", "label"]

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
