"""The admin's form for one registration: correct a name or a contact, note attendance, cancel.

Places are never given by hand: the status, the date and the number of people are shown read
only, and cancelling goes through events.registrations.cancel(), which locks the date and moves
people up from the waitlist, so that the capacity holds whatever editors do.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.forms import normalise_phone
from events.models import Registration

EDITABLE_FIELDS = ["name", "phone", "email", "attended"]
ATTENDANCE_CHOICES = [
    ("", _("Pas encore noté")),
    ("present", _("Présent")),
    ("absent", _("Absent")),
]
ATTENDANCE_VALUES = {"": None, "present": True, "absent": False}


def attendance_choice(attended):
    """The radio button's value for a registration's `attended` (None, True or False)."""
    return {None: "", True: "present", False: "absent"}[attended]


class RegistrationEditForm(WagtailAdminModelForm):
    cancel_registration = forms.BooleanField(
        required=False,
        label=_("Annuler cette inscription"),
        help_text=_(
            "Les places libérées vont aux personnes en liste d'attente, qui sont prévenues "
            "par e-mail."
        ),
    )

    class Meta:
        model = Registration
        fields = EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"] = forms.TypedChoiceField(
            label=_("Présence"),
            choices=ATTENDANCE_CHOICES,
            coerce=lambda value: ATTENDANCE_VALUES[value],
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            initial=attendance_choice(self.instance.attended),
        )
        if self.instance.is_cancelled:
            del self.fields["cancel_registration"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""

    def clean(self):
        cleaned_data = super().clean()
        phone, email = cleaned_data.get("phone"), cleaned_data.get("email")
        both_valid = "phone" in cleaned_data and "email" in cleaned_data
        if both_valid and not phone and not email and self.instance.erased_at is None:
            self.add_error("phone", _("Indiquez un téléphone ou un e-mail."))
        if self.instance.is_cancelled or cleaned_data.get("cancel_registration"):
            return cleaned_data
        # The same checks as the database's constraints, said next to the field.
        others = Registration.objects.active().filter(occurrence_id=self.instance.occurrence_id)
        others = others.exclude(pk=self.instance.pk)
        if phone and others.filter(phone=phone).exists():
            self.add_error("phone", ValidationError(_("Ce numéro est déjà inscrit à cette date.")))
        if email and others.filter(email=email).exists():
            self.add_error(
                "email", ValidationError(_("Cette adresse e-mail est déjà inscrite à cette date."))
            )
        return cleaned_data

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        from events.registrations import cancel

        registration = super().save(commit=False)
        with transaction.atomic():
            # Only the fields of this form: the status may have changed since the row was read
            # (a promotion from the waitlist), and must not be written back.
            fields = [name for name in EDITABLE_FIELDS if name in self.fields]
            registration.save(update_fields=fields)
            if self.cleaned_data.get("cancel_registration"):
                cancel(registration)
        return registration
