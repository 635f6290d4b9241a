"""Where a Markdown deck can be cut into pieces that parse exactly as the whole does.

A deck of a few hundred slides takes markdown-it longer to parse than Textual takes to
start, so the app opens on the first slides and reads the rest while they show. A slide
break at the top level (a ``---`` line, or ``<!-- end_slide -->``) starts a new top-level
block with nothing open before it, so the text can be parsed one piece at a time.

:func:`piece_starts` finds such breaks with a line scan that only ever errs on the safe side:
where it is not sure a line is a top-level break (inside a fence or a comment, after a
paragraph line that could make ``---`` a heading underline, in a deck with link reference
definitions or raw HTML blocks whose end it does not follow) it does not cut there. A
missed cut only makes a piece bigger; the parse is the same either way, which
``tests/test_markdown_chunks.py`` checks against the whole-text parse.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})[ \t]*$")
_END_SLIDE = re.compile(r"^<!--\s*end_slide\s*-->[ \t]*$", re.IGNORECASE)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
#: Link reference definitions apply to the whole text: a deck with one is parsed whole.
_ANY_REFERENCE = re.compile(r"\]\s*:")
#: HTML blocks that run to an end marker rather than to a blank line (CommonMark types 1, 3-5).
_RAW_HTML = re.compile(r"<(?:script|pre|style|textarea)\b|<\?|<![A-Za-z]|<!\[CDATA\[", re.IGNORECASE)


def may_cut(text: str) -> bool:
    """Whether ``text`` can be parsed in pieces at all (no references, no raw HTML blocks);
    searched anywhere, not only at line starts."""
    return not (_ANY_REFERENCE.search(text) or _RAW_HTML.search(text))


class Fences:
    """Follows fenced code blocks through a text fed line by line, the way CommonMark opens
    and closes them (the one line scan of fences that the reader's pre-passes share)."""

    def __init__(self) -> None:
        self.open: tuple[str, int] | None = None
        """The open fence's marker character and length, or None outside fenced code."""
        self.info = ""
        """The info string of the fence last opened (``rust +exec``)."""

    def feed(self, line: str) -> bool:
        """Whether ``line`` (the next line) belongs to fenced code, its fence lines included."""
        if self.open is not None:
            closer = _FENCE_OPEN.match(line)
            if closer and closer.group(1)[0] == self.open[0] and len(closer.group(1)) >= self.open[1] and not closer.group(2).strip():
                self.open = None
            return True
        opener = _FENCE_OPEN.match(line)
        if opener and not (opener.group(1)[0] == "`" and "`" in opener.group(2)):
            self.open = (opener.group(1)[0], len(opener.group(1)))
            self.info = opener.group(2).strip()
            return True
        return False


class CutScanner:
    """Fed the lines of a text in order, says which lines start a top-level slide break."""

    def __init__(self, body_start: int = 0, *, rule_breaks: bool = True) -> None:
        self.body_start = body_start
        self.rule_breaks = rule_breaks
        """Whether ``---`` breaks slides (in a presenterm deck with ``end_slide`` it is a rule)."""
        self._fences = Fences()
        self._in_comment = False
        self._unsure = False
        """A line made it unclear where fences and comments are: the rest is one piece."""
        self._previous_blank = True

    def is_cut(self, index: int, line: str) -> bool:
        """Whether line ``index`` (0-based; lines must come in order) starts a new piece."""
        if index < self.body_start:
            return False
        if self._fences.open is not None:
            self._fences.feed(line)
            self._previous_blank = False
            return False
        if self._unsure:
            return False
        if self._in_comment:
            # A fence line after "text <!-- open" ends the paragraph, and the comment with it;
            # after a line opening with "<!--" it is inside the comment. Not sure: no more cuts.
            self._unsure = bool(_FENCE_OPEN.match(line))
            self._in_comment = _comment_left_open(line, already_open=True)
            self._previous_blank = False
            return False
        cut = self._previous_blank and index > self.body_start and bool((self.rule_breaks and _BREAK.match(line)) or _END_SLIDE.match(line))
        if not self._fences.feed(line) and "<!--" in line:
            self._in_comment = _comment_left_open(line)
        self._previous_blank = not line.strip()
        return cut


def piece_starts(lines: list[str], body_start: int = 0, *, rule_breaks: bool = True) -> list[int]:
    """0-based indexes of the lines where the pieces of a text start: ``body_start`` (the
    first line after any front matter), then each line that starts a top-level slide break
    (``---`` only where ``rule_breaks``)."""
    if not may_cut("\n".join(lines[body_start:])):
        return [body_start]
    scanner = CutScanner(body_start, rule_breaks=rule_breaks)
    return [body_start, *(index for index in range(body_start, len(lines)) if scanner.is_cut(index, lines[index]))]


def _comment_left_open(line: str, *, already_open: bool = False) -> bool:
    """Whether an HTML comment is still open at the end of ``line``."""
    position = 0
    open_ = already_open
    while True:
        if open_:
            close = line.find("-->", position)
            if close < 0:
                return True
            open_, position = False, close + 3
        else:
            start = line.find("<!--", position)
            if start < 0:
                return False
            open_, position = True, start + 4
