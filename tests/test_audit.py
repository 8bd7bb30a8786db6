"""`make audit` (requirements/audit.py): what fails it and what does not."""

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location(
    "audit", Path(__file__).resolve().parents[1] / "requirements" / "audit.py"
)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

DJANGO_ADVISORY = {"id": "PYSEC-2026-1", "fix_versions": ["5.2.21"], "description": "…"}


def test_a_known_vulnerability_fails_it():
    report = {"dependencies": [{"name": "django", "version": "5.2.20", "vulns": [DJANGO_ADVISORY]}]}

    status, lines = audit.verdict(report)

    assert status == 1
    assert "django 5.2.20: PYSEC-2026-1 (fixed in 5.2.21)" in lines


def test_no_vulnerability_passes():
    report = {"dependencies": [{"name": "django", "version": "5.2.20", "vulns": []}]}

    assert audit.verdict(report)[0] == 0


def test_an_unreachable_advisory_service_is_said_and_fails_only_when_strict():
    report = {"dependencies": [{"name": "django", "version": "5.2.20", "skip_reason": "404"}]}

    status, lines = audit.verdict(report)
    assert status == 0
    assert "Audit NOT done" in lines[0]
    assert audit.verdict(report, strict=True)[0] == 1


def test_the_ignore_list_needs_a_reason_for_each_advisory():
    assert audit.ignored_ids("# comment\n\nPYSEC-1  # needs a feature we do not use\n") == [
        "PYSEC-1"
    ]
    with pytest.raises(SystemExit):
        audit.ignored_ids("PYSEC-1\n")


def test_the_projects_ignore_list_is_valid():
    audit.ignored_ids(audit.IGNORE_LIST.read_text())
