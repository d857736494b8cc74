"""Find actor mentions, link them to the knowledge base, and resolve roles by date.

Per sentence: (1) longest-match gazetteer lookup over tokens, including the parts of
hyphenated compounds ("US-Präsident", "russisch-iranische"); (2) role phrases get their
country from an adjacent adjective, genitive, compound prefix, "of"-phrase or following name,
and their holder from the dated offices; (3) capitals are metonyms unless used as places;
(4) "die beiden Länder" / "both countries" refer back to the last two states named.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise

from diplograph.actors.kb import OFFICES, KnowledgeBase
from diplograph.actors.lexicon import Entry, Lexicon
from diplograph.actors.names import name_parts
from diplograph.model import ActorMention, Entity, OutletMention, Sentence, Token
from diplograph.text.normalize import NormText

# Generic roles whose seat names the state: "die Regierung in Moskau", "the authorities in Tehran".
SEATED_ROLES = frozenset({"government", "foreign_ministry", "defence_ministry"})
_MAX_UNKNOWN_NAME_TOKENS = 4
# How far back "both countries" looks for two actors named together.
_PAIR_SENTENCES = 3
# Institutions a text names bare once it is about a state: "Das Militär teilte mit".
INSTITUTIONS = frozenset({"armed_forces", "foreign_ministry", "defence_ministry", "government", "intelligence"})


@dataclass(slots=True)
class _Item:
    """A gazetteer match inside one sentence (token indices are sentence-relative)."""

    entry: Entry
    first: int
    last: int  # exclusive
    start: int  # offsets into the repaired text
    end: int
    in_compound: bool = False
    consumed: bool = False


def find_actors(
    norm: NormText,
    sentences: tuple[Sentence, ...],
    *,
    lexicon: Lexicon,
    kb: KnowledgeBase,
    on: date | None,
) -> tuple[tuple[ActorMention, ...], tuple[OutletMention, ...]]:
    """All actor and outlet mentions of a document, in text order.

    Args:
        on: the day roles are resolved for (the publication date); None leaves roles at
            their country.
    """
    actors: list[ActorMention] = []
    outlets: list[OutletMention] = []
    for index, sent in enumerate(sentences):
        shouted = _shouted(sent.tokens)
        items = _match(sent.tokens, lexicon, shouted=shouted)
        if not shouted:  # in capitals every word looks like part of a longer name
            _drop_guarded(items, sent.tokens, lexicon)
        for item in items:
            if item.entry.kind == "outlet":
                outlet = kb.outlets[item.entry.key]
                start, end = norm.raw_span(item.start, item.end)
                outlets.append(
                    OutletMention(norm.text[item.start : item.end], start, end, outlet.name, outlet.country,
                                  outlet.state_media, index)
                )  # fmt: skip
        mentions = _link(items, sent.tokens, norm, kb, lexicon, on, index, actors)
        actors.extend(mentions)
    actors.extend(name_parts(norm, sentences, actors, lexicon.rules))
    actors.sort(key=lambda m: (m.start, m.end))
    return tuple(actors), tuple(outlets)


def _match(tokens: tuple[Token, ...], lexicon: Lexicon, *, shouted: bool = False) -> list[_Item]:
    """Gazetteer matches, left to right: at each token the first candidate name that fits, as
    written, then (in a shouted sentence) in ordinary case. One dict lookup a token; most have no
    candidate and cost nothing more (an Aho-Corasick automaton over the sentence measured slower)."""
    items: list[_Item] = []
    words = [t.text for t in tokens]
    titled = _titled(words) if shouted else None
    get = lexicon.index.get
    i = 0
    n = len(tokens)
    while i < n:
        candidates = get(words[i])
        found = _fit(candidates, words, i, n) if candidates else None
        if found is None and titled is not None and (candidates := get(titled[i])):
            found = _fit(candidates, titled, i, n)
        token = tokens[i]
        if found is not None:
            surface, entry = found
            length = len(surface)
            last = tokens[i + length - 1]
            end = last.end if last.text == surface[-1] else last.start + len(surface[-1])
            items.append(_Item(entry, i, i + length, token.start, end))
            if end < last.end:  # "United Nations-brokered", "South Korea-Japan": the rest of the compound
                rest = _compound_parts(last, i + length - 1, lexicon)
                items.extend(item for item in rest if item.start >= end)
            i += length
            continue
        if "-" in token.text and token.is_word:
            items.extend(_compound_parts(token, i, lexicon))
        i += 1
    return items


def _fit(
    candidates: tuple[tuple[tuple[str, ...], Entry], ...], texts: list[str], i: int, n: int
) -> tuple[tuple[str, ...], Entry] | None:
    """The first candidate whose words follow at ``i``, in the lexicon's order."""
    for surface, entry in candidates:
        length = len(surface)
        if length == 1 or (
            i + length <= n
            and _same(texts[i + 1], surface[1], length == 2)  # most multi-word candidates fail here
            and all(_same(texts[i + k], surface[k], k == length - 1) for k in range(2, length))
        ):
            return surface, entry
    return None


