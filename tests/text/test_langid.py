from diplograph.text.langid import identify


def test_german_and_english():
    assert identify("Russland und der Iran stärken ihre Beziehungen durch ein Treffen in Moskau.")[0] == "de"
    assert identify("Russia and Iran signed a treaty in Moscow on Friday, the Kremlin said.")[0] == "en"


def test_other_languages_are_not_taken_for_ours():
    assert identify("La Russie et l'Iran ont signé un traité de partenariat stratégique dans la capitale.")[0] == "fr"
    assert identify("Rusia e Irán firmaron un tratado de asociación estratégica en la capital rusa.")[0] not in (
        "de",
        "en",
    )


def test_too_little_text_is_undecided():
    assert identify("Putin Pezeshkian")[0] is None


def test_non_latin_script_is_undecided():
    assert identify("Россия и Иран подписали договор о стратегическом партнерстве.")[0] is None
