"""A holder's history, readable: who changed which field, from what to what, and when.

Built on django-simple-history's records of the holder and of its notes, newest first.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject

from organisations.models import Organisation
from project_holders.enums import Need
from project_holders.models import FollowUpNote, ProjectHolder
from reference.models import Neighbourhood, Sector

# Technical fields that say nothing to a reader of the history.
HIDDEN_FIELDS = {"coordinators_notified_at", "id"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: datetime
    user: object
    summary: str
    changes: list = field(default_factory=list)


def deleted_label(deleted):
    """What the history says of a record that no longer exists (django-simple-history would say
    « Deleted Organisation (pk=12) »): its name is gone with it."""
    labels = {
        Organisation: _("organisation supprimée"),
        get_user_model(): _("compte supprimé"),
        Neighbourhood: _("quartier supprimé"),
        Sector: _("filière supprimée"),
    }
    return labels.get(deleted.model, _("élément supprimé"))


def display(model, name, value):
    # A foreign key that was empty comes back as a DeletedObject without a pk.
    if isinstance(value, DeletedObject) and value.pk is None:
        value = None
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, DeletedObject):
        return deleted_label(value)
    model_field = model._meta.get_field(name)
    if name == "needs":
        labels = dict(Need.choices)
        return ", ".join(str(labels.get(code, code)) for code in value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if hasattr(value, "get_full_name"):
        return value.get_full_name() or value.email
    return str(value)


def changes_between(model, new, old):
    delta = new.diff_against(old, excluded_fields=HIDDEN_FIELDS, foreign_keys_are_objs=True)
    return [
        Change(
            label=str(model._meta.get_field(change.field).verbose_name),
            old=display(model, change.field, change.old),
            new=display(model, change.field, change.new),
        )
        for change in delta.changes
    ]


def holder_entries(holder):
    records = list(holder.history.select_related("history_user").order_by("history_date", "pk"))
    entries = []
    for index, record in enumerate(records):
        if index == 0:
            summary = _("Enregistrement")
            changes = []
        else:
            changes = changes_between(ProjectHolder, record, records[index - 1])
            if record.history_change_reason == "anonymisation":
                summary = _("Données de la personne effacées")
            else:
                summary = _("Modification")
            if not changes and record.history_change_reason != "anonymisation":
                continue
        entries.append(HistoryEntry(record.history_date, record.history_user, summary, changes))
    return entries


def note_entries(holder):
    records = FollowUpNote.history.filter(holder_id=holder.pk).select_related("history_user")
    summaries = {
        "+": _("Note ajoutée"),
        "~": _("Note modifiée"),
        "-": _("Note supprimée"),
    }
    return [
        HistoryEntry(
            record.history_date,
            record.history_user,
            summaries[record.history_type],
            [
                Change(
                    _("Note du %(date)s") % {"date": record.date.strftime("%d/%m/%Y")},
                    "",
                    record.text or "—",
                )
            ],
        )
        for record in records
    ]


def history_entries(holder):
    entries = holder_entries(holder) + note_entries(holder)
    return sorted(entries, key=lambda entry: entry.date, reverse=True)
