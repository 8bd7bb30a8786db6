"""schema.org Event for an event's page and each occurrence's page.

Google's guide: https://developers.google.com/search/docs/appearance/structured-data/event
A repeated event's page describes its next occurrence (Google wants one Event per date); each
occurrence's page describes that date.
"""

from django.conf import settings
from django.utils import timezone

from core.addresses import absolute_url
from core.dates import HUB_TIME_ZONE
from events.enums import EventStatus
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


def next_dates(event):
    """The start and end to describe: the next occurrence's, else the event's own."""
    upcoming = event.occurrences.filter(end__gte=timezone.now()).order_by("start").first()
    if upcoming is not None:
        return upcoming.start, upcoming.end
    return event.start, event.end


def add_registration(data, registration, request):
    """Free registration: where to register, from when, and the places left."""
    offer = data["offers"]
    offer["url"] = absolute_url(registration["url"])
    if registration["opens_at"]:
        offer["validFrom"] = timezone.localtime(registration["opens_at"], HUB_TIME_ZONE).isoformat()
    if registration["places_left"] is not None:
        offer["availability"] = (
            "https://schema.org/SoldOut"
            if registration["is_full"]
            else "https://schema.org/InStock"
        )
        data["maximumAttendeeCapacity"] = registration["capacity"]
        data["remainingAttendeeCapacity"] = registration["places_left"]


def event_json_ld(event, request, occurrence=None, registration=None):
    """The Event for `event`, or for one of its occurrences; a dict ready for json_ld().

    `registration` is events.views.registration_summary() of the date described, if it takes
    registrations."""
    if occurrence is not None:
        start, end = occurrence.start, occurrence.end
        status = occurrence.status
        page_url = event.get_full_url(request)
        page_url = f"{page_url}{occurrence.local_date.isoformat()}/" if page_url else None
    else:
        start, end = next_dates(event)
        status = event.status
        page_url = event.get_full_url(request)
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
            "availability": "https://schema.org/InStock",
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
