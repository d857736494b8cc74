"""The event store: analysed documents and their events in an embedded DuckDB database,
merged across articles into one record per real-world event."""
