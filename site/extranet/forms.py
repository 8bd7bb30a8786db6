"""Forms of the extranet: inviting someone, accepting an invitation, writing an announcement."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.dates import hub_today
from core.validators import validate_no_bidi_controls
from extranet.enums import MembershipRole
from extranet.models import Announcement, Invitation, Membership


class InvitationForm(forms.ModelForm):
    """An address and a role; refuses people already in an organisation or already invited."""

    class Meta:
        model = Invitation
        fields = ["email", "role"]
        widgets = {"role": forms.RadioSelect}
        help_texts = {
            "email": _("La personne recevra un lien valable 14 jours pour créer son compte."),
        }

    def __init__(self, *args, organisation, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        if not self.is_bound and not organisation.memberships.current().admins().exists():
            # An organisation's first member is its admin, who then invites colleagues.
            self.initial.setdefault("role", MembershipRole.ADMIN)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.current().filter(user__email__iexact=email).exists():
            raise forms.ValidationError(
                _("Cette personne a déjà un compte dans une organisation membre."),
                code="already_member",
            )
        if (
            Invitation.objects.pending()
            .filter(organisation=self.organisation, email=email)
            .exists()
        ):
            raise forms.ValidationError(
                _(
                    "Une invitation attend déjà cette adresse : renvoyez-la depuis la liste "
                    "des invitations."
                ),
                code="already_invited",
            )
        return email

    def save(self, commit=True):
        self.instance.organisation = self.organisation
        return super().save(commit=commit)


class AcceptInvitationForm(forms.Form):
    """Name and password of the new account; the address is the invitation's."""

    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        help_text=_("Au moins 12 caractères, pas uniquement des chiffres."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Le même mot de passe, encore une fois"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        cleaned_data = super().clean()
        password1 = cleaned_data.get("password1")
        password2 = cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif password1:
            user = get_user_model()(
                username=self.invitation.email,
                email=self.invitation.email,
                first_name=cleaned_data.get("first_name", ""),
                last_name=cleaned_data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data


class AnnouncementForm(forms.ModelForm):
    """Title, plain text, an optional web address and an optional last day on the home page."""

    link = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label=_("Lien"),
        help_text=_(
            "Facultatif. L'adresse complète d'une page, par exemple "
            "https://www.dynamique-emploi.fr/agenda/."
        ),
        # Only web pages: never a javascript: or data: address behind a member's click.
        # Nor one shown reversed (core.validators).
        validators=[URLValidator(schemes=["http", "https"]), validate_no_bidi_controls],
        error_messages={"invalid": _("Cette adresse n'est pas celle d'une page web.")},
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )

    class Meta:
        model = Announcement
        fields = ["title", "text", "link", "visible_until"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "visible_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "text": _(
                "Texte simple, 1 500 caractères au plus ; les retours à la ligne sont gardés."
            ),
            "visible_until": _(
                "Facultatif. Le lendemain, l'annonce quitte l'accueil de l'espace membres."
            ),
        }
        error_messages = {
            "title": {"required": _("Donnez un titre à l'annonce.")},
            "text": {"required": _("Écrivez le texte de l'annonce.")},
            "visible_until": {"invalid": _("Cette date n'existe pas.")},
        }

    def clean_visible_until(self):
        visible_until = self.cleaned_data["visible_until"]
        # An old date is fine on an announcement that already had it (editing a past one).
        unchanged = self.instance.pk and visible_until == self.instance.visible_until
        if visible_until and visible_until < hub_today() and not unchanged:
            raise forms.ValidationError(
                _("Cette date est passée : l'annonce ne serait jamais visible."),
                code="past",
            )
        return visible_until
