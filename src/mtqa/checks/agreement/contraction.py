"""Preposition and article not contracted: "de le" for "du", "à les" for "aux" (MTQ212)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ... import lexicon
from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue
from ...lang.fr.agreement.common import AgreementRule, lex, match_case, pack, vowel_sound, words_after


_NUMBER = re.compile(r"[ \t\u00a0\u202f]+(\d[\d\s,.]*%?)")


@lru_cache(maxsize=None)
def _contractions(lang: str) -> tuple[dict[tuple[str, str], str], re.Pattern[str] | None]:
    table = pack(lang).contractions
    if not table:
        return {}, None
    preps = sorted({p for p, _ in table}, key=len, reverse=True)
    arts = sorted({a for _, a in table}, key=len, reverse=True)
    pat = re.compile(
        r"(?<![\w'’\-‐])(" + "|".join(map(re.escape, preps)) + r")[ \t\u00a0\u202f]+("
        + "|".join(map(re.escape, arts)) + r")(?=[ \t\u00a0\u202f])",
        re.I,
    )
    return table, pat


@register
class MissingContraction(AgreementRule):
    """A preposition and an article that French contracts are written apart.

    What it does
        Flags "de le", "de les", "à le", "à les" (the pairs in ``rules/<lang>/agreement.yaml``)
        when the article introduces a noun or an adjective (from the lexicon), a name or a
        number ("à le Québec", "de les 300 signataires"), and suggests the contracted form
        ("de le" -> "du", "à les" -> "aux").

    Why it matters
        The contraction is compulsory; "de le gouvernement" is a typical literal machine
        translation error.

    Example
        Flagged: ``Le ministre de le commerce a parlé à les journalistes.``
        Flags: ``de le`` ``à les``
        Better: ``Le ministre du commerce a parlé aux journalistes.``

    Options
        None.

    Known limits
        "le"/"les" as object pronouns are left alone: before a verb form, a pronoun ("de le lui
        dire"), an adverb ("de les bien connaître") or a vowel. A capitalised article ("de Le
        Monde", a title) is left alone.
    """

    code = "MTQ212"
    name = "missing-contraction"

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        table, pat = _contractions(lang)
        if pat is None:
            return
        lx = lex(lang)
        followers = pack(lang).clitic_followers
        text = doc.view
        for m in doc.finditer(pat):
            prep, art = m.group(1), m.group(2)
            if art != art.lower():
                continue
            num = _NUMBER.match(text, m.end())
            nxt = words_after(text, m.end(), 1)
            if num:
                word = num.group(1)  # "de le 9 au 11", "de les 300 signataires"
            elif not nxt:
                continue
            else:
                word = nxt[0].group(1)
                key = lexicon.normalize(word)
                if key in followers or (art.lower() == "le" and vowel_sound(word, lang) is not False):
                    continue
                if word[:1].isupper():
                    if word.isupper() and len(word) == 1:
                        continue
                elif not lx.analyses(word, "NA") or lx.is_verb(word, infinitive=True):
                    continue
            fixed = match_case(prep, table[(prep.lower(), art.lower())])
            yield self.issue(
                doc, m.start(), m.end(),
                f"'{prep} {art}' must be contracted: '{fixed} {word}'",
                [fixed],
            )
