"""The form to share or change a resource, and the listing's filters."""

import django_filters
from django import forms
from django.core.validators import URLValidator
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.models import Tag

from core.validators import validate_no_bidi_controls
from extranet.permissions import current_membership
from organisations.models import Organisation
from resources import files
from resources.enums import Audience, ResourceKind
from resources.models import Resource
from resources.permissions import audiences_for, owning_organisation

# The <datalist> of existing tags the tags field suggests from (see resources/resource_form.html).
TAGS_DATALIST_ID = "etiquettes-existantes"
MAX_TAGS = 10
MAX_TAG_LENGTH = 100  # taggit's Tag.name


def audience_label(audience, user, owner):
    """A choice of the audience as its reader understands it: « Mon organisation uniquement »
    for the owning organisation's members, its name for anyone else (a coordinator editing
    another organisation's resource)."""
    if audience != Audience.ORGANISATION or owner is None:
        return audience.label
    membership = current_membership(user)
    if membership is not None and membership.organisation_id == owner.pk:
        return _("Mon organisation uniquement")
    return _("Les membres de %(organisation)s uniquement") % {"organisation": owner.name}


def organisations_to_choose(owner, resource=None):
    """The organisations a resource may be shared with: every active one but its owner (which
    always sees it), and those it is already shared with, so that an edit keeps them."""
    choosable = Q(is_archived=False)
    if resource is not None and resource.pk is not None:
        choosable |= Q(pk__in=resource.shared_with.values("pk"))
    organisations = Organisation.objects.filter(choosable)
    if owner is not None:
        organisations = organisations.exclude(pk=owner.pk)
    return organisations.order_by("name")


class ChosenOrganisationsMixin:
    """« Organisations choisies » needs one organisation at least; any other audience none. For
    the extranet's form and the admin's alike."""

    def clean_chosen_organisations(self, cleaned_data):
        audience = cleaned_data.get("audience")
        if audience == Audience.CHOSEN_ORGANISATIONS:
            if not cleaned_data.get("shared_with") and not self.has_error("shared_with"):
                self.add_error(
                    "shared_with",
                    _(
                        "Cochez au moins une organisation qui verra la ressource, ou choisissez "
                        "un autre public."
                    ),
                )
        elif audience:
            # Organisations ticked and then another audience chosen: they would see nothing,
            # and would come back unnoticed with « Organisations choisies ».
            cleaned_data["shared_with"] = Organisation.objects.none()


class ResourceAdminForm(ChosenOrganisationsMixin, forms.ModelForm):
    """The admin's form, where coordinators moderate a resource (resources.wagtail_hooks)."""

    def clean(self):
        cleaned_data = super().clean()
        self.clean_chosen_organisations(cleaned_data)
        return cleaned_data


