"""The control-character check: a regex search first, the same verdict as counting every character."""

from __future__ import annotations

import pytest

from diplograph import errors
from diplograph.errors import InputError
from diplograph.ingest.decode import decode

CONTROLS = [chr(c) for c in range(32) if chr(c) not in "\n\r\t\f"]
TEXT = "Der Außenminister traf am Freitag seinen Amtskollegen.\n\tEin zweiter Absatz.\f\r\n"


def counted(text: str) -> bool:
    """The old rule, written out: more than 5 % of the first 8,192 characters are controls."""
    sample = text[:8192]
    return sum(c in CONTROLS for c in sample) / len(sample) > 0.05


@pytest.mark.parametrize("every", [1, 5, 19, 21, 25, 200])
@pytest.mark.parametrize("control", ["\x01", "\x08", "\x0b", "\x0e", "\x1b", "\x1f"])
def test_the_verdict_is_the_counted_one(control, every):
    """(NUL is caught before decoding, as bytes.)"""
    text = "".join(c + (control if n % every == 0 else "") for n, c in enumerate(TEXT * 200))
    if counted(text):
        with pytest.raises(InputError) as caught:
            decode(text.encode("utf-8"), max_bytes=10**7)
        assert caught.value.code == errors.BINARY
    else:
        assert decode(text.encode("utf-8"), max_bytes=10**7)[0] == text


def test_line_breaks_tabs_and_form_feeds_are_text():
    text = ("Zeile\r\n\t" + "\f" * 3) * 500
    assert decode(text.encode("utf-8"), max_bytes=10**7)[0] == text
