"""The filters of the holders' listing, under French names in the query string.

    ?statut=diagnostic&avancement=idee&besoin=local&quartier=12&qpv=oui&annee=2026&q=jardin

An unknown value (an old link, a typo) is ignored and explained next to its field, never an error
page. The exports read the same filters, so a coordinator exports what they see.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from project_holders.enums import HolderStatus, Need, ProjectStage
from project_holders.models import ProjectHolder
from reference.models import Neighbourhood

MAX_QUERY_LENGTH = 100


def neighbourhoods(request):
    return Neighbourhood.objects.filter(locale=Locale.get_default()).order_by("name")


class HolderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Rechercher"),
        help_text=_("Nom, projet, téléphone ou e-mail."),
        max_length=MAX_QUERY_LENGTH,
    )
    statut = django_filters.ChoiceFilter(
        field_name="status", choices=HolderStatus.choices, label=_("Statut"), empty_label=_("Tous")
    )
    avancement = django_filters.ChoiceFilter(
        field_name="stage",
        choices=ProjectStage.choices,
        label=_("Avancement"),
        empty_label=_("Tous"),
    )
    besoin = django_filters.ChoiceFilter(
        method="filter_need", choices=Need.choices, label=_("Besoin"), empty_label=_("Tous")
    )
    quartier = django_filters.ModelChoiceFilter(
        field_name="neighbourhood",
        queryset=neighbourhoods,
        label=_("Quartier"),
        empty_label=_("Tous"),
    )
    qpv = django_filters.ChoiceFilter(
        method="filter_qpv",
        choices=[("oui", _("En QPV")), ("non", _("Hors QPV"))],
        label=_("Quartier prioritaire"),
        empty_label=_("Tous"),
    )
    annee = django_filters.NumberFilter(
        method="filter_year", label=_("Année d'enregistrement"), min_value=2000, max_value=2100
    )

    class Meta:
        model = ProjectHolder
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(project_name__icontains=value)
            | Q(email__icontains=value)
            | Q(phone__icontains=value)
        )

    def filter_need(self, queryset, name, value):
        # Needs are a JSON list of codes: the quoted code is found in its text on every database.
        return queryset.filter(needs__icontains=f'"{value}"')

    def filter_qpv(self, queryset, name, value):
        in_qpv = Q(neighbourhood__isnull=False) & ~Q(neighbourhood__qpv_code="")
        return queryset.filter(in_qpv) if value == "oui" else queryset.exclude(in_qpv)

    def filter_year(self, queryset, name, value):
        return queryset.filter(created_at__year=int(value))

    @property
    def qs(self):
        # Invalid values are dropped from cleaned_data by the form: the rest still filters.
        if not hasattr(self, "_qs"):
            queryset = self.queryset.all()
            cleaned_data = self.form.cleaned_data if self.form.is_valid() or self.is_bound else {}
            for name, value in cleaned_data.items():
                if value in (None, "", [], ()):
                    continue
                queryset = self.filters[name].filter(queryset, value)
            self._qs = queryset
        return self._qs
