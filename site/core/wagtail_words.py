"""Words of Wagtail's admin said the way the hub says them.

Wagtail's French catalog calls a page's or a snippet's language a « Région » (its « Locale »):
editors look for the « Langue ». Django reads the project's catalogs (LOCALE_PATHS) before the
apps' own, so an entry there with Wagtail's exact msgid wins. The msgids are marked below so that
`make messages` keeps them; the French catalog, which elsewhere repeats each msgid, takes
FRENCH_WORDING's words for them (core.catalogs.fill_source_language).
"""

from django.utils.translation import gettext_noop

FRENCH_WORDING = {
    # The page editor's side panel, the pages' and snippets' listings and filters.
    gettext_noop("Locale"): "Langue",
    gettext_noop("Locale: "): "Langue : ",
    # wagtail-localize's and the locales app's lists of languages.
    gettext_noop("Locales"): "Langues",
}
