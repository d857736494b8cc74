"""Document flags on sentences we wrote ourselves."""


def kinds(doc):
    return [f.kind for f in doc.flags]


def test_same_event_with_conflicting_dates(read):
    text = (
        "Putin und Pezeshkian treffen sich am 13. Januar 2025 in Moskau. "
        "Das Treffen zwischen Putin und Pezeshkian ist für diesen Freitag angesetzt."
    )
    doc = read(text, lang="de", published="2025-01-13")
    assert "date-conflict" in kinds(doc)
    flag = next(f for f in doc.flags if f.kind == "date-conflict")
    assert "2025-01-13" in flag.message and "2025-01-17" in flag.message
    assert flag.events


def test_weekday_that_does_not_match_its_date(read):
    doc = read("Am Freitag, 13. Januar 2025, trafen sich die Minister.", lang="de", published="2025-01-14")
    flag = next(f for f in doc.flags if f.kind == "weekday-mismatch")
    assert "Monday" in flag.message


def test_matching_weekday_is_fine(read):
    doc = read("On Monday, January 13, 2025, the ministers met.", lang="en", published="2025-01-14")
    assert "weekday-mismatch" not in kinds(doc)


def test_office_holder_named_for_a_role_not_held(read):
    doc = read("Der iranische Präsident Ebrahim Raisi besuchte Moskau.", lang="de", published="2025-01-13")
    flag = next(f for f in doc.flags if f.kind == "office-mismatch")
    assert "Raisi" in flag.message and "Pezeshkian" in flag.message


def test_incoming_office_holder_is_not_flagged(read):
    doc = read("Die Amtseinführung von US-Präsident Donald Trump steht bevor.", lang="de", published="2025-01-13")
    assert "office-mismatch" not in kinds(doc)
