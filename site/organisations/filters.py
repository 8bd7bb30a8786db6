"""The search and filters of the extranet's member directory, under French names in the address.

    ?q=regie&type=insertion&filiere=12&quartier=4

A value that is not understood (an old link, a typo) is explained next to its field and ignored:
the directory never breaks.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from organisations.enums import OrganisationKind
from organisations.models import Organisation
from reference.models import Neighbourhood, Sector

MAX_QUERY_LENGTH = 100


def sectors_in_directory(request):
    return Sector.objects.filter(pk__in=Organisation.objects.active().values("sector")).order_by(
        "name"
    )


def neighbourhoods_in_directory(request):
    return Neighbourhood.objects.filter(
        pk__in=Organisation.objects.active().values("neighbourhood")
    ).order_by("name")


class DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="name",
        lookup_expr="icontains",
        label=_("Nom de l'organisation"),
        max_length=MAX_QUERY_LENGTH,
    )
    type = django_filters.ChoiceFilter(
        field_name="kind",
        choices=OrganisationKind.choices,
        label=_("Type d'organisation"),
        empty_label=_("Tous les types"),
    )
    filiere = django_filters.ModelChoiceFilter(
        field_name="sector",
        queryset=sectors_in_directory,
        label=_("Filière"),
        empty_label=_("Toutes les filières"),
    )
    quartier = django_filters.ModelChoiceFilter(
        field_name="neighbourhood",
        queryset=neighbourhoods_in_directory,
        label=_("Quartier"),
        empty_label=_("Tous les quartiers"),
    )

    class Meta:
        model = Organisation
        fields = []
