"""The interface catalogs are complete, and the check that guards them really fails."""

import polib
import pytest
from django.utils import translation

from core.catalogs import catalog_path, catalog_problems, update_catalogs


def test_the_committed_catalogs_match_the_code_and_are_fully_translated():
    problems = catalog_problems()
    assert not problems, "\n".join(map(str, problems[:40]))


def write_template(source_dir, name, text):
    template = source_dir / "templates" / name
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text("{% load i18n %}" + text, encoding="utf-8")


def translate_everything(locale_dir, language, prefix):
    catalog = polib.pofile(str(catalog_path(locale_dir, language)))
    for entry in catalog:
        entry.msgstr = f"{prefix} {entry.msgid}"
    catalog.save()


@pytest.fixture
def small_project(tmp_path):
    source_dir = tmp_path / "project"
    locale_dir = source_dir / "locale"
    write_template(source_dir, "page.html", '{% translate "Trouver un emploi" %}')
    update_catalogs(source_dir, locale_dir)
    translate_everything(locale_dir, "en", "EN")
    translate_everything(locale_dir, "ar", "AR")
    return source_dir, locale_dir


def test_a_translated_project_has_no_problem(small_project):
    source_dir, locale_dir = small_project
    assert catalog_problems(source_dir, locale_dir) == []
    french = polib.pofile(str(catalog_path(locale_dir, "fr")))
    assert french.find("Trouver un emploi").msgstr == "Trouver un emploi"


def test_a_new_string_without_translations_fails_the_check(small_project):
    source_dir, locale_dir = small_project
    write_template(source_dir, "new.html", '{% translate "Une chaîne toute neuve" %}')

    problems = catalog_problems(source_dir, locale_dir)

    assert {(p.language, p.msgid) for p in problems} >= {
        ("fr", "Une chaîne toute neuve"),
        ("en", "Une chaîne toute neuve"),
        ("ar", "Une chaîne toute neuve"),
    }
    # The check only reads: the committed catalogs are unchanged.
    assert polib.pofile(str(catalog_path(locale_dir, "en"))).find("Une chaîne toute neuve") is None


def test_updating_then_forgetting_to_translate_fails_the_check(small_project):
    source_dir, locale_dir = small_project
    write_template(source_dir, "new.html", '{% translate "Une chaîne toute neuve" %}')
    update_catalogs(source_dir, locale_dir)

    problems = catalog_problems(source_dir, locale_dir)

    assert {(p.language, p.kind) for p in problems} == {
        ("en", "non traduit"),
        ("ar", "non traduit"),
    }


def test_fuzzy_and_removed_strings_fail_the_check(small_project):
    source_dir, locale_dir = small_project
    english = polib.pofile(str(catalog_path(locale_dir, "en")))
    english.find("Trouver un emploi").flags.append("fuzzy")
    english.save()
    (source_dir / "templates" / "page.html").write_text("{% load i18n %}", encoding="utf-8")
    write_template(source_dir, "other.html", '{% translate "Autre chose" %}')
    update_catalogs(source_dir, locale_dir)
    translate_everything(locale_dir, "ar", "AR")
    english = polib.pofile(str(catalog_path(locale_dir, "en")))
    english.find("Autre chose").msgstr = "Something else"
    english.find("Autre chose").flags.append("fuzzy")
    english.save()

    problems = catalog_problems(source_dir, locale_dir)

    assert [(p.language, p.kind, p.msgid) for p in problems] == [
        ("en", "traduction à vérifier (fuzzy)", "Autre chose")
    ]


def test_french_counts_follow_french_plural_rules():
    # Without a French catalog Django would apply the English rule and write « 0 personnes ».
    with translation.override("fr"):
        zero = translation.ngettext("%(count)d phrase", "%(count)d phrases", 0)
    assert zero == "%(count)d phrase"
