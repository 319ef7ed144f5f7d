"""Per-language data for the built-in rules: one folder per language, `common/` for all."""
