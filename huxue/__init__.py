"""Huxue (护学): school-guard post planning for a police district."""

__version__ = "0.1.0"
