"""The public registration form (the admin's form for one date is in events.admin_forms)."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import (
    CONTACT_ERROR_MESSAGES,
    CONTACT_HELP_TEXTS,
    CONTACT_LABELS,
    CONTACT_WIDGETS,
    ResidentContactForm,
)
from events.models import Registration


def registration_consent_text():
    """The sentence a registrant agrees to, stored word for word with their registration."""
    days = settings.EVENT_REGISTRATION_RETENTION_DAYS
    return ngettext(
        "J'accepte que la Plateforme Emploi Entreprises garde mon nom, mon téléphone et mon "
        "e-mail pour gérer mon inscription et me prévenir si l'événement change. Seule son "
        "équipe les voit. Ils sont effacés %(days)s jour après l'événement.",
        "J'accepte que la Plateforme Emploi Entreprises garde mon nom, mon téléphone et mon "
        "e-mail pour gérer mon inscription et me prévenir si l'événement change. Seule son "
        "équipe les voit. Ils sont effacés %(days)s jours après l'événement.",
        days,
    ) % {"days": days}


class RegistrationForm(ResidentContactForm):
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _(
                "Cochez la case pour donner votre accord : sans lui, nous ne pouvons pas "
                "vous inscrire."
            )
        },
    )

    class Meta:
        model = Registration
        fields = ["name", "phone", "email", "people"]
        labels = {**CONTACT_LABELS, "people": _("Combien de personnes viennent ?")}
        help_texts = {
            **CONTACT_HELP_TEXTS,
            "email": _(
                "Par exemple : nom@exemple.fr. Vous recevrez la confirmation et le lien pour "
                "annuler."
            ),
            "people": _("Vous compris."),
        }
        error_messages = CONTACT_ERROR_MESSAGES
        widgets = CONTACT_WIDGETS

    def __init__(self, *args, max_people, **kwargs):
        kwargs.setdefault("auto_id", "inscription-%s")
        super().__init__(*args, **kwargs)
        # The name is required here even though erased registrations have none.
        self.fields["name"].required = True
        self.fields["people"] = forms.TypedChoiceField(
            label=self._meta.labels["people"],
            help_text=self._meta.help_texts["people"],
            choices=[(number, str(number)) for number in range(1, max_people + 1)],
            coerce=int,
            initial=1,
            error_messages={
                "invalid_choice": ngettext(
                    "Choisissez %(max)s personne au plus.",
                    "Choisissez entre 1 et %(max)s personnes.",
                    max_people,
                )
                % {"max": max_people},
                "required": _("Choisissez le nombre de personnes."),
            },
        )
        self.fields["consent"].label = registration_consent_text()

    def unsaved_registration(self):
        """The registration to store, with the consent exactly as it was shown."""
        registration = self.save(commit=False)
        registration.consent_text = str(self.fields["consent"].label)
        registration.consented_at = timezone.now()
        return registration
