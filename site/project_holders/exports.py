"""What coordinators download: the holders' list (CSV, XLSX), and one person's data (JSON).

The list is written by core.spreadsheets, like every spreadsheet here: a byte order mark so that
Excel reads the accents, and cells a spreadsheet would run as a formula prefixed with an apostrophe.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import spreadsheets


def columns():
    return [
        (_("Numéro"), lambda holder: holder.pk),
        (_("Enregistré le"), lambda holder: timezone.localtime(holder.created_at).date()),
        (_("Nom"), lambda holder: holder.name),
        (_("Téléphone"), lambda holder: holder.phone),
        (_("E-mail"), lambda holder: holder.email),
        (_("Quartier"), lambda holder: holder.neighbourhood.name if holder.neighbourhood else ""),
        (_("QPV"), lambda holder: _("oui") if holder.is_qpv else _("non")),
        (_("Tranche d'âge"), lambda holder: holder.get_age_band_display()),
        (_("Projet"), lambda holder: holder.project_name),
        (_("Filière"), lambda holder: holder.sector.name if holder.sector else ""),
        (_("Avancement"), lambda holder: holder.get_stage_display()),
        (_("Forme juridique envisagée"), lambda holder: holder.get_legal_form_display()),
        (_("Besoins"), lambda holder: ", ".join(str(label) for label in holder.need_labels)),
        (_("Statut"), lambda holder: holder.get_status_display()),
        (_("Issue"), lambda holder: holder.get_outcome_display()),
        (_("Clôturé le"), lambda holder: holder.closed_on or ""),
        (
            _("Enregistré par"),
            lambda holder: (
                holder.registered_by_organisation.name
                if holder.registered_by_organisation
                else (_("En ligne") if holder.self_registered else _("Coordination"))
            ),
        ),
        (_("Accompagné par"), lambda holder: holder.follower_name),
        (_("Partage accepté"), lambda holder: _("oui") if holder.consent_to_sharing else _("non")),
    ]


def rows(holders):
    spec = columns()
    yield [str(title) for title, _value in spec]
    for holder in holders:
        yield [value(holder) for _title, value in spec]


def filename(extension):
    return f"porteurs-de-projet-{timezone.localdate().isoformat()}.{extension}"


def csv_response(holders):
    return spreadsheets.csv_response(rows(holders), filename("csv"))


def xlsx_response(holders):
    return spreadsheets.xlsx_response(rows(holders), filename("xlsx"), _("Porteurs de projet"))


def person_data(holder):
    """Everything kept about one person, for their right of access (RGPD article 15)."""
    return {
        "personne": {
            "nom": holder.name,
            "telephone": holder.phone,
            "email": holder.email,
            "quartier": holder.neighbourhood.name if holder.neighbourhood else "",
            "qpv": holder.is_qpv,
            "tranche_age": holder.get_age_band_display(),
        },
        "projet": {
            "nom": holder.project_name,
            "description": holder.project_description,
            "filiere": holder.sector.name if holder.sector else "",
            "avancement": holder.get_stage_display(),
            "forme_juridique": holder.get_legal_form_display(),
            "besoins": [str(label) for label in holder.need_labels],
        },
        "consentement": {
            "recueilli": holder.get_consent_method_display(),
            "par": (
                holder.consent_collected_by.get_full_name() if holder.consent_collected_by else ""
            ),
            "le": holder.consent_given_at,
            "texte": holder.consent_text,
            "accompagnement": holder.consent_to_support,
            "partage_avec_les_membres": holder.consent_to_sharing,
        },
        "suivi": {
            "statut": holder.get_status_display(),
            "issue": holder.get_outcome_display(),
            "cloture_le": holder.closed_on,
            "enregistre_le": holder.created_at,
            "accompagne_par": holder.follower_name,
        },
        "notes": [
            {"date": note.date, "texte": note.text} for note in holder.notes.order_by("date", "pk")
        ],
    }


def person_json_response(holder):
    content = json.dumps(person_data(holder), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="porteur-de-projet-{holder.pk}.json"'
    return response
