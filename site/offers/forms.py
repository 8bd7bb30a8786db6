"""The « Ça m'intéresse » form: a name, a phone number or an e-mail, consent, nothing more."""

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
from offers.models import Interest


def consent_text():
    """The sentence a resident agrees to, stored word for word with their « Ça m'intéresse »."""
    days = settings.INTEREST_RETENTION_DAYS
    return ngettext(
        "J'accepte que la Plateforme Emploi Entreprises garde mon nom, mon téléphone, mon e-mail "
        "et mon message pour m'aider à postuler à cette offre. Seuls ses conseillers les voient. "
        "Ils sont effacés au bout de %(days)s jour.",
        "J'accepte que la Plateforme Emploi Entreprises garde mon nom, mon téléphone, mon e-mail "
        "et mon message pour m'aider à postuler à cette offre. Seuls ses conseillers les voient. "
        "Ils sont effacés au bout de %(days)s jours.",
        days,
    ) % {"days": days}


class InterestForm(ResidentContactForm):
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _(
                "Cochez la case pour donner votre accord : sans lui, nous ne pouvons pas "
                "transmettre votre demande."
            )
        },
    )

    class Meta:
        model = Interest
        fields = ["name", "phone", "email", "message"]
        labels = {**CONTACT_LABELS, "message": _("Un message pour les conseillers (facultatif)")}
        help_texts = {
            **CONTACT_HELP_TEXTS,
            "message": _("Par exemple : quand vous appeler, ce que vous savez déjà faire."),
        }
        error_messages = CONTACT_ERROR_MESSAGES
        widgets = {**CONTACT_WIDGETS, "message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        # Ids that say what they are, and that no other form of the page uses.
        kwargs.setdefault("auto_id", "interet-%s")
        super().__init__(*args, **kwargs)
        # Built here, in the visitor's language and with today's retention setting.
        self.fields["consent"].label = consent_text()

    def save_for(self, offer):
        """Store the interest for `offer`, with the consent exactly as it was shown."""
        interest = self.save(commit=False)
        interest.offer = offer
        interest.offer_title = offer.title
        interest.consent_text = str(self.fields["consent"].label)
        interest.consented_at = timezone.now()
        interest.save()
        return interest
