"""Plain text and Markdown readers."""

from __future__ import annotations

import re

from ..model import Document, Segment
from . import register


@register("txt", (".txt", ".text"))
def read_text(text: str, path: str, **_: object) -> Document:
    return Document(text, path, fmt="txt")


def read_lines(text: str, path: str) -> Document:
    """One segment per line: for line-aligned files (with a source or references)."""
    from ..segment import iter_lines, strip_span

    paras: list[Segment] = []
    for n, (s, e) in enumerate(iter_lines(text), start=1):
        s2, e2 = strip_span(text, s, e)
        if s2 < e2:
            paras.append(Segment(len(paras), s2, e2, "line", id=str(n)))
    return Document(text, path, paragraphs=paras, fmt="lines")


_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.M | re.S)
_INDENTED_CODE = re.compile(r"(?:^(?: {4}|\t)[^\n]*\n?)+", re.M)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]+>")
_HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>\n]*>", re.S)
_REF_DEF = re.compile(r"^[ \t]*\[[^\]]+\]:[^\n]*$", re.M)
_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+", re.M)
_SETEXT = re.compile(r"^[ \t]*(=+|-+)[ \t]*$", re.M)
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.M)
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
_EMPH = re.compile(r"(?<![\w*_])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w*_])")
_TABLE_RULE = re.compile(r"^[ \t|:\-]+$", re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---[ \t]*\n", re.S)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def markdown_view(text: str) -> str:
    """Blank everything that is not prose: code, link targets, markup characters, HTML tags."""
    chars = list(text)
    for rx in (_FRONT_MATTER, _FENCE, _INDENTED_CODE, _INLINE_CODE, _IMAGE, _LINK_TARGET, _AUTOLINK, _HTML_TAG, _REF_DEF, _SETEXT, _TABLE_RULE):
        for m in rx.finditer(text):
            _blank(chars, m.start(), m.end())
    view = "".join(chars)
    for rx in (_HEADING, _LIST, _QUOTE, _EMPH):
        for m in rx.finditer(view):
            _blank(chars, m.start(), m.end())
    # link brackets and table pipes
    for i, c in enumerate(chars):
        if c in "[]|":
            chars[i] = " "
    return "".join(chars)


@register("markdown", (".md", ".markdown"))
def read_markdown(text: str, path: str, **_: object) -> Document:
    """Markdown: blocks are blank-line separated; a heading or list item is a block of its own."""
    from ..segment import iter_lines, strip_span

    view = markdown_view(text)
    blocks: list[list] = []  # [start, end, kind]
    prev_blank = True
    for s, e in iter_lines(text):
        vs, ve = strip_span(view, s, e)
        if vs == ve:
            prev_blank = True
            continue
        if _HEADING.match(text, s):
            kind = "heading"
        elif _LIST.match(text, s):
            kind = "list-item"
        else:
            kind = "paragraph"
        if not prev_blank and blocks and kind == "paragraph" and blocks[-1][2] != "heading":
            blocks[-1][1] = ve
        else:
            blocks.append([vs, ve, kind])
        prev_blank = False
    paras = [Segment(i, s, e, k) for i, (s, e, k) in enumerate(blocks)]
    return Document(text, path, view=view, paragraphs=paras, fmt="markdown")
