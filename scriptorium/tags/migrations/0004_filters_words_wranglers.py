"""Fill what 0003 added for an existing archive: the filter table (before any wrangling, each tagging counts as
its own tag), the words of every tag name, and the "Tag wranglers" group with the wrangling permission."""

import re
import unicodedata

from django.db import migrations

WRANGLERS = "Tag wranglers"
_WORD_BREAKS = re.compile(r"[\s/&|(),:;!?\"“”]+")
_NON_WORD = re.compile(r"\W+")


def _words(name):
    # Frozen copy of scriptorium.tags.text.name_words, so later changes there cannot change this migration.
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    words = set()
    for word in _WORD_BREAKS.split(folded.strip()):
        if word.strip(".'-"):
            words.add(word)
            words.update(part for part in _NON_WORD.split(word) if part)
    return {w[:150] for w in words}


def forwards(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    TagWord = apps.get_model("tags", "TagWord")
    WorkFilter = apps.get_model("tags", "WorkFilter")
    Tagging = apps.get_model("works", "Tagging")
    batch = []
    rows = Tag.objects.values_list("pk", "name", "type", "canonical", "merger_id").iterator()
    for tag_id, name, tag_type, canonical, merger_id in rows:
        status = 0 if canonical else (1 if merger_id else 2)  # TagWord.CANONICAL, SYNONYM, UNWRANGLED
        batch.extend(TagWord(tag_id=tag_id, word=w, type=tag_type, status=status) for w in _words(name))
        if len(batch) > 2000:
            TagWord.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    TagWord.objects.bulk_create(batch, ignore_conflicts=True)
    mergers = dict(Tag.objects.filter(merger__isnull=False).values_list("pk", "merger_id"))
    batch = []
    for work_id, tag_id in Tagging.objects.values_list("work_id", "tag_id").iterator():
        batch.append(WorkFilter(work_id=work_id, tag_id=mergers.get(tag_id, tag_id)))
        if len(batch) > 2000:
            WorkFilter.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    WorkFilter.objects.bulk_create(batch, ignore_conflicts=True)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="tags", model="tag")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="wrangle_tag",
        defaults={"name": "Can wrangle tags (canonical tags, synonyms, parents, meta tags)"},
    )
    group, _ = Group.objects.get_or_create(name=WRANGLERS)
    group.permissions.add(permission)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=WRANGLERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tags", "0003_wrangling"),
        ("works", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
