"""Text stage: repair extraction damage, split sentences, tokenise, identify the language."""
