"""sitemap.xml with every language's pages, each listing its translations as hreflang alternates.

Wagtail's own sitemap lists the default site's tree only, that is, the French pages; search
engines would not find the English and Arabic ones, nor know which pages translate which. As in
the pages' own hreflang links (core.templatetags.navigation_tags.hreflang_links), the French
version is also the `x-default`: the one for a reader whose language the site does not speak.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class MultilingualSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            # An alias (an untranslated offer shown in English and Arabic, offers.translations)
            # repeats its French page's text: search engines have the French page.
            Page.objects.filter(in_a_tree, alias_of__isnull=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        alternates = self.alternates()
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                translations = alternates.get(item.translation_key, [])
                if len(translations) > 1:
                    url_info["alternates"] = translations
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def alternates(self):
        """{translation key: [{lang_code, location}]} of every listed page, computed once."""
        if not hasattr(self, "_alternates"):
            languages = dict(Locale.objects.values_list("pk", "language_code"))
            self._alternates = {}
            for item in self.items():
                for url_info in item.get_sitemap_urls(self.request):
                    self._alternates.setdefault(item.translation_key, []).append(
                        {"lang_code": languages[item.locale_id], "location": url_info["location"]}
                    )
            for translations in self._alternates.values():
                french = [
                    alternate["location"]
                    for alternate in translations
                    if alternate["lang_code"] == settings.LANGUAGE_CODE
                ]
                if len(translations) > 1 and french:
                    translations.append({"lang_code": "x-default", "location": french[0]})
        return self._alternates
