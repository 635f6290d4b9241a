"""Inline spans as Markdown that the deck parser reads back to the same spans.

Part of the Markdown export (:mod:`presenter.export.markdown`). Inline styles are written the
natural way (``**bold**``, ``*italic*``, ``~~strike~~``, backtick code spans); every
paragraph is then parsed back with the deck parser, and where CommonMark's emphasis rules
would read it differently (``a**(b)**c``) the letters next to the markers are written as
character references (``&#97;**(b)**&#99;``), which read back as the same letters.
Characters that would mean Markdown are backslash-escaped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from presenter.model import Inline, Span

#: Emphasis styles, outermost first, and their markers.
_MARKERS = {"strike": "~~", "bold": "**", "italic": "*"}
#: Where the natural markers read back wrong: ``_`` never merges with a ``**`` beside it.
_SAFE_MARKERS = {"strike": "~~", "bold": "**", "italic": "_"}
_ALWAYS = set("\\`*[]<~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LIST_START = re.compile(r"^(\d{1,9})([.)])")
_BARE_UNDERSCORE = re.compile(r"(?<!\\)((?:\\\\)*)_")


def escape(text: str, *, table: bool = False) -> str:
    """``text`` with every character that would mean Markdown backslash-escaped."""
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if char in _ALWAYS or (char == "|" and table):
            out.append("\\" + char)
        elif char == "_" and not (before.isalnum() and after.isalnum()):
            out.append("\\_")
        elif char == "&" and _ENTITY.match(text, index):
            out.append("\\&")
        elif char == "\n":
            out.append("\\\n")  # a hard line break
        elif char == "!" and after == "[":
            out.append("\\!")
        elif char == "^" and not index:  # after a link's "[" it would read as a footnote
            out.append("\\^")
        else:
            out.append(char)
    return "".join(out)


def _line_start(line: str) -> str:
    """Escape what would start a block at the beginning of a line (heading, list, quote ...)."""
    if not line:
        return line
    if line[0] in "#>-+=":
        return "\\" + line
    match = _LIST_START.match(line)
    if match:
        return f"{match.group(1)}\\{line[match.end(1):]}"
    return line


def heading_text(text: str) -> str:
    return closing_hashes(escape(text.replace("\n", " ").strip()))


def closing_hashes(escaped: str) -> str:
    trailing = len(escaped) - len(escaped.rstrip("#"))
    if trailing:  # "C#" would lose its "#" as a closing sequence
        escaped = escaped[:-trailing] + "\\#" * trailing
    return escaped


def paragraph_text(content: Inline) -> str:
    """A paragraph's Markdown: inline syntax, each line's start escaped, hard breaks as ``\\``."""
    text = inline_markdown(content)
    return "\n".join(_line_start(line.strip()) for line in text.split("\n"))


def inline_markdown(content: Inline, *, table: bool = False) -> str:
    """Inline spans as Markdown that the deck parser reads back to the same spans."""
    spans = _canonical(content)
    if not spans:
        return ""
    from presenter.sources.mdsyntax import parse_inline

    natural = _render(spans, safe=False, table=False)
    safe = _canonical(parse_inline(natural)) != spans
    return _render(spans, safe=safe, table=table) if safe or table else natural


def _canonical(content: Inline) -> tuple[Span, ...]:
    """Spans without the ``stat`` style, empty spans or outer white space, equal runs merged."""
    spans: list[Span] = []
    for span in content:
        styles = tuple(style for style in ("strike", "bold", "italic", "code", "footnote") if style in span.styles)
        styles += tuple(style for style in span.styles if style.startswith(_SPAN_STYLES))
        if not span.text:
            continue
        if spans and spans[-1].styles == styles and spans[-1].link == span.link and "footnote" not in styles:  # `a``b` is one code span
            spans[-1] = Span(spans[-1].text + span.text, styles, span.link)
        else:
            spans.append(Span(span.text, styles, span.link))
    while spans and "code" not in spans[0].styles and not spans[0].text.strip():
        spans.pop(0)
    while spans and "code" not in spans[-1].styles and not spans[-1].text.strip():
        spans.pop()
    if spans and "code" not in spans[0].styles:
        spans[0] = replace(spans[0], text=spans[0].text.lstrip())
    if spans and "code" not in spans[-1].styles:
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return tuple(spans)


def _render(spans: tuple[Span, ...], *, safe: bool, table: bool) -> str:
    """Spans as Markdown; ``safe`` writes letters beside markers as character references."""
    tokens: list[tuple[str, str]] = []  # ("text" | "open" | "close" | "raw", markdown)
    groups: list[list[Span]] = []
    for span in spans:
        if groups and groups[-1][0].link == span.link:
            groups[-1].append(span)
        else:
            groups.append([span])
    for group in groups:
        link = group[0].link
        if link is not None:
            tokens.append(("open", "["))
        tokens.extend(_styled(group, table=table, markers=_SAFE_MARKERS if safe else _MARKERS))
        if link is not None:
            tokens.append(("close", f"]({destination(link)})"))
    if safe:
        tokens = _safe_tokens(tokens)
    for index in range(len(tokens) - 1):  # "!" before a link would make it an image
        kind, text = tokens[index]
        backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
        if kind == "text" and text.endswith("!") and backslashes % 2 == 0 and tokens[index + 1][1].startswith("["):
            tokens[index] = (kind, text[:-1] + "\\!")
    return "".join(text for _, text in tokens)


def _styled(spans: list[Span], *, table: bool, markers: dict[str, str]) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    stack: list[str] = []
    pending = ""  # white space held back from the end of a styled run
    for span in spans:
        wanted = [style for style in span.styles if style.startswith(_SPAN_STYLES)] + [style for style in _MARKERS if style in span.styles]
        code = "code" in span.styles or "footnote" in span.styles
        text = span.text
        lead = "" if code else text[: len(text) - len(text.lstrip())]
        core = text if code else text.strip()
        trail = "" if code else text[len(text.rstrip()) :] if core else ""
        if not core:  # white space alone: outside any marker that ends or starts here
            while stack and not all(style in wanted for style in stack):
                tokens.append(("close", _closer(stack.pop(), markers)))
            pending += text
            continue
        while stack and not all(style in wanted for style in stack):
            tokens.append(("close", _closer(stack.pop(), markers)))
        if pending or lead:
            tokens.append(("text", escape(pending + lead, table=table)))
            pending = ""
        for style in wanted:
            if style not in stack:
                stack.append(style)
                tokens.append(("open", _opener(style, markers)))
        if "footnote" in span.styles:  # "[1]": a reference to footnote 1
            tokens.append(("raw", f"[^{core[1:-1]}]"))
        else:
            tokens.append(("raw" if code else "text", _code_span(core, table) if code else escape(core, table=table)))
        pending = trail
    while stack:
        tokens.append(("close", _closer(stack.pop(), markers)))
    if pending:
        tokens.append(("text", escape(pending, table=table)))
    return tokens


#: Styles written as an HTML span: ``color:red`` as ``<span style="color: red">``.
_SPAN_STYLES = ("color:", "bgcolor:")


def _opener(style: str, markers: dict[str, str]) -> str:
    if style.startswith(_SPAN_STYLES):
        name, _, value = style.partition(":")
        return f'<span style="{"background-color" if name == "bgcolor" else "color"}: {value}">'
    return markers[style]


def _closer(style: str, markers: dict[str, str]) -> str:
    return "</span>" if style.startswith(_SPAN_STYLES) else markers[style]


def _safe_tokens(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Letters beside markers written as character references, so every marker can open and close."""
    out = list(tokens)
    for index, (kind, text) in enumerate(out):
        if kind != "text" or not text:
            continue
        if index + 1 < len(out) and out[index + 1][0] in ("open", "close"):
            text = _reference_last(text)
        if index and out[index - 1][0] in ("open", "close"):
            text = _reference_first(text)
        # a "_" between letters is no marker, but it may now stand beside a reference's ";"
        text = _BARE_UNDERSCORE.sub(lambda m: m.group(1) + "\\_", text)
        out[index] = (kind, text)
    return out


def _flanks(char: str) -> bool:
    """Whether a marker beside ``char`` can open and close (white space or punctuation)."""
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def _reference_first(text: str) -> str:
    return text if _flanks(text[0]) else f"&#{ord(text[0])};{text[1:]}"


def _reference_last(text: str) -> str:
    if _flanks(text[-1]) or text.endswith(";") :
        return text
    return f"{text[:-1]}&#{ord(text[-1])};"


def _code_span(code: str, table: bool) -> str:
    runs = [len(run) for run in re.findall(r"`+", code)]
    fence = "`" * (max(runs, default=0) + 1)
    while fence in (run for run in re.findall(r"`+", code)):
        fence += "`"
    if code[:1] == "`" or code[-1:] == "`" or (code[:1] == " " and code[-1:] == " " and code.strip()):
        code = f" {code} "
    if table:
        code = code.replace("|", "\\|")
    return f"{fence}{code}{fence}"


def destination(target: str) -> str:
    if not target or any(char in target for char in " <>()\n") or any(char.isspace() for char in target):
        return "<" + target.replace("\\", "\\\\").replace(">", "\\>").replace("<", "\\<") + ">"
    return target.replace("\\", "\\\\")
