"""End-to-end speed (text in, events out) on a large synthetic corpus: sentences/s and peak memory.

    python benchmarks/pipeline_speed.py --articles 2000

The corpus is generated from templates (German and English, our own sentences) with actors,
roles, dates and noise drawn at random, so no news text is needed.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from diplograph.model import Article
from diplograph.pipeline import Options, analyze

DE_TEMPLATES = [
    "{de_leader} traf am {day}. {de_month} {year} den {de_adj} Präsidenten in {de_capital}.",
    "Der {de_adj} Außenminister warf {de_state} vor, {de_state2} mit Drohnen zu beliefern.",
    "Wie {outlet} berichtete, wollen {de_state} und {de_state2} diesen {de_weekday} ein Abkommen unterzeichnen.",
    "Die beiden Länder hatten bereits im vergangenen Jahr eine Vereinbarung getroffen.",
    "{de_capital} kritisierte die Sanktionen scharf, die der Westen vor {de_num} Tagen verhängt hatte.",
    "Die {de_adj} Armee griff nach Angaben des Militärs Ziele im Süden des Landes an.",
    "Nach einem Treffen mit seinem {de_adj} Amtskollegen sprach der Minister von Fortschritten.",
]
EN_TEMPLATES = [
    "{en_leader} met the {en_adj} president in {en_capital} on {en_month} {day}, {year}.",
    "{en_state}'s foreign minister accused {en_state2} of supplying drones to {en_state3}.",
    "According to {outlet}, {en_state} and {en_state2} will sign a treaty this {en_weekday}.",
    "Both countries signed a similar agreement last year, officials said.",
    "{en_capital} condemned the sanctions the West imposed {en_num} days ago.",
    "The {en_adj} military said it struck targets in the south of the country.",
    "After talks with his {en_adj} counterpart, the minister spoke of progress.",
]
FILL = {
    "de_leader": ["Wladimir Putin", "Olaf Scholz", "Emmanuel Macron", "Recep Tayyip Erdogan", "Xi Jinping"],
    "en_leader": ["Vladimir Putin", "Joe Biden", "Keir Starmer", "Narendra Modi", "Kim Jong Un"],
    "de_adj": ["iranischen", "russischen", "chinesischen", "französischen", "türkischen", "israelischen"],
    "en_adj": ["Iranian", "Russian", "Chinese", "French", "Turkish", "Israeli"],
    "de_state": ["Russland", "Iran", "China", "Nordkorea", "die Ukraine", "Israel", "Frankreich"],
    "en_state": ["Russia", "Iran", "China", "North Korea", "Ukraine", "Israel", "France"],
    "de_capital": ["Moskau", "Teheran", "Peking", "Kiew", "Paris", "Berlin"],
    "en_capital": ["Moscow", "Tehran", "Beijing", "Kyiv", "Paris", "Berlin"],
    "de_month": ["Januar", "März", "Juni", "Oktober"],
    "en_month": ["January", "March", "June", "October"],
    "de_weekday": ["Freitag", "Montag", "Mittwoch"],
    "en_weekday": ["Friday", "Monday", "Wednesday"],
    "de_num": ["drei", "zwei", "fünf"],
    "en_num": ["three", "two", "five"],
    "outlet": ["Reuters", "AFP", "dpa", "Tasnim"],
    "day": [str(d) for d in range(1, 29)],
    "year": ["2023", "2024", "2025"],
}


def synthetic_article(rng: random.Random, n: int) -> Article:
    lang = rng.choice(["de", "en"])
    templates = DE_TEMPLATES if lang == "de" else EN_TEMPLATES
    sentences = []
    for _ in range(rng.randint(8, 24)):
        template = rng.choice(templates)
        values = {k: rng.choice(v) for k, v in FILL.items()}
        values["de_state2"], values["en_state2"] = rng.choice(FILL["de_state"]), rng.choice(FILL["en_state"])
        values["en_state3"] = rng.choice(FILL["en_state"])
        sentences.append(template.format(**values))
    # Noise: hard line breaks at a fixed width, as in PDF extracts.
    text = " ".join(sentences)
    if rng.random() < 0.5:
        words, lines, line = text.split(), [], ""
        for word in words:
            if len(line) + len(word) > 60:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        text = "\n".join([*lines, line])
    return Article(id=f"synthetic-{n}", text=text, lang=None, published="2025-01-13")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    options = Options.create()
    articles = [synthetic_article(rng, n) for n in range(args.articles)]
    analyze(articles[0], options=options)  # warm caches: lexicons and grammars load once per process
    start = time.perf_counter()
    sentences = mentions = times = events = 0
    for article in articles:
        doc = analyze(article, options=options)
        sentences += len(doc.sentences)
        mentions += len(doc.actors)
        times += len(doc.times)
        events += len(doc.events)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles:          {len(articles)}")
    print(f"sentences:         {sentences}")
    print(f"actor mentions:    {mentions}")
    print(f"time expressions:  {times}")
    print(f"events:            {events}")
    print(f"seconds:           {elapsed:.2f}")
    print(f"sentences/s:       {sentences / elapsed:,.0f}  (one core)")
    print(f"articles/s:        {len(articles) / elapsed:,.0f}")
    print(f"peak memory (MB):  {peak_mb:,.0f}")


if __name__ == "__main__":
    main()
