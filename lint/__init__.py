"""newslint: a fact-check and translation-quality linter for news articles.

    >>> import lint
    >>> findings = lint.check_text("« Bonjour,« a-t-il dit.", lang="fr")
"""

from .article import Article, Notice
from .config import Config
from .engine import Result, check_article, check_text
from .rule import Finding, Issue, Rule

__version__ = "0.1.0"

__all__ = ["Article", "Config", "Finding", "Issue", "Notice", "Result", "Rule", "check_article", "check_text"]