class ResourceForm(ChosenOrganisationsMixin, forms.ModelForm):
    """Share a file or a link, or change one: a new file becomes the resource's new version.

    A new resource is a file or a link, one of the two. Afterwards a file stays a file (each new
    upload is a version) and a link stays a link.
    """

    file = forms.FileField(
        required=False,
        label=_("Fichier"),
        # Django's own message names the field's limit in bytes; ours says it in megabytes.
        error_messages={"empty": _("Le fichier envoyé est vide.")},
    )
    url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label=_("Ou un lien"),
        help_text=_("L'adresse complète d'une page, par exemple https://www.exemple.fr/guide."),
        # Never a javascript: address, nor one shown reversed (core.validators).
        validators=[URLValidator(schemes=["http", "https"]), validate_no_bidi_controls],
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    tags = TagField(
        required=False,
        label=_("Étiquettes"),
        help_text=_(
            "Séparez les étiquettes par des virgules, par exemple : recrutement, mobilité. "
            "Les étiquettes déjà utilisées vous sont proposées pendant la saisie."
        ),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "description",
            "kind",
            "tags",
            "audience",
            "shared_with",
            "valid_until",
            "url",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "audience": forms.RadioSelect,
            "shared_with": forms.CheckboxSelectMultiple,
        }
        labels = {"shared_with": _("Organisations qui la verront")}
        error_messages = {
            "description": {
                "max_length": _(
                    "La description fait %(show_value)s caractères : %(limit_value)s au plus, "
                    "s'il vous plaît. Mettez le reste dans un fichier partagé."
                )
            },
        }
        help_texts = {
            "description": _("Facultatif. 2 000 caractères au plus."),
            "valid_until": _(
                "Facultatif. Passée cette date, la ressource est marquée « périmée »."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.detected_type = None
        self.fields["title"].error_messages["required"] = _("Donnez un titre à la ressource.")
        self.fields["kind"].choices = ResourceKind.choices
        resource = self.instance if self.instance.pk else None
        owner = owning_organisation(user, resource)
        self.fields["audience"].choices = [
            (audience.value, audience_label(audience, user, owner))
            for audience in audiences_for(user, resource)
        ]
        self.fields["shared_with"].queryset = organisations_to_choose(owner, resource)
        self.fields["shared_with"].help_text = self.shared_with_help_text(user, owner)
        # static/js/resource-form.js suggests the existing tags for every tag typed, not only
        # the first (the <datalist> alone compares the whole field with each tag).
        self.fields["tags"].widget.attrs.update(
            {"list": TAGS_DATALIST_ID, "autocomplete": "off", "data-tag-suggestions": ""}
        )
        self.fields["file"].help_text = _(
            "%(types)s ; %(size)s au plus. Si le formulaire signale une erreur, choisissez à "
            "nouveau le fichier."
        ) % {"types": files.accepted_types_label(), "size": filesizeformat(files.MAX_FILE_SIZE)}
        instance = self.instance
        if instance.pk and instance.is_link:
            del self.fields["file"]
            self.fields["url"].required = True
            self.fields["url"].error_messages["required"] = _("Indiquez l'adresse du lien.")
            self.fields["url"].label = _("Lien")
        elif instance.pk:
            del self.fields["url"]
            self.fields["file"].label = _("Nouvelle version du fichier")

    @staticmethod
    def shared_with_help_text(user, owner):
        if owner is None:
            return _("Les coordinateurs la voient toujours.")
        membership = current_membership(user)
        if membership is not None and membership.organisation_id == owner.pk:
            return _("Votre organisation et les coordinateurs la voient toujours.")
        return _("%(organisation)s et les coordinateurs la voient toujours.") % {
            "organisation": owner.name
        }

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded:
            return uploaded
        if uploaded.size > files.MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("Ce fichier pèse %(size)s : %(limit)s au plus, s'il vous plaît."),
                params={
                    "size": filesizeformat(uploaded.size),
                    "limit": filesizeformat(files.MAX_FILE_SIZE),
                },
                code="too_large",
            )
        self.detected_type = files.detect_type(uploaded)
        if self.detected_type is None:
            raise forms.ValidationError(
                _(
                    "Ce type de fichier n'est pas accepté (son contenu a été vérifié, quel que "
                    "soit son nom). Fichiers acceptés : %(types)s."
                ),
                params={"types": files.accepted_types_label()},
                code="wrong_type",
            )
        return uploaded

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("%(limit)d étiquettes au plus, s'il vous plaît."), params={"limit": MAX_TAGS}
            )
        if any(len(tag) > MAX_TAG_LENGTH for tag in tags):
            raise forms.ValidationError(
                _("Une étiquette compte %(limit)d caractères au plus."),
                params={"limit": MAX_TAG_LENGTH},
            )
        return tags

    def clean(self):
        cleaned_data = super().clean()
        self.clean_chosen_organisations(cleaned_data)
        if self.instance.pk is None:
            has_file = bool(cleaned_data.get("file"))
            has_url = bool(cleaned_data.get("url"))
            # A field already in error (a refused file, a bad address) says so itself.
            if not self.has_error("file") and not self.has_error("url"):
                if has_file and has_url:
                    self.add_error(
                        "url",
                        _("Partagez un fichier ou un lien, pas les deux : videz l'un des deux."),
                    )
                elif not has_file and not has_url:
                    self.add_error(
                        "file", _("Choisissez un fichier à partager, ou indiquez un lien.")
                    )
        return cleaned_data


class HideExpiredWidget(forms.CheckboxInput):
    """A checkbox whose value is « 1 » in the address, read back as true."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: value in (True, "1", "on", "true"))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["value"] = "1"
        return context


class ResourceFilter(django_filters.FilterSet):
    """Search and filters of the listing, from the query string.

    Unknown values (a tag nobody uses, an organisation that does not exist, a word for a type)
    are refused by the form, shown next to their field, and ignored: the list never breaks.
    """

    q = django_filters.CharFilter(
        label=_("Rechercher"), method="filter_search", widget=forms.TextInput({"type": "search"})
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=ResourceKind.choices, empty_label=_("Tous les types")
    )
    tag = django_filters.ChoiceFilter(
        label=_("Étiquette"),
        field_name="tags__slug",
        empty_label=_("Toutes les étiquettes"),
        distinct=False,
    )
    audience = django_filters.ChoiceFilter(
        label=_("Visible par"), choices=Audience.choices, empty_label=_("Tous les publics")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Toutes les organisations"),
    )
    hide_expired = django_filters.BooleanFilter(
        label=_("Masquer les ressources périmées"),
        method="filter_hide_expired",
        widget=HideExpiredWidget,
    )

    class Meta:
        model = Resource
        fields = []

    def __init__(self, data=None, queryset=None, *, tags, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["tag"].extra["choices"] = [(tag.slug, tag.name) for tag in tags]
        self.filters["organisation"].queryset = Organisation.objects.filter(
            pk__in=queryset.values("organisation")
        ).order_by("name")

    def filter_search(self, queryset, name, value):
        return queryset.search(value[:200])

    def filter_hide_expired(self, queryset, name, value):
        return queryset.still_valid() if value else queryset


def tags_used_by(resources):
    """The tags of these resources, by name: the filter's choices and the form's suggestions."""
    return (
        Tag.objects.filter(
            Q(resources_taggedresource_items__content_object__in=resources.values("pk"))
        )
        .distinct()
        .order_by("name")
    )
