"""Subjects of several words, read on the tokens of the shared parse: members joined by "et"
("Paul et Marie vient"), a noun after an adverb of quantity ("beaucoup de gens pense") and a
noun phrase at the start of a clause ("la liste des candidats débutent"); all the readings of
:mod:`.persons` and these together (:func:`person_disagreements`), and the cheap surface test
for them (:func:`might_disagree_persons`). Words come from ``rules/<lang>/subject_verb.yaml``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .... import lexicon
from .common import lex, pack
from .persons import (
    after_clitics,
    check_person,
    clause_start,
    finite_persons,
    adverbial_inversions,
    inversion_verb,
    inverted_subjects,
    noun_phrase,
    person_pack,
    pronoun_subjects,
    stressed_qui,
    tnorm,
    verb_at,
)
from .prefilter import prefiltered_parses
from .verbs import Disagreement, might_disagree_verbs, third_person_number, verb_pack

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ....lint.context import Context
    from ....model import Document


def _conjunct(sent: Any, k: int, lang: str) -> tuple[int, str] | None:
    """One member of a coordinated subject at ``k``: a stressed pronoun, a name, or a noun phrase
    with its own determiner (and at most one complement with "de"); (the index after it, its
    person)."""
    pp, lx = person_pack(lang), lex(lang)
    if k >= len(sent):
        return None
    t = sent[k]
    key = tnorm(t)
    if key in pp.stressed and key not in ("celui", "celle", "ceux", "celles"):
        return k + 1, pp.stressed[key][0]
    if (
        t.pos_ in ("PROPN", "NOUN", "ADJ", "X") and t.is_alpha and t.text[:1].isupper() and t.text[1:].islower()
        and (t.pos_ == "PROPN" or not lx.analyses(t.text.lower(), "NAV"))
        and key not in pack(lang).determiners and key not in verb_pack(lang).number_determiners
    ):
        k0 = k
        k += 1
        while k < len(sent) and k - k0 < 3 and sent[k].pos_ in ("PROPN", "NOUN", "ADJ", "X") and sent[k].is_alpha and sent[k].text[:1].isupper():
            k += 1
        return k, "3"
    if key in ("au", "aux", "du"):
        return None  # a complement, never a subject
    phrase = noun_phrase(sent, k, lang)
    if phrase is None:
        return None
    k = phrase[0]
    if k < len(sent) and tnorm(sent[k]) in ("de", "d'", "du", "des"):
        sub = noun_phrase(sent, k + 1, lang) if tnorm(sent[k]) in ("de", "d'") else None
        if sub is None and k + 1 < len(sent) and sent[k + 1].is_alpha and lx.analyses(sent[k + 1].text, "N"):
            sub = (k + 2, sent[k + 1], "")
        if sub is None:
            return None
        k = sub[0]
    if k < len(sent) and sent[k].pos_ == "ADJ" and lx.analyses(sent[k].text, "A") and not finite_persons(lang, tnorm(sent[k])):
        k += 1
    return k, "3"


def _coordinated_subjects(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"Paul et Marie vient", "le froid, la pluie et le vent rend": members joined by "et"
    (never "ou", "ni", "ainsi que", "comme", "avec") take a plural verb, in the first person
    when one of them is "moi" or "nous", else in the second when one is "toi" or "vous"."""
    pp = person_pack(lang)
    i = 0
    while i < len(sent):
        if not clause_start(sent, i, lang, comma=False) or any(tnorm(x) in ("et", "ou", "ni") for x in sent[max(0, i - 2) : i]):
            i += 1
            continue
        persons, k, joined, complement = [], i, False, False
        while True:
            if complement:
                break  # "la question de la loi et des liens est": the complements are joined
            found = _conjunct(sent, k, lang)
            if found is None:
                break
            start = k
            k, person = found
            complement = any(tnorm(x) in ("de", "d'", "du", "des") for x in sent[start + 1 : k])
            persons.append(person)
            if joined or k >= len(sent):
                break
            if tnorm(sent[k]) == "et":
                joined = True
                k += 1
            elif sent[k].text == ",":
                k += 1
            else:
                break
        if not (joined and len(persons) >= 2) or (complement and not joined):
            i += 1
            continue
        if sent[k - 1].text == "," or tnorm(sent[k - 1]) == "et":
            i += 1
            continue
        last = sent[k - 1]
        k = after_clitics(sent, k, lang)
        v = verb_at(sent, k, lang, strict=True, noun=last if last.pos_ in ("NOUN", "ADJ") else None)
        person = "1" if "1" in persons else "2" if "2" in persons else "3"
        if v is not None:
            have = finite_persons(lang, tnorm(v))
            if ("3", "s") not in have and ("1", "s") not in have and not (
                person != "3" and ("3", "p") in have and (person, "p") not in have and last.pos_ == "PRON"
            ):
                v = None  # "les yeux vides": a verb of the singular, or none; "mon frère et moi partiront" is read
        if v is not None and not (tnorm(v) in pp.copulas and k + 1 < len(sent) and sent[k + 1].pos_ == "DET"):
            check_person(out, v, sent[i], person, "p", lang, label=sent[i : last.i + 1].text)
        i = k


