"""How many gold event locations of the development corpus our events put in the right country.

    python benchmarks/places_dev.py                       # ../shared/corpus/dev
    python benchmarks/places_dev.py --corpus ../shared/corpus/world

For every gold event with a ``location``: the gold place is resolved with the same gazetteer
(its actors' countries breaking ties) to get its country; the system event the evaluation pairs
with it (evaluation.events matching: type and actors) is resolved as ingest resolves it. Printed:
gold events with a location, how many of them a system event matches, how many matched events
carry a location, and how many get coordinates in the gold place's country (the share asked for),
then every located gold event with what we gave, and how many matched events without a location
name a place of the right country in their evidence sentences (what the events stage could add).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from diplograph.evaluation.corpus import DEFAULT_HOLDOUT, read_holdout
from diplograph.evaluation.events import _best_pairs
from diplograph.evaluation.reading import gold_pairs, load_article
from diplograph.pipeline import Options, analyze
from diplograph.places import resolve

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    args = parser.parse_args()
    options = Options.create()
    located = matched = with_place = right = named = 0
    held = read_holdout(DEFAULT_HOLDOUT)
    lines = []
    for text_path, gold_path in gold_pairs(args.corpus):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = analyze(load_article(text_path, options), options=options)
        pairs = _best_pairs(gold.get("events", []), list(doc.events))
        for n, event in enumerate(gold.get("events", [])):
            if not event.get("location"):
                continue
            located += 1
            expected = resolve(event["location"], countries={*event["source"], *event["target"]})
            ours = pairs.get(n)
            place = None
            if ours is not None:
                matched += 1
                countries = {p.entity.country or p.entity.code for p in (*ours.source, *ours.target)}
                place = resolve(ours.location, countries=countries)
                with_place += place is not None
            ok = place is not None and expected is not None and place.country == expected.country
            right += ok
            if ours is not None and place is None and expected is not None:  # what the events stage could add
                sentences = {span.sentence for span in ours.evidence}
                nearby = [resolve(m.text) for m in doc.actors
                          if m.sentence in sentences and m.form in ("place", "capital")]  # fmt: skip
                named += any(p is not None and p.country == expected.country for p in nearby)
            if text_path.stem in held:
                continue  # held-out articles count in the totals but never show their details
            lines.append(f"  {'ok ' if ok else '-- '}{text_path.stem} {event['id']} gold {event['location']!r}"
                         f" ({expected.country if expected else '?'}); ours "
                         f"{'unmatched' if ours is None else repr(ours.location)}"
                         f"{f' -> {place.name} ({place.country})' if place else ''}")  # fmt: skip
    share = right / located if located else 0.0
    print(
        f"{args.corpus}: {located} gold events with a location; {matched} matched by a system event; "
        f"{with_place} of those located; {right} in the right country = {share:.1%} of gold-located events; "
        f"{named} more matched events name a place of the right country in their evidence sentences "
        "(a capital or city mention the event coder does not take as the location)"
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
