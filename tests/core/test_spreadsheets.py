"""What a visitor typed never runs as a formula in a downloaded spreadsheet (core.spreadsheets)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from core.spreadsheets import csv_response, neutralise, xlsx_response

FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+33+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\tSamira",
    "\r=1+1",
    "\n=1+1",
    "  =1+1",
    "\uff1d1+1",
]
PLAIN = ["Samira Benali", "06 12 34 56 78", "awa@example.org", "Je suis disponible.", "", "'déjà"]


@pytest.mark.parametrize("value", FORMULAS)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", PLAIN)
def test_plain_text_is_left_alone(value):
    assert neutralise(value) == value


@pytest.mark.parametrize(
    "value",
    [-3, 0, 2.5, -2.5, Decimal("-12.40"), None, True, datetime.date(2026, 1, 15)],
)
def test_numbers_dates_and_empty_cells_keep_their_type(value):
    assert neutralise(value) is value


def test_a_phone_number_typed_with_its_country_code_is_text():
    # A person typed it: text, shown as typed after the apostrophe, where Excel would otherwise
    # compute « +33 6 12 34 56 78 » as a formula and show an error.
    assert neutralise("+33 6 12 34 56 78") == "'+33 6 12 34 56 78"


def test_lazy_text_is_neutralised_as_text():
    assert neutralise(gettext_lazy("=1+1")) == "'=1+1"


def test_the_csv_opens_in_french_excel_with_every_cell_neutralised():
    response = csv_response(
        [["Nom", "Montant"], ['=HYPERLINK("http://evil.example")', -3], ["Awa", 12]],
        "essai.csv",
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="essai.csv"'
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    assert rows == [
        ["Nom", "Montant"],
        ['\'=HYPERLINK("http://evil.example")', "-3"],
        ["Awa", "12"],
    ]


def test_the_xlsx_holds_text_not_formulas_and_numbers_as_numbers():
    response = xlsx_response(
        [["Nom", "Montant", "Le"], ["@SUM(1+1)", -3, datetime.date(2026, 1, 15)]],
        "essai.xlsx",
        "Une feuille au titre bien trop long pour Excel",
    )

    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "Une feuille au titre bien trop "
    name, amount, day = next(sheet.iter_rows(min_row=2))
    assert (name.value, name.data_type) == ("'@SUM(1+1)", "s")
    assert (amount.value, amount.data_type) == (-3, "n")
    assert day.value.date() == datetime.date(2026, 1, 15)
