"""The visitor's address, for every rate limit of the site.

Behind the documented nginx, REMOTE_ADDR is the proxy's own address for every visitor: counting it
would let ten wrong passwords from anyone lock everyone out. nginx puts the connecting visitor's
address (or, behind a CDN it trusts, the address the CDN saw: set_real_ip_from) in one header that
a visitor cannot set, named by settings.CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP). django-ratelimit
reads it through RATELIMIT_IP_META_KEY, allauth through extranet.adapters.AccountAdapter.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The address in CLIENT_IP_HEADER when it holds one, else the connection's."""
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get(header, "").strip()
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            # A request that did not come through the proxy (a health probe on the app
            # server itself): the connection's address is the visitor's.
            pass
    return request.META.get("REMOTE_ADDR", "")
