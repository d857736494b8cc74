"""diplograph: a sourced, time-stamped event graph of international relations from news text."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
