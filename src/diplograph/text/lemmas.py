"""Dictionary lemmas for German and English words, so vocabulary is listed once per lemma.

The lemmas come from simplemma's dictionaries (shipped in the package, no model to load).
Where its dictionary does not know a form (German participles such as "ratifiziert"), the
language's ``[lemmas] suffix_rules`` in ``lang.toml`` give a fallback: an ending replaced by
another, tried in order, kept only when the result is a word simplemma knows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import simplemma

from diplograph.lang import load

_MEMO_LIMIT = 200_000


@dataclass(frozen=True, eq=False)
class Lemmatizer:
    """Lower-case lemma of a lower-case word, memoised (news vocabulary repeats: Zipf)."""

    lang: str
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
        if not word[:1].isalpha():
            return word
        lemma = simplemma.lemmatize(word, lang=self.lang).lower()
        if lemma != word:
            return lemma
        for ending, replacement in self.suffix_rules:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                candidate = word[: len(word) - len(ending)] + replacement
                if simplemma.is_known(candidate, lang=self.lang):
                    return simplemma.lemmatize(candidate, lang=self.lang).lower()
        return word


@cache
def lemmatizer(lang: str) -> Lemmatizer:
    """The lemmatiser of a language, with its fallback rules from ``lang.toml``."""
    rules = load.settings_toml(lang).get("lemmas", {}).get("suffix_rules", [])
    return Lemmatizer(lang, tuple((str(a), str(b)) for a, b in rules))
