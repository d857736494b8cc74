"""A language's gazetteer: every written form of every actor, role, person and outlet.

Surfaces are tokenised with the same tokeniser as the text and indexed by their first token,
so recognition is a dictionary lookup per token, longest match first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from diplograph.actors.kb import OFFICES, KnowledgeBase
from diplograph.lang import load
from diplograph.lang.cache import compiled
from diplograph.text.tokenize import tokenize

FORMS = frozenset({"name", "genitive", "adjective", "demonym", "capital", "metonym", "institution", "member", "place"})
GENERIC_ROLES = frozenset(
    {
        "government", "armed_forces", "official", "diplomat", "spokesperson", "minister", "ambassador",
        "state_media", "counterpart", "foreign_ministry", "defence_ministry", "embassy", "intelligence",
        "deputy_foreign_minister",
    }
)  # fmt: skip
_KIND_PRIORITY = {"coref": 0, "person": 1, "role": 2, "actor": 3, "outlet": 4}


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # actor, person, role, outlet, coref
    key: str  # actor code, person id, office, outlet name, coreference kind
    form: str = "name"
    weak: bool = False
    actor: str | None = None  # the actor a role word names by itself ("Kremlsprecher")
    count: int = 0  # how many actors a coreference phrase refers to


@dataclass(frozen=True, slots=True)
class ActorRules:
    locative_prepositions: frozenset[str]
    role_modifiers: frozenset[str]
    role_time_shift: frozenset[str]
    genitive_links: tuple[tuple[str, ...], ...]
    possessives: frozenset[str]
    proper_noun_guard: bool
    definite_articles: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()  # words between actors named together
    person_genitive_suffix: str = ""  # "Kurtis" for Kurti
    name_particles: frozenset[str] = frozenset()  # "al", "bin", "von": never a name on their own


@dataclass(frozen=True, eq=False)
class Lexicon:
    lang: str
    index: dict[str, tuple[tuple[tuple[str, ...], Entry], ...]]
    parts: dict[str, Entry]  # single words usable inside hyphenated compounds ("russisch-iranische")
    rules: ActorRules

    def candidates(self, token: str) -> tuple[tuple[tuple[str, ...], Entry], ...]:
        return self.index.get(token, ())


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


@cache
def lexicon(lang: str, kb: KnowledgeBase) -> Lexicon:
    """The gazetteer of ``lang`` over ``kb``, cached per language and knowledge base in this
    process and on disk (:mod:`diplograph.lang.cache`; the key covers every data file)."""
    return compiled(f"lexicon-{lang}", lambda: _build(lang, kb), folders=kb.folders[1:])


def _build(lang: str, kb: KnowledgeBase) -> Lexicon:
    cfg = load.settings_toml(lang)
    actor_cfg = cfg.get("actors", {})
    endings = tuple(actor_cfg.get("adjective_endings", []))
    genitive_suffix = actor_cfg.get("person_genitive_suffix", "")
    entries: dict[tuple[str, ...], list[Entry]] = {}
    parts: dict[str, Entry] = {}

    interned: dict[Entry, Entry] = {}  # equal entries shared: a smaller, faster-loading cache

    def add(surface: str, entry: Entry, *, both_cases: bool = False) -> None:
        entry = interned.setdefault(entry, entry)
        tokens = tuple(t.text for t in tokenize(surface, lang=lang))
        if not tokens:
            return
        entries.setdefault(tokens, []).append(entry)
        if both_cases and tokens[0][:1].islower():
            entries.setdefault((_capitalised(tokens[0]), *tokens[1:]), []).append(entry)
        if len(tokens) == 1 and entry.kind == "actor":
            parts.setdefault(tokens[0], entry)

    for name in ("states.tsv", "organisations.tsv"):
        for folder in kb.folders:
            # The user's folder mirrors ours: names per language in DIR/de/, DIR/en/.
            path = folder / lang / name if folder != kb.folders[0] else load.lang_file(lang, name)
            if not path.exists():
                continue
            for row in load.read_tsv(path, required=("surface", "code", "form")):
                code, form = row["code"], row["form"]
                if code not in kb.entities:
                    raise row.error(f"unknown actor code {code!r}")
                if form not in FORMS:
                    raise row.error(f"unknown form {form!r}; known: {', '.join(sorted(FORMS))}")
                entry = Entry("actor", code, form, weak="weak" in row.get("flags"))
                surface = row["surface"]
                if form == "adjective" and endings and surface[:1].islower():
                    parts.setdefault(surface, entry)
                    parts.setdefault(_capitalised(surface), entry)
                    for ending in endings:
                        add(surface + ending, entry, both_cases=True)
                else:
                    add(surface, entry, both_cases=True)
    # Cities that are not capitals: where something happens, in the state they lie in ("in Aleppo").
    for row in load.read_tsv(load.lang_file(lang, "places.tsv"), required=("surface", "code")):
        if row["code"] in kb.entities:
            add(row["surface"], Entry("actor", row["code"], "place", weak=True))
    for person in kb.people.values():
        for surface in dict.fromkeys((person.name, *person.aliases)):
            add(surface, Entry("person", person.id, "person"))
            if genitive_suffix and surface[-1:] not in ("s", "z", "x", "ß"):
                add(surface + genitive_suffix, Entry("person", person.id, "person"))
    for row in load.read_tsv(load.lang_file(lang, "roles.tsv"), required=("surface", "office")):
        office = row["office"]
        if office not in OFFICES and office not in GENERIC_ROLES and office not in kb.office_groups:
            raise row.error(f"unknown office {office!r}")
        actor = row.get("actor") or None
        if actor and actor not in kb.entities:
            raise row.error(f"unknown actor code {actor!r}")
        add(row["surface"], Entry("role", office, "role", actor=actor))
    for row in load.read_tsv(load.lang_file(lang, "coreference.tsv"), required=("surface", "count", "kind")):
        add(row["surface"], Entry("coref", row["kind"], "coreference", count=int(row["count"])), both_cases=True)
    for outlet in kb.outlets.values():
        for surface in dict.fromkeys((outlet.name, *outlet.aliases)):
            add(surface, Entry("outlet", outlet.name, "outlet"))
    index: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    for tokens, candidates in entries.items():
        best = min(candidates, key=lambda e: _KIND_PRIORITY[e.kind])
        index.setdefault(tokens[0], []).append((tokens, best))
    rules = ActorRules(
        locative_prepositions=frozenset(actor_cfg.get("locative_prepositions", [])),
        role_modifiers=frozenset(actor_cfg.get("role_modifiers", [])),
        role_time_shift=frozenset(actor_cfg.get("role_time_shift", [])),
        genitive_links=tuple(tuple(link.split()) for link in actor_cfg.get("genitive_links", [])),
        possessives=frozenset(actor_cfg.get("possessives", [])),
        proper_noun_guard=bool(cfg.get("text", {}).get("proper_noun_guard", False)),
        definite_articles=frozenset(a.lower() for a in actor_cfg.get("definite_articles", [])),
        coordinators=frozenset(w.lower() for w in actor_cfg.get("coordinators", [])),
        person_genitive_suffix=genitive_suffix,
        name_particles=frozenset(w.lower() for w in actor_cfg.get("name_particles", [])),
    )
    return Lexicon(
        lang=lang,
        index={k: tuple(sorted(v, key=lambda c: len(c[0]), reverse=True)) for k, v in index.items()},
        parts=parts,
        rules=rules,
    )


@cache
def english_capitals() -> dict[str, str]:
    """The English name of each state's capital, to name event locations in one language."""
    capitals: dict[str, str] = {}
    for row in load.read_tsv(load.lang_file("en", "states.tsv"), required=("surface", "code", "form")):
        if row["form"] == "capital" and "weak" not in row.get("flags"):
            capitals.setdefault(row["code"], row["surface"])
    return capitals