def _same(text: str, word: str, last: bool) -> bool:
    """A name's word as written, its last word also as the first part of a hyphenated compound."""
    return text == word or (last and text.startswith(word + "-"))


def _shouted(tokens: tuple[Token, ...]) -> bool:
    """A sentence written in capitals ("FRANCE ACCUSED RWANDA …"): most of its words are."""
    upper = letters = 0
    for t in tokens:
        if t.is_word and t.text[:1].isalpha():
            letters += 1
            if len(t.text) > 1 and t.text.isupper():
                upper += 1
    return upper >= 3 and upper * 3 >= letters * 2


def _titled(words: list[str]) -> list[str]:
    """Capitalised words in ordinary case ("RWANDA" -> "Rwanda"), tried after the words as written
    so acronyms ("UN", "NATO") still match as they are."""
    return [w[:1] + w[1:].lower() if w.isupper() and len(w) > 1 else w for w in words]


def _compound_parts(token: Token, i: int, lexicon: Lexicon) -> list[_Item]:
    """Actors and roles inside "US-Präsident", "russisch-iranischen", "Iran-Abkommen"."""
    items = []
    offset = token.start
    pieces = token.text.split("-")
    for n, piece in enumerate(pieces):
        entry = lexicon.parts.get(piece)
        if entry is None:
            hits = [e for surface, e in lexicon.candidates(piece) if len(surface) == 1]
            entry = hits[0] if hits else None
            if entry is not None and entry.kind not in ("actor", "role") and not (entry.kind == "person" and n == 0):
                entry = None
        if entry is not None:
            items.append(_Item(entry, i, i + 1, offset, offset + len(piece), in_compound=True))
        offset += len(piece) + 1
    return items


def _drop_guarded(items: list[_Item], tokens: tuple[Token, ...], lexicon: Lexicon) -> None:
    """Drop matches that are likely part of a longer proper name ("West Bank", "Jordan River")."""
    keep = []
    for item in items:
        entry = item.entry
        if entry.kind == "actor" and not item.in_compound:
            after = tokens[item.last] if item.last < len(tokens) else None
            before = tokens[item.first - 1] if item.first > 0 else None
            cap_after = after is not None and after.is_word and after.text[:1].isupper()
            cap_before = before is not None and before.is_word and before.text[:1].isupper() and item.first > 1
            guarded = lexicon.rules.proper_noun_guard and entry.form in ("name", "capital", "member")
            if (guarded or entry.weak) and cap_after and not _starts_item(items, item.last):
                continue
            if entry.weak and cap_before and not _ends_item(items, item.first):
                continue
        keep.append(item)
    items[:] = keep


def _starts_item(items: list[_Item], token_index: int) -> bool:
    return any(other.first == token_index and not other.in_compound for other in items)


def _ends_item(items: list[_Item], token_index: int) -> bool:
    return any(other.last == token_index and not other.in_compound for other in items)


