"""Factories for the reference snippets: sectors (filières), trades (ROME) and neighbourhoods.

All of them are created in the default locale (`fr`) and fetched rather than duplicated when a row
with the same slug or ROME code exists there, so that tests and the demo can ask for « logistique »
or N1103 as often as they like:

    logistique = SectorFactory(logistique=True)
    trade = TradeFactory(magasinage=True)               # N1103, in the logistique sector
    neighbourhood = NeighbourhoodFactory(name="La Source", commune="Bobigny")
"""

import factory
from django.utils.text import slugify

from reference.enums import RomeDomain
from reference.models import Neighbourhood, Sector, Trade
from tests.core.factories import get_default_locale

ROME_LETTERS = "ABCDEFGHIJKLMN"


def made_up_rome_code(number):
    # Real ROME 4.0 fiches never use 9 as their first digit, so these never meet rome.json's.
    return f"{ROME_LETTERS[number // 1000 % len(ROME_LETTERS)]}9{number % 1000:03d}"


class SectorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Filière {n}")
    slug = factory.LazyAttribute(lambda sector: slugify(sector.name))
    rome_domain = RomeDomain.N
    locale = factory.LazyFunction(get_default_locale)

    class Meta:
        model = Sector
        django_get_or_create = ("slug", "locale")

    class Params:
        logistique = factory.Trait(
            name="Logistique et transport", slug="logistique", rome_domain=RomeDomain.N
        )
        proprete = factory.Trait(name="Propreté", slug="proprete", rome_domain=RomeDomain.K)
        aide_a_la_personne = factory.Trait(
            name="Aide à la personne", slug="aide-a-la-personne", rome_domain=RomeDomain.K
        )
        btp = factory.Trait(
            name="Bâtiment et travaux publics", slug="btp", rome_domain=RomeDomain.F
        )


class TradeFactory(factory.django.DjangoModelFactory):
    rome_code = factory.Sequence(made_up_rome_code)
    label = factory.Sequence(lambda n: f"Métier {n}")
    sector = factory.SubFactory(SectorFactory)
    locale = factory.LazyFunction(get_default_locale)

    class Meta:
        model = Trade
        django_get_or_create = ("rome_code", "locale")

    class Params:
        magasinage = factory.Trait(
            rome_code="N1103",
            label="Magasinage et préparation de commandes",
            sector=factory.SubFactory(SectorFactory, logistique=True),
        )
        nettoyage = factory.Trait(
            rome_code="K2204",
            label="Nettoyage de locaux",
            sector=factory.SubFactory(SectorFactory, proprete=True),
        )
        aide_aux_adultes = factory.Trait(
            rome_code="K1302",
            label="Assistance auprès d'adultes",
            sector=factory.SubFactory(SectorFactory, aide_a_la_personne=True),
        )
        maconnerie = factory.Trait(
            rome_code="F1703",
            label="Maçonnerie",
            sector=factory.SubFactory(SectorFactory, btp=True),
        )


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.LazyAttribute(lambda neighbourhood: slugify(neighbourhood.name))
    commune = "Saint-Denis"
    # Made-up codes in the QPV format: 093 is Seine-Saint-Denis' department number.
    qpv_code = factory.Sequence(lambda n: f"QP093{n % 1000:03d}")
    locale = factory.LazyFunction(get_default_locale)

    class Meta:
        model = Neighbourhood
        django_get_or_create = ("slug", "locale")

    class Params:
        # A place residents name that isn't a priority neighbourhood (a town centre, a zone).
        outside_qpv = factory.Trait(qpv_code="")
