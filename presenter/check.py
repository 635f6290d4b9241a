"""The ``check`` report: what presenter made of a deck, and what it repaired and removed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from presenter.errors import PresenterError, counted, shown_path
from presenter.block_tree import pictures_on, walk_blocks
from presenter.model import Block, Columns, Deck, Slide, Table
from presenter.pictures import read_picture
from presenter.repair import REPAIRED, is_repair
from presenter.sources import WEB_ARTICLE

_SIZE = re.compile(r"(\d{1,5})\s*[x×X]\s*(\d{1,5})")
MIN_SIZE = (20, 5)
MAX_SIZE = 2000


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


def parse_size(text: str) -> tuple[int, int]:
    """``"80x24"`` as ``(80, 24)``; anything else is a one-line :class:`PresenterError`."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise PresenterError(None, None, f"invalid --size {text!r}: expected WIDTHxHEIGHT, such as 80x24")
    width, height = int(match.group(1)), int(match.group(2))
    if not (MIN_SIZE[0] <= width <= MAX_SIZE and MIN_SIZE[1] <= height <= MAX_SIZE):
        raise PresenterError(
            None, None, f"invalid --size {text!r}: from {MIN_SIZE[0]}x{MIN_SIZE[1]} to {MAX_SIZE}x{MAX_SIZE}"
        )
    return width, height


def fit_summary(deck: Deck, size: tuple[int, int]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """How ``deck`` fits a terminal of ``size``: a summary and one entry per slide."""
    from presenter.fit import fitted_slides, slide_area

    width, height = slide_area(*size)
    per_slide = [
        {
            "fitted_slides": len(fit.pieces),
            "could_not_fit": bool(fit.too_tall),
            "rows": max(fit.heights),
            "columns_stack": _columns_stack(slide, width),
            "tables_listed": _tables_listed(slide, width),
        }
        for slide, fit in zip(deck.slides, fitted_slides(deck.slides, width=width, height=height))
    ]
    summary = {
        "size": f"{size[0]}x{size[1]}",
        "slide_area": [width, height],
        "fitted_slides": sum(s["fitted_slides"] for s in per_slide),
        "split": [n for n, s in enumerate(per_slide, start=1) if s["fitted_slides"] > 1],
        "could_not_fit": [n for n, s in enumerate(per_slide, start=1) if s["could_not_fit"]],
    }
    return summary, per_slide


def _columns_stack(slide: Slide, width: int) -> bool:
    """Whether a column layout on ``slide`` stacks its columns at ``width``: too narrow."""
    from presenter.render.columns import stacks

    return any(isinstance(block, Columns) and stacks(block.widths, width) for block in slide.blocks)


def _tables_listed(slide: Slide, width: int) -> bool:
    """Whether a table on ``slide`` lists its rows at ``width``: too narrow side by side."""
    from presenter.render.blocks import render_block
    from presenter.render.console import fixed_console
    from presenter.render.palette import PLAIN_PALETTE

    tables = [block for block in walk_blocks(slide.blocks) if isinstance(block, Table)]
    if not tables:
        return False
    console = fixed_console(width)
    return any(render_block(table, PLAIN_PALETTE, 0).lists_rows(console, console.options) for table in tables)


def picture_problems(deck: Deck) -> list[str]:
    """A line for each picture the deck cannot show: a URL, a path outside the deck's
    folder, a file that is missing, unreadable or not a picture."""
    problems = []
    for image in (image for slide in deck.slides for image in pictures_on(slide)):
        problem = image.problem if image.file is None else read_picture(Path(image.file))
        if isinstance(problem, str):
            where = f"line {image.lines.first}: " if image.lines else ""
            problems.append(f"{where}image {problem}")
    return problems


def check_report(deck: Deck, *, size: tuple[int, int] | None = None) -> dict[str, Any]:
    """The report as plain data (the ``--json`` output).

    With a terminal ``size``, each slide also says how many slides it becomes there
    (``fitted_slides``), whether a block stays too tall (``could_not_fit``), its tallest
    ``rows``, whether its column layouts stack (``columns_stack``) and whether a table lists
    its rows, too wide side by side (``tables_listed``); ``fit`` sums it up.
    """
    slides = [slide_summary(n, s) for n, s in enumerate(deck.slides, start=1)]
    report: dict[str, Any] = {
        "file": str(deck.source) if deck.source else None,
        "title": deck.title,
        "flavor": deck.flavor or None,
        "slides": slides,
        "repaired": [{"line": r.line, "text": r.text, "reason": r.reason} for r in deck.removed if is_repair(r)],
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in deck.removed if not is_repair(r)],
        "warnings": list(deck.warnings) + picture_problems(deck),
    }
    if size is not None:
        summary, per_slide = fit_summary(deck, size)
        for entry, fit in zip(slides, per_slide):
            entry.update(fit)
        report["fit"] = summary
    return report


def format_report(report: dict[str, Any]) -> str:
    """The report as text for a terminal."""
    out = [f"{shown_path(report['file']) if report['file'] else '<stdin>'}: {report['title']!r}, {counted(len(report['slides']), 'slide')}"]
    if report.get("flavor") == WEB_ARTICLE:
        out.append("read as a web article: the page's navigation, ads and comments left out (trafilatura)")
    elif report.get("flavor"):
        out.append(f"read as a {report['flavor']} deck{' (--flavor to choose another)' if report['flavor'] != 'commonmark' else ''}")
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
    if report["repaired"]:
        out.append(f"repaired {len(report['repaired'])} line{'s' if len(report['repaired']) > 1 else ''}:")
        for r in report["repaired"]:
            out.append(f"  line {r['line']}: {r['text']} ({r['reason'].removeprefix(REPAIRED).strip()})")
    if report["removed"]:
        out.append(f"removed {len(report['removed'])}:")
        for r in report["removed"]:
            out.append(f"  line {r['line']}: {r['text']!r} ({r['reason']})")
    else:
        out.append("removed nothing")
    for warning in report["warnings"]:
        out.append(f"warning: {warning}")
    if "fit" in report:
        out.extend(_fit_lines(report, width))
    return "\n".join(out)


def _fit_lines(report: dict[str, Any], width: int) -> list[str]:
    fit = report["fit"]
    area_width, area_height = fit["slide_area"]
    head = f"at {fit['size']} (slide area {area_width}x{area_height}): "
    if not fit["split"] and not fit["could_not_fit"]:
        out = [head + "every slide fits"]
    else:
        out = [head + f"{len(fit['split'])} of {len(report['slides'])} slides are shown in pieces ({fit['fitted_slides']} screens in all)"]
    for s in report["slides"]:
        title = s["title"] if len(s["title"]) <= width else s["title"][: width - 1] + "…"
        if s["fitted_slides"] > 1:
            out.append(f"  {s['number']:>3}  {title:<{width}}  shown in {s['fitted_slides']} pieces")
        if s["could_not_fit"]:
            out.append(
                f"  {s['number']:>3}  {title:<{width}}  could not fit: a block needs {s['rows']} rows of {area_height}"
            )
        if s["columns_stack"]:
            out.append(f"  {s['number']:>3}  {title:<{width}}  columns stack one under another (too narrow side by side)")
        if s["tables_listed"]:
            out.append(f"  {s['number']:>3}  {title:<{width}}  a table's rows are listed, name and value (too narrow side by side)")
    return out


def _stat_text(stat: dict[str, Any]) -> str:
    text = stat["value"]
    if stat.get("previous"):
        text += f" ({stat['direction']} from {stat['previous']})"
    return f"{text} {stat['label']}".strip()
