"""Past participle with "avoir" and its direct object (MTQ204)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ... import lexicon
from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue
from ...lang.fr.agreement.common import GENDER_NAME, NUMBER_NAME, AgreementRule, PackData, lex, pack
from ...lang.fr.agreement.guards import in_locution
from ...lang.fr.agreement.prefilter import agreement_parses
from ...lang.fr.agreement.targets import noun_target

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...lexicon import Lexicon

# words that may stand between "avoir" and its participle ("n'a pas encore vu", "a beaucoup aimé")
_BETWEEN = {"ADV", "PART"}


def _participle_after(aux: Token, data: PackData, lx: Lexicon) -> Token | None:
    """The past participle conjugated with the finite "avoir" ``aux``: the next word that is not
    an adverb or a negation ("n'a pas encore vu", "a beaucoup aimé"), by position, since the
    tagger often misreads both near an error ("tu as perdu", "je l'ai écoutés")."""
    sent = aux.doc
    for k in range(aux.i + 1, min(len(sent), aux.i + 4)):
        t = sent[k]
        w = t.text.lower()
        if w in ("pas", "plus", "jamais", "rien", "point", "guère") or (t.pos_ == "ADV" and not lx.analyses(t.text, "P")):
            continue
        return t if t.is_alpha and lx.analyses(t.text, "P") else None
    return None


def _clitic_before(aux: Token) -> Token | None:
    """The object pronoun right before "avoir" ("les ai vus", "ne l'a pas dit", "l'y a mise")."""
    sent = aux.doc
    j = aux.i - 1
    while j >= 0 and sent[j].text.lower().replace("’", "'") in ("y", "ne", "n'"):
        j -= 1
    return sent[j] if j >= 0 else None


def _relative_antecedent(aux: Token, data: PackData, lx: Lexicon) -> tuple[Token | None, bool]:
    """(antecedent, found): the word before a relative "que" that opens the clause of ``aux``
    ("la lettre qu'il a écrite"); found is True whenever a "que" (relative or not), an
    interrogative or "combien" comes before in the sentence, so that the participle may have an
    object placed before it."""
    sent = aux.doc
    start = sent[aux.i].sent.start if sent.has_annotation("SENT_START") else 0
    found = False
    for j in range(aux.i - 1, start - 1, -1):
        w = sent[j].text.lower().replace("’", "'")
        if w in data.object_openers:
            found = True
        if w in ("que", "qu'") and aux.i - j <= 6:
            verbs = [t for t in sent[j + 1 : aux.i] if t.pos_ in ("VERB", "AUX")]
            if verbs:
                continue
            k = j - 1
            while k >= 0 and sent[k].text == ",":
                k -= 1
            if k >= 0:
                ant = sent[k]
                if ant.pos_ in ("NOUN", "PRON") and (ant.pos_ == "PRON" or lx.analyses(ant.text, "N")):
                    return ant, True
            return None, True
    return None, found


def _followed_by_infinitive(tok: Token, lx: Lexicon, data: PackData) -> bool:
    """An infinitive follows, directly ("laissé tomber") or after "à"/"de" for the verbs whose
    infinitive takes the object ("réussi à ouvrir"; ``avoir_infinitive_verbs``)."""
    sent = tok.doc
    prep = {lexicon.normalize(a.lemma) for a in lx.analyses(tok.text, "P")} & data.avoir_infinitive_verbs
    for k in range(tok.i + 1, min(len(sent), tok.i + 4)):
        t = sent[k]
        if t.pos_ in ("VERB", "AUX") and ("Inf" in t.morph.get("VerbForm") or (k > tok.i + 1 and lx.is_verb(t.text, infinitive=True))):
            return True
        if not (t.pos_ in ("ADV", "PRON") or (prep and k == tok.i + 1 and t.text.lower().replace("’", "'") in ("à", "de", "d'"))):
            break
    return False


def _forms(tok: Token, gender: str | None, number: str, lx: Lexicon) -> list[str]:
    """The participle forms for ``number`` and ``gender`` (both genders when it is unknown),
    from the lexicon."""
    genders = [gender] if gender else ["m", "f"]
    out = []
    for g in genders:
        new = lx.inflect(tok.text, g, number, cats="P")
        if new and new.lower() != tok.text.lower() and new not in out:
            out.append(new)
    return out


@register
class AvoirParticipleAgreement(AgreementRule):
    """A past participle with "avoir" that disagrees with the direct object placed before it.

    What it does
        Finds past participles conjugated with "avoir" (with only adverbs between), and looks for
        a direct object placed before them: an object pronoun ("la", "les", "l'") right before
        "avoir", or a relative "que" after a noun ("la lettre qu'il a écrite"). With such an
        object, the participle agrees with it (the noun's gender and number from the lexicon;
        "les" gives the number, and the gender of the nearest plural noun before it when there
        is one); without one, and with no "que", interrogative or "combien" before it in the
        sentence, it stays masculine singular ("elle a mangé une pomme"). The corrected forms
        come from the lexicon; when the gender is unknown both are given.

    Why it matters
        "les mesures qu'il a pris" and "elle a mangée" are among the most frequent agreement
        errors of careful and careless writers alike, and machine translation makes both.

    Example
        Flagged: ``Les lettres qu'il a écrit sont arrivées ; elle a mangée une pomme.``
        Flags: ``écrit`` ``mangée``
        Better: ``Les lettres qu'il a écrites sont arrivées ; elle a mangé une pomme.``

    Options
        None.

    Known limits
        Left alone, since the rule is subtle or the object unknown: participles followed by an
        infinitive ("les a laissés partir", "s'est fait"), "fait", "eu", "dû", "pu", "voulu",
        "su", "fallu" and the other participles of the pack's ``avoir_invariable``; objects
        "me", "te", "se", "nous", "vous", "en"; inverted questions ("quelles villes as-tu
        visitées"); antecedents that are collective or "N de N" nouns the participle may agree
        with either of; a "que" the parse reads as a conjunction after a noun ("l'idée qu'il a
        eue" is checked, "le fait qu'il a dit" may not be). Participles with "être" are MTQ203's.
    """

    code = "MTQ204"
    name = "avoir-participle-agreement"
    requires = frozenset({"nlp", "morph", "lexicon"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        data, lx = pack(lang), lex(lang)
        for p, parsed in zip(doc.paragraphs, agreement_parses(doc, ctx)):
            if parsed is None or p.language not in (lang, "und"):
                continue
            for aux in parsed:
                if aux.text not in data.avoir_number:  # lower case: "A" may be a name or a letter
                    continue
                tok = _participle_after(aux, data, lx)
                if tok is None:
                    continue
                issue = self._check_one(doc, p.start, aux, tok, data, lx)
                if issue is not None:
                    yield issue

    def _check_one(self, doc: Document, pstart: int, aux: Any, tok: Any, data: PackData, lx: Lexicon) -> Issue | None:
        if not tok.text.islower():
            return None
        key = lexicon.normalize(tok.text)
        if key in data.avoir_invariable or any(lexicon.normalize(a.lemma) in data.avoir_invariable for a in lx.analyses(tok.text, "P")):
            return None
        sent = tok.doc
        if aux.i + 1 < len(sent) and sent[aux.i + 1].text[:1] in "-‐":
            return None  # inverted: "as-tu visité"
        if _followed_by_infinitive(tok, lx, data):
            return None
        feats = lx.features(tok.text, "P")
        if not feats:
            return None
        before = _clitic_before(aux)
        de_after = tok.i + 1 < len(sent) and sent[tok.i + 1].text.lower().replace("’", "'") in ("de", "d'")
        clitic_object = before is not None and before.text.lower().replace("’", "'") in data.avoir_object_pronouns | {"l'"}
        plural_object = (
            before is not None and before.text.lower() in ("nous", "vous") and before.text.lower() in data.unknown_objects
            and aux.text.lower() not in data.avoir_first_second_plural and any(n == "p" for _, n in feats)
        )  # "on nous a vus tous unis": "nous" may be the object before the participle
        if not (clitic_object and de_after) and not plural_object and self._object_after(tok):
            # ("les a qualifiés de honteux": "de" after a clitic object opens no object)
            # "c'est après quelques jours que j'avais oublié la dernière étape": its object
            # follows, so the "que" before is a conjunction and the participle is invariable
            gender, number = "m", "s"
            if any((g == gender) and n == number for g, n in feats):
                return None
            return self._report(doc, pstart, tok, gender, number, "", lx)
        clitic = _clitic_before(aux)
        if clitic is not None and clitic.text.lower() in ("nous", "vous") and aux.text.lower() in data.avoir_first_second_plural:
            clitic = None  # "que nous avons achetées": the subject, not an object ("qui nous a élus")
        ckey = clitic.text.lower().replace("’", "'") if clitic is not None else ""
        if ckey in data.unknown_objects:
            return None
        obj_label = ""
        if ckey in ("la", "les", "l'"):  # before "avoir", a pronoun, whatever the tagger says
            gender = "f" if ckey == "la" else None
            number = "p" if ckey == "les" else "s"
            if ckey == "les":
                if any(n == "p" for _, n in feats):
                    return None  # the gender of "les" is unknown: a plural is enough
                gender = self._plural_noun_gender(clitic, data, lx)
            obj_label = clitic.text
        else:
            ant, found = _relative_antecedent(aux, data, lx)
            if ant is not None:
                if lexicon.normalize(ant.text) in data.collective | data.complement_nouns:
                    return None
                if ant.pos_ == "PRON":
                    if ant.text.lower() not in ("ce", "c'"):
                        return None
                    gender, number = "m", "s"
                else:
                    target = noun_target(ant, data, lx, surface=True)
                    if target is None or target.number is None:
                        return None
                    gender, number = target.gender, target.number
                    if self._fits_complement(ant, feats, data, lx):
                        return None
                obj_label = ant.text
            elif found:
                return None
            else:
                gender, number = "m", "s"
        if any((gender is None or g == gender) and n == number for g, n in feats):
            return None
        return self._report(doc, pstart, tok, gender, number, obj_label, lx)

    def _report(self, doc: Document, pstart: int, tok: Any, gender: str | None, number: str, obj_label: str, lx: Lexicon) -> Issue | None:
        forms = _forms(tok, gender, number, lx)
        if not forms:
            return None
        s, e = pstart + tok.idx, pstart + tok.idx + len(tok.text)
        wanted = " ".join(x for x in (GENDER_NAME.get(gender or ""), NUMBER_NAME[number]) if x)
        shown = " or ".join(f"'{f}'" for f in forms)
        if obj_label:
            message = (
                f"Past participle '{tok.text}' with 'avoir' agrees with the direct object '{obj_label}' "
                f"placed before it ({wanted}): {shown}"
            )
        else:
            message = f"Past participle '{tok.text}' with 'avoir' and no direct object before it stays masculine singular: {shown}"
        return self.issue(doc, s, e, message, forms, object=obj_label or None)

    @staticmethod
    def _object_after(tok: Any) -> bool:
        """A direct object right after the participle (adverbs between): the parse's object, or a
        determiner and a noun that are no adverbial phrase ("a oublié la dernière étape", "a reçu
        un email"; not "l'ai écoutée mille fois", "une fois")."""
        sent = tok.doc
        if any(
            c.dep_ == "obj" and tok.i < c.i <= tok.i + 3 and c.pos_ in ("NOUN", "PROPN")
            and not any(x.dep_ == "case" for x in c.children)  # "les a qualifiés de honteux"
            and not any(  # "que j'ai achetés affichent un message": the object of the next verb
                t.pos_ in ("VERB", "AUX") or lexicon.verbs(tok.lang_).analyses(t.text.lower()) for t in sent[tok.i + 1 : c.i]
            )
            for c in tok.children
        ):
            return True
        for k in range(tok.i + 1, min(len(sent), tok.i + 4)):
            t = sent[k]
            if t.pos_ == "ADV" and not lexicon.verbs(tok.lang_).analyses(t.text.lower()):
                continue  # (a finite verb tagged an adverb, "commandées éclairent mal la pièce", is no adverb)
            if t.pos_ != "DET" or in_locution(t) or k + 1 >= len(sent):
                return False
            nxt = sent[k + 1]
            return nxt.pos_ in ("NOUN", "ADJ") and nxt.text.lower() != "fois" and not in_locution(nxt)
        return False

    @staticmethod
    def _plural_noun_gender(clitic: Any, data: PackData, lx: Lexicon) -> str | None:
        """The gender of the nearest plural noun before "les" in its sentence ("ces photos, je les
        ai vues"), if it has one gender."""
        sent = clitic.doc
        start = clitic.sent.start if sent.has_annotation("SENT_START") else 0
        for k in range(clitic.i - 1, start - 1, -1):
            t = sent[k]
            if t.pos_ == "NOUN":
                target = noun_target(t, data, lx, surface=True)
                if target is not None and target.number == "p":
                    return target.gender
                return None
        return None

    @staticmethod
    def _fits_complement(ant: Any, feats: set, data: PackData, lx: Lexicon) -> bool:
        """"la liste des livres que j'ai lus": the participle may agree with either noun of
        "N de N" before "que"."""
        sent = ant.doc
        others = []
        if ant.i >= 2 and sent[ant.i - 1].pos_ in ("DET", "ADP") or (ant.i >= 2 and sent[ant.i - 2].pos_ == "ADP"):
            j = ant.i - 1
            while j >= 0 and sent[j].pos_ in ("DET", "ADP", "ADJ"):
                j -= 1
            if j >= 0 and sent[j].pos_ == "NOUN" and sent[j + 1].text.lower() in data.complement_prepositions | {"des", "du"}:
                others.append(sent[j])
        others.extend(c for c in ant.children if c.dep_ == "nmod" and c.i < ant.i + 6)
        for o in others:
            t = noun_target(o, data, lx, surface=True)
            if t is None or t.accepts(feats):
                return True
        return False
