"""factcheck: a fact-consistency checker for news copy (Arabic first, English second)."""

__version__ = "0.1.0"
