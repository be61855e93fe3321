"""``scriptorium suggest WORK_ID_OR_FILE [--json]`` · ``suggest eval [--json]`` · ``suggest bench`` ·
``suggest train [--background]``."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.suggest.engine import suggest_document
from scriptorium.suggest.result import Suggestions
from scriptorium.suggest.textsource import document_from_parsed, document_from_work
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import parse_upload


class Command(BaseCommand):
    help = (
        "Suggest fandoms, characters, relationships, categories, rating, warnings, additional tags and language "
        "for a work (by id) or a story file. 'eval' scores the labelled evaluation set; 'bench' times it; "
        "'train' retrains the rating classifier."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", help="A work id, a story file, or one of: eval, bench, train.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--misses", action="store_true", help="eval: list every miss.")
        parser.add_argument("--words", type=int, default=10_000, help="bench: words in the timed work.")
        parser.add_argument("--runs", type=int, default=20, help="bench: timed runs.")
        parser.add_argument("--calls", type=int, default=1000, help="bench: calls for the memory check.")
        parser.add_argument("--background", action="store_true", help="train: enqueue the task instead.")

    def handle(self, *args: object, **options: object) -> None:
        target = str(options["target"])
        as_json = bool(options["json"])
        if target == "eval":
            return self._eval(as_json, bool(options["misses"]))
        if target == "bench":
            from scriptorium.suggest.bench import bench

            figures = bench(words=int(options["words"]), runs=int(options["runs"]), calls=int(options["calls"]))
            self.stdout.write(json.dumps(figures, indent=2) if as_json else _lines(figures))
            return None
        if target == "train":
            return self._train(bool(options["background"]))
        self._suggest(target, as_json)
        return None

    def _suggest(self, target: str, as_json: bool) -> None:
        if target.isdigit() and not Path(target).exists():
            from scriptorium.works.models import Work

            work = Work.objects.filter(pk=int(target)).first()
            if work is None:
                raise CommandError(f"No work with id {target}.")
            document = document_from_work(work)
        else:
            path = Path(target)
            if not path.is_file():
                raise CommandError(f"{target} is neither a work id nor a file.")
            if path.stat().st_size > settings.SCRIPTORIUM_IMPORT_MAX_BYTES:
                raise CommandError(f"{target} is larger than the import limit.")
            try:
                document = document_from_parsed(parse_upload(data=path.read_bytes(), filename=path.name))
            except ImportRejected as exc:
                raise CommandError(f"{target}: {exc.message}") from exc
        result = suggest_document(document)
        if as_json:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_readable(result))

    def _eval(self, as_json: bool, misses: bool) -> None:
        from scriptorium.suggest.evaluation.runner import evaluate

        report = evaluate()
        figures = report.figures()
        if as_json:
            data = {**figures, "misses": report.misses} if misses else figures
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{figures['cases']} texts")
        self.stdout.write(f"{'field':<17} precision  recall     F1")
        for name, values in figures["fields"].items():
            self.stdout.write(f"{name:<17} {values['precision']:>9.3f} {values['recall']:>7.3f} {values['f1']:>6.3f}")
        for key in ("fandom_accuracy", "rating_exact", "rating_exact_or_one_step", "language_accuracy"):
            self.stdout.write(f"{key.replace('_', ' ')}: {figures[key]:.3f}")
        self.stdout.write(
            f"warnings (substantive): recall {figures['warnings_recall']:.3f}, "
            f"precision {figures['warnings_precision']:.3f}"
        )
        if misses:
            for miss in report.misses:
                self.stdout.write(json.dumps(miss, ensure_ascii=False))

    def _train(self, background: bool) -> None:
        if background:
            from scriptorium.suggest.tasks import rating_classifier_train_task

            rating_classifier_train_task.enqueue()
            self.stdout.write("Retraining of the rating classifier is queued.")
            return
        from scriptorium.suggest.classifier import classifier_train

        outcome = classifier_train()
        self.stdout.write(outcome.message)


def _lines(figures: dict[str, object]) -> str:
    return "\n".join(f"{key}: {value}" for key, value in figures.items())


def _readable(result: Suggestions) -> str:
    lines = []
    for name, items in result.field_items():
        shown = ", ".join(f"{s.name} ({s.confidence:.2f})" for s in items) or "—"
        lines.append(f"{name.replace('_', ' ')}: {shown}")
    lines.extend(f"note: {note}" for note in result.notes)
    return "\n".join(lines)
