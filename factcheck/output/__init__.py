"""Report formats, one module each: text, json, sarif, github, junit, html."""

from __future__ import annotations

from importlib import import_module

FORMATS = ("text", "json", "sarif", "github", "junit", "html")


def get_format(name: str):
    return import_module(f"factcheck.output.{name}_format")
