"""Forms of the extranet: inviting someone, accepting an invitation."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from extranet.enums import MembershipRole
from extranet.models import Invitation, Membership


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
