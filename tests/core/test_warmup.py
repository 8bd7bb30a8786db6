"""core.warmup: what gunicorn's master prepares before forking, so that no worker's first
request pays for it."""

from django.template import engines
from django.urls import get_resolver

from core.warmup import warm_up


def test_the_templates_and_every_languages_urls_are_ready_before_the_first_request(settings):
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()

    compiled = warm_up()

    # The cached loader production uses (DEBUG off) keeps them compiled in memory.
    cached = set(loader.get_template_cache)
    assert {"base.html", "pages/offer_index_page.html", "components/offers/offer_card.html"} <= (
        cached
    )
    assert compiled >= len(cached)
    assert {"fr", "en", "ar"} <= set(get_resolver()._reverse_dict)
