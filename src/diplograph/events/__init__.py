"""Event stage: code PLOVER events with roles, modality, attribution and provenance."""
