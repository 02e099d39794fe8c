"""Reference data and an independent implementation of the scoring arithmetic."""
