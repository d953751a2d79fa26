"""An adjective after "avoir l'air" (MTQ202): it may agree with the subject ("elle a l'air
fatiguée") or with "air" ("elle a l'air fatigué"), so it is flagged only when it agrees with
neither ("elle a l'air fatigués"); the words come from the pack (``avoir_l_air``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .common import lex, pack
from .guards import after_avoir_l_air
from .predicates import predicates
from .subjects import subject_target
from .targets import Target
from .words import plain

if TYPE_CHECKING:
    from ....lint.context import Context
    from ....lint.rule import Rule
    from ....model import Document, Issue

AIR = Target("m", "s", "air")


def air_issues(rule: Rule, doc: Document, ctx: Context) -> Iterator[Issue]:
    lang = doc.target_language
    data, lx = pack(lang), lex(lang)
    for pstart, tok in predicates(doc, ctx):
        if not plain(tok) or not after_avoir_l_air(tok, data) or not lx.analyses(tok.text, "AP"):
            continue
        sent = tok.doc
        j = tok.i - 1
        while j > 0 and sent[j].pos_ == "ADV":
            j -= 1
        verb = sent[j - 2]
        found = subject_target(verb, data, lx)
        if found is None:
            continue
        target, subj = found
        num = data.avoir_number.get(verb.text.lower())
        if num and target.number and num != target.number:
            continue  # the parse found another subject
        if target.number is None and num:
            target = Target(target.gender, num, target.label)
        if target.gender is None and target.number is None:
            continue
        feats = lx.features(tok.text, "AP")
        if not feats or AIR.accepts(feats) or target.accepts(feats):
            continue
        new = lx.inflect(tok.text, target.gender, target.number)
        plain_form = lx.inflect(tok.text, "m", "s")
        if new is None or new.lower() == tok.text.lower():
            continue
        suggestions = [new] + ([plain_form] if plain_form and plain_form.lower() not in (new.lower(), tok.text.lower()) else [])
        yield rule.issue(
            doc, pstart + tok.idx, pstart + tok.idx + len(tok.text),
            f"After \"avoir l'air\", '{tok.text}' agrees with neither '{subj.text}' ({target.describe()}) "
            f"nor 'air': '{new}'" + (f" or '{plain_form}'" if len(suggestions) > 1 else ""),
            suggestions,
            subject=subj.text,
        )
