"""Words that look alike and agree by their own rules: "tout" before an adjective, "quel que" and
"quelque(s)", "même(s)" (MTQ208)."""

from __future__ import annotations

from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue, Severity
from ...lang.fr import lookalikes
from ...lang.fr.agreement.common import AgreementRule


@register
class LookalikeAgreement(AgreementRule):
    """"tout", "quel que", "quelque" or "même" in the form of another reading.

    What it does
        Reads the words around "tout", "quel", "quelque" and "même" with the lexicon (no parse):

        - "tout" before an adjective or participle: the adverb stays "tout" before a masculine
          adjective or a feminine one that begins with a vowel or a mute h ("tout émue"), and
          agrees before a feminine adjective that begins with a consonant or an aspirated h
          ("elle est tout petite" -> "toute petite", "la tout première fois"). "tous" or
          "toutes" before an adjective is also the pronoun ("ils sont tous contents": all of
          them), so a form is flagged only when neither reading fits; "touts" is no word.
          Right before a noun "tout" is the determiner and takes its gender and number ("en
          tout circonstance" -> "toute", "à toutes âges" -> "tous").
        - "quelque soit" / "quelques soient" / "qu'elle que soit" -> "quel(le)(s) que soit /
          soient", with the gender and number of the subject after the verb ("quel que soit la
          raison" -> "quelle que soit la raison"; both genders are offered for a noun of both,
          "les critiques"), and the verb's number ("quels que soit les risques"); "quelques"
          before a number of 10 or more ("quelque 200 personnes", about), before "chose",
          "part", "peu" and in "quelque puissants qu'ils soient"; "quelque" before a plural noun
          ("quelque jours").
        - "même" after a stressed pronoun ("eux-même" -> "eux-mêmes", "lui-mêmes" ->
          "lui-même"; "nous-même" and "vous-même" are the author's and the polite singular and
          pass), between a determiner and its noun ("les même erreurs" -> "les mêmes"), and
          the adverb written "mêmes" ("Mêmes les enfants", "ils sont mêmes venus").

        The words come from ``rules/<lang>/lookalikes.yaml``; gender and number from the lexicon.

    Why it matters
        These words change form by a rule of their own, and machine translation, which inflects
        them like any adjective or copies a form from the wrong reading, gets them wrong often
        enough for readers to notice: "quelque soit la raison" is one of the commonest mistakes
        in written French.

    Example
        Flagged: ``Quelque soit la raison, elle est tout petite et ils l'ont dit eux-même.``
        Flags: ``Quelque soit`` ``tout`` ``eux-même``
        Better: ``Quelle que soit la raison, elle est toute petite et ils l'ont dit eux-mêmes.``

    Options
        None.

    Known limits
        Only the next word is read after "tout": an adverb before an adverb ("tout aussi
        belle") or an adjective the lexicon gives both genders ("tout triste") is left alone, as
        is "toute" before a feminine adjective that begins with a vowel ("toute entière"), which
        the 1976 tolerance allows, and "toute" before a feminine adjective of the other number
        ("toute trouvées"), where the adjective may be the wrong word. After a form of "avoir"
        "tout" and "tous" are objects or pronouns and are not read; "tous" and "toutes" away from
        a copula or a preposition may be the pronoun and are not read either. "quel que" with coordinated subjects ("quels que soient le lieu
        et l'heure") or a name after the verb is not checked; a mistaken "quelque soit" there
        gets advice instead of a form. "même" after a noun ("les enfants même") is both the
        adjective and the adverb and is left alone.
    """

    code = "MTQ208"
    name = "lookalike-agreement"
    severity = Severity.WARNING  # follows its precision on real MT (rules/fr/precision.yaml)

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        text = doc.view
        for p in doc.paragraphs:
            if p.language not in (lang, "und") or not lookalikes.TRIGGER.search(text, p.start, p.end):
                continue
            for f in lookalikes.findings(text, p.start, p.end, lang):
                yield self.issue(doc, f.start, f.end, f.message, list(f.suggestions))
