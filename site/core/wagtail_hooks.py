"""The core app's place in the admin: the « Pages à traduire » report; what the page cache
leaves out."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.reports import MissingTranslationsReportView


@hooks.register("register_admin_urls")
def missing_translations_urls():
    view = MissingTranslationsReportView
    return [
        path("reports/pages-a-traduire/", view.as_view(), name="missing_translations"),
        path(
            "reports/pages-a-traduire/results/",
            view.as_view(results_only=True),
            name="missing_translations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def missing_translations_menu_item():
    return MenuItem(
        _("Pages à traduire"),
        reverse("missing_translations"),
        name="pages-a-traduire",
        icon_name="globe",
        order=650,
    )
