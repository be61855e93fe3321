"""The rating classifier: it says when it has too few works, learns once it has enough, and is used."""

from __future__ import annotations

import pytest

from scriptorium.suggest.classifier import MIN_WORKS, classifier_predict, classifier_train
from scriptorium.suggest.models import RatingClassifier
from scriptorium.suggest.tasks import rating_classifier_train_task
from tests.factories import make_work
from tests.suggest.helpers import suggest

pytestmark = pytest.mark.django_db

GENTLE = "The garden was full of roses and the tea was warm and the afternoon was long and kind. "
DARK = "The soldiers fought in the ruined street and the blood ran in the gutters while the guns went on. "


def test_with_too_few_works_it_says_so_and_rules_rate_alone(user) -> None:
    make_work(creator=user, chapters=[GENTLE * 20], rating="General Audiences")
    outcome = classifier_train()
    assert not outcome.trained
    assert "Too few rated works" in outcome.message
    assert RatingClassifier.objects.count() == 0
    result = suggest(GENTLE * 20)
    assert result.rating[0].name == "General Audiences"


def test_with_enough_works_it_learns_and_the_task_retrains(user) -> None:
    for i in range(MIN_WORKS // 2 + 2):
        make_work(creator=user, title=f"Gentle {i}", chapters=[GENTLE * 20 + f" day {i}"], rating="General Audiences")
        make_work(creator=user, title=f"Dark {i}", chapters=[DARK * 20 + f" night {i}"], rating="Mature")
    outcome = classifier_train()
    assert outcome.trained
    assert RatingClassifier.objects.count() == 1
    label, probability = classifier_predict(DARK * 10)
    assert label == "Mature"
    assert probability > 0.5
    rating_classifier_train_task.enqueue()
    assert RatingClassifier.objects.count() == 2
