"""A rating classifier learnt from the archive's own rated works (scikit-learn: TF-IDF words and pairs of
words, logistic regression). It only speaks once the archive has enough rated works of at least two ratings;
until then the rules rate alone and the suggestions say so. ``tasks.rating_classifier_train_task`` retrains it
in the background; each process loads the newest one once."""

from __future__ import annotations

import pickle
import threading
from collections import Counter
from dataclasses import dataclass

from scriptorium.core.text import html_to_text
from scriptorium.tags.vocabulary import NOT_RATED

#: Rated works needed before a classifier is trained, and works needed per rating it may predict.
MIN_WORKS = 40
MIN_PER_RATING = 5
MAX_WORKS = 3000
TEXT_CHARS = 20_000
#: Below this probability the classifier's answer is only shown, not used.
TRUST = 0.7


@dataclass
class TrainingOutcome:
    trained: bool
    message: str
    work_count: int = 0
    accuracy: float | None = None


def _rated_works() -> list[tuple[str, str]]:
    from scriptorium.works.models import Chapter, Work

    works = list(
        Work.objects.filter(posted=True)
        .exclude(rating=NOT_RATED)
        .order_by("-id")
        .values_list("id", "rating")[:MAX_WORKS]
    )
    texts: dict[int, list[str]] = {work_id: [] for work_id, _ in works}
    size: Counter = Counter()
    chapters = Chapter.objects.filter(work_id__in=texts).order_by("work_id", "position").values_list("work_id", "text")
    for work_id, html in chapters.iterator():
        if size[work_id] < TEXT_CHARS:
            text = html_to_text(html)[: TEXT_CHARS - size[work_id]]
            texts[work_id].append(text)
            size[work_id] += len(text)
    return [("\n".join(texts[work_id]), rating) for work_id, rating in works]


def classifier_train() -> TrainingOutcome:
    """Train and store a new classifier, or say why not."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from scriptorium.suggest.models import RatingClassifier

    rows = [(text, rating) for text, rating in _rated_works() if text.strip()]
    counts = Counter(rating for _, rating in rows)
    usable = {rating for rating, n in counts.items() if n >= MIN_PER_RATING}
    rows = [(text, rating) for text, rating in rows if rating in usable]
    if len(rows) < MIN_WORKS or len(usable) < 2:
        return TrainingOutcome(
            False,
            f"Too few rated works to learn from: {len(rows)} usable (needs {MIN_WORKS}, with at least "
            f"{MIN_PER_RATING} of each of two ratings). The rules rate alone.",
            len(rows),
        )
    texts = [t for t, _ in rows]
    labels = [r for _, r in rows]

    def pipeline() -> object:
        return make_pipeline(
            TfidfVectorizer(max_features=30_000, ngram_range=(1, 2), sublinear_tf=True, min_df=2),
            LogisticRegression(max_iter=2000, class_weight="balanced"),
        )

    accuracy = None
    if len(rows) >= 2 * MIN_WORKS:
        held = list(range(0, len(rows), 5))
        kept = [i for i in range(len(rows)) if i % 5]
        trial = pipeline()
        trial.fit([texts[i] for i in kept], [labels[i] for i in kept])
        predicted = trial.predict([texts[i] for i in held])
        accuracy = sum(p == labels[i] for p, i in zip(predicted, held, strict=True)) / len(held)
    model = pipeline()
    model.fit(texts, labels)
    RatingClassifier.objects.create(
        work_count=len(rows), classes=sorted(usable), accuracy=accuracy, blob=pickle.dumps(model)
    )
    return TrainingOutcome(True, f"Trained on {len(rows)} rated works.", len(rows), accuracy)


_lock = threading.Lock()
_loaded: tuple[int, object] | None = None


def classifier_current() -> object | None:
    """The newest stored classifier (loaded once per process), or None when none was trained."""
    global _loaded
    from scriptorium.suggest.models import RatingClassifier

    newest = RatingClassifier.objects.order_by("-created_at", "-id").values_list("id", flat=True).first()
    if newest is None:
        return None
    with _lock:
        if _loaded is not None and _loaded[0] == newest:
            return _loaded[1]
    blob = RatingClassifier.objects.values_list("blob", flat=True).get(pk=newest)
    model = pickle.loads(bytes(blob))  # noqa: S301 - written by classifier_train, never by users
    with _lock:
        _loaded = (newest, model)
    return model


def classifier_predict(text: str) -> tuple[str, float] | None:
    model = classifier_current()
    if model is None or not text.strip():
        return None
    probabilities = model.predict_proba([text[:TEXT_CHARS]])[0]
    best = int(probabilities.argmax())
    return str(model.classes_[best]), float(probabilities[best])
