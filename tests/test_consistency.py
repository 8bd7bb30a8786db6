"""Checks on the project itself rather than on one feature."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

COMPONENTS_DIR = settings.BASE_DIR / "templates" / "components"


@pytest.mark.django_db
def test_no_missing_migrations():
    output = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)
    except SystemExit:
        pytest.fail(f"Models and migrations differ, run makemigrations:\n{output.getvalue()}")


def component_templates():
    return sorted(COMPONENTS_DIR.rglob("*.html"))


def test_there_are_component_templates():
    assert component_templates(), f"No template under {COMPONENTS_DIR}"


@pytest.mark.parametrize(
    "template_path",
    component_templates(),
    ids=lambda path: str(path.relative_to(COMPONENTS_DIR)),
)
def test_component_template_opens_with_a_comment_documenting_it(template_path):
    source = template_path.read_text(encoding="utf-8")

    match = re.match(r"\s*\{%\s*comment\s*%\}(.*?)\{%\s*endcomment\s*%\}", source, re.DOTALL)

    assert match, "The template must start with {% comment %} saying what it renders."
    assert len(match.group(1).split()) >= 5, "The opening comment is too short to document it."
