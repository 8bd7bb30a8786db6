"""A coordinator's journey on the site deployed as documented, in Chromium: signs in with a code
from their authenticator app, exports the ESS project holders (CSV and XLSX) and erases one
person's data; the erased name, address and note are absent from the next backup, and once the
older backups are rotated out, from every backup.

The backups run as docs/backups.md's « In tests » section writes them, read from it (a wrong line
there fails this test): each line through the backup job's unit (dynamique-emploi-job@backup:
its command, its environment file), with `--directory` a folder of the stack's own, never the
repository's var/. Rotation needs BACKUP_RETENTION_DAYS days to pass; the documented
`BACKUP_RETENTION_DAYS=0` on the backup after the erasure stands for that wait (the rotation
compares the day a backup was made, read from its folder's name, with today's: 0 makes every
older backup due today). Before it, a backup with the deployed retention shows the documented
behaviour: the new backup no longer holds the person, the one made before still does.

People and holders: tests/e2e/content_member.py.
"""

import csv
import io
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e import deployment
from tests.e2e.stack import ORIGIN, on_this_machine
from tests.extranet.factories import PASSWORD, totp_code

EXTRANET_HOME = re.compile(re.escape(f"{ORIGIN}/extranet/") + "$")
BACKUPS_DOC = deployment.REPO_ROOT / "docs" / "backups.md"
BACKUP_JOB = "dynamique-emploi-job@.service"
# How the documented lines name the backups' folder.
BACKUPS_VARIABLE = "$BACKUPS"
ENVIRONMENT_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")


def heading(page):
    return page.get_by_role("heading", level=1)


# --- docs/backups.md's « In tests »


@dataclass
class DocumentedRun:
    """One `python manage.py …` line of the section: its extra environment, its arguments and
    the exit status its comment announces (`exit 1`; none said: 0)."""

    line: str
    environment: dict = field(default_factory=dict)
    arguments: list = field(default_factory=list)
    expected_exit: int = 0

    @property
    def finds(self):
        return "--find" in self.arguments


def documented_runs():
    """The section's lines as ([runs before the erasure], [runs after it]): the comment line
    alone (« … the coordinator anonymises the holder … ») is where the erasure happens."""
    text = BACKUPS_DOC.read_text()
    start = text.index("\n## In tests\n")
    end = text.find("\n## ", start + 1)
    block = deployment.SH_BLOCK.search(text[start : end if end != -1 else len(text)])[1]
    before, after = [], None
    for line in block.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            assert after is None, f"docs/backups.md « In tests »: one erasure, not « {line} »"
            after = []
            continue
        code, _, comment = line.partition("#")
        words = shlex.split(code)
        run = DocumentedRun(line)
        while ENVIRONMENT_ASSIGNMENT.match(words[0]):
            name, _, value = words.pop(0).partition("=")
            run.environment[name] = value
        assert words[:2] == ["python", "manage.py"], f"docs/backups.md: « {line} »"
        run.arguments = words[2:]
        exit_status = re.search(r"\bexit (\d+)", comment)
        run.expected_exit = int(exit_status[1]) if exit_status else 0
        (before if after is None else after).append(run)
    assert before and after, "docs/backups.md « In tests »: runs before and after the erasure"
    return before, after


