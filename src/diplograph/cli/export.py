"""``diplograph export``: the store in the formats analysts' tools read (being written)."""
