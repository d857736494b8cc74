"""Later mentions of a person by one part of the name: "Albin Kurti … Kurti said".

News names a person in full once, with a role, and then by surname (or, for many Arabic,
Malay and Indonesian names, by the given name: "Anwar"). The knowledge base cannot list every
minister; the document itself says who the short form is.
"""

from __future__ import annotations

from diplograph.actors.lexicon import ActorRules
from diplograph.model import ActorMention, Sentence
from diplograph.text.normalize import NormText

# Shorter parts ("Li", "Xi" are known people in the knowledge base, listed there) are too ambiguous.
_MIN_PART = 3


def name_parts(
    norm: NormText, sentences: tuple[Sentence, ...], actors: list[ActorMention], rules: ActorRules
) -> list[ActorMention]:
    """Mentions of people by one part of a full name the document gave earlier; a part two
    different people share names neither."""
    parts: dict[str, ActorMention] = {}
    shared: set[str] = set()
    for mention in actors:
        words = mention.text.split()
        if mention.form != "person" or len(words) < 2:
            continue
        for word in words:
            for part in word.split("-"):
                if len(part) < _MIN_PART or not part[:1].isupper() or part.lower() in rules.name_particles:
                    continue
                known = parts.setdefault(part, mention)
                if known.entity != mention.entity:
                    shared.add(part)
    for part in shared:
        parts.pop(part)
    if not parts:
        return []
    taken = sorted((m.start, m.end) for m in actors)
    found = []
    suffix = rules.person_genitive_suffix
    for index, sentence in enumerate(sentences):
        for token in sentence.tokens:
            text = token.text
            if text not in parts and suffix and text.endswith(suffix):
                text = text[: -len(suffix)]
            full = parts.get(text)
            if full is None:
                continue
            start, end = norm.raw_span(token.start, token.end)
            if start <= full.start or any(s < end and start < e for s, e in taken):
                continue  # before the full name, or inside another mention
            found.append(
                ActorMention(norm.text[token.start : token.end], start, end, full.entity, "person", full.role,
                             False, index)
            )  # fmt: skip
    return found
