"""Text decoded with the wrong character set somewhere upstream (MTQ610)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Document, Issue, Severity

# A UTF-8 sequence read as Windows-1252 (or Latin-1) turns every accented letter into a lead
# character (Ã, Â, Å, Ä, â, Ð...) and one or two continuation characters from the upper half of
# the code page: "é" becomes "Ã©", "’" becomes "â€™". Candidates are runs of such characters;
# each is re-encoded and decoded as UTF-8, and only a run that decodes cleanly is reported.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = "\u0080-\u00bf" + _CP1252_HIGH
_LEAD = "\u00c2-\u00df\u00e0-\u00ef"
_CANDIDATE = re.compile(f"(?:[{_LEAD}][{_CONT}]{{1,2}})+")


def _plausible(ch: str) -> bool:
    """A character that mojibake plausibly stood for: Latin letters and signs, general
    punctuation, currency and letterlike symbols (not "頻", which "é »" also decodes to)."""
    o = ord(ch)
    return o < 0x0250 or 0x2000 <= o <= 0x215F or o in (0x0152, 0x0153)


def repair(run: str) -> str | None:
    """The text ``run`` stood for before it was decoded with the wrong character set, or None
    when it is not such a run."""
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != run and all((c.isprintable() or c == "\u00a0") and _plausible(c) for c in fixed):
            return fixed
    return None


@register
class Mojibake(Rule):
    """Text decoded with the wrong character set: "Ã©" for "é", "â€™" for "’".

    What it does
        Finds runs of characters that are the bytes of UTF-8 text read as Windows-1252 or
        Latin-1 (a lead character such as "Ã" or "â" followed by one or two characters of the
        upper half of the code page) and reports each run that decodes back to clean text, with
        that text as the replacement. Runs that do not decode are left alone, so a French or
        German word that happens to contain "Ã" or "Â" is never reported.

    Why it matters
        Feeds, content systems and MT pipelines that mix up encodings publish "Ein alter Mann
        wird Ã¤lter" or "lâ€™Ã©quipe". Every reader sees it, and a spell checker reports it as
        an unknown word without the fix.

    Example
        Flagged: ``Le livre « Ein alter Mann wird Ã¤lter » est paru en 2021.``
        Flags: ``Ã¤``
        Better: ``Le livre « Ein alter Mann wird älter » est paru en 2021.``

    Options
        None.

    Known limits
        Text decoded wrongly twice ("ÃƒÂ©") is repaired one step per finding; text whose
        original bytes were lost (replaced by "?" or "�") cannot be repaired and is not reported.
    """

    code = "MTQ610"
    name = "mojibake"
    category = "typography"
    severity = Severity.ERROR
    options: dict = {}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        for m in _CANDIDATE.finditer(doc.view):
            fixed = repair(m.group())
            if fixed is None:
                continue
            yield self.issue(
                doc, m.start(), m.end(),
                f"'{m.group()}' is '{fixed}' decoded with the wrong character set",
                [fixed],
            )