def run_as_the_job(deployed, run, backups, *, looking_for=None):
    """One documented line, as the job's unit runs `manage.py <job>`: its command and its
    environment, the line's variables on top, `$BACKUPS` the stack's own folder and the --find
    text `looking_for`. The completed process."""
    job, *arguments = run.arguments
    arguments = [
        str(backups) if argument == BACKUPS_VARIABLE else argument for argument in arguments
    ]
    if looking_for is not None:
        arguments[arguments.index("--find") + 1] = looking_for
    unit = deployment.unit(BACKUP_JOB, job)
    return subprocess.run(
        [on_this_machine(argument) for argument in unit.exec_start] + arguments,
        cwd=on_this_machine(unit.working_directory),
        env={**deployed.unit_environment(unit), **run.environment},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def backup(deployed, run, backups):
    """A documented backup line: (the new backup's folder, the folders it deleted)."""
    result = run_as_the_job(deployed, run, backups)
    assert result.returncode == run.expected_exit == 0, f"{run.line}\n{result.stderr}"
    made, *deleted = result.stdout.splitlines()
    assert Path(made).parent.resolve() == backups.resolve(), result.stdout
    assert all(line.startswith("Supprimée (plus de ") for line in deleted), result.stdout
    return Path(made), [Path(line.partition(" : ")[2]) for line in deleted]


def backups_holding(deployed, run, backups, text):
    """A documented --find line looking for `text`: the backup folders it lists."""
    result = run_as_the_job(deployed, run, backups, looking_for=text)
    assert result.returncode == run.expected_exit, (
        f"{run.line} (« {text} »): exit {result.returncode}, documented {run.expected_exit}\n"
        f"{result.stdout}\n{result.stderr}"
    )
    if result.returncode == 0:
        assert result.stdout.strip() == "Aucune sauvegarde ne contient ce texte.", result.stdout
        return []
    return [Path(line) for line in result.stdout.splitlines()]


# --- The extranet


def sign_in_with_a_code(page, email, secret):
    """Password, then the code the authenticator app shows; lands on the extranet's home."""
    page.goto("/compte/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(re.escape(f"{ORIGIN}/compte/2fa/")))
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(EXTRANET_HOME)


def downloaded(page, link_name):
    """The bytes and file name of what the link downloads."""
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    download = download_info.value
    return Path(download.path()).read_bytes(), download.suggested_filename


def exported_rows(page):
    """The holders' list as the coordinator downloads it, CSV and XLSX: the rows of each, as
    {column title: text}."""
    csv_bytes, csv_name = downloaded(page, "Exporter en CSV")
    assert re.fullmatch(r"porteurs-de-projet-\d{4}-\d{2}-\d{2}\.csv", csv_name), csv_name
    csv_rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig")), delimiter=";"))

    xlsx_bytes, xlsx_name = downloaded(page, "Exporter en XLSX (Excel)")
    assert xlsx_name == csv_name.replace(".csv", ".xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_bytes), read_only=True).active
    titles, *values = [["" if cell is None else str(cell) for cell in row] for row in sheet.values]
    xlsx_rows = [dict(zip(titles, row, strict=True)) for row in values]
    return csv_rows, xlsx_rows


def test_a_coordinator_exports_erases_a_holder_and_the_backups_forget_them(deployed, visit):
    content = deployed.content
    erased, kept = content["erased_holder"], content["kept_holder"]
    # What must leave the backups: the name, the address, a follow-up note's text.
    forgotten = [erased["name"], erased["email"], content["erased_note"]]
    before_erasure, after_erasure = documented_runs()
    backups = deployed.folder / "backups"

    # --- The nightly backup, before the erasure: it holds the person.
    (nightly_run,) = [run for run in before_erasure if not run.finds]
    first_backup, deleted = backup(deployed, nightly_run, backups)
    assert not deleted
    for run in before_erasure:
        if run.finds:
            for text in forgotten:
                assert backups_holding(deployed, run, backups, text) == [first_backup], text

    # --- The coordinator signs in with a code and exports the list: both holders are in it.
    page = visit("desktop")
    sign_in_with_a_code(page, content["coordinator_email"], content["coordinator_totp_secret"])
    page.get_by_role("link", name="Tous les porteurs de projet").click()
    expect(heading(page)).to_have_text("Porteurs de projets ESS")
    for rows in exported_rows(page):
        exported = {row["Nom"]: row for row in rows}
        for holder in (erased, kept):
            assert exported[holder["name"]]["E-mail"] == holder["email"]
            assert exported[holder["name"]]["Projet"] == holder["project_name"]

    # --- They erase one person's data, from the person's page.
    page.get_by_role("link", name=erased["name"]).click()
    expect(heading(page)).to_have_text(erased["name"])
    expect(page).to_have_url(f"{ORIGIN}{content['erased_holder_path']}")
    expect(page.locator("main")).to_contain_text(content["erased_note"])
    page.get_by_role("link", name="Effacer ses données").click()
    expect(heading(page)).to_have_text(f"Effacer les données de {erased['name']}")
    page.get_by_role("button", name="Effacer définitivement").click()
    expect(page.locator("body")).to_contain_text(
        "Les données de la personne sont effacées. Les chiffres restent comptés."
    )
    expect(page).to_have_url(f"{ORIGIN}{content['erased_holder_path']}")
    for text in forgotten:
        expect(page.locator("main")).not_to_contain_text(text)
    page.get_by_role("link", name="Retour aux porteurs de projet").click()
    expect(heading(page)).to_have_text("Porteurs de projets ESS")
    for rows in exported_rows(page):
        names = {row["Nom"] for row in rows}
        assert kept["name"] in names
        assert not any(text in " ".join(row.values()) for row in rows for text in forgotten)

    # --- The next nightly backup, with the deployed retention: it does not hold the person;
    # the one made before still does (kept BACKUP_RETENTION_DAYS days, as documented).
    second_backup, deleted = backup(deployed, nightly_run, backups)
    assert not deleted
    find_run = next(run for run in before_erasure if run.finds)
    for text in forgotten:
        assert backups_holding(deployed, find_run, backups, text) == [first_backup], text

    # --- BACKUP_RETENTION_DAYS days later (the documented BACKUP_RETENTION_DAYS=0): the next
    # backup rotates the older ones out, and no backup holds the person any more.
    (rotating_run,) = [run for run in after_erasure if not run.finds]
    assert rotating_run.environment == {"BACKUP_RETENTION_DAYS": "0"}, rotating_run.line
    last_backup, deleted = backup(deployed, rotating_run, backups)
    assert sorted(deleted) == [first_backup, second_backup]
    assert sorted(path.name for path in backups.iterdir()) == [last_backup.name]
    for run in after_erasure:
        if run.finds:
            for text in forgotten:
                assert backups_holding(deployed, run, backups, text) == [], text
