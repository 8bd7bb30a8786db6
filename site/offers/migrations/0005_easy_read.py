from django.db import migrations, models


class Migration(migrations.Migration):
    """The offer's « résumé facile à lire » becomes the easy-read version every page can carry
    (core.models.EasyReadMixin): same text, kept."""

    dependencies = [
        ("offers", "0004_sector_from_trade"),
    ]

    operations = [
        migrations.RenameField(
            model_name="offerpage", old_name="easy_read_summary", new_name="easy_read"
        ),
        migrations.AddField(
            model_name="branchpage",
            name="easy_read",
            field=models.TextField(
                blank=True,
                help_text="Des phrases courtes, des mots de tous les jours, une idée par phrase. Les visiteurs la choisissent avec le bouton « Facile à lire ».",
                max_length=2000,
                verbose_name="Version facile à lire",
            ),
        ),
        migrations.AlterField(
            model_name="offerpage",
            name="easy_read",
            field=models.TextField(
                blank=True,
                help_text="Des phrases courtes, des mots de tous les jours, une idée par phrase. Les visiteurs la choisissent avec le bouton « Facile à lire ».",
                max_length=2000,
                verbose_name="Version facile à lire",
            ),
        ),
    ]
