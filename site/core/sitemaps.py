"""sitemap.xml with every language's pages, each listing its translations as hreflang alternates.

Wagtail's own sitemap lists the default site's tree only, that is, the French pages; search
engines would not find the English and Arabic ones, nor know which pages translate which.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class MultilingualSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            Page.objects.filter(in_a_tree)
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
        return self._alternates
