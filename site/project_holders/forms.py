"""Registering a project holder: by a member who met them, or by the person on the public site.

Both forms build on core.forms.ResidentContactForm (a name, a phone or an e-mail, normalised), and
save only with consent; the exact consent sentence is stored with the record.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from core.forms import (
    CONTACT_ERROR_MESSAGES,
    CONTACT_HELP_TEXTS,
    CONTACT_WIDGETS,
    ResidentContactForm,
)
from extranet.permissions import COORDINATORS_GROUP_NAME
from organisations.models import Organisation
from project_holders.enums import ConsentMethod, HolderStatus, Need, Outcome
from project_holders.models import FollowUpNote, ProjectHolder
from reference.models import Neighbourhood, Sector

PROJECT_FIELDS = [
    "name",
    "phone",
    "email",
    "neighbourhood",
    "age_band",
    "project_name",
    "project_description",
    "sector",
    "stage",
    "legal_form",
]
MEMBER_LABELS = {
    "name": _("Nom de la personne"),
    "phone": _("Son téléphone"),
    "email": _("Son e-mail"),
    "neighbourhood": _("Quartier où elle habite"),
    "age_band": _("Tranche d'âge (facultatif)"),
    "project_name": _("Nom du projet"),
    "project_description": _("Le projet en quelques lignes"),
    "sector": _("Filière (facultatif)"),
    "stage": _("Où en est le projet ?"),
    "legal_form": _("Forme juridique envisagée"),
}
PUBLIC_LABELS = {
    **MEMBER_LABELS,
    "name": _("Votre nom"),
    "phone": _("Votre téléphone"),
    "email": _("Votre e-mail"),
    "neighbourhood": _("Votre quartier"),
    "age_band": _("Votre âge (facultatif)"),
    "project_name": _("Le nom de votre projet"),
    "project_description": _("Votre projet en quelques lignes"),
}
ERROR_MESSAGES = {
    **CONTACT_ERROR_MESSAGES,
    "project_name": {"required": _("Donnez un nom au projet, même provisoire.")},
}
WIDGETS = {
    **CONTACT_WIDGETS,
    "project_description": forms.Textarea(attrs={"rows": 5}),
    "stage": forms.RadioSelect,
    "age_band": forms.RadioSelect,
}


def support_consent_text():
    """The sentence of the support purpose, stored word for word with the record."""
    years = settings.PROJECT_HOLDER_RETENTION_YEARS
    return ngettext(
        "J'accepte que le pôle Dynamique Emploi garde mon nom, mes contacts et la description de "
        "mon projet pour m'accompagner gratuitement. Seuls les coordinateurs du pôle et "
        "l'organisation qui m'accompagne les voient. Ils sont anonymisés %(years)s an après la "
        "fin de l'accompagnement, ou plus tôt si je le demande.",
        "J'accepte que le pôle Dynamique Emploi garde mon nom, mes contacts et la description de "
        "mon projet pour m'accompagner gratuitement. Seuls les coordinateurs du pôle et "
        "l'organisation qui m'accompagne les voient. Ils sont anonymisés %(years)s ans après la "
        "fin de l'accompagnement, ou plus tôt si je le demande.",
        years,
    ) % {"years": years}


SHARING_CONSENT_TEXT = _(
    "J'accepte aussi que mon projet soit présenté aux organisations membres du pôle qui "
    "pourraient m'aider (facultatif)."
)


def consent_record(support_text, sharing):
    """The text stored with the record: the sentences the person agreed to."""
    text = str(support_text)
    if sharing:
        text += "\n" + str(SHARING_CONSENT_TEXT)
    return text


class ProjectFieldsMixin:
    """Reference lists in the default language, and the needs as checkboxes."""

    def setup_project_fields(self):
        locale = Locale.get_default()
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(locale=locale)
        self.fields["sector"].queryset = Sector.objects.filter(locale=locale)
        self.fields["neighbourhood"].empty_label = _("Pas dans la liste ou ne sait pas")
        self.fields["sector"].empty_label = _("Pas encore choisie")
        self.fields["age_band"].choices = [
            choice for choice in self.fields["age_band"].choices if choice[0]
        ]
        self.fields["project_name"].required = True

    def clean_project_name(self):
        # One line: it is a title, and it goes into the coordinators' e-mail subject, where a line
        # break is refused (it could add headers).
        return " ".join(self.cleaned_data["project_name"].split())

    def save_needs(self, holder):
        holder.needs = [need for need in Need.values if need in self.cleaned_data.get("needs", [])]


NEEDS_FIELD_ARGS = {
    "choices": Need.choices,
    "required": False,
    "widget": forms.CheckboxSelectMultiple,
    "error_messages": {"invalid_choice": _("Choisissez parmi les besoins proposés.")},
}
SHARING_FIELD_ARGS = {"required": False, "label": SHARING_CONSENT_TEXT}


class ProposalForm(ProjectFieldsMixin, ResidentContactForm):
    """« Je porte un projet ESS », filled in by the person: saved « à qualifier »."""

    needs = forms.MultipleChoiceField(label=_("De quoi avez-vous besoin ?"), **NEEDS_FIELD_ARGS)
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _(
                "Cochez la case pour donner votre accord : sans lui, nous ne pouvons pas "
                "garder votre demande ni vous accompagner."
            )
        },
    )
    consent_to_sharing = forms.BooleanField(**SHARING_FIELD_ARGS)

    class Meta:
        model = ProjectHolder
        fields = PROJECT_FIELDS
        labels = PUBLIC_LABELS
        help_texts = CONTACT_HELP_TEXTS
        error_messages = ERROR_MESSAGES
        widgets = WIDGETS

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "projet-%s")
        super().__init__(*args, **kwargs)
        self.setup_project_fields()
        self.fields["consent"].label = support_consent_text()

    def save_proposal(self):
        holder = self.save(commit=False)
        self.save_needs(holder)
        sharing = self.cleaned_data.get("consent_to_sharing", False)
        holder.consent_method = ConsentMethod.ONLINE
        holder.consent_text = consent_record(self.fields["consent"].label, sharing)
        holder.consent_given_at = timezone.now()
        holder.consent_to_sharing = sharing
        holder.self_registered = True
        holder.status = HolderStatus.TO_QUALIFY
        holder.save()
        return holder


class HolderForm(ProjectFieldsMixin, ResidentContactForm):
    """The person and the project, as a member writes them (registering or editing)."""

    needs = forms.MultipleChoiceField(label=_("Ses besoins"), **NEEDS_FIELD_ARGS)

    class Meta:
        model = ProjectHolder
        fields = PROJECT_FIELDS
        labels = MEMBER_LABELS
        help_texts = {
            "name": _("Son prénom et son nom."),
            "phone": CONTACT_HELP_TEXTS["phone"],
            "email": CONTACT_HELP_TEXTS["email"],
        }
        error_messages = {
            **ERROR_MESSAGES,
            "name": {"required": _("Écrivez le nom de la personne.")},
        }
        widgets = WIDGETS

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "porteur-%s")
        super().__init__(*args, **kwargs)
        self.setup_project_fields()
        if self.instance.pk:
            self.initial.setdefault("needs", self.instance.needs)

    def save_holder(self, *, user):
        holder = self.save(commit=False)
        self.save_needs(holder)
        holder._history_user = user
        holder.save()
        return holder


class RegisterHolderForm(HolderForm):
    """A member registers someone they met, with the consent the person gave them."""

    consent_method = forms.ChoiceField(
        label=_("Comment la personne a-t-elle donné son accord ?"),
        choices=[
            (ConsentMethod.ORALLY.value, ConsentMethod.ORALLY.label),
            (ConsentMethod.ON_PAPER.value, ConsentMethod.ON_PAPER.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Dites comment la personne a donné son accord.")},
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Cochez la case : sans l'accord de la personne, rien n'est enregistré.")
        },
    )
    consent_to_sharing = forms.BooleanField(**SHARING_FIELD_ARGS)
    # Set by the « Enregistrer quand même » button of the duplicate warning.
    confirm_duplicate = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "La personne a entendu ou lu ce texte et l'accepte : « %(text)s »"
        ) % {"text": support_consent_text()}

    def duplicates(self):
        """Records already holding this phone number or e-mail address."""
        return ProjectHolder.objects.with_contact(
            phone=self.cleaned_data.get("phone", ""), email=self.cleaned_data.get("email", "")
        ).order_by("pk")

    def register(self, *, user, organisation):
        holder = self.save(commit=False)
        self.save_needs(holder)
        sharing = self.cleaned_data.get("consent_to_sharing", False)
        holder.consent_method = self.cleaned_data["consent_method"]
        holder.consent_collected_by = user
        holder.consent_text = consent_record(support_consent_text(), sharing)
        holder.consent_given_at = timezone.now()
        holder.consent_to_sharing = sharing
        holder.registered_by = user
        holder.registered_by_organisation = organisation
        holder.status = HolderStatus.RECEIVED
        holder._history_user = user
        holder.save()
        return holder


def coordinators():
    return (
        get_user_model()
        .objects.filter(groups__name=COORDINATORS_GROUP_NAME, is_active=True)
        .order_by("last_name", "first_name")
    )


class StatusForm(forms.ModelForm):
    """Move a holder along the pipeline; coordinators also choose who accompanies them."""

    class Meta:
        model = ProjectHolder
        fields = ["status", "outcome", "accompanying_organisation", "accompanying_coordinator"]
        widgets = {"status": forms.RadioSelect, "outcome": forms.RadioSelect}
        help_texts = {"outcome": _("Seulement à la clôture.")}

    def __init__(self, *args, may_assign=False, **kwargs):
        kwargs.setdefault("auto_id", "statut-%s")
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", _("Pas encore clôturé")), *Outcome.choices]
        if may_assign:
            self.fields["accompanying_organisation"].queryset = Organisation.objects.filter(
                is_archived=False
            ).order_by("name")
            self.fields["accompanying_organisation"].empty_label = _("Aucune")
            self.fields["accompanying_coordinator"].queryset = coordinators()
            self.fields["accompanying_coordinator"].empty_label = _("Aucun")
            self.fields["accompanying_coordinator"].label_from_instance = lambda user: (
                user.get_full_name() or user.email
            )
        else:
            del self.fields["accompanying_organisation"]
            del self.fields["accompanying_coordinator"]

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        outcome = cleaned_data.get("outcome")
        if status == HolderStatus.CLOSED and not outcome:
            self.add_error("outcome", _("Pour clôturer, dites comment le projet s'est terminé."))
        elif status and status != HolderStatus.CLOSED and outcome:
            self.add_error(
                "outcome",
                _("L'issue ne se choisit qu'à la clôture : laissez « Pas encore clôturé »."),
            )
        return cleaned_data

    def _post_clean(self):
        # move_to() sets the dates; the model's constraints are then checked on the result.
        status = self.cleaned_data.get("status")
        if status and not self.has_error("outcome"):
            self.instance.move_to(status, outcome=self.cleaned_data.get("outcome", ""))
            self.cleaned_data["outcome"] = self.instance.outcome
        super()._post_clean()


class NoteForm(forms.ModelForm):
    class Meta:
        model = FollowUpNote
        fields = ["date", "text"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"text": _("Ce qui s'est passé")}
        error_messages = {
            "date": {"required": _("Indiquez la date."), "invalid": _("Cette date n'existe pas.")},
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "note-%s")
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True
        self.fields["text"].error_messages["required"] = _("Écrivez la note.")
