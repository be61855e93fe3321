"""Writer statistics: all my works with totals, and one work's chart, per-chapter table and CSV."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scriptorium.stats import selectors
from scriptorium.stats.chart import bar_chart


def _days(request: HttpRequest) -> int:
    raw = request.GET.get("days", "")
    return int(raw) if raw.isdigit() and int(raw) in selectors.RANGES else selectors.RANGES[0]


@login_required
@require_GET
def stats_index(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "hits")
    sort = sort if sort in selectors.SORTS else "hits"
    descending = request.GET.get("order", "desc" if sort != "title" else "asc") != "asc"
    works = selectors.my_works(request.user, sort=sort, descending=descending)
    columns = [
        ("title", "Title"),
        ("posted", "Posted"),
        ("words", "Words"),
        ("hits", "Hits"),
        ("kudos", "Kudos"),
        ("comments", "Comments"),
        ("bookmarks", "Bookmarks"),
        ("subscriptions", "Subscriptions"),
    ]
    headers = [
        {
            "key": key,
            "label": label,
            "current": key == sort,
            "aria_sort": ("descending" if descending else "ascending") if key == sort else "",
            # a click on the current column flips the order; another column starts from its natural order
            "order": ("asc" if descending else "desc") if key == sort else ("asc" if key == "title" else "desc"),
        }
        for key, label in columns
    ]
    context = {"works": works, "totals": selectors.totals(works), "headers": headers}
    return render(request, "stats/index.html", context)


@login_required
@require_GET
def work_stats(request: HttpRequest, work_id: int) -> HttpResponse:
    work = selectors.work_for_stats(request.user, work_id)
    days = _days(request)
    metric = request.GET.get("metric", "hits")
    metric = metric if metric in selectors.METRICS else "hits"
    series = selectors.daily(work, days=days)
    chart = bar_chart(series[metric])
    context = {
        "work": work,
        "days": days,
        "ranges": selectors.RANGES,
        "metric": metric,
        "metric_label": selectors.METRICS[metric],
        "metrics": selectors.METRICS.items(),
        "chart": chart,
        "period_totals": {key: s.total for key, s in series.items()},
        "chapters": selectors.chapter_rows(work),
    }
    return render(request, "stats/work.html", context)


@login_required
@require_GET
def work_stats_csv(request: HttpRequest, work_id: int) -> HttpResponse:
    """Every metric per day over the chosen range, one row a day (days without anything are 0)."""
    work = selectors.work_for_stats(request.user, work_id)
    days = _days(request)
    series = selectors.daily(work, days=days)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="work-{work.pk}-statistics-{days}-days.csv"'
    writer = csv.writer(response)
    writer.writerow(["date", *selectors.METRICS])
    columns = [dict(series[metric].days) for metric in selectors.METRICS]
    for day, _ in series["hits"].days:
        writer.writerow([day.isoformat(), *(column[day] for column in columns)])
    return response
