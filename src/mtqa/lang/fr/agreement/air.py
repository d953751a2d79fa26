"""An adjective after "avoir l'air" (MTQ202): with a person it may agree with the subject ("elle
a l'air fatiguée") or with "air" ("elle a l'air fatigué"), so it is flagged when it agrees with
neither ("elle a l'air fatigués"); with a thing ("cette maison a l'air abandonnée"), "avoir l'air"
means "seem" and the adjective agrees with the subject. A subject is a thing when it is a common
noun of one gender whose lemma has no form of the other gender in the lexicon ("maison", not
"voisin"/"voisine", nor the pack's ``person_nouns``, ``epicene_nouns``, ``collective_nouns``);
adjectives of a look (``air_expression_adjectives``: "ces propositions ont l'air sérieux") may
qualify "air" whatever the subject. The words come from the pack (``avoir_l_air``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .... import lexicon
from ....lexicon import Lexicon
from .common import PackData, lex, pack
from .guards import after_avoir_l_air, air_verb
from .predicates import predicates
from .subjects import subject_target
from .targets import Target
from .words import plain

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ....lint.context import Context
    from ....lint.rule import Rule
    from ....model import Document, Issue

AIR = Target("m", "s", "air")


def _lemma_genders(lemma: str, lx: Lexicon) -> set[str]:
    """The genders of the noun forms of ``lemma`` in the lexicon: the lemma and its regular
    feminine forms ("voisin", "voisine"; "directeur", "directrice"), singular and plural."""
    bases = {lemma, lemma + "e"}
    for fem, masc in lexicon._FEM:
        if masc and lemma.endswith(masc):
            bases.add(lemma[: -len(masc)] + fem)
    out: set[str] = set()
    for b in bases:
        for form in (b, b + "s", b + "x"):
            out |= {a.gender for a in lx.analyses(form, "N") if a.lemma == lemma}
    return out


def is_thing(subj: Token, data: PackData, lx: Lexicon) -> bool:
    """A common noun that names no person: one gender in the lexicon, for every form of its
    lemma ("maison"; not "voisin", which has "voisine", nor "enfant", of both genders), and not
    a person or a group of the pack."""
    if subj.pos_ != "NOUN" or not subj.text.islower():
        return False
    found = lx.analyses(subj.text, "N")
    if not found:
        return False
    lemmas = {lexicon.normalize(a.lemma) for a in found} | {lexicon.normalize(subj.text)}
    if lemmas & (data.person_nouns | data.epicene | data.collective):
        return False
    for a in found:
        gs = _lemma_genders(a.lemma, lx)
        if "" in gs:  # of both genders in the lexicon, or a gap the pack fills ("maison")
            gs.discard("")
            fixed = data.noun_genders.get(lexicon.normalize(a.lemma))
            if fixed is None:
                return False
            gs.add(fixed)
        if len(gs) != 1:
            return False
    return True


def _subject_before(verb: Token, data: PackData, lx: Lexicon) -> tuple[Target, Token] | None:
    """Where the parse gives "avoir" no subject, the words right before it ("ne" aside): a
    subject pronoun ("elle n'a jamais l'air"), or a determiner and a common noun at the start of
    the clause ("ma voisine a l'air")."""
    sent = verb.doc
    k = verb.i - 1
    while k >= 0 and sent[k].text.lower().replace("’", "'") in data.object_pronoun_cues:
        k -= 1
    if k < 0:
        return None
    w = sent[k]
    if w.text.lower() in data.subject_pronouns:
        g, n = data.subject_pronouns[w.text.lower()]
        return Target(g or None, n or None, w.text), w
    if k == 0 or not w.text.islower() or sent[k - 1].text.lower() not in data.determiners:
        return None
    if k - 1 > 0 and not sent[k - 2].is_punct:
        return None  # only at the start of a clause: "le fils de ma voisine a l'air" is left alone
    found = lx.noun(w.text)
    if found is None:
        return None
    dg, dn = data.determiners[sent[k - 1].text.lower()]
    g, n = found[0] or dg or None, found[1] or dn or None
    return (Target(g, n, w.text), w) if g or n else None


def air_issues(rule: Rule, doc: Document, ctx: Context) -> Iterator[Issue]:
    lang = doc.target_language
    data, lx = pack(lang), lex(lang)
    for pstart, tok in predicates(doc, ctx, also=("PROPN",)):  # the tagger takes "l'air sérieux" for a name
        if not tok.text.islower() or not plain(tok) or not after_avoir_l_air(tok, data) or not lx.analyses(tok.text, "AP"):
            continue
        sent = tok.doc
        j = tok.i - 1
        while j > 0 and sent[j].pos_ == "ADV":
            j -= 1
        verb = sent[air_verb(sent, j)]
        found = subject_target(verb, data, lx) or _subject_before(verb, data, lx)
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
        if not feats or target.accepts(feats):
            continue
        thing = AIR.accepts(feats)
        if thing and (
            not (target.gender and target.number and is_thing(subj, data, lx))
            or {lexicon.normalize(a.lemma) for a in lx.analyses(tok.text, "A")} & data.air_expression_adjectives
        ):
            continue  # a person may have "l'air fatigué"; anything may have "l'air sérieux", a look
        new = lx.inflect(tok.text, target.gender, target.number)
        plain_form = lx.inflect(tok.text, "m", "s")
        if new is None or new.lower() == tok.text.lower():
            continue
        if thing:
            yield rule.issue(
                doc, pstart + tok.idx, pstart + tok.idx + len(tok.text),
                f"After \"avoir l'air\" with a thing as subject, '{tok.text}' agrees with '{subj.text}' "
                f"({target.describe()}): '{new}'",
                [new],
                subject=subj.text,
            )
            continue
        suggestions = [new] + ([plain_form] if plain_form and plain_form.lower() not in (new.lower(), tok.text.lower()) else [])
        yield rule.issue(
            doc, pstart + tok.idx, pstart + tok.idx + len(tok.text),
            f"After \"avoir l'air\", '{tok.text}' agrees with neither '{subj.text}' ({target.describe()}) "
            f"nor 'air': '{new}'" + (f" or '{plain_form}'" if len(suggestions) > 1 else ""),
            suggestions,
            subject=subj.text,
        )
