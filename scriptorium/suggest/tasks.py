"""Background work of the suggester (run by `scriptorium db_worker`)."""

from __future__ import annotations

from dataclasses import asdict

from django.tasks import task


@task()
def rating_classifier_train_task() -> dict[str, object]:
    """Retrain the rating classifier from the archive's rated works (or say why it cannot)."""
    from scriptorium.suggest.classifier import classifier_train

    return asdict(classifier_train())
