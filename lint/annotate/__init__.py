"""Analyses shared by several rules, computed lazily once per document."""
