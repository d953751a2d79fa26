"""Determiner and noun disagree in gender or number (MTQ201)."""

from __future__ import annotations

from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue, Severity
from ...lang.fr.agreement.common import AgreementRule
from ...lang.fr.agreement.noun_phrases import noun_phrase_issues


@register
class DeterminerAgreement(AgreementRule):
    """A determiner whose gender or number contradicts its noun's.

    What it does
        Takes each determiner-noun pair from the shared parse and the noun's own gender and
        number from the lexicon (the parser only guesses them, from the determiner itself). When
        the determiner ("le", "une", "cette", "sa", "des", ... from ``rules/<lang>/agreement.yaml``)
        marks another gender or number, suggests the right determiner and shows the whole
        corrected phrase. "tout" before a determiner is checked too ("tout les députés" ->
        "tous les députés"). Where an error has misled the parser, a noun right after a
        determiner is still checked by position, and so is a noun the tagger took for a verb
        ("les habitant du village", not a gerund: "en les tenant"). When the two agree in gender but not in
        number, either may be the wrong word: the span holds both and both corrections are
        offered ("ces problème": "ce problème" or "ces problèmes"); after a determiner with no
        form in the noun's number ("plusieurs", "quelques") the noun is corrected.

    Why it matters
        "une ordre" or "le Sud-Corée" tells a reader at once that the text is a careless machine
        translation.

    Example
        Flagged: ``Ils annoncent une nouvelle ordre mondiale.``
        Flags: ``une``
        Better: ``Ils annoncent un nouvel ordre mondial.``

    Options
        None.

    Known limits
        A noun of both genders (livre, aide) or for people used with both genders (la ministre)
        is only checked for number. Left alone: "après-midi", "autre", capitalised words
        (proper nouns, titles, acronyms: "le Rafale"), the gender of English loanwords, nouns
        the lexicon does not know, and paragraphs in another language; so are a singular
        determiner before a number and a plural unit that name one thing by its measure ("le 100
        mètres", "le 20 heures", ``event_units``) and compounds whose gender is not their first
        noun's ("le latte macchiato", ``fixed_compounds``). When a determiner and a
        nominalised adjective disagree ("la seul qui"), either may be the wrong word: both
        corrections are offered.
    """

    code = "MTQ201"
    severity = Severity.WARNING  # follows its precision on real MT (rules/fr/precision.yaml)
    name = "determiner-agreement"
    requires = frozenset({"nlp", "morph", "lexicon"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        yield from noun_phrase_issues(self, doc, ctx, "det")
