"""The ``check`` report: what presenter made of a deck, and what it removed."""

from __future__ import annotations

from typing import Any

from presenter.model import Block, Deck, Slide


def _block_name(block: Block) -> str:
    return type(block).__name__


def slide_summary(number: int, slide: Slide) -> dict[str, Any]:
    return {
        "number": number,
        "title": slide.display_title,
        "title_slide": slide.is_title,
        "lines": str(slide.source_lines) if slide.source_lines else None,
        "blocks": [_block_name(block) for block in slide.blocks],
        "stats": [
            {
                "value": stat.value,
                "label": stat.label,
                **({"previous": stat.previous, "direction": stat.direction} if stat.previous else {}),
            }
            for stat in slide.stats
        ],
        "notes": bool(slide.notes),
    }


def check_report(deck: Deck) -> dict[str, Any]:
    """The report as plain data (the ``--json`` output)."""
    return {
        "file": str(deck.source) if deck.source else None,
        "title": deck.title,
        "slides": [slide_summary(n, s) for n, s in enumerate(deck.slides, start=1)],
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in deck.removed],
        "warnings": list(deck.warnings),
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as text for a terminal."""
    out = [f"{report['file'] or '<text>'}: {report['title']!r}, {len(report['slides'])} slides"]
    width = max((len(s["title"]) for s in report["slides"]), default=5)
    width = min(width, 50)
    for s in report["slides"]:
        title = s["title"] if len(s["title"]) <= width else s["title"][: width - 1] + "…"
        blocks = ", ".join(s["blocks"]) or ("title slide" if s["title_slide"] else "-")
        stats = "; ".join(_stat_text(stat) for stat in s["stats"])
        line = f"  {s['number']:>3}  {title:<{width}}  {blocks}"
        if stats:
            line += f"  [stats: {stats}]"
        out.append(line)
    if report["removed"]:
        out.append(f"removed {len(report['removed'])}:")
        for r in report["removed"]:
            out.append(f"  line {r['line']}: {r['text']!r} ({r['reason']})")
    else:
        out.append("removed nothing")
    for warning in report["warnings"]:
        out.append(f"warning: {warning}")
    return "\n".join(out)


def _stat_text(stat: dict[str, Any]) -> str:
    text = stat["value"]
    if stat.get("previous"):
        text += f" ({stat['direction']} from {stat['previous']})"
    return f"{text} {stat['label']}".strip()
