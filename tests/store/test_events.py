from diplograph.store.events import month_of


def test_month_of_every_granularity():
    assert month_of("2025-01-17") == "2025-01"
    assert month_of("2025-06") == "2025-06"
    assert month_of("2025-W05") == "2025-01"  # the Monday of ISO week 5 is 27 January
    assert month_of("2025") is None and month_of(None) is None
