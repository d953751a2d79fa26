"""HTML articles.

The view keeps the text of the page and blanks everything else: tags, attributes, comments, and
the content of ``<script>``, ``<style>``, ``<head>``, ``<code>``, ``<pre>``, ``<svg>`` and the like,
and of elements marked ``translate="no"``. Character references are decoded in the view (see
:class:`~mtqa.readers.bilingual.ViewBuilder`). Segments follow the
block elements: ``<p>`` (kind ``paragraph``), ``<h1>``-``<h6>`` (``heading``), ``<li>``, ``<dt>``,
``<dd>`` (``list-item``), ``<blockquote>`` (``quote``), ``<td>``, ``<th>`` (``cell``),
``<figcaption>``, ``<caption>`` (``caption``); text directly inside other blocks (``<div>``,
``<section>``, ...) is a ``paragraph``, and two ``<br>`` in a row end a paragraph too. Navigation
and footers are kept: page residue is what the boilerplate rules look for.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..errors import InputProblem
from ..model import Document
from . import register
from .bilingual import Unit, ViewBuilder, build_documents

SKIP = frozenset({
    "script", "style", "noscript", "template", "head", "svg", "math", "code", "pre", "textarea",
    "iframe", "object", "canvas", "audio", "video", "select",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
KINDS = {
    "p": "paragraph", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "li": "list-item", "dt": "list-item", "dd": "list-item", "blockquote": "quote",
    "td": "cell", "th": "cell", "figcaption": "caption", "caption": "caption",
}
BLOCKS = frozenset(KINDS) | frozenset({
    "html", "body", "div", "section", "article", "main", "header", "footer", "nav", "aside", "figure",
    "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "form", "fieldset", "address", "details",
    "summary", "hr", "hgroup", "menu", "legend", "label", "button", "option",
})
# element -> (open elements it closes, elements that stop the search)
_SCOPES = {
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "p": ({"p"}, {"div", "section", "article", "blockquote", "li", "td", "th", "body"}),
}
_REF = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);?")


class _Extractor(HTMLParser):
    def __init__(self, text: str, path: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.path = path
        self.vb = ViewBuilder(text)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.stack: list[tuple[str, bool]] = []  # open elements, and whether their text is hidden
        self.skip = 0
        self.units: list[Unit] = []
        self.run: list[int] | None = None  # [start, end] of the prose since the last boundary
        self.kind = "paragraph"
        self.brs = 0
        self.closing = False

    # -- positions and runs --------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def boundary(self) -> None:
        if self.run is not None:
            self.units.append(Unit(self.run[0], self.run[1], kind=self.kind))
        self.run = None
        self.brs = 0

    def prose(self, start: int, end: int) -> None:
        if self.run is None:
            self.run = [start, end]
            kinds = [KINDS[t] for t, _ in self.stack if t in KINDS]
            self.kind = kinds[-1] if kinds else "paragraph"
        else:
            self.run[1] = end

    # -- parser events ----------------------------------------------------------------------------
    def _pop(self) -> str:
        tag, skipping = self.stack.pop()
        self.skip -= skipping
        return tag

    def _close_implicitly(self, tag: str) -> None:
        """Close an open ``<p>``, ``<li>``, ``<dt>`` or ``<dd>`` the way browsers do: a new item
        closes the open item of its own list; any block closes an open paragraph."""
        scope = _SCOPES.get(tag)
        if scope is None:
            if self.stack and self.stack[-1][0] == "p":
                self._pop()
            return
        for k in range(len(self.stack) - 1, -1, -1):
            name = self.stack[k][0]
            if name in scope[0]:
                while len(self.stack) > k:
                    self._pop()
                return
            if name in scope[1]:
                return

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.brs += 1
            if self.brs >= 2:
                self.boundary()
            return
        if tag in BLOCKS:
            self.boundary()
            self._close_implicitly(tag)
        if tag in VOID:
            return
        hidden = tag in SKIP or any(k == "translate" and (v or "").lower() == "no" for k, v in attrs)
        self.stack.append((tag, hidden))
        self.skip += hidden

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in BLOCKS:
            self.boundary()
        if tag == "br":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return
        while self.stack and self._pop() != tag:
            pass
        if tag in BLOCKS:
            self.boundary()

    def handle_data(self, data: str) -> None:
        if self.closing and data.lstrip().startswith("<"):
            line = self.getpos()[0]
            what = "comment" if data.lstrip().startswith("<!--") else "tag"
            raise InputProblem(self.path, f"malformed HTML at line {line}: unterminated {what}")
        if self.skip or not data.strip():
            return
        start = self._pos()
        if self.text[start : start + len(data)] != data:  # pragma: no cover - parser position drift
            raise InputProblem(self.path, f"cannot map the HTML text back to the file near line {self.getpos()[0]}")
        self.vb.copy(start, start + len(data))
        lead = len(data) - len(data.lstrip())
        trail = len(data.rstrip())
        self.prose(start + lead, start + trail)
        self.brs = 0

    def _ref(self) -> None:
        if self.skip:
            return
        start = self._pos()
        m = _REF.match(self.text, start)
        if m is None:
            return
        value = html.unescape(m.group())
        self.vb.put(start, m.end() - start, value)
        if not value.isspace():  # a no-break space stays in the view but starts no paragraph
            self.prose(start, m.end())
            self.brs = 0

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()

    def close(self) -> None:
        self.closing = True
        super().close()
        self.boundary()

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """A malformed ``<![...`` (no name after it: ``<![0``) makes the standard library raise
        AssertionError; say "incomplete" instead, so the parser reads it as text at the end."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return -1


@register("html", (".html", ".htm", ".xhtml"))
def read_html(text: str, path: str, **_: object) -> Document:
    parser = _Extractor(text, path)
    parser.feed(text)
    parser.close()
    return build_documents(text, path, parser.vb, parser.units, "html")[0]
