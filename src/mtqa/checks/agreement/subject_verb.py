"""Finite verb whose number contradicts its subject's (MTQ206)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue, Severity
from ...lang.fr.agreement.common import NUMBER_NAME, AgreementRule, on_parse
from ...lang.fr.agreement.euphonic import euphonic_errors
from ...lang.fr.agreement.groups import person_disagreements, subject_parses
from ...lang.fr.agreement.verbs import verb_disagreements

PERSON_NAME = {"1": "first", "2": "second", "3": "third"}


@lru_cache(maxsize=4096)
def _euphonic_errors(text: str, lang: str) -> tuple:
    """The euphonic "-t-" errors of a paragraph's text, memoised on the text (a server is sent
    the same paragraphs again and again)."""
    return tuple(euphonic_errors(text, lang))


@register
class SubjectVerbAgreement(AgreementRule):
    """A finite verb that does not agree with its subject in person or number.

    What it does
        Takes each finite verb and its subject and, when the verb's forms in the lexicon's verb
        table show no analysis with the subject's person and number, suggests the form of the
        same verb, mood and tense that agrees. Subjects read: a common noun whose determiner
        (or numeral) gives its number, from the shared parse or, at the start of a clause, from
        the words themselves; a subject pronoun of any person before its clitics ("ils mange",
        "nous avez", "tu peut", "on mangent"); a stressed pronoun or a noun before "qui"
        ("c'est moi qui a", "ceux qui pense", "les élèves qui a"); a noun subject after its verb
        following "que", "où", "dont", "ainsi", "comment", "quand" ("que dit les experts"), or
        after an adverbial that opens the sentence, when the verb is one of presence, arrival or
        beginning ("Demain commence les soldes", "Sur la place se dresse deux statues");
        members joined by "et" ("Paul et Marie vient", "toi et moi sait": first or second person
        plural when "moi" or "toi" is among them); and the noun after an adverb of quantity
        ("beaucoup de gens pense", "la plupart des élèves a"); "chacun", "aucun" and "le
        nombre" before "de"/"des" keep the verb singular ("chacun des joueurs ont" -> "a",
        "le nombre de plaintes ont" -> "a"). The words come from
        rules/fr/subject_verb.yaml. Also reports the euphonic "-t-" of an inverted "il", "elle",
        "on": missing ("a-il", "va-elle"), misspelt ("a-t'il", "a t-il") or superfluous
        ("dit-t-il", "ont-t-ils"), with the corrected spelling.

    Why it matters
        "les négociations a duré", "ils mange" or "que dit les experts" are slips that machine
        translation makes when the German subject is far from its verb or is turned around, and
        that a reader notices at once.

    Example
        Flagged: ``Les négociations a duré toute la nuit et le ministre ont quitté la salle.``
        Flags: ``a`` ``ont``
        Better: ``Les négociations ont duré toute la nuit et le ministre a quitté la salle.``

    Options
        None.

    Known limits
        Where the grammar allows both numbers the rule says nothing: "ni ... ni", "ou", "ainsi
        que", "comme", "avec" between subjects, "chaque ... et chaque", "l'un et l'autre", a
        subject after a collective or group noun ("une foule de", "la majorité des", "un grand
        nombre de", "le peu de"), "qu'importe", "vive", "reste", "un des ... qui", "l'un de nous
        qui". "Nous" and "vous" before a verb of the third person or the first singular are
        read as objects ("(je) vous souhaite", "comme nous l'a dit le maire"), so "nous a" goes
        unreported; a subject noun that is a name, a capitalised word, a time noun or that has a
        complement the rule cannot read is left alone, as are members of a coordination that are
        not a name, a stressed pronoun or a noun phrase with its own determiner, and a
        coordination that follows a comma inside a list. A coordinated name that is the title of
        a work ("Tom et Jerry fait rire") is flagged unless a copula and a noun phrase follow.
        Verbs tagged as adjectives that agree with the noun before them are not read as verbs.
    """

    code = "MTQ206"
    name = "subject-verb-agreement"
    # one judged finding on the WMT22 de-fr outputs (rules/fr/precision.yaml): too few for an error
    severity = Severity.WARNING
    requires = frozenset({"nlp", "morph", "lexicon"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        for p in doc.paragraphs:
            if p.language not in (lang, "und"):
                continue
            for e in _euphonic_errors(doc.view[p.start : p.end], lang):
                message = (
                    f"The inverted pronoun needs the euphonic -t- after '{e.text.split('-')[0].split()[0]}': '{e.form}'"
                    if e.missing
                    else f"The euphonic -t- is written '{e.form}' here"
                )
                yield self.issue(doc, p.start + e.start, p.start + e.end, message, [e.form])
        for p, parsed in zip(doc.paragraphs, subject_parses(doc, ctx)):
            if parsed is None:
                continue
            found = list(on_parse(parsed, ("verb-disagreements", lang), lambda: verb_disagreements(parsed, lang)))
            flagged = {d.verb.i for d in found}
            persons = on_parse(parsed, ("person-disagreements", lang), lambda: person_disagreements(parsed, lang))
            found += [d for d in persons if d.verb.i not in flagged]
            for d in sorted(found, key=lambda d: d.verb.i):
                v = d.verb
                yield self.issue(
                    doc, p.start + v.idx, p.start + v.idx + len(v.text),
                    f"Verb '{v.text}' does not agree with its subject '{d.label or d.subject.text}' "
                    f"({PERSON_NAME[d.person]} person {NUMBER_NAME[d.number]}): '{d.form}'",
                    [d.form],
                    subject=d.label or d.subject.text,
                )
