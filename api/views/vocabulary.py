"""Read-only lists of licences, people, places, subjects and collections."""
from rest_framework import viewsets
from rest_framework.response import Response
from drf_spectacular.utils import extend_schema

from archive.licences import LICENCES
from archive.models import Collection, Person, Place, Subject

from ..serializers.items import LicenceSerializer
from ..serializers.vocabulary import CollectionSerializer, PersonSerializer, PlaceSerializer, SubjectSerializer


class LicenceViewSet(viewsets.ViewSet):
    """The licences and rights statements a contributor can choose from."""

    @extend_schema(responses=LicenceSerializer(many=True))
    def list(self, request):
        """Every licence, with its URI, code and labels."""
        return Response(LicenceSerializer(LICENCES, many=True).data)


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People named in the archive."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """Places named in the archive."""

    queryset = Place.objects.all()
    serializer_class = PlaceSerializer


class SubjectViewSet(viewsets.ReadOnlyModelViewSet):
    """The community's subject headings."""

    queryset = Subject.objects.all()
    serializer_class = SubjectSerializer


class CollectionViewSet(viewsets.ReadOnlyModelViewSet):
    """Curated collections."""

    queryset = Collection.objects.all()
    serializer_class = CollectionSerializer
