"""Time stage: find time expressions and normalise them against the article date."""
