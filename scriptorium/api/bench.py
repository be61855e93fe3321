"""``scriptorium bench_interfaces``: what outside tools cost beside the pages they mirror (issue 17's speed targets).

Each row is one address asked many times in this process through Django's test client, as a guest, with the rate
limits lifted (the throttle's own bookkeeping still runs): the work page beside the API's work, the works listing
beside the API's listing, the OPDS root, a fandom's OPDS feed (1.2 and 2.0). Figures are wall and CPU milliseconds
per request (p50, p95, p99) and the API rows' ratio to their page. Figures go to docs/performance.md.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse

from scriptorium.tags.models import Tag, TagType
from scriptorium.works.selectors import works_visible


class BenchError(Exception):
    pass


@dataclass(frozen=True)
class Row:
    name: str
    paths: list[str]
    compare_to: str = ""  # the name of the page row an API row is held against


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(share * (len(sorted_values) - 1))))
    return sorted_values[index]


def _rows(*, seed: int, works: int) -> list[Row]:
    visible = works_visible(AnonymousUser())
    ids = list(visible.order_by("-pk").values_list("pk", flat=True)[:5000])
    if not ids:
        raise BenchError("The archive has no work a guest may read: make one (`scriptorium bench corpus --works N`).")
    rng = random.Random(seed)
    sample = [rng.choice(ids) for _ in range(works)]
    fandom = (
        Tag.objects.filter(type=TagType.FANDOM)
        .annotate(uses=Count("taggings"))
        .order_by("-uses")
        .values_list("name", flat=True)
        .first()
    )
    rows = [
        Row("work page", [reverse("works:detail", args=[pk]) + "?view_adult=true" for pk in sample]),
        Row("API work", [reverse("api:work", args=[pk]) for pk in sample], compare_to="work page"),
        Row("works listing", ["/works/"]),
        Row("API works listing", [reverse("api:works")], compare_to="works listing"),
        Row("OPDS 1.2 root", [reverse("opds:v1_root")]),
        Row("OPDS 2.0 root", [reverse("opds:v2_root")]),
    ]
    if fandom:
        rows += [
            Row("OPDS 1.2 fandom feed", [reverse("opds:v1_tag", args=[fandom])]),
            Row("OPDS 2.0 fandom feed", [reverse("opds:v2_tag", args=[fandom])]),
        ]
    return rows


def _lifted() -> override_settings:
    framework = dict(settings.REST_FRAMEWORK)
    framework["DEFAULT_THROTTLE_RATES"] = {key: "1000000/min" for key in framework.get("DEFAULT_THROTTLE_RATES", {})}
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return override_settings(ALLOWED_HOSTS=["*"], STORAGES=storages, REST_FRAMEWORK=framework)


def _time(client: Client, paths: list[str], iterations: int, warm_up: int) -> tuple[list[float], list[float]]:
    for path in paths[:warm_up]:
        client.get(path)
    wall, cpu = [], []
    for n in range(iterations):
        path = paths[n % len(paths)]
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        if response.status_code != 200:
            raise BenchError(f"{path} answered {response.status_code}.")
    return sorted(wall), sorted(cpu)


def run_interfaces_bench(*, iterations: int, seed: int, log: Callable[[str], None]) -> dict[str, object]:
    with _lifted():
        rows = _rows(seed=seed, works=max(iterations, 1))
        client = Client(raise_request_exception=True)
        results: dict[str, dict[str, float | str]] = {}
        for row in rows:
            log(f"{row.name}: {iterations} requests…")
            wall, cpu = _time(client, row.paths, iterations, warm_up=min(5, len(row.paths)))
            results[row.name] = {
                "p50_ms": round(percentile(wall, 0.50), 2),
                "p95_ms": round(percentile(wall, 0.95), 2),
                "p99_ms": round(percentile(wall, 0.99), 2),
                "cpu_p50_ms": round(percentile(cpu, 0.50), 2),
                "cpu_mean_ms": round(sum(cpu) / len(cpu), 2),
            }
        for row in rows:
            if row.compare_to:
                page = results[row.compare_to]["p50_ms"]
                results[row.name]["ratio_to_page_p50"] = round(results[row.name]["p50_ms"] / page, 2) if page else 0.0
    works = works_visible(AnonymousUser()).count()
    return {"works_a_guest_sees": works, "iterations": iterations, "rows": results}


def format_table(result: dict[str, object]) -> str:
    lines = [
        f"{result['works_a_guest_sees']:,} works a guest sees; {result['iterations']} requests per row",
        f"{'row':<24}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'CPU p50':>9}{'vs page':>9}",
    ]
    for name, row in result["rows"].items():
        ratio = row.get("ratio_to_page_p50")
        lines.append(
            f"{name:<24}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['cpu_p50_ms']:>9.1f}"
            f"{(f'{ratio:.2f}×' if ratio is not None else ''):>9}"
        )
    return "\n".join(lines)
