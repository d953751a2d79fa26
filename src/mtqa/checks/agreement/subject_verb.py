"""Finite verb whose number contradicts its subject's (MTQ206)."""

from __future__ import annotations

from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue, Severity
from ...lang.fr.agreement.common import NUMBER_NAME, AgreementRule
from ...lang.fr.agreement.euphonic import euphonic_errors
from ...lang.fr.agreement.persons import person_disagreements, subject_parses
from ...lang.fr.agreement.verbs import verb_disagreements

PERSON_NAME = {"1": "first", "2": "second", "3": "third"}


@register
class SubjectVerbAgreement(AgreementRule):
    """A finite verb in the third person whose number contradicts its subject's.

    What it does
        Takes each finite verb and its subject from the shared parse. The subject's number comes
        from its determiner (or a numeral), which the lexicon's number for the noun must not
        contradict, from "il", "elle", "ils", "elles" right before the verb, or, for "qui", from
        the noun the relative clause hangs on when nothing else can be meant. When the verb's
        forms in the third person (from the lexicon's verb table) show only the other number,
        the rule suggests the form of the same verb, mood and tense that agrees.

    Why it matters
        "les négociations a duré" or "le ministre ont annoncé" are slips that machine
        translation makes when the German subject is far from its verb, and that a reader
        notices at once.

    Example
        Flagged: ``Les négociations a duré toute la nuit et le ministre ont quitté la salle.``
        Flags: ``a`` ``ont``
        Better: ``Les négociations ont duré toute la nuit et le ministre a quitté la salle.``

    Options
        None.

    Known limits
        Only the third person is checked, and only subjects before the verb: inverted subjects
        ("que disent les experts", "a-t-elle"), "on", "ce", "cela", indefinite pronouns and names
        are left alone, as are coordinated subjects, subjects after a quantity ("la plupart des",
        "beaucoup de", "un grand nombre de", "50 % des") or headed by a collective or group noun
        (rules/fr/agreement.yaml, rules/fr/subject_verb.yaml), subjects separated from their verb
        by a conjunction, a relative clause, a colon or quotes, and "qui" whose antecedent is
        itself a complement ("le maire de la ville qui"). When the parse hangs the subject on
        another verb, or tags the wrong verb as an adjective or a noun, the error goes unseen.
    """

    code = "MTQ206"
    name = "subject-verb-agreement"
    # not measured on real MT yet (no finding on the WMT22 de-fr outputs): a warning, not an error
    severity = Severity.WARNING
    requires = frozenset({"nlp", "morph", "lexicon"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        for p in doc.paragraphs:
            if p.language not in (lang, "und"):
                continue
            for e in euphonic_errors(doc.view[p.start : p.end], lang):
                message = (
                    f"The inverted pronoun needs the euphonic -t- after '{e.text.split('-')[0].split()[0]}': '{e.form}'"
                    if e.missing
                    else f"The euphonic -t- is written '{e.form}' here"
                )
                yield self.issue(doc, p.start + e.start, p.start + e.end, message, [e.form])
        for p, parsed in zip(doc.paragraphs, subject_parses(doc, ctx)):
            if parsed is None:
                continue
            found = verb_disagreements(parsed, lang)
            flagged = {d.verb.i for d in found}
            found += [d for d in person_disagreements(parsed, lang) if d.verb.i not in flagged]
            for d in sorted(found, key=lambda d: d.verb.i):
                v = d.verb
                yield self.issue(
                    doc, p.start + v.idx, p.start + v.idx + len(v.text),
                    f"Verb '{v.text}' does not agree with its subject '{d.subject.text}' "
                    f"({PERSON_NAME[d.person]} person {NUMBER_NAME[d.number]}): '{d.form}'",
                    [d.form],
                    subject=d.subject.text,
                )
