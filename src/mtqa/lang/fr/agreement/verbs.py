"""Finite verbs and their subjects: a cheap surface test for paragraphs where a verb may
disagree with its subject (:func:`might_disagree_verbs`), the number a subject shows
(:func:`subject_number`), and the verb-subject pairs of a parse whose numbers contradict each
other, with the agreeing form from the lexicon (:func:`verb_disagreements`).

Words come from the rule packs (``rules/<lang>/subject_verb.yaml`` and ``agreement.yaml``);
verb forms and their analyses from the lexicon's verb table (:func:`mtqa.lexicon.verbs`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .... import lexicon, packs
from .common import lex, normalized_words, pack

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJ = ("nsubj", "nsubj:pass")
AUX = ("aux", "aux:tense", "aux:pass", "cop")
# the tagger's mood and tense names -> the lexicon's
MOODS = {"Ind": "ind", "Sub": "sub", "Cnd": "cnd", "Imp": "imp"}
TENSES = {"Pres": "pre", "Imp": "imp", "Past": "pas", "Fut": "fut"}
_SURFACE = re.compile(r"[^\W\d_]+(?:[\-‐][^\W\d_]+)*['’]?|%")


@dataclass(frozen=True)
class VerbPack:
    collective: frozenset[str]
    quantity_nouns: frozenset[str]
    number_determiners: dict[str, str]
    coordinators: frozenset[str]
    numerals: frozenset[str]
    time_nouns: frozenset[str]
    contracted: dict[str, str]
    clause_openers: frozenset[str]
    quantity_openers: frozenset[str]
    pronouns: dict[str, str]
    clitics: frozenset[str]
    uncertain_between: frozenset[str]
    uncertain_before: frozenset[str]




@lru_cache(maxsize=None)
def verb_pack(lang: str) -> VerbPack:
    raw = packs.load_yaml(lang, "subject_verb.yaml")
    data = pack(lang)
    return VerbPack(
        collective=data.collective | data.complement_nouns,
        quantity_nouns=normalized_words(raw, "quantity_nouns"),
        number_determiners={lexicon.normalize(str(k)): str(v) for k, v in (raw.get("number_determiners") or {}).items()},
        coordinators=normalized_words(raw, "coordinators"),
        numerals=normalized_words(raw, "numerals"),
        time_nouns=normalized_words(raw, "time_nouns"),
        contracted={lexicon.normalize(str(k)): str(v) for k, v in (raw.get("contracted_articles") or {}).items()},
        clause_openers=normalized_words(raw, "clause_openers"),
        quantity_openers=normalized_words(raw, "quantity_openers"),
        pronouns={lexicon.normalize(str(k)): str(v) for k, v in (raw.get("pronouns") or {}).items()},
        clitics=normalized_words(raw, "clitics"),
        uncertain_between=normalized_words(raw, "uncertain_between"),
        uncertain_before=normalized_words(raw, "uncertain_before"),
    )


@lru_cache(maxsize=100_000)
def third_person_number(lang: str, word: str) -> str | None:
    """The one number ("s" or "p") the third-person analyses of a finite verb form show, or
    None (no finite form, no third person, or both numbers)."""
    numbers = {a.number for a in lexicon.verbs(lang).analyses(word) if a.person == "3"}
    return numbers.pop() if len(numbers) == 1 else None


def might_disagree_verbs(text: str, lang: str, window: int = 7) -> bool:
    """A cheap test on the surface words: a finite verb form of one number in the third person
    with a determiner or subject pronoun of the other number among the ``window`` words before
    it. Paragraphs without one are not parsed for this rule."""
    data, vp = pack(lang), verb_pack(lang)
    words = [lexicon.normalize(w) for w in _SURFACE.findall(text)]
    for i, w in enumerate(words):
        if w in data.determiners or w in vp.clitics or w in vp.number_determiners:
            continue
        n = third_person_number(lang, w)
        if n is None:
            continue
        for j in range(i - 1, max(-1, i - 1 - window), -1):
            v = words[j]
            if v in vp.pronouns:
                if vp.pronouns[v] != n and all(x in vp.clitics for x in words[j + 1 : i]):
                    return True
                break
            other = data.determiners.get(v, ("", ""))[1] or vp.number_determiners.get(v) or ("p" if v in vp.numerals else "")
            if other and other != n:
                return True
    return False


def _plain(t: Token) -> bool:
    return t.text == t.text.lower()


def noun_number(n: Token, lang: str, complement: bool = False) -> str | None:
    """The number of a common-noun subject: its determiner's (or a numeral's), which the
    lexicon's number for the noun form must not contradict. None when either is unknown or they
    disagree (that is a determiner error, MTQ201's), and for quantity and group nouns. With
    ``complement`` (the antecedent of "qui"), a preposition fused with the article ("aux",
    "du") marks the number too."""
    data, vp, lx = pack(lang), verb_pack(lang), lex(lang)
    key = lexicon.normalize(n.text)
    if n.pos_ not in ("NOUN", "ADJ", "PROPN") or not n.is_alpha or not _plain(n) or "-" in n.text:
        return None
    found = lx.analyses(n.text, "N")
    if not found or (n.pos_ != "NOUN" and lx.analyses(n.text, "AP")):
        return None  # tagged an adjective or a name: a noun only when the lexicon knows nothing else
    lemmas = {lexicon.normalize(a.lemma) for a in found} | {key}
    if lemmas & (vp.collective | vp.time_nouns):
        return None
    if lemmas & vp.quantity_nouns and n.i + 1 < len(n.doc) and n.doc[n.i + 1].text.lower() in data.complement_prepositions:
        return None  # "un groupe de manifestants ont"
    numbers = {a.number for a in found}
    own = numbers.pop() if len(numbers) == 1 and "" not in numbers else None
    dets = [c for c in n.children if c.dep_ == "det" and c.i < n.i]
    marked: str | None = None
    cases = [c for c in n.children if c.dep_ == "case"]
    if complement and not dets and len(cases) == 1 and lexicon.normalize(cases[0].text) in vp.contracted:
        marked = vp.contracted[lexicon.normalize(cases[0].text)]
    elif len(dets) == 1:
        dkey = lexicon.normalize(dets[0].text)
        marked = data.determiners.get(dkey, ("", ""))[1] or vp.number_determiners.get(dkey)
        if dkey in vp.contracted or (cases and not complement):
            return None  # "du pain", or a complement ("de la ville")
    elif not dets:
        nums = [c for c in n.children if c.dep_ == "nummod" and c.i < n.i]
        if len(nums) == 1 and nums[0].text.lower() not in ("un", "une", "1") and own == "p":
            marked = "p"
    if marked is None or (own is not None and own != marked):
        return None
    return marked


def _quantity_before(subj: Token, lang: str) -> bool:
    """The subject phrase follows a quantity or a partitive ("la plupart des", "beaucoup de",
    "l'un des", "50 % des"): its verb may agree with either."""
    data, vp = pack(lang), verb_pack(lang)
    sent = subj.doc
    edge = left_edge(subj)
    before = [sent[k] for k in range(max(0, edge - 3), edge)]
    if before and (before[-1].text.lower() in data.complement_prepositions or before[-1].pos_ == "ADP"):
        return True  # a complement ("la moitié des", "pour nombre d'entre nous")
    if before and lexicon.normalize(before[-1].text) in vp.coordinators and before[-1].i > 0:
        # coordinated with the words before ("l'oie ou le canard", "et sa famille"), unless the
        # parse joins two clauses, each with its subject ("la nuit et le ministre a quitté")
        host = subj.head
        if host.dep_ == "conj" and host.head.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJ for c in host.head.children):
            return False
        # a finite verb between the clause's start and the conjunction: two clauses
        for k in range(before[-1].i - 1, -1, -1):
            t = sent[k]
            if t.pos_ == "PUNCT" or t.pos_ == "SCONJ" or lexicon.normalize(t.text) in vp.clause_openers:
                return True
            if "Fin" in t.morph.get("VerbForm"):
                return False
        return True
    if before and before[-1].text == ",":
        # a series of nouns without a conjunction ("la classification, le prix sont"): a noun
        # before the comma, in the same clause
        for k in range(before[-1].i - 1, -1, -1):
            t = sent[k]
            if t.pos_ in ("NOUN", "PROPN"):
                # unless that noun heads a prepositional phrase or is a time adverbial ("dans le
                # même temps, les sports", "quarante ans après, cette disparition")
                return not (any(c.dep_ == "case" for c in t.children) or lexicon.normalize(t.text) in vp.time_nouns)
            if t.pos_ in ("PUNCT", "SCONJ") or "Fin" in t.morph.get("VerbForm") or lexicon.normalize(t.text) in vp.clause_openers:
                break
    k = edge - 1
    while k >= 0 and sent[k].pos_ == "ADV":
        k -= 1
    if k >= 0 and sent[k].pos_ in ("VERB", "AUX"):
        return True  # the object of the verb before ("qui apporte maintenant les cadeaux aux enfants est")
    return any(lexicon.normalize(t.text) in vp.quantity_openers | vp.uncertain_before or t.like_num for t in before)


def left_edge(subj: Token) -> int:
    """Where the subject phrase begins: its left edge, without a conjunction the parse hung on
    it ("et les vagues")."""
    edge = subj.left_edge.i
    while edge < subj.i and subj.doc[edge].dep_ == "cc" and subj.doc[edge].head.i == subj.i:
        edge += 1
    return edge


def _subject(verb: Token) -> Token | None:
    """The one subject of finite ``verb`` in the parse: its own, or its host's when it is an
    auxiliary or a copula (the first auxiliary of the host only)."""
    host = verb
    if verb.dep_ in AUX:
        host = verb.head
        first = min((c.i for c in host.children if c.dep_ in AUX), default=verb.i)
        if first != verb.i or host.i < verb.i:
            return None
    subjects = [c for c in host.children if c.dep_ in SUBJ]
    if any(c.dep_ == "expl:subj" for c in host.children):
        return None
    if len(subjects) == 1:
        return subjects[0]
    # "ils ne le dit jamais devant les enfants": the parse gave a second subject after the verb;
    # a subject pronoun right before it is the subject
    before = [c for c in subjects if c.i < verb.i]
    if len(before) == 1 and lexicon.normalize(before[0].text) in verb_pack(verb.lang_).pronouns:
        return before[0]
    return None


@dataclass(frozen=True)
class Disagreement:
    verb: Token
    subject: Token  # the word the number comes from: the noun, the pronoun or the antecedent of "qui"
    number: str  # the subject's
    form: str  # the agreeing form of the verb
    person: str = "3"  # the subject's
    label: str = ""  # the subject as the message shows it, when more than ``subject`` ("Paul et Marie")


def qui_antecedent(qui: Token, verb: Token, lang: str) -> Token | None:
    """The noun a subject "qui" stands for, when there is no doubt about it: the head of the
    relative clause, right before "qui" (adjectives and a comma aside), not itself the
    complement of another noun ("le maire de la ville qui ont"), not coordinated."""
    rel = verb if verb.dep_ not in AUX else verb.head
    if rel.dep_ != "acl:relcl":
        return None
    ante = rel.head
    if ante.pos_ != "NOUN" or ante.i >= qui.i:
        return None
    sent = qui.doc
    if any(not (sent[k].pos_ == "ADJ" or sent[k].text == ",") for k in range(ante.i + 1, qui.i)):
        return None
    cases = [c for c in ante.children if c.dep_ == "case"]
    if cases and lexicon.normalize(cases[0].text) not in verb_pack(lang).contracted:
        return None  # "des choses dans mon travail qui me touchent": which noun is meant?
    if ante.dep_ in ("nmod", "conj") or any(
        c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") for c in ante.children
    ):
        return None
    return ante


def verb_disagreements(parsed: Any, lang: str) -> list[Disagreement]:
    """Finite verbs of ``parsed`` whose third-person number contradicts their subject's, with
    the agreeing form of the same lemma, mood and tense."""
    vp = verb_pack(lang)
    table = lexicon.verbs(lang)
    sent = parsed
    out = []
    pairs = [(v, _subject(v)) for v in parsed if v.pos_ in ("VERB", "AUX") and "Fin" in v.morph.get("VerbForm")]
    pairs += _untagged_verbs(parsed, lang)
    for v, subj in pairs:
        if not _plain(v) or not v.is_alpha:
            continue
        vnum = third_person_number(lang, lexicon.normalize(v.text))
        if vnum is None:
            continue
        if v.i + 1 < len(sent) and sent[v.i + 1].text[:1] in "-‐":
            continue  # inverted subject ("disent-ils", "a-t-elle")
        if subj is None or subj.i > v.i:
            continue  # inverted subject ("que disent les experts") or none
        between = sent[subj.i + 1 : v.i]
        key = lexicon.normalize(subj.text)
        number: str | None
        source = subj
        if subj.pos_ == "PRON":
            if key in vp.pronouns:
                if any(lexicon.normalize(t.text) not in vp.clitics for t in between):
                    continue
                if subj.i > 0 and lexicon.normalize(sent[subj.i - 1].text) in vp.coordinators:
                    continue  # "Paul et elle sont"
                number = vp.pronouns[key]
            elif key == "qui":
                ante = qui_antecedent(subj, v, lang)
                if ante is None or any(lexicon.normalize(t.text) not in vp.clitics for t in between):
                    continue
                number = noun_number(ante, lang, complement=True)
                source = ante
            else:
                continue  # "on", "ce", "cela", "chacun", "personne", "tout"...
        else:
            if any(c.dep_ in ("conj", "appos") or (c.dep_ == "cc" and c.i > subj.i) for c in subj.children) or subj.dep_ == "conj":
                continue  # coordinated subjects
            le = left_edge(subj)
            if le >= 2 and lexicon.normalize(sent[le - 2].text) in ("que", "qu'") and (
                sent[le - 1].pos_ in ("VERB", "AUX") or table.analyses(lexicon.normalize(sent[le - 1].text))
            ):
                continue  # "les livres que lit mon père sont anciens": the subject of "lit", inverted
            number = noun_number(subj, lang)
            if number is None or _quantity_before(subj, lang):
                continue
            if not _clean_between(subj, v, lang) or _attractor(subj, v, vnum, lang):
                continue
        if number is None or number == vnum:
            continue
        form = _agreeing_form(v, number, lang, table)
        if form is not None and form.lower() != v.text.lower():
            out.append(Disagreement(v, source, number, form))
    return out


def _untagged_verbs(parsed: Any, lang: str) -> list[tuple[Token, Token]]:
    """(verb, subject) pairs the tagger missed: a subject noun followed, after its adjectives
    and clitics only, by a word that can only be a finite verb ("les chevaliers français
    utilise", tagged as an adjective). The parse errs most often where the verb disagrees."""
    vp, lx, table = verb_pack(lang), lex(lang), lexicon.verbs(lang)
    out = []
    for n in parsed:
        if n.pos_ not in ("NOUN", "ADJ", "PROPN") or n.dep_ not in (*SUBJ, "ROOT") or not any(c.dep_ == "det" for c in n.children):
            continue
        k = n.i + 1
        while k < len(parsed) and (
            (parsed[k].head.i == n.i and parsed[k].pos_ == "ADJ" and lx.analyses(parsed[k].text, "AP"))
            or lexicon.normalize(parsed[k].text) in vp.clitics
        ):
            k += 1
        if k >= len(parsed):
            continue
        t = parsed[k]
        if (t.pos_ in ("VERB", "AUX") and _subject(t) is not None) or not t.is_alpha or t.text not in table or t.text in lx:
            continue
        out.append((t, n))
    return out


def _clean_between(subj: Token, verb: Token, lang: str) -> bool:
    """Only the subject's own phrase, adverbs and clitics between the subject and the verb, and
    nothing that makes the subject uncertain (a conjunction, a relative, a colon, quotes)."""
    vp = verb_pack(lang)
    sent = subj.doc
    lo, hi = left_edge(subj), verb.i
    for k in range(lo, hi):
        t = sent[k]
        w = lexicon.normalize(t.text)
        if w in vp.uncertain_between or t.pos_ in ("CCONJ", "SCONJ"):
            return False
        if k > subj.i and "Fin" in t.morph.get("VerbForm"):
            return False  # another finite verb: two clauses
        if k > subj.i and not (_in_subtree(t, subj) or t.pos_ == "ADV" or w in vp.clitics or t.text == ","):
            return False
    return True


def _attractor(subj: Token, verb: Token, number: str, lang: str) -> bool:
    """A bare noun after "de" between the subject and the verb, with the verb's number ("le
    samedi de nombreux agrégats étaient"): a partitive that may be the real subject, which the
    parse hung on the noun before it. A complement with its article ("les prix de l'énergie",
    "les habitants du quartier") is no such doubt."""
    lx = lex(lang)
    de = pack(lang).complement_prepositions & {"de", "d'"}
    for t in subj.doc[subj.i + 1 : verb.i]:
        found = lx.analyses(t.text, "N") if t.is_alpha and t.pos_ not in ("DET", "ADP", "PRON") else ()
        if not found or not any(a.number in (number, "") for a in found):
            continue
        if any(c.dep_ == "det" for c in t.children):
            continue
        if any(c.dep_ == "case" and lexicon.normalize(c.text) in de for c in t.children) or subj.doc[t.i - 1].text.lower() in de:
            return True
    return False


def _in_subtree(t: Token, root: Token) -> bool:
    while t.i != root.i:
        if t.head.i == t.i:
            return False
        t = t.head
    return True


def _agreeing_form(v: Token, number: str, lang: str, table: lexicon.VerbTable) -> str | None:
    """The form of verb ``v`` in the third person of ``number``, same lemma, mood and tense, from
    the lexicon; None unless every reading of ``v`` that the tagger's mood and tense allow gives
    the same form."""
    readings = [a for a in table.analyses(v.text) if a.person == "3"]
    moods = {MOODS.get(m) for m in v.morph.get("Mood")} - {None}
    tenses = {TENSES.get(t) for t in v.morph.get("Tense")} - {None}
    fitting = [a for a in readings if (not moods or a.mood in moods) and (not tenses or a.tense in tenses)]
    forms = {table.conjugate(v.text, a.lemma, a.mood, a.tense, "3", number) for a in (fitting or readings)}
    if len(forms) > 1 and not moods:
        # no mood from the tagger ("dorment" tagged as an adverb): the indicative
        forms = {table.conjugate(v.text, a.lemma, a.mood, a.tense, "3", number) for a in (fitting or readings) if a.mood == "ind"}
    if len(forms) != 1 or None in forms:
        return None
    return forms.pop()
