"""The coordinators' e-mail about a new holder says its needs in words (issue 14 read
« Besoins : ['Financement', 'Local'] »), and no e-mail template can print a list's repr again."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from project_holders.enums import Need
from project_holders.tasks import notify_coordinators
from tests.project_holders.factories import ProjectHolderFactory

pytestmark = pytest.mark.django_db

EMAIL_TEMPLATE_FOLDERS = ["emails", "account", "allauth", "mfa"]


def test_the_needs_are_words_joined_by_commas(organisation, coordinator):
    holder = ProjectHolderFactory(
        registered_by_organisation=organisation, needs=[Need.FUNDING, Need.PREMISES]
    )

    notify_coordinators.call(holder.pk)

    [message] = mail.outbox
    html = message.alternatives[0].content
    assert "Besoins : Financement, Local\n" in message.body
    assert "Besoins : Financement, Local</p>" in html
    for text in (message.body, html):
        assert "[" not in text
        assert "'Financement'" not in text


def test_no_needs_reads_a_dash(organisation, coordinator):
    holder = ProjectHolderFactory(registered_by_organisation=organisation, needs=[])

    notify_coordinators.call(holder.pk)

    assert "Besoins : —\n" in mail.outbox[0].body


def test_no_plain_text_email_joins_a_list_with_the_join_filter():
    """With autoescape off (every plain-text e-mail), `join` cannot join lazy translations (the
    labels of TextChoices) and prints the list's repr instead; a loop prints each word."""
    templates = Path(settings.BASE_DIR) / "templates"
    offenders = [
        str(path.relative_to(templates))
        for folder in EMAIL_TEMPLATE_FOLDERS
        for path in (templates / folder).rglob("*.txt")
        if "autoescape off" in path.read_text() and "|join" in path.read_text()
    ]

    assert offenders == []
