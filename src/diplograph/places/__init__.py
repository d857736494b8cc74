"""Places: an event's location resolved to a point with its country and GeoNames id."""

from diplograph.places.gazetteer import Place, resolve

__all__ = ["Place", "resolve"]
