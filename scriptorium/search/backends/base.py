"""The interface every search backend implements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scriptorium.search.query import SearchResult, WorkQuery


@dataclass
class DriftReport:
    """What ``scriptorium search check`` prints: works the index lacks, holds but should not, or holds stale."""

    missing: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


class BaseSearchBackend:
    """A search backend. Subclasses implement the methods below; one that cannot search chapter text sets
    ``supports_text = False`` (the benchmark then skips the text queries).

    ``params`` is the dict from ``settings.SCRIPTORIUM_SEARCH[alias]`` (without BACKEND)."""

    #: Human name shown by the commands and the benchmark.
    name = "base"
    supports_text = True

    def __init__(self, alias: str, params: dict) -> None:
        self.alias = alias
        self.params = params

    def search(self, query: WorkQuery) -> SearchResult:
        raise NotImplementedError

    def index_works(self, work_ids: Iterable[int]) -> None:
        """(Re)index these works from the database; works that are gone or unposted are removed."""
        raise NotImplementedError

    def rebuild(self, *, progress: Callable[[int, int], None] | None = None) -> int:
        """Drop and rebuild the whole index; ``progress(done, total)``; returns the number of works indexed."""
        raise NotImplementedError

    def check(self) -> DriftReport:
        raise NotImplementedError
