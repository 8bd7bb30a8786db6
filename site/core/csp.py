"""The Content-Security-Policy: strict on the public site and the extranet, relaxed for the admin.

django-csp sends settings.CONTENT_SECURITY_POLICY (see base.py) with this request's nonce. The
Wagtail admin's editors (Draftail, the choosers, wagtail-localize's React editor) need inline
styles and scripts: paths under ADMIN_PATH_PREFIXES get settings.ADMIN_CONTENT_SECURITY_POLICY
instead, and nowhere else. A page previewed in the admin keeps the public policy (so that editors
see what would be blocked), only allowed in this site's frames.

Public images, documents and static files may come from another host in production (an S3
bucket, a CDN): the origins of the storages' URLs are added to the directives that load them, so
that the policy follows the storage settings instead of being written twice.
"""

from functools import cache
from urllib.parse import urlsplit

from csp.constants import SELF
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver

ADMIN_PATH_PREFIXES = ("/admin/",)

# Which directives load what each kind of file can be.
STATIC_DIRECTIVES = ("script-src", "style-src", "img-src", "font-src")
MEDIA_DIRECTIVES = ("img-src", "media-src")


def _origin(url):
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


@cache
def other_origins():
    """{directive: [origins]} for static and public media files served from another host."""
    static = _origin(settings.STATIC_URL)
    try:
        stored = storages["default"].url("csp")
    except NotImplementedError:  # a storage without URLs: its files are served by views
        stored = None
    media = {_origin(settings.MEDIA_URL), _origin(stored)} - {None}
    origins = {}
    for directive in STATIC_DIRECTIVES:
        if static:
            origins.setdefault(directive, []).append(static)
    for directive in MEDIA_DIRECTIVES:
        origins.setdefault(directive, []).extend(sorted(media - {static}))
    return {directive: values for directive, values in origins.items() if values}


@receiver(setting_changed)
def _forget_origins(setting, **kwargs):
    if setting in ("STATIC_URL", "MEDIA_URL", "STORAGES"):
        other_origins.cache_clear()


def is_admin_path(path):
    return path.startswith(ADMIN_PATH_PREFIXES)


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with the admin's policy under /admin/ and the storages' hosts."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        if getattr(request, "is_dummy", False):
            # Wagtail's preview renders the public page through a request of its own making
            # (Page.make_preview_request), shown in the admin's frame: the public policy, framed
            # by this site only.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        extra = other_origins()
        if extra:
            update = dict(parts.update or {})
            for directive, origins in extra.items():
                update[directive] = [*origins, *update.get(directive, [])]
            parts.update = update
        return parts
