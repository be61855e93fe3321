from django.db import migrations, models

from scriptorium.tags.text import name_words
from scriptorium.tags.vocabulary import MEDIA


def create_media(apps, schema_editor):
    """AO3's media as canonical media tags, with their words (so wranglers and tag search find them). A name an
    archive already uses for another tag is left as it is: that medium is then missing until a wrangler adds one."""
    Tag = apps.get_model("tags", "Tag")
    TagWord = apps.get_model("tags", "TagWord")
    for name in MEDIA:
        if Tag.objects.filter(name__iexact=name).exists():
            continue
        tag = Tag.objects.create(name=name, type="media", canonical=True)
        TagWord.objects.bulk_create(
            [TagWord(tag=tag, word=w, type="media", status=0) for w in sorted(name_words(name))]
        )


class Migration(migrations.Migration):
    dependencies = [("tags", "0005_tagword_lookup_index")]

    operations = [
        migrations.AlterField(
            model_name="tag",
            name="type",
            field=models.CharField(
                choices=[
                    ("rating", "Rating"),
                    ("warning", "Archive Warning"),
                    ("category", "Category"),
                    ("fandom", "Fandom"),
                    ("relationship", "Relationship"),
                    ("character", "Character"),
                    ("additional", "Additional Tags"),
                    ("media", "Media"),
                ],
                db_index=True,
                max_length=16,
            ),
        ),
        migrations.RunPython(create_media, migrations.RunPython.noop),
    ]
