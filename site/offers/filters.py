"""The filters of the offer listing, read from the query string under readable French names.

The listing (offers.listing) and the feed (offers.feeds) share them, so that a link to either gives
the same offers:

    ?secteur=logistique&metier=N1103&contrat=cdi&contrat=cdd&temps=temps-partiel
    &commune=Saint-Denis&quartier=franc-moisin&sans_diplome=1&debutant=1&recent=1
    &q=cariste&tri=fin&page=2

Nothing a visitor types raises an error page: an unknown choice (an old shared link, a sector that
was renamed) is left out of the search and explained next to its field; an unknown sort order
means the default one; the keywords lose what the search backends cannot read.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db import connection
from django.utils.translation import gettext_lazy as _
from modelsearch.query import Fuzzy

from core import fragments
from core.dates import hub_today
from offers.enums import ContractType, WorkingTime
from offers.models import OfferPage
from reference.models import Neighbourhood, Sector, Trade
from search.views import MAX_QUERY_LENGTH, UNSEARCHABLE_CHARACTERS

# The query-string names, in the order the canonical links write them.
SECTOR = "secteur"
TRADE = "metier"
CONTRACT = "contrat"
WORKING_TIME = "temps"
COMMUNE = "commune"
NEIGHBOURHOOD = "quartier"
NO_DIPLOMA = "sans_diplome"
BEGINNERS = "debutant"
RECENT = "recent"
KEYWORDS = "q"
SORT = "tri"
FILTER_PARAMETERS = [
    SECTOR,
    TRADE,
    CONTRACT,
    WORKING_TIME,
    COMMUNE,
    NEIGHBOURHOOD,
    NO_DIPLOMA,
    BEGINNERS,
    RECENT,
    KEYWORDS,
]

SORT_NEWEST = "recent"
SORT_CLOSING_SOON = "fin"
SORT_ORDERS = {
    SORT_NEWEST: ("-first_published_at", "-id"),
    SORT_CLOSING_SOON: ("expiry_date", "-first_published_at", "-id"),
}
SORT_CHOICES = [
    (SORT_NEWEST, _("Les plus récentes")),
    (SORT_CLOSING_SOON, _("Bientôt fermées")),
]
DEFAULT_SORT = SORT_NEWEST

RECENT_DAYS = 7
# Keywords are read as the site search reads its query: too long is cut, and what the search
# backends cannot read (double quotes, NUL and other control characters) is dropped.
MAX_KEYWORDS_LENGTH = MAX_QUERY_LENGTH
# What a ticked box sends (`1` in our links; `on` when a browser sends a box without a value).
TICKED_VALUES = {"1", "on", "true", "oui"}

UNKNOWN_CHOICE = _("Ce choix n'est plus proposé : nous ne l'avons pas pris en compte.")


# --- Form fields ---------------------------------------------------------------------------------
class TickBox(forms.CheckboxInput):
    """A checkbox that sends `1`, and counts as ticked only for a value that says so."""

    def format_value(self, value):
        return "1"

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in TICKED_VALUES


class AnyOrOneRadioSelect(forms.RadioSelect):
    """Radio buttons whose empty choice (« Peu importe ») is ticked when nothing is chosen."""

    def format_value(self, value):
        return [""] if value in (None, "") else super().format_value(value)


class TickBoxField(forms.BooleanField):
    widget = TickBox

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class KeywordsField(forms.CharField):
    """Free text, cleaned rather than refused: too long is cut, unreadable characters dropped."""

    def to_python(self, value):
        text = UNSEARCHABLE_CHARACTERS.sub(" ", str(value or ""))
        return " ".join(text.split())[:MAX_KEYWORDS_LENGTH]


class SortField(forms.ChoiceField):
    """The sort order: an unknown value quietly means the default order."""

    def to_python(self, value):
        value = super().to_python(value)
        return value if self.valid_value(value) else DEFAULT_SORT


class OfferFilterForm(forms.Form):
    """The form the filter set builds its fields on: keywords and sort order live here."""

    q = KeywordsField(required=False, label=_("Mots-clés"))
    tri = SortField(required=False, choices=SORT_CHOICES, label=_("Trier les offres"))

    def __init__(self, *args, **kwargs):
        # Readable ids in the page (filtre-secteur); `_error` ids follow Django's convention so
        # that the fields' aria-describedby point at their message.
        kwargs.setdefault("auto_id", "filtre-%s")
        super().__init__(*args, **kwargs)

    @property
    def sort(self):
        return getattr(self, "cleaned_data", {}).get(SORT) or DEFAULT_SORT

    @property
    def keywords(self):
        return getattr(self, "cleaned_data", {}).get(KEYWORDS, "")


class TickBoxFilter(django_filters.Filter):
    """A yes/no fact that only filters when ticked: unticked means « peu importe »."""

    field_class = TickBoxField

    def filter(self, qs, value):
        return qs.filter(**{self.field_name: True}) if value else qs


# --- Choices -------------------------------------------------------------------------------------
@dataclass
class FilterChoices:
    """What the filters offer, from the reference data of the listing's language.

    Four queries whatever the number of options: sectors, trades, neighbourhoods (each in every
    language, see below), and the communes where current offers are.

    The listing of a language also shows the French offers nobody has translated yet (aliases,
    offers.translations), which point at the French sector, trade and neighbourhood. Their slugs
    and ROME codes are the same in every language (synchronised fields), so a choice is the ids
    of that value in every language: `ids_by_value`.
    """

    sectors: list = field(default_factory=list)
    trades: list = field(default_factory=list)
    neighbourhoods: list = field(default_factory=list)
    communes: list = field(default_factory=list)
    # {query-string value: [the ids of that sector, trade, neighbourhood in every language]}
    sector_ids: dict = field(default_factory=dict)
    trade_ids: dict = field(default_factory=dict)
    neighbourhood_ids: dict = field(default_factory=dict)

    @classmethod
    def for_index(cls, index_page, current_offers):
        """The choices of this index page, kept until content changes (core.fragments), or
        the day ends (offers expire).

        They change only when an editor publishes or saves reference data: kept, they cost a
        listing that is not served from the page cache (keywords, a signed-in member) one cache
        read instead of four queries, the communes' one scanning every current offer.
        """
        return fragments.get_or_build(
            f"offers:filter-choices:{index_page.pk}:{hub_today().isoformat()}",
            None,
            lambda: cls.from_database(index_page, current_offers),
        )

    @classmethod
    def from_database(cls, index_page, current_offers):
        locale_id = index_page.locale_id
        sectors = list(Sector.objects.order_by("name"))
        trades = list(Trade.objects.order_by("label"))
        neighbourhoods = list(Neighbourhood.objects.order_by("commune", "name"))
        return cls(
            sectors=[sector for sector in sectors if sector.locale_id == locale_id],
            trades=[trade for trade in trades if trade.locale_id == locale_id],
            neighbourhoods=[place for place in neighbourhoods if place.locale_id == locale_id],
            communes=list(
                current_offers.order_by("commune").values_list("commune", flat=True).distinct()
            ),
            sector_ids=ids_by(sectors, "slug"),
            trade_ids=ids_by(trades, "rome_code"),
            neighbourhood_ids=ids_by(neighbourhoods, "slug"),
        )

    def by_translation_key(self):
        """{model: {translation key: instance}} of this language, for
        offers.translations.localize_references."""
        return {
            Sector: {sector.translation_key: sector for sector in self.sectors},
            Trade: {trade.translation_key: trade for trade in self.trades},
            Neighbourhood: {place.translation_key: place for place in self.neighbourhoods},
        }

    def sector_choices(self):
        return [(sector.slug, sector.name) for sector in self.sectors]

    def trade_choices(self):
        """Trades grouped by sector (an <optgroup> each), in the sectors' order."""
        trades_by_sector = defaultdict(list)
        for trade in self.trades:
            trades_by_sector[trade.sector_id].append((trade.rome_code, trade.label))
        grouped = [
            (sector.name, trades_by_sector.pop(sector.pk))
            for sector in self.sectors
            if sector.pk in trades_by_sector
        ]
        # A trade whose sector is missing from this language still deserves a place.
        others = [choice for choices in trades_by_sector.values() for choice in choices]
        if others:
            grouped.append((_("Autres métiers"), sorted(others, key=lambda choice: choice[1])))
        return grouped

    def neighbourhood_choices(self):
        return [
            (neighbourhood.slug, f"{neighbourhood.name} ({neighbourhood.commune})")
            for neighbourhood in self.neighbourhoods
        ]

    def commune_choices(self):
        return [(commune, commune) for commune in self.communes if commune]


