"""The Atom feed of current offers at /offres/flux/, with the same filters as the listing.

    /offres/flux/?secteur=logistique&sans_diplome=1

gives the 50 newest current offers the listing /offres/?secteur=logistique&sans_diplome=1 shows.
Invalid filters are ignored, as on the listing; expired, filled and draft offers never appear.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.addresses import absolute_url, site_host_and_port
from offers.filters import DEFAULT_SORT, SORT, build_filterset
from offers.translations import localize_references

FEED_LENGTH = 50


class OfferFeed(Feed):
    """Built for one request by OfferIndexPage.feed: `OfferFeed(index_page)(request)`."""

    feed_type = Atom1Feed

    def __init__(self, index_page):
        self.index_page = index_page
        self.request = None
        self.filterset = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        data = request.GET.copy()
        # A feed reader wants the newest first, whatever order the listing was showing.
        data[SORT] = DEFAULT_SORT
        self.filterset = build_filterset(data, self.index_page)
        return self.index_page

    # --- The feed

    def title(self, index_page):
        filters = self.filterset.describe()
        if filters:
            title = _("%(page)s : %(filters)s") % {"page": index_page.title, "filters": filters}
        else:
            title = index_page.title
        return _("%(title)s – %(site)s") % {"title": title, "site": settings.WAGTAIL_SITE_NAME}

    def subtitle(self, index_page):
        return index_page.introduction or None

    # Absolute addresses on SITE_URL's origin (core.addresses), which Django's feed keeps as
    # they are, rather than the request's host.

    def link(self, index_page):
        return absolute_url(
            index_page.get_url(self.request) + self.filterset.query_string(sort=DEFAULT_SORT)
        )

    def feed_url(self, index_page):
        return absolute_url(
            index_page.get_url(self.request)
            + index_page.reverse_subpage("feed")
            + self.filterset.query_string(sort=DEFAULT_SORT)
        )

    def author_name(self, index_page):
        return settings.WAGTAIL_SITE_NAME

    def items(self, index_page):
        # Untranslated French offers too (offers.translations), their sector and neighbourhood
        # named in the feed's language.
        return localize_references(
            self.filterset.qs[:FEED_LENGTH],
            index_page.locale_id,
            known=self.filterset.choices.by_translation_key(),
        )

    # --- Each offer

    def item_title(self, offer):
        return offer.title

    def item_link(self, offer):
        return absolute_url(offer.get_url(self.request))

    def item_description(self, offer):
        if offer.shown_neighbourhood:
            place = _("%(commune)s, quartier %(neighbourhood)s") % {
                "commune": offer.commune,
                "neighbourhood": offer.shown_neighbourhood.name,
            }
        else:
            place = offer.commune
        sentences = [
            _("%(employer)s, à %(place)s.")
            % {"employer": offer.employer_display_name, "place": place},
            _("%(contract)s, %(working_time)s.")
            % {
                "contract": offer.get_contract_type_display(),
                "working_time": offer.get_working_time_display().lower(),
            },
        ]
        summary = offer.easy_read or offer.summary
        if summary:
            sentences.append(summary)
        sentences.append(
            _("Offre ouverte jusqu'au %(date)s.")
            % {"date": date_format(offer.expiry_date, "DATE_FORMAT")}
        )
        # Atom summaries are HTML: the text is escaped, one paragraph per sentence.
        return "".join(f"<p>{escape(sentence)}</p>" for sentence in sentences)

    def item_pubdate(self, offer):
        return offer.first_published_at

    def item_updateddate(self, offer):
        return (
            offer.last_published_at or offer.first_published_at or offer.latest_revision_created_at
        )

    def item_guid(self, offer):
        """A tag URI that survives a change of title or address: the host, a date, the offer."""
        if not offer.first_published_at:
            return absolute_url(offer.get_url(self.request))
        host, _port = site_host_and_port()
        return f"tag:{host},{offer.first_published_at.date().isoformat()}:offre-{offer.pk}"

    def item_categories(self, offer):
        return [offer.shown_sector.name, offer.get_contract_type_display()]
