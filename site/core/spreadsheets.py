"""Every spreadsheet the project hands out (CSV, XLSX) is written here, so that none of them runs
what a visitor typed into a public form.

A name such as `=HYPERLINK("http://…","x")`, typed in « Ça m'intéresse » or an event's
registration form, would otherwise become a live formula in the adviser's spreadsheet (CSV and
formula injection). `neutralise()` prefixes with an apostrophe any text a spreadsheet could read as
a formula; the spreadsheet then shows it as text, apostrophe included.

Only text is touched: numbers, dates and times stay what they are (a real -3 stays a number). Text
is prefixed even when it is harmless, such as a phone number written `+33 6 12 34 56 78`: what a
person typed is text, and without the apostrophe Excel would read that number as a sum anyway.

The CSV files start with a UTF-8 byte order mark and separate cells with semicolons, so that Excel
in French opens them by double-click with their accents and columns.

Used by every export: the Wagtail listings' downloads (`SafeSpreadsheetExportMixin`: events'
registrations, offers' interests), the events' yearly report, the project holders' list.
"""

import csv
import io

from django.http import HttpResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise
from openpyxl import Workbook

CSV_DELIMITER = ";"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What starts a formula in Excel, LibreOffice or Google Sheets (their full-width forms too, which
# Excel in East Asian locales reads the same), after any leading spaces…
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# … and the characters that split or break a cell when a CSV is imported (OWASP's list).
CONTROL_STARTS = ("\t", "\r", "\n")


def neutralise(value):
    """The value, with an apostrophe in front if it is text a spreadsheet could run."""
    if isinstance(value, Promise):
        value = force_str(value)
    if isinstance(value, str) and (
        value.startswith(CONTROL_STARTS) or value.lstrip().startswith(FORMULA_STARTS)
    ):
        return "'" + value
    return value


def csv_content(rows):
    """The text of a CSV file: byte order mark, then every row, each cell neutralised."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def csv_response(rows, filename):
    """A CSV download of `rows` (the first is the header) named `filename` (with .csv)."""
    response = HttpResponse(csv_content(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(rows, filename, sheet_title):
    """An XLSX download of `rows` (the first is the header) on one sheet, every cell neutralised."""
    workbook = Workbook(write_only=True)
    # Excel refuses sheet titles longer than 31 characters.
    sheet = workbook.create_sheet(title=force_str(sheet_title)[:31])
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SafeSpreadsheetExportMixin:
    """For a Wagtail listing with `list_export` (IndexView, ReportView): every cell it exports is
    neutralised, and its CSV is written by `csv_response` like every other download here.

    Wagtail only turns a cell openpyxl took for a formula back into text in XLSX
    (`SpreadsheetExportMixin.generate_xlsx_row`), and nothing in CSV; the apostrophe is added
    after Wagtail's own preprocessing, which turns lists and lazy strings into text.
    """

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def write_csv_response(self, queryset):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (self.csv_row(self.to_row_dict(item)) for item in queryset)
        return csv_response([headings, *rows], f"{self.get_filename()}.csv")

    def csv_row(self, row_dict):
        return [
            self.preprocess_field_value(field, row_dict[field], self.FORMAT_CSV)
            for field in self.list_export
        ]