def _quantities(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"beaucoup de gens pense", "la plupart des élèves a", "peu d'argent ont": after an adverb
    of quantity, the verb takes the number of the noun after "de"."""
    pp, lx, data, vp = person_pack(lang), lex(lang), pack(lang), verb_pack(lang)
    for i, t in enumerate(sent):
        key = tnorm(t)
        plural_only = False
        if key in pp.quantity:
            k = i + 1
        elif key == "la" and i + 1 < len(sent) and tnorm(sent[i + 1]) == "plupart":
            k, plural_only = i + 2, True
        elif key == "nombre" and (i == 0 or sent[i - 1].pos_ != "DET" or tnorm(sent[i - 1]) == "bon"):
            k, plural_only = i + 1, True
        else:
            continue
        start = i - 1 if key == "nombre" and i > 0 and tnorm(sent[i - 1]) == "bon" else i
        if not clause_start(sent, start, lang, comma=False) or k >= len(sent) or tnorm(sent[k]) not in ("de", "d'", "des"):
            continue
        k += 1
        if k < len(sent) and tnorm(sent[k]) in data.determiners:
            if data.determiners[tnorm(sent[k])][1] != "p" or tnorm(sent[k - 1]) == "des":
                continue
            k += 1
        if k + 1 < len(sent) and sent[k].pos_ == "ADJ" and lx.analyses(sent[k].text, "A") and sent[k + 1].pos_ == "NOUN":
            k += 1
        if k >= len(sent) or not sent[k].is_alpha or sent[k].text != sent[k].text.lower():
            continue
        n = sent[k]
        numbers = {a.number for a in lx.analyses(n.text, "N")}
        number = "p" if tnorm(n) in pp.plural_nouns else (numbers.pop() if len(numbers) == 1 else "")
        if number not in ("s", "p") or (plural_only and number != "p") or tnorm(n) in vp.time_nouns:
            continue
        k += 1
        if k < len(sent) and sent[k].pos_ == "ADJ" and lx.analyses(sent[k].text, "A") and not finite_persons(lang, tnorm(sent[k])):
            k += 1
        k = after_clitics(sent, k, lang)
        v = verb_at(sent, k, lang, strict=True, noun=n)
        if v is None:
            continue
        vnum = third_person_number(lang, tnorm(v))
        if vnum is not None and vnum != number:
            check_person(out, v, n, "3", number, lang)


def _singular_heads(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"chacun des joueurs ont", "le nombre de chômeurs ont": the head keeps the verb singular
    whatever the plural of its complement."""
    pp, lx = person_pack(lang), lex(lang)
    for i, t in enumerate(sent):
        key = tnorm(t)
        if key in pp.singular_heads:
            start = i - 1 if i > 0 and tnorm(sent[i - 1]) == "l'" else i  # "l'un des candidats"
        elif key in pp.singular_after_le and i > 0 and tnorm(sent[i - 1]) == "le":
            start = i - 1
        else:
            continue
        if not clause_start(sent, start, lang, comma=False) or i + 1 >= len(sent) or tnorm(sent[i + 1]) not in ("de", "d'", "des"):
            continue
        k = i + 2
        if tnorm(sent[i + 1]) != "des" and k < len(sent) and tnorm(sent[k]) in pack(lang).determiners:
            k += 1
        if k >= len(sent) or not sent[k].is_alpha or sent[k].text != sent[k].text.lower() or not lx.analyses(sent[k].text, "N"):
            continue
        n = sent[k]
        k += 1
        while k < len(sent) and sent[k].pos_ == "ADJ" and lx.analyses(sent[k].text, "A") and not finite_persons(lang, tnorm(sent[k])):
            k += 1
        k = after_clitics(sent, k, lang)
        v = verb_at(sent, k, lang, strict=True, noun=n)
        if v is not None and third_person_number(lang, tnorm(v)) == "p":
            check_person(out, v, t, "3", "s", lang)


def _modifier(t: Token, number: str, lang: str) -> bool:
    """An adjective or participle after a noun that can agree with its number ("les mesures
    prises", "un vernis antibactérien")."""
    if not t.is_alpha or t.text != t.text.lower() or (t.pos_ != "ADJ" and "Part" not in t.morph.get("VerbForm")):
        return False
    return any(a.number in (number, "") for a in lex(lang).analyses(t.text, "AP"))


def _clause_noun_subjects(sent: Any, lang: str, out: list[Disagreement]) -> None:
    """"Les cyclines engendre", "1789 : La Révolution marquent", "la liste des chansons
    débutent": a noun phrase at the start of a clause (its determiner, at most one adjective,
    the noun, at most one complement with "de", adjectives that agree) right before a verb of
    the other number. Read on the words, where the parse hangs a disagreeing verb elsewhere."""
    lx = lex(lang)
    for i in range(len(sent)):
        if not clause_start(sent, i, lang, comma=False) or any(tnorm(x) in ("et", "ou", "ni") for x in sent[max(0, i - 2) : i]):
            continue  # "l'abattage des arbres et donc des noix ne fait pas"
        phrase = noun_phrase(sent, i, lang) if tnorm(sent[i]) not in person_pack(lang).prepositional_articles else None
        if phrase is None:
            continue  # (a subject never begins with "au": "Au programme figurent trois concerts")
        k, noun, number = phrase
        if k < len(sent) and tnorm(sent[k]) in ("de", "d'", "du", "des"):
            sub = noun_phrase(sent, k + 1, lang) if tnorm(sent[k]) in ("de", "d'") else None
            if sub is None and k + 1 < len(sent) and sent[k + 1].is_alpha and sent[k + 1].text == sent[k + 1].text.lower() and lx.analyses(sent[k + 1].text, "N"):
                sub = (k + 2, sent[k + 1], "")
            if sub is None:
                continue
            k = sub[0]
        for _ in range(2):
            if k < len(sent) and _modifier(sent[k], number, lang) and not finite_persons(lang, tnorm(sent[k])):
                k += 1
        k = after_clitics(sent, k, lang)
        v = verb_at(sent, k, lang, strict=True, noun=sent[k - 1] if k > 0 and sent[k - 1].pos_ in ("NOUN", "ADJ") else None)
        if v is None or tnorm(v) in person_pack(lang).invariable:
            continue
        vnum = third_person_number(lang, tnorm(v))
        if vnum is not None and vnum != number:
            check_person(out, v, noun, "3", number, lang)


def person_disagreements(parsed: Any, lang: str) -> list[Disagreement]:
    """Verbs of ``parsed`` that disagree with a subject pronoun, a stressed pronoun before
    "qui", an inverted noun subject, a coordination with "et" or a quantity; one finding a verb."""
    out: list[Disagreement] = []
    for sent in parsed.sents:
        for find in (
            pronoun_subjects, stressed_qui, inverted_subjects, _coordinated_subjects, _quantities, _singular_heads,
            _clause_noun_subjects, adverbial_inversions,
        ):
            find(sent, lang, out)
    seen: set[int] = set()
    unique = []
    for d in out:
        if d.verb.i not in seen:
            seen.add(d.verb.i)
            unique.append(d)
    return unique


_WORDS = re.compile(r"[^\W\d_]+['’]?|[,;:.!?]")


def might_disagree_persons(text: str, lang: str) -> bool:
    """A cheap test on the surface words for :func:`person_disagreements`: a subject pronoun
    (or a stressed one and "qui") before a verb form without its person; a relative or
    interrogative before a verb form and a determiner of the other number; "et" before a
    singular verb form; an adverb of quantity before a verb form."""
    pp, vp, data = person_pack(lang), verb_pack(lang), pack(lang)
    words = [lexicon.normalize(w) for w in _WORDS.findall(text)]
    n = len(words)

    def at_start(i: int, reach: int) -> bool:
        # a clause starts within ``reach`` words before ``i``, with no subject pronoun between
        for j in range(i - 1, max(-1, i - 1 - reach), -1):
            if words[j] in ",;:.!?" or words[j] in pp.openers:
                return True
            if words[j] in pp.pronouns:
                return False
        return i - reach <= 0

    def after_clitics(j: int) -> int:
        k = j
        while k < n and k - j < 4 and words[k] in vp.clitics:
            k += 1
        return k

    for i, w in enumerate(words):
        if i + 1 < n and words[i + 1] == "qui" and w in pp.stressed:
            k = after_clitics(i + 2)
            if k < n and finite_persons(lang, words[k]) and pp.stressed[w] not in finite_persons(lang, words[k]):
                return True
        if w in pp.pronouns:
            k = after_clitics(i + 1)
            if k < n and finite_persons(lang, words[k]) and pp.pronouns[w] not in finite_persons(lang, words[k]):
                return True
        if (
            i + 1 < n and w not in data.determiners and third_person_number(lang, w)
            and any(
                (data.determiners.get(x, ("", ""))[1] or ("p" if x in vp.numerals else "")) not in ("", third_person_number(lang, w))
                for x in words[i + 1 : i + 3]
            )
            and inversion_verb(lang, w, i > 0 and words[i - 1] in ("se", "s'"))
        ):
            return True  # "Demain commence les soldes"
        if w in pp.triggers:
            k = after_clitics(i + 1)
            vnum = third_person_number(lang, words[k]) if k < n else None
            if vnum and any(data.determiners.get(x, ("", ""))[1] not in ("", vnum) for x in words[k + 1 : k + 4]):
                return True
        if (w in pp.singular_heads or w in pp.singular_after_le) and at_start(i, 2):
            for x in words[i + 2 : i + 7]:
                if x in ",;:.!?":
                    break
                if any(num == "p" for _, num in finite_persons(lang, x)):
                    return True
        if w == "et" and at_start(i, 6) or (w in pp.quantity or w in ("plupart", "nombre")) and at_start(i, 2):
            for x in words[i + 2 : i + 7]:
                if x in ",;:.!?":
                    break
                fp = finite_persons(lang, x)
                if fp and (w != "et" or not any(num == "p" for _, num in fp)):
                    return True
    return False


def _might_disagree(text: str, lang: str) -> bool:
    return might_disagree_verbs(text, lang) or might_disagree_persons(text, lang)


def subject_parses(doc: Document, ctx: Context) -> list[Any]:
    """The shared parse of each paragraph where a verb may disagree with its subject, of any
    kind (:func:`mtqa.lang.fr.agreement.verbs.might_disagree_verbs`,
    :func:`might_disagree_persons`); ``None`` for the others. Paragraphs parsed for another rule
    are reused, never parsed twice."""
    return prefiltered_parses(doc, ctx, "subject-verb-parses", _might_disagree, only_wanted=True)
