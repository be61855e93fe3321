"""Which pages are kept for guests, and what each one's copy depends on besides its address.

A page is named by its URL pattern. Its key holds the generations its content follows (``generations.py``)
and the variants a guest can see of it:

- the adult-content notice (``works.adult``): on a work's pages, whether this guest agreed to see that work;
  on listings, which works they agreed to (search shows passages of those only);
- on a work's pages, where this guest left kudos today (their page says "given" there).

Anything else that differs between guests keeps the page out of the cache (``middleware.py``): an account, a
flash message, a cookie set or the session changed by the page, a CSP nonce used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from scriptorium.interactions.guests import client_ip, today_guest_key
from scriptorium.interactions.selectors.kudos import guest_kudos_places
from scriptorium.pagecache.generations import ALL, LISTINGS, work_generation
from scriptorium.works.adult import adult_agreed_ids

Kwargs = dict[str, object]


@dataclass(frozen=True)
class CachedPage:
    generations: Callable[[Kwargs], list[str]]
    variants: Callable[[HttpRequest, Kwargs], list[str]]


def _listing_generations(kwargs: Kwargs) -> list[str]:
    return [ALL, LISTINGS]


def _listing_variants(request: HttpRequest, kwargs: Kwargs) -> list[str]:
    agreed = adult_agreed_ids(request)
    return ["adult:" + ",".join(str(i) for i in sorted(agreed))]


def _work_generations(kwargs: Kwargs) -> list[str]:
    return [ALL, work_generation(int(kwargs["work_id"]))]


def _work_variants(request: HttpRequest, kwargs: Kwargs) -> list[str]:
    work_id = int(kwargs["work_id"])
    agreed = work_id in adult_agreed_ids(request)
    kudos = guest_kudos_places(work_id, today_guest_key(client_ip(request)))
    return [f"adult:{int(agreed)}", "kudos:" + ",".join(str(c) for c in kudos)]


LISTING = CachedPage(_listing_generations, _listing_variants)
WORK = CachedPage(_work_generations, _work_variants)

#: URL pattern name → how its page is kept. The entire work is the work page's address with
#: ``?view_full_work=true``.
PAGES: dict[str, CachedPage] = {
    "home": LISTING,
    "works:index": LISTING,
    "tags:works": LISTING,
    "search:works": LISTING,
    "works:detail": WORK,
    "works:chapter": WORK,
}
