"""What the footer of every page links to beyond the site settings: the « Je porte un projet
ESS » form, found by its type (there is one for the whole site) and kept in the default cache.

Looking it up on each page would cost every uncached page one more query. Its address changes
only when a page is published, unpublished, moved or deleted: each of those forgets it, in every
process (the cache is Redis in production), whatever page it was, since moving or renaming a
parent changes the form's address too.
"""

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

# Kept a day at most, should a change escape the signals (a page edited in SQL).
KEPT_SECONDS = 24 * 60 * 60


def _key(language):
    return f"footer:project-proposal-url:{language}"


def project_proposal_url(language):
    """The address of the live form in `language`, else the French one's; "" when unpublished."""
    key = _key(language)
    url = cache.get(key)
    if url is None:
        url = _project_proposal_url_from_database(language)
        cache.set(key, url, KEPT_SECONDS)
    return url


def _project_proposal_url_from_database(language):
    # Found by name: the footer every app shares never imports a domain app.
    page_model = apps.get_model("project_holders", "ProjectProposalPage")
    found = {
        page.locale.language_code: page
        for page in page_model.objects.live()
        .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
    }
    page = found.get(language) or found.get(settings.LANGUAGE_CODE)
    return (page.get_url() or "") if page else ""


def forget_project_proposal_url():
    """Now, and again once the change is committed: a page made meanwhile, in another process,
    would have read and kept the address from before the change."""
    keys = [_key(code) for code, _name in settings.LANGUAGES]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


@receiver(page_published, dispatch_uid="footer_page_published")
@receiver(page_unpublished, dispatch_uid="footer_page_unpublished")
@receiver(post_page_move, dispatch_uid="footer_page_moved")
def _page_changed(**kwargs):
    forget_project_proposal_url()


@receiver(post_delete, dispatch_uid="footer_page_deleted")
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_project_proposal_url()
