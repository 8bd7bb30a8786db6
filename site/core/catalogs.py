"""The interface catalogs (locale/<language>/LC_MESSAGES/django.po): kept up to date and checked.

Interface strings are written in French inside gettext, so French is the source language. The
French catalog still exists: it carries French plural rules (« 0 personne », not the English
« 0 personnes ») and makes « complete » something a script can check. English and Arabic are
translated by people; `check_catalogs` fails (on CI too, through the test suite) when a string in
the code is missing from a catalog, when an entry is untranslated or fuzzy, or when a catalog
still holds a string the code no longer uses.
"""

import contextlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

SOURCE_LANGUAGE = "fr"
# Folders makemessages must not read: the virtual environment, working data, code that no visitor
# sees (tests, benchmarks), and the catalogs themselves.
IGNORED = [".venv", "var", "tests", "bench", "docs", "static", "node_modules", "locale"]


def languages():
    return [code for code, _name in settings.LANGUAGES]


def catalog_path(locale_dir, language):
    return Path(locale_dir) / language / "LC_MESSAGES" / "django.po"


def extract(source_dir, locale_dir):
    """Run makemessages over source_dir, merging into the catalogs under locale_dir."""
    with (
        contextlib.chdir(source_dir),
        override_settings(LOCALE_PATHS=[Path(locale_dir)]),
    ):
        call_command(
            "makemessages",
            locale=languages(),
            ignore_patterns=IGNORED,
            no_obsolete=True,
            verbosity=0,
        )


def fill_source_language(locale_dir):
    """French is what the code says: its catalog repeats each msgid, with French plural forms;
    except Wagtail's own words that the hub says otherwise (core.wagtail_words)."""
    from core.wagtail_words import FRENCH_WORDING

    catalog = polib.pofile(str(catalog_path(locale_dir, SOURCE_LANGUAGE)), wrapwidth=100)
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = FRENCH_WORDING.get(entry.msgid, entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()


def tidy_headers(locale_dir):
    """Replace makemessages' placeholders so msgfmt --check and translation tools are happy."""
    for language in languages():
        catalog = polib.pofile(str(catalog_path(locale_dir, language)), wrapwidth=100)
        catalog.metadata.update(
            {
                "Project-Id-Version": "dynamique-emploi",
                "Language": language,
                "Language-Team": language,
                "Last-Translator": "Dynamique Emploi",
            }
        )
        if catalog.metadata.get("PO-Revision-Date", "").startswith("YEAR"):
            catalog.metadata["PO-Revision-Date"] = catalog.metadata["POT-Creation-Date"]
        catalog.header = "Interface de Dynamique Emploi — `make messages` met ce fichier à jour."
        catalog.metadata_is_fuzzy = False
        catalog.save()


def update_catalogs(source_dir=None, locale_dir=None):
    source_dir = Path(source_dir or settings.BASE_DIR)
    locale_dir = Path(locale_dir or settings.LOCALE_PATHS[0])
    extract(source_dir, locale_dir)
    tidy_headers(locale_dir)
    fill_source_language(locale_dir)


@dataclass(frozen=True)
class Problem:
    language: str
    kind: str
    msgid: str

    def __str__(self):
        return f"{self.language}: {self.kind}: {self.msgid!r}"


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _is_translated(entry):
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def catalog_problems(source_dir=None, locale_dir=None):
    """What is wrong with the committed catalogs compared with the code, as a list of Problem.

    The catalogs are re-extracted into a temporary copy, so checking never changes them.
    """
    source_dir = Path(source_dir or settings.BASE_DIR)
    locale_dir = Path(locale_dir or settings.LOCALE_PATHS[0])
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        # makemessages writes into the "locale" folder of the tree it walks, whatever
        # LOCALE_PATHS says: it walks a copy of the code, with a copy of the catalogs.
        scratch_source = Path(scratch) / "source"
        shutil.copytree(
            source_dir,
            scratch_source,
            ignore=shutil.ignore_patterns(*IGNORED, ".git", "__pycache__"),
        )
        scratch_locale = scratch_source / "locale"
        if locale_dir.exists():
            shutil.copytree(locale_dir, scratch_locale)
        extract(scratch_source, scratch_locale)
        for language in languages():
            committed_path = catalog_path(locale_dir, language)
            if not committed_path.exists():
                problems.append(Problem(language, "catalogue absent", str(committed_path)))
                continue
            committed = polib.pofile(str(committed_path))
            fresh = polib.pofile(str(catalog_path(scratch_locale, language)))
            committed_keys = {_key(entry) for entry in committed if not entry.obsolete}
            fresh_keys = {_key(entry) for entry in fresh if not entry.obsolete}
            problems += [
                Problem(language, "absent du catalogue (make messages)", key[1])
                for key in sorted(fresh_keys - committed_keys, key=str)
            ]
            problems += [
                Problem(language, "n'est plus utilisé (make messages)", key[1])
                for key in sorted(committed_keys - fresh_keys, key=str)
            ]
            for entry in committed:
                if entry.obsolete or _key(entry) not in fresh_keys:
                    continue
                if "fuzzy" in entry.flags:
                    problems.append(Problem(language, "traduction à vérifier (fuzzy)", entry.msgid))
                elif not _is_translated(entry):
                    problems.append(Problem(language, "non traduit", entry.msgid))
            problems += format_errors(language, committed_path)
    return problems


def format_errors(language, path):
    """msgfmt's own checks: placeholders that differ from the msgid's, a broken header."""
    result = subprocess.run(  # noqa: S603 — fixed program, our own file.
        ["msgfmt", "--check", "--output-file=/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return [
        Problem(language, "msgfmt --check", line)
        for line in result.stderr.splitlines()
        if line.strip() and "fatal errors" not in line
    ]
