"""pg_trgm lets the offer listing fall back to fuzzy matching (« carsite » finds « Cariste »).

A trusted extension since PostgreSQL 13, so the application's database user may create it; Django
skips this operation on other databases (SQLite in development).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_initial")]

    operations = [TrigramExtension()]
