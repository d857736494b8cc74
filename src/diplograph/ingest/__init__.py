"""Ingest stage: read files, folders, JSON Lines and stdin into :class:`~diplograph.model.Article`."""

from diplograph.ingest.readers import read_inputs

__all__ = ["read_inputs"]
