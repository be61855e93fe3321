"""What a writer's browser sends from the posting form: a complete, valid submission to vary in tests."""

from __future__ import annotations

from django.db.models import Model

from scriptorium.accounts.models import User
from scriptorium.tags.models import Tag
from scriptorium.works.models import Chapter, Creatorship, Series, SeriesPart, Tagging, Work


def work_form_data(user: User, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "The Long Way Round",
        "creators": [str(user.default_pseud.pk)],
        "co_creators": "",
        "summary": "Two friends walk home.",
        "notes": "",
        "end_notes": "",
        "language": "en",
        "rating": "General Audiences",
        "warnings": ["No Archive Warnings Apply"],
        "categories": ["Gen"],
        "fandoms": "Original Work",
        "relationships": "",
        "characters": "",
        "additional_tags": "",
        "series_title": "",
        "series_position": "",
        "expected_chapters": "",
        "chapter_title": "",
        "chapter_summary": "",
        "chapter_notes": "",
        "chapter_end_notes": "",
        "text": "They took the long way round.\n\nIt was worth it.",
        "action": "post",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def edit_form_data(work: Work, user: User, **overrides: object) -> dict[str, object]:
    """The edit form as the browser sends it back unchanged (then varied by ``overrides``)."""
    from scriptorium.works.forms import work_initial

    initial = work_initial(work, user=user)
    data: dict[str, object] = {}
    for key, value in initial.items():
        if key == "creators":
            data[key] = [str(p.pk) for p in value]
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is None:
            data[key] = ""
        else:
            data[key] = value
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


COUNTED: tuple[type[Model], ...] = (Work, Chapter, Tag, Tagging, Creatorship, Series, SeriesPart)


def row_counts() -> dict[str, int]:
    """How many rows each writing table holds: a failed submission must leave these unchanged."""
    return {model.__name__: model.objects.count() for model in COUNTED}
