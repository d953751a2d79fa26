"""The attribute of a direct object ("je trouve ces robes chères", "on les a crues mortes"):
after the verbs of the pack's ``object_attribute_verbs``, an adjective right after the object
noun (adverbs between, "de" after "qualifier") agrees with that noun; after an object clitic
and an agreeing participle, with the participle (MTQ202).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .... import lexicon
from .adverbs import verb_lemmas
from .common import PackData, lex, pack
from .corrections import agreeing_form
from .predicates import coordinated_adjectives
from .prefilter import agreement_parses
from .targets import Target, noun_target
from .words import mostly_adjective, mostly_noun, plain

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ....lexicon import Lexicon
    from ....lint.context import Context
    from ....lint.rule import Rule
    from ....model import Document, Issue


def _attribute_after(sent, j: int, data: PackData) -> int | None:
    """The index of the adjective after the object ending at ``j`` (adverbs between, one "de")."""
    k = j + 1
    while k < len(sent):
        if sent[k].pos_ == "ADV" or sent[k].text.lower() in data.intensifiers:
            k += 1
            continue
        phrase = next((ph for ph in data.adverb_phrases if tuple(t.text.lower() for t in sent[k : k + len(ph)]) == ph), None)
        if phrase is None:
            break
        k += len(phrase)  # "je la trouve un peu sèche"
    if k < len(sent) and sent[k].text.lower().replace("’", "'") in ("de", "d'") and k == j + 1:
        k += 1
    return k if k < len(sent) else None


def _object_noun(sent, v: int, data: PackData, lx: Lexicon) -> int | None:
    """The noun of "DET (NUM) N" right after the verb at ``v``."""
    k = v + 1
    if k >= len(sent) or sent[k].text.lower() not in data.determiners:
        return None
    k += 1
    while k < len(sent) and (sent[k].pos_ == "NUM" or sent[k].like_num):
        k += 1
    if k >= len(sent) or not sent[k].text.islower():
        return None
    # a noun, or a word the lexicon knows only as a noun that the tagger took for an adjective
    # ("je trouve ces chaussures confortables")
    if sent[k].pos_ == "NOUN" or (sent[k].pos_ == "ADJ" and mostly_noun(sent[k], lx)):
        return k
    return None


def _finite(verb: Token, lx: Lexicon) -> bool:
    """A finite form of the verb (not its participle or infinitive): "trouve", "jugent"."""
    return bool(lexicon.verbs(verb.lang_).analyses(lexicon.normalize(verb.text))) and not lx.analyses(verb.text, "P") and not lx.is_verb(verb.text, infinitive=True)


def _after_subject_clitic(sent, v: int, data: PackData) -> bool:
    """The word at ``v`` follows a subject pronoun (or "ne") and an object pronoun: "je les
    trouve", "on ne la croit": a verb, whatever the tagger made of it."""
    if v < 2:
        return False
    prev = sent[v - 1].text.lower().replace("’", "'")
    prev2 = sent[v - 2].text.lower().replace("’", "'")
    return prev in data.object_clitics and (prev2 in data.clitic_subjects or prev2 in data.object_pronoun_cues)


def _participle_target(part: Token, lx: Lexicon) -> Target | None:
    feats = lx.features(part.text, "P")
    if len(feats) != 1:
        return None
    g, n = next(iter(feats))
    return Target(g or None, n or None, part.text) if (g, n) != ("m", "s") else None


def attribute_issues(rule: Rule, doc: Document, ctx: Context, seen: set[int]) -> Iterator[Issue]:
    lang = doc.target_language
    data, lx = pack(lang), lex(lang)
    for p, parsed in zip(doc.paragraphs, agreement_parses(doc, ctx)):
        if parsed is None or p.language not in (lang, "und"):
            continue
        for v in range(len(parsed) - 2):
            verb = parsed[v]
            if not verb.text.islower() or not verb_lemmas(verb.text, lx) & data.object_attribute_verbs:
                continue
            after_clitic = _after_subject_clitic(parsed, v, data)
            # "tu rends ta mère folle": a finite verb right after a subject pronoun, whatever the tags
            after_subject = v > 0 and parsed[v - 1].text.lower() in data.clitic_subjects and _finite(verb, lx)
            if verb.pos_ not in ("VERB", "AUX") and not after_clitic and not after_subject:
                continue  # ("je les trouve injustes": the tagger may take "les trouve" for a noun phrase)
            if v > 0 and not after_clitic and not after_subject and (parsed[v - 1].text.lower() in data.determiners or parsed[v - 1].pos_ == "DET"):
                continue  # a noun: "un rendu des couleurs élevé"
            n = _object_noun(parsed, v, data, lx)
            if n is not None:
                key = lexicon.normalize(parsed[n].text)
                if key in data.complement_nouns or key in data.collective:
                    continue
                target = noun_target(parsed[n], data, lx, surface=parsed[n].pos_ != "NOUN")
                a = _attribute_after(parsed, n, data)
            else:
                # "on les a crues mortes": the participle agrees with the clitic object already
                prev = parsed[v - 1].text.lower().replace("’", "'") if v > 0 else ""
                prev2 = parsed[v - 2].text.lower().replace("’", "'") if v > 1 else ""
                if prev in data.object_clitics and (after_clitic or (parsed[v - 1].pos_ == "PRON" and verb.pos_ == "VERB")) and _finite(verb, lx):
                    # "ces remarques, je les trouve injustes": a finite verb after its object pronoun
                    g, num = data.object_clitics[prev]
                    target = Target(g or None, num or None, parsed[v - 1].text)
                elif prev in data.avoir_number and prev2 in data.avoir_object_pronouns:
                    target = _participle_target(verb, lx)
                else:
                    continue
                a = _attribute_after(parsed, v, data)
            if target is None or a is None:
                continue
            adj = parsed[a]
            tagged_adverb = adj.pos_ == "ADV" and lexicon.normalize(adj.text) not in data.adverbial_adjectives and a == (n if n is not None else v) + 1
            # ("je trouve cette idée excellent": the tagger took the adjective for an adverb)
            if not plain(adj) or (adj.pos_ not in ("ADJ", "VERB", "NOUN", "PROPN") and not tagged_adverb) or not lx.analyses(adj.text, "AP"):
                continue
            if lx.analyses(adj.text, "N") and adj.pos_ == "NOUN" and not (n is not None and mostly_adjective(adj, lx, ratio=2)):
                continue  # a noun; but after an object noun, a word far more often an adjective is the attribute
            if lexicon.normalize(adj.text) in data.subject_attributes:
                continue
            if a + 1 < len(parsed) and parsed[a + 1].pos_ == "NOUN":
                continue  # the adjective of the next noun
            # "je la trouve belle et intelligent": an attribute joined to this one agrees as it does
            for word in (adj, *coordinated_adjectives(adj, data, lx)):
                start = p.start + word.idx
                if start in seen:
                    continue
                new = agreeing_form(word, target, data, lx, lang)
                if new is None:
                    continue
                seen.add(start)
                yield rule.issue(
                    doc, start, start + len(word.text),
                    f"'{word.text}', the attribute of the object '{target.label}', does not agree with it "
                    f"({target.describe()}): '{new}'",
                    [new],
                )
