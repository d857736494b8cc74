"""Evaluation against gold annotations in the corpus format (``../shared/corpus/README.md``)."""
