"""Past participle after "être" disagrees with the subject (MTQ203)."""

from __future__ import annotations

from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue
from ...lang.fr.agreement.common import AgreementRule, lex, pack
from ...lang.fr.agreement.pronominal import indirect_base, pronominal_issue, reflexive_before
from ...lang.fr.agreement.predicates import etre_child, is_participle, nominal_use, predicate_issue, predicates, reflexive


@register
class ParticipleAgreement(AgreementRule):
    """A past participle after "être" that does not agree with its subject.

    What it does
        Finds past participles conjugated with "être" (compound tenses of "arriver", "partir",
        ..., and the passive "a été prise") in the shared parse, takes the subject's gender and
        number from the lexicon (or from "il", "elle", "ils", "elles"), with coordination, and
        suggests the agreeing participle.

    Why it matters
        "les troupes sont arrivé" or "la décision a été pris" are frequent machine-translation
        slips that readers notice.

    Example
        Flagged: ``Les négociations sont terminé et la décision a été pris hier.``
        Flags: ``terminé`` ``pris``
        Better: ``Les négociations sont terminées et la décision a été prise hier.``

    Options
        None.

    Known limits
        With a name or a relative pronoun as subject, only the number the auxiliary shows is
        checked ("a été" singular, "ont été" plural); after "ce", "cela", "ça" the participle is
        masculine singular ("c'est fini"). Participles with "avoir", of reflexive verbs ("elle
        s'est lavé les mains" agrees with the object, if any), with "on", "nous" or "vous" as
        subject, and with collective subjects are left alone.
    """

    code = "MTQ203"
    name = "participle-agreement"
    requires = frozenset({"nlp", "morph", "lexicon"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        data, lx = pack(lang), lex(lang)
        for pstart, tok in predicates(doc, ctx):
            if not etre_child(tok, data) or nominal_use(tok):
                continue
            pronominal = reflexive(tok, data) or reflexive_before(tok, lang)
            if not is_participle(tok, lx, data) and not (pronominal and indirect_base(tok, lang)):
                continue
            if pronominal:
                issue = pronominal_issue(self, doc, pstart, tok)
            else:
                issue = predicate_issue(self, doc, pstart, tok, tok, "Participle ")
            if issue is not None:
                yield issue
