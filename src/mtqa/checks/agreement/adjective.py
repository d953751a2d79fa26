"""Adjective and noun disagree in gender or number (MTQ202)."""

from __future__ import annotations

from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue, Severity
from ...lang.fr.agreement.air import air_issues
from ...lang.fr.agreement.attributes import attribute_issues
from ...lang.fr.agreement.common import AgreementRule, lex, pack
from ...lang.fr.agreement.coordination import coordination_issues
from ...lang.fr.agreement.noun_phrases import noun_phrase_issues
from ...lang.fr.agreement.predicates import (
    coordinated_adjectives,
    copular_head,
    etre_child,
    is_participle,
    nominal_use,
    predicate_issue,
    predicates,
    reflexive,
)


@register
class AdjectiveAgreement(AgreementRule):
    """An adjective whose gender or number contradicts the noun it qualifies.

    What it does
        Checks adjectives next to their noun ("une décision importante") and predicate
        adjectives after "être", "sembler", "devenir", "rester", ... ("la route est fermée")
        against the noun's own gender and number from the lexicon, with the syntax (which noun,
        coordination, intervening adverbs) from the shared parse. Coordinated subjects make the
        predicate plural, and masculine when one of them is masculine, also when the parse hung
        both nouns on the predicate ("le père et la mère sont présents"); the message names
        them all. An adjective joined by "et" or "ou" right after a predicate or an adjective
        of a noun agrees as that one does ("elle est belle et intelligente", "une maison
        grande et lumineuse"). Suggests the agreeing
        form (euphonic "nouvel", "bel", "vieil" before a vowel) and shows the corrected phrase.
        After "avoir l'air" the adjective may agree with a person or with "air" ("elle a
        l'air fatiguée", "fatigué"): it is flagged when it agrees with neither ("elle a l'air
        fatigués"); with a thing it agrees with the subject ("la soupe a l'air délicieuse"; a
        common noun of one gender whose lemma has no form of the other gender in the lexicon,
        and not one of the pack's ``person_nouns``).

    Why it matters
        Gender and number slips ("une accord commerciale", "les routes sont fermé") are among the
        most visible errors of machine translation into French.

    Example
        Flagged: ``La nouvelle loi est entré en vigueur, un accord commerciale aussi.``
        Flags: ``commerciale``
        Better: ``La nouvelle loi est entrée en vigueur, un accord commercial aussi.``

    Options
        None.

    Known limits
        An adjective after a noun is checked only when nothing but adjectives, adverbs and
        commas separate them, and after "N de N" only when it agrees with neither noun (the
        parse cannot tell which one it qualifies). After coordinated nouns it must only carry
        the coordination's number and gender ("la langue et la littérature françaises"). A
        capitalised common noun after a lower-case determiner agrees as the common noun does,
        with its determiner's gender ("la Commission européenne", "le Rafale français").
        Adjectives used as adverbs after their verbs ("la chaussure taille petit", "coûte deux
        fois plus cher", ``adverbial_verbs``), invariable and capitalised adjectives, participle
        phrases with "de" that may describe
        the subject, subjects that are relative pronouns, "on", "vous", "nous", collective nouns
        and names without a determiner are left alone. Past participles after "être" are
        MTQ203's.
    """

    code = "MTQ202"
    severity = Severity.WARNING  # follows its precision on real MT (rules/fr/precision.yaml)
    name = "adjective-agreement"
    requires = frozenset({"nlp", "morph", "lexicon"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        seen: set[int] = set()
        for issue in self._check(doc, ctx):
            seen.add(issue.start)
            yield issue
        for issue in attribute_issues(self, doc, ctx, seen):
            seen.add(issue.start)
            yield issue
        yield from coordination_issues(self, doc, ctx, False, seen)

    def _check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        yield from noun_phrase_issues(self, doc, ctx, "adj")
        yield from air_issues(self, doc, ctx)
        lang = doc.target_language
        data, lx = pack(lang), lex(lang)
        for pstart, tok in predicates(doc, ctx):
            if is_participle(tok, lx, data) or reflexive(tok, data) or nominal_use(tok):
                continue
            if tok.pos_ != "ADJ" and (
                not lx.analyses(tok.text, "A")
                or any(c.dep_ in ("det", "case", "fixed", "nmod") for c in tok.children)
                or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ in ("NOUN", "PROPN"))
                or not etre_child(tok, data)
            ):
                continue  # an adjective the tagger took for a noun or verb counts after "être" only
            head = copular_head(tok, data)
            if head is None and not etre_child(tok, data):
                continue
            issue = predicate_issue(self, doc, pstart, tok, head if head is not None else tok, "")
            if issue is not None:
                yield issue
            for other in coordinated_adjectives(tok, data, lx):
                # "elle est belle et intelligent": the second adjective has the first one's subject
                issue = predicate_issue(self, doc, pstart, other, head if head is not None else tok, "")
                if issue is not None:
                    yield issue
