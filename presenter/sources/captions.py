"""Caption and credit lines: telling a picture's caption or credit from a heading or text.

A caption or credit line (``Credit: NASA/JPL-Caltech``, ``Photo: …``, ``Image: …``,
``View full size image``, ``… (AP Photo/…)``) is never a heading and never joins the text
around it (:mod:`presenter.sources.article_blocks`).
"""

from __future__ import annotations

import re

from presenter.model import Block, Paragraph, plain

#: Longest caption or credit line.
MAX_CAPTION = 200

#: Caption and credit lines: a credit or media label with a colon, "Photo by …", a link
#: to the picture ("View full size image"), a figure's number.
_CAPTION = re.compile(
    r"""
    \(?(?:(?:photo(?:graph)?|image|picture|illustration|graphic|video|map|chart|cover|header|top|lead)\s+)?
        (?:credits?|courtesy)\s*[:：]                                      # Credit: / Image credit:
  | \(?(?:photo(?:graph)?s?|images?|pictures?|illustrations?|graphics?|captions?|videos?|maps?|charts?
        |sources?|artwork)\s*[:：]                                         # Photo: / Image: / Source:
  | (?:photo(?:graph)?s?|images?|pictures?|illustrations?|videos?)\s+(?:by|courtesy|via)\s   # Photo by …
  | courtesy\s+of\s
  | fig(?:ure)?\.?\s*\d+[a-z]?\s*[:.|–—-]\s                               # Figure 2: …
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: A line that is only a link to a picture: "View full size image", "Click to enlarge".
_PICTURE_LINK = re.compile(
    r"""
    (?:click\s+(?:here\s+)?to\s+)?(?:view|see|open|enlarge|expand|zoom)
    (?:\s+(?:the|this|a))?
    (?:\s+(?:full[-\s]?(?:size[d]?|screen|resolution)|larger|high[-\s]?res(?:olution)?|original))?
    (?:\s+(?:size))?
    (?:\s+(?:image|photo|picture|graphic|gallery|slideshow|video|map|chart)s?)?
    (?:\s+(?:gallery|slideshow))?
    |click\s+(?:here\s+)?to\s+(?:enlarge|zoom|expand)
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: A credit closing a line: "... (AP Photo/Andy Wong)", "(Reuters)".
_CREDIT_TAIL = re.compile(
    r"\((?:[^()]*\s)?(?:photos?|images?|pics?)\s*/[^()]*\)\s*$|\((?:AP|AFP|Reuters|EPA|Getty\s+Images|Xinhua)\)\s*$",
    re.IGNORECASE,
)
_MEDIA_WORD = re.compile(r"\b(?:image|photo|picture|graphic|gallery|slideshow|video|map|chart)s?\b|^click\b", re.IGNORECASE)


def is_caption(line: str) -> bool:
    """Whether ``line`` is a picture's caption or credit rather than a heading or text."""
    text = line.strip()
    if not text or len(text) > MAX_CAPTION or not (text[0].isupper() or text[0] == "("):
        return False
    if _CAPTION.match(text) or _CREDIT_TAIL.search(text):
        return True
    link = _PICTURE_LINK.fullmatch(text.rstrip(" .:›»→>"))
    return link is not None and _MEDIA_WORD.search(text) is not None


def is_caption_block(block: Block) -> bool:
    """Whether ``block`` is a caption paragraph (see :func:`is_caption`)."""
    return isinstance(block, Paragraph) and is_caption(plain(block.content))