def _link(
    items: list[_Item],
    tokens: tuple[Token, ...],
    norm: NormText,
    kb: KnowledgeBase,
    lexicon: Lexicon,
    on: date | None,
    index: int,
    earlier: list[ActorMention],
) -> list[ActorMention]:
    rules = lexicon.rules
    mentions: list[ActorMention] = []

    def emit(item_start: int, item_end: int, entity: Entity, form: str, role: str | None, metonymy: bool = False):
        start, end = norm.raw_span(item_start, item_end)
        mentions.append(ActorMention(norm.text[item_start:item_end], start, end, entity, form, role, metonymy, index))

    # Roles first: they absorb the adjectives, genitives and prefixes that name their country.
    for item in items:
        if item.entry.kind == "role" and not item.consumed:
            _link_role(item, items, tokens, kb, lexicon, on, earlier + mentions, emit, index)
    for item in items:
        entry = item.entry
        if item.consumed or entry.kind in ("outlet", "role"):
            continue
        if entry.kind == "person":
            person = kb.people[entry.key]
            entity, office = kb.person_entity(person, on)
            if entity.code:
                emit(item.start, item.end, entity, "person", office)
            continue
        if entry.kind == "coref":
            raw_start = norm.raw_span(item.start, item.end)[0]
            before = [m for m in earlier + mentions if m.start < raw_start]
            for entity in _refer_back(entry, before, kb, norm.raw, rules.coordinators):
                emit(item.start, item.end, entity, "coreference", None)
            continue
        entity = kb.acting_as(kb.entities[entry.key], on)
        metonymy = False
        if entry.form in ("capital", "metonym"):
            before = tokens[item.first - 1].text if item.first > 0 else ""
            metonymy = before not in rules.locative_prepositions and before.lower() not in rules.locative_prepositions
        emit(item.start, item.end, entity, entry.form, None, metonymy)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _link_role(
    item: _Item,
    items: list[_Item],
    tokens: tuple[Token, ...],
    kb: KnowledgeBase,
    lexicon: Lexicon,
    on: date | None,
    earlier: list[ActorMention],
    emit: Callable[..., None],
    index: int = 0,
) -> None:
    """Resolve a role word to a country and, where the date allows, to its holder."""
    rules = lexicon.rules
    entry = item.entry
    office = entry.key
    country: str | None = entry.actor
    start = item.start
    time_shift = False
    # Modifiers before the role: "der iranische Präsident", "Iran's president", "US-Präsident".
    cursor = item.first
    for other in reversed(items):
        if other is item or other.consumed:
            continue
        if other.in_compound and other.first == item.first and other.end <= item.start and other.entry.kind == "actor":
            country = country or other.entry.key
            other.consumed = True
            start = min(start, tokens[item.first].start)
            continue
        if other.last <= cursor and other.entry.kind == "actor" and not other.in_compound:
            gap = [t.text for t in tokens[other.last : cursor]]
            if all(word in rules.role_modifiers or word in ("'s", "’s") for word in gap) and other.entry.form in (
                "adjective", "genitive", "name", "capital", "metonym", "institution",
            ):  # fmt: skip
                country = country or other.entry.key
                other.consumed = True
                start = other.start
            break
    first_modifier = _token_index_at(tokens, start)
    if first_modifier > 0 and tokens[first_modifier - 1].text in rules.role_time_shift:
        time_shift = True
    # After the role: "Präsident des Iran", "President of Iran", "Präsident Wladimir Putin".
    end = item.end
    named_person: Entity | None = None
    after = item.last
    for link in rules.genitive_links:
        if tuple(t.text for t in tokens[after : after + len(link)]) == link:
            follower = _item_at(items, after + len(link))
            if follower is not None and follower.entry.kind == "actor" and country is None:
                country = follower.entry.key
                follower.consumed = True
                end = follower.end
            break
    else:
        follower = _item_at(items, after)
        seat = _item_at(items, after + 1)
        if (
            country is None
            and office in SEATED_ROLES
            and seat is not None
            and seat.entry.form == "capital"
            and after < len(tokens)
            and tokens[after].text in rules.locative_prepositions
        ):
            # "die Regierung in Moskau": the seat of a government names its state.
            country = seat.entry.key
            seat.consumed = True
            end = seat.end
        elif (
            follower is not None
            and follower.entry.kind == "actor"
            and follower.entry.form == "genitive"
            and not country
        ):
            country = follower.entry.key
            follower.consumed = True
            end = follower.end
    skip = 1 if after < len(tokens) and tokens[after].text == "," else 0
    follower = _item_at(items, after + skip) or _item_at(items, after)
    if follower is not None and follower.entry.kind == "person":
        named_person, _ = kb.person_entity(kb.people[follower.entry.key], on)
        country = country or named_person.code
    elif country and office not in (
        "government",
        "armed_forces",
        "foreign_ministry",
        "defence_ministry",
        "embassy",
        "state_media",
        "intelligence",
    ):
        unknown = _unknown_name(tokens, after + skip, items)
        if unknown is not None:
            name_start, name_end, name = unknown
            named_person = Entity(None, country, name, "person", None, country)
            emit(name_start, name_end, named_person, "person", office)
    if office == "counterpart":
        office = _counterpart_office(earlier) or "counterpart"
    definite = item.first > 0 and tokens[item.first - 1].text.lower() in rules.definite_articles
    if country is None and office in INSTITUTIONS and definite:
        country = _institution_country(item, items, earlier, index)
    if country is None:
        resolved = _role_coreference(office, earlier)
        if resolved is None:
            return
        emit(start, end, resolved.entity, "role", resolved.role)
        return
    if named_person is not None:
        emit(
            start,
            end,
            replace(named_person, code=country if named_person.code != country else named_person.code),
            "role",
            office,
        )
        return
    holder = None
    if on is not None and not time_shift and (office in OFFICES or office in kb.office_groups):
        holder = kb.holder(country, office, on)
    if holder is not None:
        entity, held = kb.person_entity(holder, on)
        emit(start, end, replace(entity, code=country), "role", held or office)
        return
    state = kb.entities.get(country)
    if state is not None:
        emit(start, end, state, "role", office)


