"""The suggester: a document in, suggestions for every field out, each with its evidence.

document_from_work / document_from_parsed / document_from_text  →  suggest_document(document)
"""

from __future__ import annotations

from scriptorium.suggest import characters, content, fandoms, relationships
from scriptorium.suggest.classifier import TRUST, classifier_predict
from scriptorium.suggest.knowledge import Knowledge, knowledge_current
from scriptorium.suggest.language import detect_language
from scriptorium.suggest.matcher import Scan
from scriptorium.suggest.result import Evidence, Suggestion, Suggestions
from scriptorium.suggest.textsource import Document
from scriptorium.tags.relationships import ROMANTIC

ORIGINAL_WORK = "Original Work"
#: Suggestions below this confidence are left out.
THRESHOLD = 0.3
#: A fandom's characters count when its score reaches this share of the leading fandom's.
FANDOM_SHARE = 0.3
SUB_FANDOM_MIN = 5.0


def suggest_document(
    document: Document, knowledge: Knowledge | None = None, *, use_classifier: bool = True
) -> Suggestions:
    knowledge = knowledge if knowledge is not None else knowledge_current()
    scan = Scan(document, knowledge)
    out = Suggestions()
    if document.truncated:
        out.notes.append("The text is very long: only its beginning was read.")

    # Fandom context first (cues, names in the summary), then characters resolved in it, then both again.
    scores = fandoms.text_scores(scan, knowledge)
    first = characters.collect(scan, characters.resolve(scan, knowledge, scores), knowledge)
    context = fandoms.text_scores(scan, knowledge)
    fandoms.add_characters(context, knowledge, {n: s.weight for n, s in first.items()}, {})
    roots = context.roots(knowledge)
    hint = max(roots, key=roots.__getitem__) if roots else ""
    resolved = characters.resolve(scan, knowledge, context, fandom_hint=hint)
    stats = characters.collect(scan, resolved, knowledge)
    renamed = {old: name for name, item in stats.items() for old in item.absorbed}
    resolved = [(m, renamed.get(n, n), s) for m, n, s in resolved]
    evidence = {n: characters.evidence_for(scan, s)[0] for n, s in stats.items() if s.mentions}
    final = fandoms.text_scores(scan, knowledge)
    fandoms.add_characters(final, knowledge, {n: s.weight for n, s in stats.items()}, evidence)
    roots = final.roots(knowledge)

    chosen_roots = _fandoms(out, final, roots, knowledge)
    allowed = {
        n for n in stats if any(r in chosen_roots for f in knowledge.characters[n].fandoms for r in knowledge.roots(f))
    }
    main = characters.on_page(stats, allowed)
    for name, confidence in sorted(main.items(), key=lambda kv: -kv[1]):
        found = Suggestion(name, confidence, characters.evidence_for(scan, stats[name]))
        found.surfaces = sorted(stats[name].surfaces)
        out.characters.append(found)

    romance_genre = "romance" in {t.casefold() for t in document.given.get("additional_tags", [])}
    people = _relationships(out, scan, knowledge, resolved, stats, main, chosen_roots, romance_genre)
    _categories(out, people, stats, scan)
    _mentioned(out, scan, stats, allowed)

    signals = content.signals_count(document, scan)
    out.rating.append(content.rating(signals, document.given_rating))
    if use_classifier and signals.words >= content.MIN_WORDS:
        _classify(out, document)
    main_mentions = [(m.part, m.start, m.end, n) for m, n, _ in resolved if n in main and not m.header]
    out.warnings.extend(content.warnings(signals, scan, main_mentions))
    romance = any(r.name for r in out.relationships if "/" in r.name)
    header_tags = list(document.given.get("additional_tags", []))
    header_text = " ".join(p.text[s:e] for p, s, e in document.header_texts()).casefold()
    if "slow burn" in header_text or "slowburn" in header_text:
        header_tags.append("Slow Burn")
    out.additional_tags.extend(content.additional_tags(signals, romance=romance, header_tags=header_tags))
    language = detect_language("\n".join(p.text for p in document.chapters) or document.parts[0].text)
    if language is not None:
        out.language.append(language)
    _apply_feedback(out, knowledge)
    return out


def _mentioned(out: Suggestions, scan: Scan, stats: dict, allowed: set[str]) -> None:
    """The characters only talked about, apart from the main ones (whom this never changes)."""
    main = set(out.names("characters"))
    for name, confidence in characters.mentioned_only(stats, allowed, main).items():
        found = Suggestion(name, confidence, characters.evidence_for(scan, stats[name]), "Only mentioned.")
        found.surfaces = sorted(stats[name].surfaces)
        out.mentioned.append(found)


