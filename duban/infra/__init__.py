"""Infrastructure: configuration, the clock, translations, errors, reading text files."""
