from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share SIREN 356000000 and follow a digit-sum rule instead of Luhn,
# except its head office, whose SIRET passes Luhn.
LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"


def luhn_is_valid(digits):
    total = 0
    for position, character in enumerate(reversed(digits)):
        digit = int(character)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def validate_siret(value):
    """A SIRET: 14 digits whose checksum holds (Luhn; digit sum for La Poste's establishments)."""
    digits = value.replace(" ", "")
    if len(digits) != 14 or not digits.isdigit():
        raise ValidationError(_("Un numéro SIRET compte 14 chiffres."), code="siret_length")
    if digits.startswith(LA_POSTE_SIREN) and digits != LA_POSTE_HEAD_OFFICE:
        valid = sum(int(digit) for digit in digits) % 5 == 0
    else:
        valid = luhn_is_valid(digits)
    if not valid:
        raise ValidationError(
            _("Ce numéro SIRET n'existe pas : vérifiez les chiffres."), code="siret_checksum"
        )
