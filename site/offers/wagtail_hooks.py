"""The offers app's place in the admin, the home page, the site search and the demo."""

from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from core import fragments
from core.dates import hub_today
from home.demo import LOAD_DEMO_HOOK
from home.models import HOME_PAGE_SECTIONS_HOOK
from offers.admin_views import (
    FOLLOWED_ACTION,
    FOLLOWED_COLUMN,
    INTEREST_FORBIDDEN_MESSAGE,
    InterestIndexView,
    InterestInspectView,
    follow_interest,
    refused_with_forbidden_page,
)
from offers.models import Interest, OfferIndexPage, OfferPage
from search.views import HIDDEN_FROM_SEARCH_HOOK

EXPIRING_SOON_DAYS = 7
LATEST_OFFERS_ON_HOME_PAGE = 4


class InterestViewSet(ModelViewSet):
    """Residents' « Ça m'intéresse »: read, followed and exported by the hub's advisers, erased
    by the coordinators (docs/roles.md)."""

    model = Interest
    index_view_class = InterestIndexView
    inspect_view_class = InterestInspectView
    icon = "mail"
    menu_label = _("« Ça m'intéresse »")
    menu_order = 205
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        "name",
        "offer_title",
        "phone",
        "email",
        "created_at",
        "notified_at",
        FOLLOWED_COLUMN,
    ]
    list_filter = ["created_at"]
    search_fields = ["name", "offer_title", "phone", "email"]
    list_export = [
        "created_at",
        "offer_title",
        "name",
        "phone",
        "email",
        "message",
        "consented_at",
        "notified_at",
    ]
    export_filename = "ca-m-interesse"
    form_fields = ["name", "phone", "email", "message"]

    def get_urlpatterns(self):
        urlpatterns = [
            *super().get_urlpatterns(),
            path(f"follow/<{self.pk_path_converter}:pk>/", follow_interest, name="follow"),
        ]
        # Someone who may not see them gets a page saying so, not the dashboard.
        for pattern in urlpatterns:
            pattern.callback = refused_with_forbidden_page(
                pattern.callback, INTEREST_FORBIDDEN_MESSAGE
            )
        return urlpatterns


@hooks.register("register_admin_viewset")
def register_interest_viewset():
    return InterestViewSet("interests")


@hooks.register("register_log_actions")
def register_interest_log_actions(actions):
    actions.register_action(
        FOLLOWED_ACTION, _("Suivie"), _("« Ça m'intéresse » suivi : la personne a été contactée")
    )


class ExpiringOffersPanel(Component):
    """Dashboard: the offers that leave the site within a week, so editors can extend them."""

    name = "expiring_offers"
    template_name = "offers/admin/expiring_offers_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        return {
            # The French offers and their translations: an alias follows its original.
            "offers": OfferPage.objects.expiring_within(EXPIRING_SOON_DAYS)
            .filter(alias_of__isnull=True)
            .select_related("locale"),
            "days": EXPIRING_SOON_DAYS,
        }


@hooks.register("construct_homepage_panels")
def add_expiring_offers_panel(request, panels):
    panels.append(ExpiringOffersPanel())


@hooks.register(HOME_PAGE_SECTIONS_HOOK)
def latest_offers_section(request, home_page):
    """The newest offers, rendered once per change of content or day (offers expire)."""
    return fragments.get_or_build(
        f"latest-offers:{home_page.locale_id}:{hub_today().isoformat()}",
        request,
        lambda: _render_latest_offers(request, home_page),
    )


def _render_latest_offers(request, home_page):
    offers = (
        OfferPage.objects.current()
        .for_listing()
        .filter(locale_id=home_page.locale_id)
        .order_by("-first_published_at")[:LATEST_OFFERS_ON_HOME_PAGE]
    )
    offers = list(offers)
    if not offers:
        return ""
    return render_to_string(
        "components/offers/latest_offers.html",
        {
            "offers": offers,
            "offer_index_url": fragments.first_page_url(
                request, OfferIndexPage, home_page.locale_id
            ),
        },
        request=request,
    )


@hooks.register(HIDDEN_FROM_SEARCH_HOOK)
def closed_offers():
    """Filled offers stay live (their page says so) but are no longer worth finding."""
    return OfferPage.objects.closed().values("pk")


@hooks.register(LOAD_DEMO_HOOK)
def load_offers_demo(demo):
    from offers.demo import load_offers_demo

    load_offers_demo(demo)
