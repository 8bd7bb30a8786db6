"""The admin's form for one date of an event (models cannot import the public forms module,
which imports them)."""

from django.db import transaction
from wagtail.admin.forms import WagtailAdminModelForm


class OccurrenceForm(WagtailAdminModelForm):
    """An editor's change to one date: from now on the repetition rule leaves that date alone.

    Registrants are told when it is cancelled or moved; more places (or no limit any more)
    move people up from the waitlist at once.
    """

    def save(self, commit=True):
        self.instance.changed_by_editor = True
        occurrence = super().save(commit=commit)
        if commit:
            from events.registrations import announce_changes, promote_waitlist

            announce_changes(occurrence)
            if "capacity_override" in self.changed_data:
                with transaction.atomic():
                    promote_waitlist(occurrence)
        return occurrence
