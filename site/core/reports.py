"""« Pages à traduire »: the French pages that are not yet live in every other language.

A report in the admin's Reports menu (core.wagtail_hooks), so that the small editorial team sees
what is left to translate with wagtail-localize, page by page, with the missing languages named.
"""

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Locale, Page

from core.spreadsheets import SafeSpreadsheetExportMixin


def other_languages():
    return [
        code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE
    ]


class MissingTranslationsReportView(SafeSpreadsheetExportMixin, PageReportView):
    page_title = _("Pages à traduire")
    header_icon = "globe"
    results_template_name = "core/admin/missing_translations_results.html"
    index_url_name = "missing_translations"
    index_results_url_name = "missing_translations_results"
    list_export = [*PageReportView.list_export, "missing_languages"]
    export_headings = {
        **PageReportView.export_headings,
        "missing_languages": _("Langues manquantes"),
    }

    def get_queryset(self):
        languages = other_languages()
        live_translations = (
            Page.objects.filter(
                translation_key=OuterRef("translation_key"),
                live=True,
                locale__language_code__in=languages,
            )
            # No ordering: Page's default one (path) would split the count by row.
            .order_by()
            .values("translation_key")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            Page.objects.live()
            .filter(depth__gt=1, locale=Locale.get_default())
            .annotate(translated_into=Coalesce(Subquery(live_translations), 0))
            .filter(translated_into__lt=len(languages))
            .order_by("path")
        )

    def decorate_paginated_queryset(self, pages):
        """Name the missing languages of the pages shown, in one query."""
        pages = list(pages)
        translated = {}
        for key, code in Page.objects.filter(
            Q(translation_key__in=[page.translation_key for page in pages]),
            live=True,
            locale__language_code__in=other_languages(),
        ).values_list("translation_key", "locale__language_code"):
            translated.setdefault(key, set()).add(code)
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        for page in pages:
            page.missing_languages = ", ".join(
                names[code]
                for code in other_languages()
                if code not in translated.get(page.translation_key, set())
            )
        return pages
