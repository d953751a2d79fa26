"""Past participle after "être" disagrees with the subject (MTQ203)."""

from __future__ import annotations

from collections.abc import Iterator

from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue
from ...lang.fr.agreement.common import AgreementRule, lex, pack
from ...lang.fr.agreement.coordination import coordination_issues
from ...lang.fr.agreement.corrections import epicene_plural, fix_adjective
from ...lang.fr.agreement.inverted import inverted_participles
from ...lang.fr.agreement.prefilter import agreement_parses
from ...lang.fr.agreement.pronominal import indirect_base, pronominal_issue, reflexive_before
from ...lang.fr.agreement.predicates import etre_child, is_participle, nominal_use, predicate_issue, predicates, reflexive


@register
class ParticipleAgreement(AgreementRule):
    """A past participle after "être" that does not agree with its subject.

    What it does
        Finds past participles conjugated with "être" (compound tenses of "arriver", "partir",
        ..., the passive "a été prise", in every tense and mood) in the shared parse, takes the
        subject's gender and number from the lexicon (or from "il", "elle", "ils", "elles"), with
        coordination, and suggests the agreeing participle. A second verb joined to a main
        clause with no subject of its own shares that clause's subject ("la décision sera prise
        demain et sera annoncée jeudi"). Pronominal verbs ("se sont lavées",
        "s'est évanouie") agree with the subject too, except where the reflexive pronoun is an
        indirect object: with a direct object after the participle ("se sont lavé les mains",
        "se sont rendu compte") or a verb that takes "à" ("se parler", "se succéder",
        ``rules/fr/pronominal.yaml``) the participle is masculine singular, and with a relative
        "que" before it, it agrees with the noun "que" stands for. A subject after the verb
        counts too, read on the words: after "quand", "où", "ainsi", ..., an opening adverbial or
        at the start of the sentence, the noun phrase right after the participle ("Quand sont
        arrivé les secours", "Sur la liste sont inscrit les noms").

    Why it matters
        "les troupes sont arrivé" or "la décision a été pris" are frequent machine-translation
        slips that readers notice.

    Example
        The second line: a pronominal verb, and one whose pronoun is an indirect object.
        Flagged: ``Les négociations sont terminé et la décision a été pris hier.``
                 ``La ministre s'est exprimé hier. Les crises se sont succédées.``
        Flags: ``terminé`` ``pris`` ``exprimé`` ``succédées``
        Better: ``Les négociations sont terminées et la décision a été prise hier.``
                ``La ministre s'est exprimée hier. Les crises se sont succédé.``

    Options
        None.

    Known limits
        With a name or a relative pronoun as subject, only the number the auxiliary shows is
        checked ("a été" singular, "ont été" plural); after "ce", "cela", "ça" the participle is
        masculine singular ("c'est fini"). With "on" and "vous" every gender and number fits
        one reading ("on est partis", "vous êtes partie, madame ?"), so they are left alone, as
        are participles with "avoir" (MTQ204) and collective subjects. A pronominal verb agrees
        with a relative "que" right after a noun ("les lettres qu'ils se sont écrites"); it is
        left alone after another object before it ("se les sont offerts", "c'est avec plaisir
        que", "la liste des livres que": unsure), when an infinitive follows ("s'est fait
        opérer", "se sont laissé convaincre"), and, without such an object, for verbs whose
        pronoun may be either object ("se dire", "s'offrir");
        an object after "des" or "du" is taken for "de" and the article ("s'étaient évadés des
        camps"), so "se sont offertes des vacances" is missed.
    """

    code = "MTQ203"
    name = "participle-agreement"
    requires = frozenset({"nlp", "morph", "lexicon"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        seen: set[int] = set()
        for issue in self._check(doc, ctx):
            seen.add(issue.start)
            yield issue
        for issue in coordination_issues(self, doc, ctx, True, seen):
            seen.add(issue.start)
            yield issue
        yield from self._inverted(doc, ctx, seen)

    def _inverted(self, doc: Document, ctx: Context, seen: set[int]) -> Iterator[Issue]:
        """Participles whose subject follows them ("Quand sont arrivé les secours")."""
        lang = doc.target_language
        lx = lex(lang)
        for p, parsed in zip(doc.paragraphs, agreement_parses(doc, ctx)):
            if parsed is None or p.language not in (lang, "und"):
                continue
            for sent in parsed.sents:
                for tok, target, noun in inverted_participles(sent, lang):
                    start = p.start + tok.idx
                    feats = epicene_plural(tok.text, lx.features(tok.text, "AP"), lx)
                    if not feats or target.accepts(feats) or start in seen:
                        continue  # (its features, not the adjective guards: "sont inscrit" is no verb "inscrit")
                    new = fix_adjective(tok, target, lang, None)
                    if new is None:
                        continue
                    yield self.issue(
                        doc, start, start + len(tok.text),
                        f"Participle '{tok.text}' does not agree with '{noun.text}', its subject after the verb "
                        f"({target.describe()}): '{new}'",
                        [new],
                        subject=noun.text,
                    )

    def _check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        data, lx = pack(lang), lex(lang)
        for pstart, tok in predicates(doc, ctx, also=("PROPN", "ADP")):
            if not etre_child(tok, data) or nominal_use(tok):
                continue
            pronominal = reflexive(tok, data) or reflexive_before(tok, lang)
            if tok.pos_ in ("PROPN", "ADP") and not (pronominal and tok.text.islower()):
                continue  # a participle the tagger took for a name or a preposition: only "se sont aperçu"
            if not is_participle(tok, lx, data) and not (pronominal and indirect_base(tok, lang)):
                continue
            if pronominal:
                issue = pronominal_issue(self, doc, pstart, tok)
            else:
                issue = predicate_issue(self, doc, pstart, tok, tok, "Participle ")
            if issue is not None:
                yield issue
