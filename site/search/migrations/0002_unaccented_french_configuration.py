"""`french_unaccent`: PostgreSQL's French full-text configuration, with accents removed first.

With plain `french`, « préparateur » is indexed as « prépar » and a resident's « preparateur » as
« preparateur »: they never meet. Here every word goes through `unaccent` before the French
stemmer, in the index and in the query alike. WAGTAILSEARCH_BACKENDS' SEARCH_CONFIG names it.

The index built with the old configuration keeps accented stems: run `manage.py update_index`
once after this migration. `unaccent` is a trusted extension since PostgreSQL 13, so the owner
of the database may create it. SQLite (development) folds accents by itself: nothing to do there.
"""

from django.db import migrations

CONFIGURATION = "french_unaccent"

CREATE = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIGURATION}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""
# The extension stays: other objects (modelsearch's f_unaccent) may use it.
DROP = f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIGURATION};"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
