"""Reporters: one module per output format, each with `render(run, out)`."""

from __future__ import annotations

from typing import TextIO

from ..results import Result, Run

__all__ = ["Result", "Run", "formats", "render"]


def formats() -> dict:
    from . import github, html, json, sarif, text

    return {
        "text": text.render,
        "json": json.render,
        "sarif": sarif.render,
        "github": github.render,
        "html": html.render,
    }


def render(fmt: str, run: Run, out: TextIO) -> None:
    formats()[fmt](run, out)
