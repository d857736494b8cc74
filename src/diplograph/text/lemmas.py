"""Lemmas of the words the event lexicon lists, so its vocabulary is written once per lemma.

The forms come from simplemma's dictionaries, compiled for the lexicon's lemmas by
``scripts/build_lemmas.py`` into ``lang/<lang>/lemmas.tsv`` (loading simplemma's German
dictionary itself costs about 2 s per process; the table loads in milliseconds). A word the
table does not list is its own lemma, unless one of the language's ``[lemmas] suffix_rules``
in ``lang.toml`` turns it into a listed word ("ratifiziert" -> "ratifizieren").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from diplograph.lang import load
from diplograph.lang.cache import compiled

_MEMO_LIMIT = 200_000


@dataclass(frozen=True, eq=False)
class Lemmatizer:
    """Lower-case lemma of a lower-case word, memoised (news vocabulary repeats: Zipf)."""

    lang: str
    table: dict[str, str]  # form -> lemma; every lemma is also a form of itself
    suffix_rules: tuple[tuple[str, str], ...]
    _memo: dict[str, str] = field(default_factory=dict, repr=False)

    def __call__(self, word: str) -> str:
        found = self._memo.get(word)
        if found is None:
            found = self._lemma(word)
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[word] = found
        return found

    def _lemma(self, word: str) -> str:
        lemma = self.table.get(word)
        if lemma is not None:
            return lemma
        for ending, replacement in self.suffix_rules:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                candidate = word[: len(word) - len(ending)] + replacement
                if candidate in self.table:
                    return self.table[candidate]
        return word


@cache
def lemmatizer(lang: str) -> Lemmatizer:
    """The lemmatiser of a language: its compiled form table and fallback rules (kept on disk,
    :mod:`diplograph.lang.cache`)."""
    return compiled(f"lemmas-{lang}", lambda: _build(lang))


def _build(lang: str) -> Lemmatizer:
    rules = load.settings_toml(lang).get("lemmas", {}).get("suffix_rules", [])
    table = {
        row["form"]: row["lemma"]
        for row in load.read_tsv(load.lang_file(lang, "lemmas.tsv"), required=("form", "lemma"))
    }
    return Lemmatizer(lang, table, tuple((str(a), str(b)) for a, b in rules))
