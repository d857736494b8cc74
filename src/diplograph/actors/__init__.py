"""Actor stage: the knowledge base, and finding and linking actor mentions in text."""
