"""Synonyms of the site search:

SynonymFactory(terms="gardien, concierge")
seed_everyday_job_names()       # the data migration's synonyms, back after a flush
"""

import importlib

import factory

from search.models import Synonym

EVERYDAY_JOB_NAMES = importlib.import_module(
    "search.migrations.0003_everyday_job_names"
).EVERYDAY_JOB_NAMES


class SynonymFactory(factory.django.DjangoModelFactory):
    terms = "gardien d'immeuble, concierge"

    class Meta:
        model = Synonym


def seed_everyday_job_names():
    """The migration's synonyms: a transactional test elsewhere may have flushed them."""
    for terms in EVERYDAY_JOB_NAMES:
        Synonym.objects.get_or_create(terms=terms)
