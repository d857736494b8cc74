from diplograph.text.tokenize import split_sentences, tokenize


def words(text, lang):
    return [t.text for t in tokenize(text, lang=lang)]


def sentences(text, lang):
    return [text[s.start : s.end] for s in split_sentences(text, lang=lang)]


def test_german_abbreviations_and_ordinals_do_not_end_sentences():
    text = "Dr. Müller kam am 13. Januar 2025 nach Berlin, z. B. mit dem Zug. Danach sprach er."
    assert sentences(text, "de") == [
        "Dr. Müller kam am 13. Januar 2025 nach Berlin, z. B. mit dem Zug.",
        "Danach sprach er.",
    ]


def test_english_initials_and_titles():
    text = "The U.S. envoy met Mr. Lammy in London. Gen. Ryder said so."
    assert sentences(text, "en") == ["The U.S. envoy met Mr. Lammy in London.", "Gen. Ryder said so."]
    assert "U.S." in words(text, "en")


def test_quotes_stay_with_their_sentence():
    text = "„Das ist ein Fehler“, sagte er. „Wir antworten.“ Dann ging er."
    assert sentences(text, "de") == ["„Das ist ein Fehler“, sagte er.", "„Wir antworten.“", "Dann ging er."]


def test_english_possessive_is_split_and_compounds_kept():
    assert words("Iran's president and the US-Präsident, Su-35 jets", "en") == [
        "Iran", "'s", "president", "and", "the", "US-Präsident", ",", "Su-35", "jets",
    ]  # fmt: skip


def test_dashes_are_tokens():
    assert words("Moskau, Russland - Russland und Iran – heute", "de") == [
        "Moskau", ",", "Russland", "-", "Russland", "und", "Iran", "–", "heute",
    ]  # fmt: skip


def test_hard_breaks_end_sentences():
    assert sentences("Erweiterung der Kooperation\nDie Vereinbarung gilt.", "de") == [
        "Erweiterung der Kooperation",
        "Die Vereinbarung gilt.",
    ]


def test_token_offsets_point_into_the_text():
    text = "Putin traf Pezeshkian in Moskau."
    for token in tokenize(text, lang="de"):
        assert text[token.start : token.end] == token.text


def test_text_without_full_stops_is_cut_into_bounded_sentences():
    from diplograph.text.tokenize import MAX_SENTENCE_TOKENS

    text = ", ".join(["Russland griff die Ukraine an und Iran lieferte Drohnen"] * 400)
    sentences = split_sentences(text, lang="de")
    assert len(sentences) > 1
    assert all(len(s.tokens) <= MAX_SENTENCE_TOKENS for s in sentences)
    assert all(s.tokens[-1].text == "," for s in sentences[:-1])  # cut where a clause ends
    assert sum(len(s.tokens) for s in sentences) == len([t for s in sentences for t in s.tokens])
    assert sentences[0].start == 0 and sentences[-1].end == len(text)