def _token_index_at(tokens: tuple[Token, ...], offset: int) -> int:
    for n, token in enumerate(tokens):
        if token.start <= offset < token.end or token.start >= offset:
            return n
    return len(tokens)


def _item_at(items: list[_Item], token_index: int) -> _Item | None:
    for item in items:
        if item.first == token_index and not item.in_compound and not item.consumed:
            return item
    return None


def _unknown_name(tokens: tuple[Token, ...], first: int, items: list[_Item]) -> tuple[int, int, str] | None:
    """Capitalised words right after a role, not known as anything: an unlisted person."""
    n = first
    while (
        n < len(tokens)
        and n - first < _MAX_UNKNOWN_NAME_TOKENS
        and tokens[n].is_word
        and tokens[n].text[:1].isupper()
        and "-" not in tokens[n].text
        and not any(it.first <= n < it.last for it in items)
    ):
        n += 1
    # Need at least two words: a first name and a surname ("Ali Bagheri").
    if n - first < 2:
        return None
    return tokens[first].start, tokens[n - 1].end, " ".join(t.text for t in tokens[first:n])


def _institution_country(item: _Item, items: list[_Item], earlier: list[ActorMention], index: int) -> str | None:
    """A bare "das Militär" / "the ministry" belongs to the state the sentence opens with,
    else to the first state of the previous sentence: the state the text is about."""
    for other in items:
        if other.first <= 1 and other is not item and other.entry.kind == "actor" and other.first < item.first:
            return other.entry.key
    previous = [m for m in earlier if m.sentence == index - 1 and m.entity.kind == "state"]
    return previous[0].entity.code if previous else None


@dataclass(frozen=True, slots=True)
class _Resolved:
    entity: Entity
    role: str | None


def _counterpart_office(earlier: list[ActorMention]) -> str | None:
    """ "Amtskollege" / "counterpart" holds the same office as the last role-holder named."""
    for mention in reversed(earlier[-12:]):
        if mention.role in OFFICES and mention.entity.kind == "person":
            return mention.role
    return None


def _role_coreference(office: str, earlier: list[ActorMention]) -> _Resolved | None:
    """A bare "der Präsident" / "the president": the last person named with that office."""
    for mention in reversed(earlier):
        if mention.entity.kind == "person" and mention.role == office:
            return _Resolved(mention.entity, mention.role)
    return None


def _refer_back(
    entry: Entry, earlier: list[ActorMention], kb: KnowledgeBase, raw: str, coordinators: frozenset[str]
) -> list[Entity]:
    """Who "both countries", "die beiden Länder" are: the last two such actors named together
    ("Thailand and Cambodia", "zwischen Armenien und Aserbaidschan") in the last sentences, else
    the last ``entry.count`` distinct actors of the requested kind, most recent first."""
    qualifying = [(m, actor) for m in earlier if (actor := _referent(entry, m, kb)) is not None]
    if entry.count == 2 and qualifying:
        latest = qualifying[-1][0].sentence
        for (a, first), (b, second) in reversed(list(pairwise(qualifying))):
            if a.sentence < latest - _PAIR_SENTENCES:
                break
            joined = a.sentence == b.sentence and all(w in coordinators for w in raw[a.end : b.start].lower().split())
            if joined and _key(first) != _key(second):
                return [first, second]
    found: dict[str, Entity] = {}
    for _mention, actor in reversed(qualifying):
        found.setdefault(_key(actor), actor)
        if len(found) == entry.count:
            break
    return list(found.values())[::-1] if len(found) == entry.count else []


def _referent(entry: Entry, mention: ActorMention, kb: KnowledgeBase) -> Entity | None:
    """The entity a mention offers to a coreference phrase of ``entry``'s kind, if any."""
    entity = mention.entity
    if entry.key == "person":
        return entity if entity.kind == "person" else None
    if mention.form == "coreference":
        return None
    actor = kb.entities.get(entity.code)
    if actor is None or (entry.key == "state" and actor.kind != "state"):
        return None
    return actor


def _key(entity: Entity) -> str:
    return entity.id or entity.code or entity.name
