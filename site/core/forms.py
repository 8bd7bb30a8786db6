"""What every public form for residents shares: a name, a phone number or an e-mail, a honeypot.

Residents write phone numbers in every way, often have no e-mail, and are slowed down by every
field too many: the forms ask for a name and one way to reach them, and say clearly what is
wrong, next to the field, without losing what was typed (templates/components/forms/).
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bots fill every field they find; people never see this one (.form-trap in main.css).
HONEYPOT_FIELD = "website"

# What people type: digits with spaces, dots, dashes, slashes or brackets, maybe a leading +.
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s.\-/()]+$")
# A French number as dialled in France: 0, then 1 to 9 (never 0), then eight digits.
FRENCH_NATIONAL_NUMBER = re.compile(r"^0[1-9]\d{8}$")
# E.164 allows at most 15 digits; fewer than 8 is no reachable number anywhere.
INTERNATIONAL_DIGITS = re.compile(r"^[1-9]\d{7,14}$")
FRANCE_COUNTRY_CODE = "33"

PHONE_ERROR = _(
    "Ce numéro de téléphone ne semble pas correct. "
    "Écrivez vos 10 chiffres, par exemple : 06 12 34 56 78."
)


def normalise_phone(raw):
    """The number written the way advisers dial it, or ValidationError for what cannot be one.

    French numbers, however typed (« 06.12.34.56.78 », « +33 6 12 34 56 78 »,
    « 0033 (0)6 12 34 56 78 »), become « 06 12 34 56 78 ». A foreign number given with its
    country code (+ or 00) is kept as « +213555123456 ».
    """
    # Digits typed on an Arabic (or any other) keyboard are the same digits: ٠٦ is 06.
    text = "".join(
        str(unicodedata.decimal(character)) if character.isdecimal() else character
        for character in raw.strip()
    )
    if not PHONE_CHARACTERS.match(text):
        raise ValidationError(PHONE_ERROR, code="invalid_phone")
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    else:
        international = None

    if international is not None:
        if not international.startswith(FRANCE_COUNTRY_CODE):
            if INTERNATIONAL_DIGITS.match(international):
                return "+" + international
            raise ValidationError(PHONE_ERROR, code="invalid_phone")
        # « +33 (0)6… » repeats the national 0 after the country code.
        national = international[len(FRANCE_COUNTRY_CODE) :].removeprefix("0")
        digits = "0" + national

    # Ten identical subscriber digits (06 00 00 00 00, 06 11 11 11 11) are a placeholder.
    if not FRENCH_NATIONAL_NUMBER.match(digits) or len(set(digits[2:])) == 1:
        raise ValidationError(PHONE_ERROR, code="invalid_phone")
    return " ".join(digits[index : index + 2] for index in range(0, 10, 2))


CONTACT_LABELS = {
    "name": _("Votre nom"),
    "phone": _("Votre téléphone"),
    "email": _("Votre e-mail"),
}
CONTACT_HELP_TEXTS = {
    "name": _("Votre prénom et votre nom."),
    "phone": _("Par exemple : 06 12 34 56 78."),
    "email": _("Par exemple : nom@exemple.fr."),
}
CONTACT_ERROR_MESSAGES = {
    "name": {"required": _("Écrivez votre nom.")},
    "email": {
        "invalid": _(
            "Cette adresse e-mail ne semble pas correcte. Elle ressemble à : nom@exemple.fr."
        )
    },
}
CONTACT_WIDGETS = {
    "name": forms.TextInput(attrs={"autocomplete": "name"}),
    "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    "email": forms.EmailInput(attrs={"autocomplete": "email"}),
}


class ResidentContactForm(forms.ModelForm):
    """A ModelForm with `name`, `phone` and `email` fields of which phone or e-mail is enough.

    Subclasses list those three in Meta.fields (with CONTACT_LABELS and friends) and add a
    `consent` field whose label is the sentence stored with the record.
    """

    website = forms.CharField(
        required=False,
        label=_("Ne remplissez pas ce champ"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_spam(self):
        """A bot filled the field that people never see: pretend it worked, keep nothing."""
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD), "").strip())

    @property
    def contact_fields(self):
        """The pair of which one is enough, shown together in a fieldset."""
        return [self["phone"], self["email"]]

    @property
    def missing_contact(self):
        """Neither a phone nor an e-mail: one error for the pair, shown beside both fields."""
        return self.has_error("phone", "no_contact")

    @property
    def error_summary(self):
        """(id of the field to go to, message) for every error, in the order of the form."""
        return [(field.auto_id, error) for field in self for error in field.errors]

    def clean_name(self):
        # Line breaks would end up in e-mail subjects.
        name = " ".join(self.cleaned_data["name"].split())
        if not any(character.isalpha() for character in name):
            raise ValidationError(_("Écrivez votre nom."), code="invalid_name")
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return normalise_phone(phone) if phone.strip() else ""

    def clean_email(self):
        # The same address typed with capitals is the same person.
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned_data = super().clean()
        if (
            not self.has_error("phone")
            and not self.has_error("email")
            and not cleaned_data.get("phone")
            and not cleaned_data.get("email")
        ):
            # On the phone field, so that the model's own check is not run twice (a field with
            # an error is left out of it) and the summary can link to the first of the pair.
            self.add_error(
                "phone",
                ValidationError(
                    _(
                        "Écrivez un numéro de téléphone ou une adresse e-mail : "
                        "un des deux suffit pour que l'on vous réponde."
                    ),
                    code="no_contact",
                ),
            )
            # The e-mail field is described by the same message and marked invalid with it.
            email = self["email"]
            email.field.widget.attrs.update(
                {
                    "aria-describedby": f"{email.auto_id}_helptext {self['phone'].auto_id}_error",
                    "aria-invalid": "true",
                }
            )
        return cleaned_data
