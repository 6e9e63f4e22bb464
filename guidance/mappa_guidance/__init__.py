"""The national MAPPA Guidance as pages: the shipped source text, its import into one page per
chapter with a deep link for every numbered paragraph, the committed paragraph index, and the check
that every paragraph we cite exists."""