def _fandoms(out: Suggestions, scores: fandoms.FandomScores, roots: dict[str, float], knowledge: Knowledge) -> set[str]:
    if not roots or max(roots.values()) < fandoms.MIN_SCORE:
        out.fandoms.append(Suggestion(ORIGINAL_WORK, 0.5, [], "No fandom's characters or cue words were found."))
        return set()
    total = sum(roots.values())
    top = max(roots.values())
    chosen = {r for r, s in roots.items() if s >= FANDOM_SHARE * top and s >= fandoms.MIN_SCORE}
    for root in sorted(chosen, key=lambda r: -roots[r]):
        confidence = (roots[root] / (roots[root] + 6)) * (0.5 + 0.5 * roots[root] / total)
        items = [e for f, evs in scores.evidence.items() if root in knowledge.roots(f) for e in evs]
        out.fandoms.append(Suggestion(root, confidence, items))
    # A sub-fandom with its own cues or name ("Captain America (Movies)" from "Triskelion") as a second choice.
    for fandom, score in sorted(scores.own.items(), key=lambda kv: -kv[1]):
        if fandom in chosen or score < SUB_FANDOM_MIN or not knowledge.roots(fandom) & chosen:
            continue
        cue_score = sum(e.weight for e in scores.evidence.get(fandom, []) if e.signal == "lexicon rule")
        if cue_score or any(e.chapter == 0 for e in scores.evidence.get(fandom, [])):
            out.fandoms.append(Suggestion(fandom, min(0.6, score / (score + 10)), scores.evidence[fandom]))
    return chosen


def _relationships(
    out: Suggestions,
    scan: Scan,
    knowledge: Knowledge,
    resolved: list,
    stats: dict,
    main: dict[str, float],
    roots: set[str],
    romance_genre: bool,
) -> dict[str, frozenset[str]]:
    by_mention = {id(m): n for m, n, _ in resolved}
    found = relationships.from_header(scan, knowledge, by_mention, roots)
    found += relationships.from_text(scan, knowledge, resolved, stats, set(main))
    romantic = [f for f in found if f.kind == ROMANTIC]
    if not romantic and romance_genre:
        couple = relationships.from_genre(knowledge, scan, stats, main)
        romantic = [couple] if couple else []
        found += romantic
    found += relationships.platonic(knowledge, scan, stats, main, romantic)
    merged: dict[str, relationships.Found] = {}
    for item in found:
        if not item.characters <= set(stats):
            continue  # a ship name whose people never show up in the text
        if item.name in merged:
            kept = merged[item.name]
            kept.confidence = min(0.98, max(kept.confidence, item.confidence) + 0.05)
            kept.evidence += item.evidence
        else:
            merged[item.name] = item
    for item in sorted(merged.values(), key=lambda f: -f.confidence):
        out.relationships.append(Suggestion(item.name, item.confidence, item.evidence))
        # The people of a relationship from the summary are on the page even when the text calls them "he".
        for person in sorted(item.characters):
            if person not in out.names("characters") and stats[person].count >= 2:
                out.characters.append(Suggestion(person, 0.5, characters.evidence_for(scan, stats[person])))
    return {name: item.characters for name, item in merged.items()}


def _categories(out: Suggestions, relationship_people: dict[str, frozenset[str]], stats: dict, scan: Scan) -> None:
    found: dict[str, Suggestion] = {}
    for suggestion in out.relationships:
        people = relationship_people.get(suggestion.name)
        if "/" not in suggestion.name or people is None:
            continue
        genders = sorted(stats[p].gender or "?" for p in people if p in stats)
        if len(people) > 2:
            category = "Multi"
        elif genders == ["m", "m"]:
            category = "M/M"
        elif genders == ["f", "f"]:
            category = "F/F"
        elif genders == ["f", "m"]:
            category = "F/M"
        else:
            continue
        item = found.setdefault(category, Suggestion(category, suggestion.confidence * 0.9, []))
        item.evidence.append(Evidence(0, 0, 0, f"From the relationship {suggestion.name}.", "co-occurrence", 1.0))
    if not any("/" in s.name for s in out.relationships):
        guessed = relationships.category_from_pronouns(scan) if not out.characters else None
        if guessed:
            found[guessed[0]] = Suggestion(guessed[0], 0.5, guessed[1], "From the pronouns around romantic moments.")
        else:
            found["Gen"] = Suggestion("Gen", 0.6, [], "No romantic relationship was found.")
    out.categories.extend(found.values())


def _classify(out: Suggestions, document: Document) -> None:
    """Let the archive's own classifier back or (when it is sure and the rules are not) replace the rating."""
    prediction = classifier_predict("\n".join(p.text for p in document.chapters))
    if prediction is None:
        out.notes.append("No rating classifier has been trained on this archive yet: the rating comes from rules.")
        return
    label, probability = prediction
    rated = out.rating[0]
    evidence = Evidence(
        0, 0, 0, f"Works of this archive like this one are rated {label} ({probability:.0%}).", "classifier", 1.5
    )
    if label == rated.name:
        rated.confidence = min(0.97, rated.confidence + 0.1)
        rated.add(evidence)
    elif probability >= TRUST and rated.confidence < 0.6 and document.given_rating is None:
        note = f"From the classifier; the rules alone said {rated.name}."
        out.rating[0] = Suggestion(label, probability * 0.8, [evidence, *rated.evidence], note)
    else:
        rated.add(evidence)
        rated.note = (rated.note + f" The classifier would say {label}.").strip()


def _apply_feedback(out: Suggestions, knowledge: Knowledge) -> None:
    for field_name, items in out.field_items():
        kept = []
        for item in items:
            item.confidence *= knowledge.weights.tag_factor(field_name, item.name)
            if item.confidence >= THRESHOLD or field_name in ("rating", "warnings", "language"):
                kept.append(item)
        items[:] = kept
    for item in out.mentioned:  # what writers decided on a character counts for its mentions too
        item.confidence *= knowledge.weights.tag_factor("characters", item.name)
    out.mentioned[:] = [m for m in out.mentioned if m.confidence >= THRESHOLD]
