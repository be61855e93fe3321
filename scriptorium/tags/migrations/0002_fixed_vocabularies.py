from django.db import migrations

from scriptorium.tags.vocabulary import CATEGORIES, RATINGS, WARNINGS


def create_fixed_tags(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    for tag_type, names in (("rating", RATINGS), ("warning", WARNINGS), ("category", CATEGORIES)):
        for name in names:
            Tag.objects.get_or_create(name=name, defaults={"type": tag_type, "canonical": True})


class Migration(migrations.Migration):
    dependencies = [("tags", "0001_initial")]
    operations = [migrations.RunPython(create_fixed_tags, migrations.RunPython.noop)]
