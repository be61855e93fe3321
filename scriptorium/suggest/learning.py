"""Learning from writers' decisions, kept simple and explainable.

* Every suggested tag has a factor (2 + accepted) / (2 + accepted + rejected): a tag writers keep rejecting
  is suggested with less confidence, and falls below the threshold after enough rejections.
* A character found through a name that writers rejected in a fandom (say "Buck" for Bucky Barnes in a
  western) counts less in that fandom: each net rejection divides the weight of that name there.

Wrangling needs nothing here: the knowledge reads synonyms from the tag graph, so a new synonym is a new alias.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Weights:
    accepted: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)
    #: (character, folded surface, fandom) → rejections minus acceptances.
    alias_net: Counter = field(default_factory=Counter)

    def tag_factor(self, field_name: str, name: str) -> float:
        a = self.accepted[(field_name, name)]
        r = self.rejected[(field_name, name)]
        return (2 + a) / (2 + a + r)

    def alias_factor(self, character: str, surface: str, fandom: str) -> float:
        net = self.alias_net[(character, surface.casefold(), fandom)]
        return 1.0 / (1 + net) if net > 0 else 1.0


def weights_load() -> Weights:
    from scriptorium.suggest.models import SuggestionFeedback

    weights = Weights()
    rows = SuggestionFeedback.objects.values_list("field", "name", "decision", "surfaces", "fandom")
    for field_name, name, decision, surfaces, fandom in rows.iterator():
        accepted = decision == SuggestionFeedback.Decision.ACCEPTED
        (weights.accepted if accepted else weights.rejected)[(field_name, name)] += 1
        if field_name == "characters":
            for surface in surfaces or ():
                weights.alias_net[(name, str(surface).casefold(), fandom)] += -1 if accepted else 1
    return weights
