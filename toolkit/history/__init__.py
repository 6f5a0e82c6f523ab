"""Stage 5, history: comparing two versions of the data, releases and the change log."""