# --- The filter set ------------------------------------------------------------------------------
class OfferFilterSet(django_filters.FilterSet):
    """Filters, sorts and searches current offers from the query string.

    `qs` is the filtered offers in the chosen order, or search results over them when keywords are
    given (Wagtail search, on the filtered queryset: only FilterFields of OfferPage are used).
    """

    secteur = django_filters.ChoiceFilter(
        label=_("Secteur"),
        empty_label=_("Tous les secteurs"),
        method="filter_by_reference",
        field_name="sector_id",
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    metier = django_filters.ChoiceFilter(
        label=_("Métier"),
        empty_label=_("Tous les métiers"),
        method="filter_by_reference",
        field_name="trade_id",
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    contrat = django_filters.MultipleChoiceFilter(
        label=_("Type de contrat"),
        field_name="contract_type",
        choices=ContractType.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
        error_messages={
            "invalid_choice": _(
                "Un des types de contrat n'est plus proposé : "
                "nous n'avons pas pris ce filtre en compte."
            )
        },
    )
    temps = django_filters.ChoiceFilter(
        label=_("Temps de travail"),
        field_name="working_time",
        choices=WorkingTime.choices,
        empty_label=_("Peu importe"),
        widget=AnyOrOneRadioSelect,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    commune = django_filters.ChoiceFilter(
        label=_("Commune"),
        field_name="commune",
        empty_label=_("Toutes les communes"),
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    quartier = django_filters.ChoiceFilter(
        label=_("Quartier"),
        empty_label=_("Tous les quartiers"),
        method="filter_by_reference",
        field_name="neighbourhood_id",
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    sans_diplome = TickBoxFilter(label=_("Sans diplôme"), field_name="no_diploma_required")
    debutant = TickBoxFilter(label=_("Débutant accepté"), field_name="beginners_welcome")
    recent = TickBoxFilter(
        label=_("Publiées depuis moins de 7 jours"), method="filter_published_recently"
    )

    class Meta:
        form = OfferFilterForm

    def __init__(
        self, data=None, queryset=None, *, choices, request=None, allow_fuzzy_search=False
    ):
        super().__init__(data, queryset, request=request)
        self.choices = choices
        self.ids_by_value = {
            SECTOR: choices.sector_ids,
            TRADE: choices.trade_ids,
            NEIGHBOURHOOD: choices.neighbourhood_ids,
        }
        self.labels_by_value = {
            SECTOR: dict(choices.sector_choices()),
            TRADE: {trade.rome_code: trade.label for trade in choices.trades},
            CONTRACT: dict(ContractType.choices),
            WORKING_TIME: dict(WorkingTime.choices),
            COMMUNE: dict(choices.commune_choices()),
            NEIGHBOURHOOD: dict(choices.neighbourhood_choices()),
        }
        self.filters[SECTOR].extra["choices"] = choices.sector_choices()
        self.filters[TRADE].extra["choices"] = choices.trade_choices()
        self.filters[COMMUNE].extra["choices"] = choices.commune_choices()
        self.filters[NEIGHBOURHOOD].extra["choices"] = choices.neighbourhood_choices()
        self.used_fuzzy_search = False
        # Only the listing offers close spellings; a feed is a subscription, it stays exact.
        self.allow_fuzzy_search = allow_fuzzy_search

    # --- Filtering

    def filter_by_reference(self, queryset, name, value):
        parameter = {"sector_id": SECTOR, "trade_id": TRADE, "neighbourhood_id": NEIGHBOURHOOD}
        # `__in`: the value's ids in every language, for untranslated French offers; a
        # FilterField lookup, so that keywords can search within the filters.
        return queryset.filter(**{f"{name}__in": self.ids_by_value[parameter[name]][value]})

    def filter_published_recently(self, queryset, name, value):
        # django-filter calls a filter's method with False too: an unticked box.
        return queryset.published_since(RECENT_DAYS) if value else queryset

    def filter_queryset(self, queryset):
        cleaned_data = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            if name in cleaned_data:
                queryset = filter_.filter(queryset, cleaned_data[name])
        queryset = queryset.order_by(*SORT_ORDERS[self.form.sort])
        keywords = self.form.keywords
        if keywords:
            return self.search(queryset, keywords)
        return queryset

    def search(self, queryset, keywords):
        """Offers matching every word; on PostgreSQL, close spellings when none matches exactly.

        Only for one word and no other filter: a resident mistyping a job name (« carsite »).
        Trigram similarity cannot tell a typo from a different word of the same letters
        (« entrepôt », « entretien »), so on longer or filtered queries it would mostly add noise.
        """
        results = queryset.search(keywords, operator="and", order_by_relevance=False)
        if (
            self.allow_fuzzy_search
            and len(keywords.split()) == 1
            and not self.has_filters_besides_keywords()
            and not results.count()
            and fuzzy_search_available()
        ):
            self.used_fuzzy_search = True
            return queryset.search(Fuzzy(keywords), order_by_relevance=False)
        return results

    # --- What the page says about the filters

    def cleaned_parameters(self):
        """The valid filters as (name, value) pairs, in a stable order, for links and feeds."""
        cleaned_data = self.form.cleaned_data
        pairs = []
        for name in FILTER_PARAMETERS:
            value = cleaned_data.get(name)
            if not value:
                continue
            if isinstance(value, bool):
                pairs.append((name, "1"))
            elif isinstance(value, list):
                pairs.extend((name, item) for item in value)
            else:
                pairs.append((name, value))
        return pairs

    def query_string(self, pairs=None, sort=None):
        """`?…` for these filters (or `pairs`) and a sort order (by default the current one).

        The default sort order is left out, and so is everything when nothing is left: "".
        """
        pairs = list(self.cleaned_parameters() if pairs is None else pairs)
        sort = sort or self.form.sort
        if sort != DEFAULT_SORT:
            pairs.append((SORT, sort))
        return f"?{urlencode(pairs)}" if pairs else ""

    def has_filters_besides_keywords(self):
        return any(name != KEYWORDS for name, _value in self.cleaned_parameters())

    def active_filters(self):
        """Each filter in use: what to call it, and the link that removes it alone."""
        pairs = self.cleaned_parameters()
        active = []
        for pair in pairs:
            name, value = pair
            form_field = self.form.fields[name]
            if name in self.labels_by_value:
                description = _("%(filter)s : %(value)s") % {
                    "filter": form_field.label,
                    "value": self.labels_by_value[name].get(value, value),
                }
            elif name == KEYWORDS:
                description = _("Mots-clés : « %(keywords)s »") % {"keywords": value}
            else:
                description = form_field.label
            active.append(
                {
                    "name": name,
                    "value": value,
                    "description": description,
                    "query_string": self.query_string([other for other in pairs if other != pair]),
                }
            )
        return active

    def describe(self):
        """The filters in a few words, for the feed's title: « Logistique, CDI, Sans diplôme »."""
        descriptions = []
        for name, value in self.cleaned_parameters():
            if name in self.labels_by_value:
                descriptions.append(str(self.labels_by_value[name].get(value, value)))
            elif name == KEYWORDS:
                descriptions.append(f"« {value} »")
            else:
                descriptions.append(str(self.form.fields[name].label))
        return ", ".join(descriptions)


def ids_by(items, value_field):
    """{value: [ids]} of reference data in every language, by a value they share."""
    ids = defaultdict(list)
    for item in items:
        ids[getattr(item, value_field)].append(item.pk)
    return dict(ids)


def current_offers(index_page):
    """The offers a resident can apply to, under this index page: in its language, or in French
    until translated (aliases of the French offers, offers.translations)."""
    return OfferPage.objects.current().child_of(index_page).for_listing()


def build_filterset(data, index_page, allow_fuzzy_search=False):
    """The filter set for this index page's current offers, bound to `data` (a QueryDict)."""
    offers = current_offers(index_page)
    choices = FilterChoices.for_index(index_page, offers)
    filterset = OfferFilterSet(
        data, queryset=offers, choices=choices, allow_fuzzy_search=allow_fuzzy_search
    )
    # Validate now: the choices are known, and the template then finds errors in place.
    filterset.form.is_valid()
    return filterset


_fuzzy_search_available = {}


def fuzzy_search_available():
    """Whether PostgreSQL's pg_trgm extension is there, for searches tolerant to misspellings.

    Asked once per database and process: installing the extension is an operator's decision
    (`manage.py enable_trigram`), not something a request should discover each time.
    """
    if connection.vendor != "postgresql":
        return False
    key = connection.settings_dict["NAME"]
    if key not in _fuzzy_search_available:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _fuzzy_search_available[key] = cursor.fetchone() is not None
    return _fuzzy_search_available[key]
