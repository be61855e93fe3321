"""What an eFiction import did and what it could not map, for the operator (printed at the end of the command)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: How many examples of one kind of problem the report lists (the count is always whole).
EXAMPLES = 20


@dataclass
class ImportReport:
    source: str
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    #: kind → the details noted (each kept once), in the order met.
    problems: dict[str, dict[str, int]] = field(default_factory=dict)
    missing_tables: dict[str, str] = field(default_factory=dict)
    challenges: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def note(self, kind: str, detail: str) -> None:
        seen = self.problems.setdefault(kind, {})
        seen[detail] = seen.get(detail, 0) + 1

    def lines(self) -> list[str]:
        c = self.counts
        head = "Dry run (nothing written) of" if self.dry_run else "Imported"
        out = [
            f"{head} the eFiction archive {self.source}:",
            f"  authors: {c['authors']} external creators ({c['authors_new']} new)",
            f"  stories: {c['stories_read']} read, {c['works']} imported as works "
            f"({c['drafts']} as drafts: not validated in eFiction), {c['stories_done']} imported before, "
            f"{c['stories_skipped']} not imported",
            f"  chapters: {c['chapters']}",
            f"  reviews → comments: {c['comments']} (author's responses as replies: {c['replies']})",
            f"  series: {c['series']}",
        ]
        if self.missing_tables:
            out.append("Tables missing from the database (the rest was imported):")
            out += [f"  {name}: needed for {why}" for name, why in self.missing_tables.items()]
        for kind, details in self.problems.items():
            total = sum(details.values())
            out.append(f"Not mapped or not found — {kind} ({total}):")
            for detail, times in list(details.items())[:EXAMPLES]:
                out.append(f"  {detail}" + (f" ×{times}" if times > 1 else ""))
            if len(details) > EXAMPLES:
                out.append(f"  … and {len(details) - EXAMPLES} more")
        if self.failed:
            out.append(f"Stories not imported ({len(self.failed)}):")
            out += [f"  {line}" for line in self.failed]
        if self.challenges:
            out.append(f"Challenges (kept here for collections, not imported: {len(self.challenges)}):")
            out += [f"  {line}" for line in self.challenges]
        return out

    def text(self) -> str:
        return "\n".join(self.lines())
