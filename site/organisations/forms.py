"""The directory card an organisation's admin (or a coordinator) edits in the extranet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import normalise_phone
from organisations.models import Organisation


class DirectoryCardForm(forms.ModelForm):
    """Who the other members may contact, and whether the directory shows it.

    Name, type, sector and neighbourhood stay the coordinators' (in the admin): they describe the
    organisation to the whole network, and some appear on the public site.
    """

    class Meta:
        model = Organisation
        fields = [
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "directory_contact_shown",
        ]
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "contact_phone": forms.TextInput(
                attrs={"type": "tel", "autocomplete": "off", "inputmode": "tel"}
            ),
        }
        help_texts = {
            "contact_email": _("Une adresse de service plutôt que personnelle, si vous en avez."),
            "contact_phone": _("Par exemple : 01 49 33 12 00."),
        }
        error_messages = {
            "contact_email": {"invalid": _("Cette adresse e-mail n'est pas complète.")},
        }

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        return normalise_phone(phone) if phone else ""

    def clean(self):
        cleaned_data = super().clean()
        has_error = self.has_error("contact_email") or self.has_error("contact_phone")
        if (
            cleaned_data.get("directory_contact_shown")
            and not has_error
            and not (cleaned_data.get("contact_email") or cleaned_data.get("contact_phone"))
        ):
            message = _(
                "Pour afficher ce contact dans l'annuaire, indiquez un e-mail ou un téléphone."
            )
            self.add_error("contact_email", message)
            self.add_error("contact_phone", message)
        return cleaned_data
