"""schema.org Event for an event's page and each occurrence's page.

Google's guide: https://developers.google.com/search/docs/appearance/structured-data/event
A repeated event's page describes its next occurrence (Google wants one Event per date); each
occurrence's page describes that date. Its status and its offer's availability are the date's
own, read when the page is made (the page cache is emptied when they change, core.cache):
a cancelled or postponed date, a past one or one whose registrations are closed offers nothing
any more (Discontinued), a full one is SoldOut, any other InStock.
"""

from django.conf import settings
from django.utils import timezone

from core.addresses import absolute_url
from core.dates import HUB_TIME_ZONE
from events.enums import EventStatus, RegistrationState
from offers.structured_data import json_ld

__all__ = ["event_json_ld", "json_ld"]

EVENT_STATUSES = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
}
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
ONLINE = "https://schema.org/OnlineEventAttendanceMode"
MIXED = "https://schema.org/MixedEventAttendanceMode"
IMAGE_RENDITION = "fill-1200x630"
IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"
DISCONTINUED = "https://schema.org/Discontinued"
# Nothing to take any more: the date will not take place as announced.
NOT_HAPPENING = (EventStatus.CANCELLED, EventStatus.POSTPONED)


def moment(value, all_day):
    local = timezone.localtime(value, HUB_TIME_ZONE)
    return local.date().isoformat() if all_day else local.isoformat()


def attendance_mode(event, status):
    in_person = event.venue is not None and status != EventStatus.MOVED_ONLINE
    online = bool(event.online_url) or status == EventStatus.MOVED_ONLINE
    if in_person and online:
        return MIXED
    if online:
        return ONLINE
    return OFFLINE


def place(venue):
    return {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "postalCode": venue.postal_code,
            "addressLocality": venue.commune,
            "addressCountry": "FR",
        },
    }


def locations(event, status, page_url):
    found = []
    if event.venue is not None and status != EventStatus.MOVED_ONLINE:
        found.append(place(event.venue))
    if event.online_url or status == EventStatus.MOVED_ONLINE:
        found.append({"@type": "VirtualLocation", "url": event.online_url or page_url})
    return found


def availability(status, is_past, registration):
    if status in NOT_HAPPENING or is_past:
        return DISCONTINUED
    if registration is None:
        # Free, without registration: come along.
        return IN_STOCK
    if registration["state"] == RegistrationState.CLOSED:
        return DISCONTINUED
    return SOLD_OUT if registration["is_full"] else IN_STOCK


def add_registration(data, registration, request):
    """Free registration: where to register, from when, and the places left."""
    offer = data["offers"]
    offer["url"] = absolute_url(registration["url"])
    if registration["opens_at"]:
        offer["validFrom"] = timezone.localtime(registration["opens_at"], HUB_TIME_ZONE).isoformat()
    places_still_count = offer["availability"] != DISCONTINUED
    if registration["places_left"] is not None and places_still_count:
        data["maximumAttendeeCapacity"] = registration["capacity"]
        data["remainingAttendeeCapacity"] = registration["places_left"]


def event_json_ld(
    event, request, occurrence=None, next_occurrence=None, registration=None, now=None
):
    """The Event for one of `event`'s dates on its own page (`occurrence`), or for the event on
    its page: its next date (`next_occurrence`, None when none is left: the event's own
    dates); a dict ready for json_ld().

    `registration` is events.views.registration_summary() of the date described, if it takes
    registrations."""
    now = now or timezone.now()
    page_url = event.get_full_url(request)
    date = occurrence or next_occurrence
    if occurrence is not None and page_url:
        page_url = f"{page_url}{occurrence.local_date.isoformat()}/"
    if date is not None:
        start, end, status = date.start, date.end, date.status
    else:
        start, end, status = event.start, event.end, event.status
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": moment(start, event.all_day),
        "endDate": moment(end, event.all_day),
        "eventStatus": EVENT_STATUSES.get(status, EVENT_STATUSES[EventStatus.SCHEDULED]),
        "eventAttendanceMode": attendance_mode(event, status),
        "organizer": {
            "@type": "Organization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": absolute_url("/"),
        },
        "isAccessibleForFree": True,
        "offers": {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "EUR",
            "availability": availability(status, end < now, registration),
        },
    }
    found_locations = locations(event, status, page_url)
    if found_locations:
        data["location"] = found_locations[0] if len(found_locations) == 1 else found_locations
    if page_url:
        data["url"] = page_url
        data["offers"]["url"] = page_url
    if registration is not None:
        add_registration(data, registration, request)
    image = event.social_image or event.listing_image
    if image is not None:
        data["image"] = [absolute_url(image.get_rendition(IMAGE_RENDITION).url)]
    return data
