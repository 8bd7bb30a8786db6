"""Public forms without a token, so that their pages are the same for every visitor.

A form normally carries Django's CSRF token, which differs per visitor and sets a cookie: its
page can be kept neither in the page cache nor by a CDN, and an open offer, the page residents
land on from a search engine, a shared link or an alert, was rendered for each of them. The forms
of public pages (« Ça m'intéresse » on an offer) carry no token. What proves that a POST to a
public page was sent from the site's own page is what the browser says of it, which a forging
site can neither set nor choose: `Sec-Fetch-Site: same-origin` (every current browser) and
`Origin`, set on every POST. A POST that says neither, or another site, is left to Django's own
check, which refuses it (no token) with its usual page. Spam, which no token prevents, is what
the honeypot and the rate limit (core.ratelimit) are for.

Only POSTs to Wagtail's page view are concerned: the extranet, the admin and the account pages
keep their tokens.
"""

from django.conf import settings
from wagtail.views import serve


def allowed_origins(request):
    """The site's own origin, as Django's CSRF check computes it, and the trusted ones."""
    scheme = "https" if request.is_secure() else "http"
    return {f"{scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def sent_from_the_site(request):
    """Whether the browser says this request comes from one of the site's own pages."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if fetch_site is None and origin is None:
        return False
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    return origin is None or origin in allowed_origins(request)


class PublicFormsMiddleware:
    """Before CsrfViewMiddleware: a POST to a public page that the browser says comes from the
    site needs no token (see the module's doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and view_func is serve and sent_from_the_site(request):
            # The flag Django's test client sets: CsrfViewMiddleware then accepts the request.
            request._dont_enforce_csrf_checks = True
        return None
