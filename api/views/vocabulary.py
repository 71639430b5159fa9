"""Read-only lists of licences, people, places, subjects and collections."""
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from archive.access import can_record_name_consent
from archive.licences import LICENCES
from archive.models import Collection, Person, Place, Subject
from archive.services.consent import person_consent_record

from ..serializers.items import LicenceSerializer
from ..serializers.vocabulary import (
    CollectionSerializer, PersonConsentSerializer, PersonSerializer, PlaceSerializer, SubjectSerializer,
)
from .vocabulary_curation import PersonMergeMixin, PlaceCurationMixin, SubjectCurationMixin  # issue 6, part C


class LicenceViewSet(viewsets.ViewSet):
    """The licences and rights statements a contributor can choose from."""

    @extend_schema(responses=LicenceSerializer(many=True))
    def list(self, request):
        """Every licence, with its URI, code and labels."""
        return Response(LicenceSerializer(LICENCES, many=True).data)


class PersonViewSet(PersonMergeMixin, viewsets.ReadOnlyModelViewSet):
    """People named in the archive (a living person without recorded consent is "a person" to visitors)."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer

    @extend_schema(request=PersonConsentSerializer, responses={200: PersonSerializer},
                   description="Curators: record whether the person is living and whether consent to show "
                               "their name to visitors is recorded (`living`, `name_consent`, `name_consent_note`).")
    def partial_update(self, request, *args, **kwargs):
        """Curators record a person's consent (PATCH)."""
        if not can_record_name_consent(request.user):
            raise PermissionDenied(_("Only curators can record consent."))
        person = self.get_object()
        given = PersonConsentSerializer(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        fields = given.validated_data
        changes = {key: fields[name] for key, name in (("living", "living"), ("name_consent", "name_consent"),
                                                        ("note", "name_consent_note")) if name in fields}
        person_consent_record(person, request.user, **changes)
        return Response(PersonSerializer(person, context=self.get_serializer_context()).data)


class PlaceViewSet(PlaceCurationMixin, viewsets.ReadOnlyModelViewSet):
    """Places named in the archive."""

    queryset = Place.objects.all()
    serializer_class = PlaceSerializer


class SubjectViewSet(SubjectCurationMixin, viewsets.ReadOnlyModelViewSet):
    """The community's subject headings."""

    queryset = Subject.objects.all()
    serializer_class = SubjectSerializer


class CollectionViewSet(viewsets.ReadOnlyModelViewSet):
    """Curated collections."""

    queryset = Collection.objects.all()
    serializer_class = CollectionSerializer
