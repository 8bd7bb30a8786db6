from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.http import require_POST
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LogoutView as AdminLogoutView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.sitemaps import MultilingualSitemap
from core.views import RobotsView, healthz
from extranet.views import (
    ActivateTOTPView,
    admin_login,
    admin_password_reset,
    private_page_login,
)

urlpatterns = [
    # Editors sign in through the members' sign-in (allauth): same rate limits, same two-factor.
    path("admin/login/", admin_login, name="admin_login"),
    re_path(r"^admin/password_reset/", admin_password_reset, name="admin_password_reset"),
    # Wagtail's sign-out deletes the session cookie whatever the method: a link on any site
    # would sign an editor out. Its menu posts.
    path("admin/logout/", require_POST(AdminLogoutView.as_view()), name="admin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# French, the default language, has no prefix; English is under /en/, Arabic under /ar/.
urlpatterns += i18n_patterns(
    # Members' and editors' pages too, so that /en/compte/login/ and /ar/extranet/ exist.
    # allauth's, noting that typing the app's first code passes this session's two-factor step.
    path("compte/2fa/totp/activate/", ActivateTOTPView.as_view(), name="mfa_activate_totp"),
    path("compte/", include("allauth.urls")),
    path("extranet/ressources/", include("resources.urls")),
    path("extranet/porteurs-de-projet/", include("project_holders.urls")),
    path("extranet/", include("extranet.urls")),
    path("", include("search.urls")),
    # Wagtail's own sign-in for private pages would take a password alone (see admin_login).
    path("_util/login/", private_page_login, name="private_page_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database that is away for a moment (restart, failover) answers 503 with Retry-After.
handler500 = "core.views.server_error"
