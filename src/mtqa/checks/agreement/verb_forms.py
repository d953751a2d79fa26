"""Infinitive for past participle, or past participle for infinitive, in -er verbs (MTQ214)."""

from __future__ import annotations

from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue, Severity
from ...lang.fr import verb_forms
from ...lang.fr.agreement.common import AgreementRule


@register
class InfinitiveParticiple(AgreementRule):
    """An -er verb in its infinitive where its past participle belongs, or the reverse.

    What it does
        Reads the words of each paragraph with the lexicon (no parse). After a form of "avoir"
        or "être" (adverbs such as "déjà" or "pas" may stand between), an -er infinitive is the
        participle's sound-alike: "il a manger" -> "mangé", "peut être réchauffer" ->
        "réchauffé", "les colis seront livrer" -> "livrés". After "être" the participle agrees
        with the subject (a pronoun, or a noun whose gender the lexicon knows; both genders
        are offered when the subject does not show one: "je suis arriver" -> "arrivé" or
        "arrivée"). After "pouvoir", "devoir", "vouloir", "aller", "falloir", "pour" and "sans",
        a participle is the infinitive's sound-alike: "il faut mangé" -> "manger", "pour
        terminé" -> "terminer". After "avoir", a singular conjugated form that sounds like the
        participle is read as it: "il a prit" -> "pris", "j'ai fais" -> "fait". The corrected
        form comes from the lexicon, and the words from ``rules/<lang>/verb_forms.yaml``.

    Why it matters
        The two forms sound the same, so the slip is frequent in writing and survives spell
        checking; machine translation makes it too. A reader sees it at once.

    Example
        Flagged: ``Les colis seront livrer demain et il faudra payé à la livraison.``
        Flags: ``livrer`` ``payé``
        Better: ``Les colis seront livrés demain et il faudra payer à la livraison.``

    Options
        None.

    Known limits
        Only -er verbs (whose two forms sound alike). "a" is read as "avoir" only after a subject
        or object pronoun or a name ("la salle a manger" is "à" without its accent). After
        "c'est" and nouns such as "but" or "idée" an infinitive is the attribute ("le but est
        gagner"), and is left alone. With an object before "avoir" ("qu'il a manger", "il les a
        manger") the participle may agree with it, so the rule leaves it to MTQ204. A word that
        is also a common noun or adjective ("dîner", "premier", "marché") is not read, nor a
        participle after "vouloir" with an object pronoun before it ("je le veux terminé").
    """

    code = "MTQ214"
    name = "infinitive-participle"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        text = doc.view
        for p in doc.paragraphs:
            if p.language not in (lang, "und") or not verb_forms.trigger(lang).search(text, p.start, p.end):
                continue
            for f in verb_forms.findings(text, p.start, p.end, lang):
                yield self.issue(doc, f.start, f.end, f.message, list(f.suggestions))
