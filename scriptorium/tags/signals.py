"""Keep each tag's words (for autocomplete) in step with its name and wrangling status, however it was saved.

Queryset ``update()`` and ``bulk_update()`` send no signal: code that changes names or statuses that way calls
``tag_words_index`` itself (the services only use them for changes that keep each tag's status).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models.signals import post_save
from django.dispatch import receiver

from scriptorium.tags.models import Tag, TagWord
from scriptorium.tags.text import name_words


def tag_words_index(tags: Iterable[Tag]) -> None:
    """(Re)write the words of these tags; for tags created with bulk_create, which sends no signal."""
    tags = list(tags)
    TagWord.objects.filter(tag__in=tags).delete()
    TagWord.objects.bulk_create(
        [
            TagWord(tag=tag, word=word, type=tag.type, status=TagWord.status_of(tag))
            for tag in tags
            for word in sorted(name_words(tag.name))
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


@receiver(post_save, sender=Tag, dispatch_uid="tags_index_words")
def _index_words(
    sender: type[Tag], instance: Tag, created: bool, update_fields: frozenset[str] | None, **kwargs: object
) -> None:
    if kwargs.get("raw"):
        return
    if created or update_fields is None or "name" in update_fields:
        tag_words_index([instance])
    elif {"canonical", "merger"} & set(update_fields):
        TagWord.objects.filter(tag=instance).update(status=TagWord.status_of(instance))
