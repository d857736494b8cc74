"""Per-language knowledge as data files (``de/``, ``en/``), read by :mod:`diplograph.lang.load`."""
