"""``scriptorium bench_blocklists``: what a reader's blocklist costs a listing (issue 18: with 20 rules active, within
1.3× of the same listing without rules).

Two accounts of the benchmark's own (``bench-blocklist-on`` with 20 rules drawn from the archive: tags, some with
an "unless", words, creators, word and chapter ranges, crossovers, stalled works, languages and an allow-list;
``bench-blocklist-off`` with none) ask the same listings many times in this process through Django's test client,
alternating, so both see the same machine: the works listing, the most used fandom's works, a search with text,
and the same listing a few pages in. Figures are wall and CPU milliseconds per request (p50, p95) and the ratio of
the two accounts' p50, and how many works the rules hid there (as the page says). The listing with rules also counts
what they hid (a second count), which is part of its cost.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.services import user_create
from scriptorium.blocklists.models import BlockRule, RuleKind
from scriptorium.blocklists.services import RuleInput, rule_build
from scriptorium.tags.models import Tag, TagType

ON, OFF = "bench-blocklist-on", "bench-blocklist-off"
RULES = 20
HIDDEN = re.compile(r"Your blocklist hid (?:about )?([\d,]+|no) work")


class BenchError(Exception):
    pass


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(share * (len(sorted_values) - 1))))
    return sorted_values[index]


def _popular(tag_type: str, count: int, *, skip: int = 0) -> list[str]:
    names = (
        Tag.objects.filter(type=tag_type, merger__isnull=True)
        .annotate(uses=Count("filtered_works"))
        .order_by("-uses", "name")
        .values_list("name", flat=True)[skip : skip + count]
    )
    return list(names)


def _account(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(username=username, email=f"{username}@example.invalid", password=None)
    return user


def rules_for_bench() -> list[RuleInput]:
    """Twenty rules of every kind, named from this archive (the popular tags and most credited pseuds)."""
    additional = _popular(TagType.ADDITIONAL, 8, skip=5)
    relationships = _popular(TagType.RELATIONSHIP, 2, skip=3)
    if len(additional) < 8 or len(relationships) < 2:
        raise BenchError("The archive has too few tags: make one (`scriptorium bench corpus --works N`).")
    pseuds = list(
        Pseud.objects.annotate(n=Count("creatorships")).order_by("-n", "pk").values_list("name", flat=True)[10:14]
    )
    if len(pseuds) < 4:
        raise BenchError("The archive has too few creators: make one (`scriptorium bench corpus --works N`).")
    return [
        RuleInput(kind=RuleKind.TAG, tag=additional[0]),
        RuleInput(kind=RuleKind.TAG, tag=additional[1]),
        RuleInput(kind=RuleKind.TAG, tag=relationships[0]),
        RuleInput(kind=RuleKind.TAG, tag=additional[2], unless=additional[3]),
        RuleInput(kind=RuleKind.TAG, tag=additional[4], unless=additional[5]),
        RuleInput(kind=RuleKind.TAG, tag=relationships[1], unless=additional[6]),
        RuleInput(kind=RuleKind.WORDS, text="zombie"),
        RuleInput(kind=RuleKind.WORDS, text="coffee shop"),
        RuleInput(kind=RuleKind.WORDS, text="reincarnation"),
        RuleInput(kind=RuleKind.CREATOR, creator=pseuds[0]),
        RuleInput(kind=RuleKind.CREATOR, creator=pseuds[1]),
        RuleInput(kind=RuleKind.CREATOR, creator=pseuds[2]),
        RuleInput(kind=RuleKind.WORD_COUNT, high=50),
        RuleInput(kind=RuleKind.CHAPTER_COUNT, low=60),
        RuleInput(kind=RuleKind.FANDOMS, low=2),
        RuleInput(kind=RuleKind.STALE, low=5),
        RuleInput(kind=RuleKind.LANGUAGE, text="de"),
        RuleInput(kind=RuleKind.LANGUAGE, text="ja"),
        RuleInput(kind=RuleKind.ALLOW_TAG, tag=additional[7]),
        RuleInput(kind=RuleKind.ALLOW_CREATOR, creator=pseuds[3]),
    ]


def _prepare() -> tuple[User, User]:
    on, off = _account(ON), _account(OFF)
    rules = rules_for_bench()
    BlockRule.objects.filter(user__in=[on, off]).delete()
    BlockRule.objects.bulk_create([rule_build(user=on, rule=rule) for rule in rules])
    return on, off


def _paths() -> list[tuple[str, str]]:
    fandom = _popular(TagType.FANDOM, 1)
    rows = [("works listing", "/works/"), ("works listing, page 5", "/works/?page=5")]
    if fandom:
        rows.append(("a fandom's works", reverse("tags:works", kwargs={"name": fandom[0]})))
    rows.append(("search with text", "/works/search?q=tea"))
    return rows


def _ask(client: Client, path: str) -> tuple[float, float]:
    started, cpu_started = time.perf_counter(), time.process_time()
    response = client.get(path)
    wall, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000
    if response.status_code != 200:
        raise BenchError(f"{path} answered {response.status_code}.")
    return wall, cpu


def run_blocklists_bench(*, iterations: int, log: Callable[[str], None]) -> dict[str, object]:
    on, off = _prepare()
    clients = {}
    for name, user in (("with rules", on), ("without rules", off)):
        clients[name] = Client(raise_request_exception=True)
        clients[name].force_login(user)
    results: dict[str, dict[str, object]] = {}
    hidden: dict[str, object] = {}
    # Static files named as they are, without a manifest (a scratch archive has not run collectstatic).
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {**settings.STORAGES, "staticfiles": static}
    with override_settings(ALLOWED_HOSTS=["*"], STORAGES=storages):
        for row, path in _paths():
            log(f"{row}: {iterations} requests with and without rules…")
            times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in clients}
            for client in clients.values():
                _ask(client, path)  # warm up
            for _ in range(iterations):
                for name, client in clients.items():  # alternate, so both see the same load
                    wall, cpu = _ask(client, path)
                    times[name][0].append(wall)
                    times[name][1].append(cpu)
            said = HIDDEN.search(clients["with rules"].get(path).content.decode())
            hidden[row] = None if said is None else 0 if said.group(1) == "no" else int(said.group(1).replace(",", ""))
            figures = {}
            for name, (wall, cpu) in times.items():
                wall.sort()
                cpu.sort()
                figures[name] = {
                    "p50_ms": round(percentile(wall, 0.50), 2),
                    "p95_ms": round(percentile(wall, 0.95), 2),
                    "cpu_p50_ms": round(percentile(cpu, 0.50), 2),
                }
            base = figures["without rules"]["p50_ms"]
            figures["ratio_p50"] = round(figures["with rules"]["p50_ms"] / base, 2) if base else 0.0
            results[row] = figures
    return {"rules": RULES, "iterations": iterations, "rows": results, "hidden": hidden}


def format_table(result: dict[str, object]) -> str:
    lines = [
        f"{result['rules']} rules; {result['iterations']} requests per row and account (alternating)",
        f"{'row':<24}{'off p50':>9}{'off p95':>9}{'on p50':>9}{'on p95':>9}{'ratio':>8}{'hidden':>9}",
    ]
    for name, row in result["rows"].items():
        off, on = row["without rules"], row["with rules"]
        hidden = result["hidden"][name]
        lines.append(
            f"{name:<24}{off['p50_ms']:>9.1f}{off['p95_ms']:>9.1f}{on['p50_ms']:>9.1f}{on['p95_ms']:>9.1f}"
            f"{row['ratio_p50']:>7.2f}×{hidden if hidden is not None else '?':>9}"
        )
    return "\n".join(lines)
