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
from ...lang.fr.agreement.pronominal import pronominal_pack
from ...lang.fr.agreement.targets import Target, noun_target
from ...lang.fr.agreement.topics import dislocated_topic
from ...lang.fr.agreement.words import mostly_noun, unlisted_agreed, unlisted_participle

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
    first = aux.i + 1
    if aux.i + 2 < len(sent) and sent[aux.i + 1].text in ("-", "‐") and sent[aux.i + 2].text.lower() in data.clitic_subjects:
        first = aux.i + 3  # "as-tu lu", split into "as", "-", "tu"
    for k in range(first, min(len(sent), first + 3)):
        t = sent[k]
        w = t.text.lower()
        if w in ("pas", "plus", "jamais", "rien", "point", "guère") or (t.pos_ == "ADV" and not lx.analyses(t.text, "P")):
            continue
        if w[:1] in "-‐" and len(w) > 1 and all(sent[m].text[:1] in "-‐" for m in range(aux.i + 1, k)):
            continue  # the inverted subject: "avez-vous retenu", "a-t-elle saisi"
        return t if t.is_alpha and (lx.analyses(t.text, "P") or unlisted_participle(t.text, data, lx)) else None
    return None


def _masculine_singular(tok: Token, lemmas: frozenset[str], lx: Lexicon) -> str | None:
    """The masculine singular of the participle ``tok`` when it is an agreed (feminine or
    plural) form of a verb of ``lemmas``, from the lexicon ("faites" -> "fait")."""
    found = [a for a in lx.analyses(tok.text, "P") if lexicon.normalize(a.lemma) in lemmas]
    if not found or any(a.gender in ("m", "") and a.number in ("s", "") for a in found):
        return None
    new = lx.inflect(tok.text, "m", "s", cats="P")
    return new if new and new.lower() != tok.text.lower() else None


def _clitic_before(aux: Token) -> Token | None:
    """The object pronoun right before "avoir" ("les ai vus", "ne l'a pas dit", "l'y a mise")."""
    sent = aux.doc
    j = aux.i - 1
    while j >= 0 and sent[j].text.lower().replace("’", "'") in ("y", "ne", "n'"):
        j -= 1
    return sent[j] if j >= 0 else None


def _reflexive_before(aux: Token, data: PackData) -> bool:
    """A reflexive pronoun right before the finite "être" ``aux`` ("s'est", "ne se sont")."""
    sent = aux.doc
    j = aux.i - 1
    return j >= 0 and sent[j].text.lower().replace("’", "'") in data.reflexive


def _word_before_que(aux: Token, data: PackData) -> Token | None:
    """The word right before the "que" that opens the clause of ``aux`` (whatever the tagger
    made of either: "les soixante kilos qu'il a pesé")."""
    sent = aux.doc
    for j in range(aux.i - 1, max(-1, aux.i - 6), -1):
        t = sent[j]
        if t.text.lower().replace("’", "'") in data.relative_que:
            return sent[j - 1] if j > 0 else None
        if t.pos_ in ("VERB", "AUX") or t.is_punct:
            return None
    return None


def _indirect_beside_que(aux: Token, data: PackData, lx: Lexicon) -> Token | None:
    """The noun before a relative "que" opening the clause of ``aux`` when an indirect object
    pronoun stands before "avoir" ("les fleurs que tu m'as offertes"); None when the noun
    follows a preposition ("il a dit aux élèves que tu m'as aidé": "que" is a conjunction)."""
    ant = _word_before_que(aux, data)
    if ant is None or ant.pos_ != "NOUN" or not lx.analyses(ant.text, "N"):
        return None
    sent = aux.doc
    j = ant.i - 1
    while j >= 0 and sent[j].pos_ in ("DET", "ADJ", "NUM"):
        j -= 1
    if j >= 0 and (sent[j].pos_ == "ADP" or sent[j].text.lower() in ("aux", "au")):
        return None
    return ant


def _interrogative_object(aux: Token, data: PackData, lx: Lexicon) -> tuple[Target, Token] | None:
    """The noun of "quel(le)(s) N" or "combien de N" opening a question before the inverted
    ``aux``, with nothing between but a subject noun phrase ("quelle solution avez-vous
    retenue", "combien de voitures la police a-t-elle saisies"): (its target, the noun)."""
    sent = aux.doc
    start = aux.sent.start if sent.has_annotation("SENT_START") else 0
    toks = list(sent[start : aux.i])
    if len(toks) < 2:
        return None
    first = lexicon.normalize(toks[0].text)
    if first == data.interrogative_quantity and len(toks) >= 3 and toks[1].text.lower().replace("’", "'") in data.de_forms:
        rest = toks[2:]
    elif first in data.interrogative_determiners:
        rest = toks[1:]
    else:
        return None
    k = 0
    while k < len(rest) and rest[k].pos_ == "ADJ":
        k += 1
    if k >= len(rest) or not (rest[k].pos_ == "NOUN" or (rest[k].text.islower() and mostly_noun(rest[k], lx))):
        return None  # (the tagger may take the noun for a verb: "quelle robe as-tu choisie")
    noun, subject = rest[k], rest[k + 1 :]
    while subject and subject[0].pos_ == "ADJ":
        subject = subject[1:]
    if subject and not (subject[0].pos_ in ("DET", "PROPN") and all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN") for t in subject)):
        return None
    adverbial = pronominal_pack(aux.lang_).adverbial_nouns
    key = lexicon.normalize(noun.text)
    if key in adverbial or lexicon.normalize(noun.lemma_) in adverbial or key in data.measure_units:
        return None  # "combien de fois a-t-il gagné"
    target = noun_target(noun, data, lx, surface=True)
    if target is not None and first in data.determiners and (target.gender is None or target.number is None):
        g, n = data.determiners[first]  # "quels pays": the number of the interrogative
        target = Target(target.gender or g or None, target.number or n or None, target.label)
    return (target, noun) if target is not None else None


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
        sentence, it stays masculine singular ("elle a mangé une pomme"). A noun phrase that
        opens the sentence before a comma gives "la"/"les"/"l'" its gender ("ces photos, je les
        ai prises", "ta clé, je l'ai trouvée", also where the parser ends a sentence at that
        comma), with only the subject between, unless the phrase is a time ("la semaine
        dernière, je l'ai vu") or the subject the pronoun after the comma takes up ("la police,
        elle l'a prévenu"); "quel(le)(s) N" or "combien de N" opening a question is the object of an
        inverted "avoir" ("quelle solution avez-vous retenue"); beside "me", "te", "lui",
        "leur", a relative "que" after a noun is the object ("les fleurs que tu m'as
        offertes"). Participles that stay invariable are flagged when written agreed: "fait"
        before an infinitive, with "avoir" or a reflexive "être" ("elle s'est fait opérer"),
        the participle of a verb that takes no object ("les heures qu'il a dormi", "il a
        fallu"; forms the lexicon lacks, "fallus", are read as a participle plus an ending),
        and an agreed form the lexicon lacks while it lists the masculine singular ("nous avons
        voyagés": such forms are mostly of verbs that seldom take an object), corrected to the
        listed form where no object precedes,
        "eu" after the impersonal "il y a", and a verb of measure after a "que" that stands for
        a unit ("les cent euros que ce livre a coûté"). The corrected forms come from the
        lexicon; when the gender is unknown both are given.

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
        infinitive ("les a laissés partir", "s'est fait"), "eu", "dû", "pu", "voulu",
        "su", "fallu" and the other participles of the pack's ``avoir_invariable``, except that
        "fait" (``avoir_checked_after_noun``) is checked against a noun before a relative "que"
        and an object after it, unless its subject is an impersonal "il"; objects
        "me", "te", "se", "nous", "vous", "en" (but see above for a "que" beside them); inverted
        questions other than "quel N" and "combien de N"; "il a fait" of the weather ("les
        chaleurs qu'il a fait"), which reads like a person's "faire"; "laissé" before an
        infinitive, which may agree; antecedents that are collective or "N de N" nouns the participle may agree
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
                reflexive = False
                if aux.text not in data.avoir_number:  # lower case: "A" may be a name or a letter
                    if lexicon.normalize(aux.text) not in data.etre or not _reflexive_before(aux, data):
                        continue
                    reflexive = True  # "elle s'est faite opérer": only the invariable participles
                tok = _participle_after(aux, data, lx)
                if tok is None:
                    continue
                issue = self._invariable(doc, p.start, aux, tok, data, lx, reflexive)
                if issue is None and not reflexive:
                    issue = self._check_one(doc, p.start, aux, tok, data, lx)
                if issue is not None:
                    yield issue

    def _invariable(self, doc: Document, pstart: int, aux: Any, tok: Any, data: PackData, lx: Lexicon, reflexive: bool) -> Issue | None:
        """A participle that stays invariable written agreed: "fait" before an infinitive (with
        "avoir" or a reflexive "être"), the participle of a verb that takes no direct object, "eu"
        after the impersonal "il y a", and a verb of measure after a "que" standing for a unit."""
        if not tok.text.islower():
            return None
        ms = _masculine_singular(tok, data.causative_verbs, lx)
        if ms and _followed_by_infinitive(tok, lx, data):
            return self._invariable_issue(doc, pstart, tok, ms, "before an infinitive")
        if reflexive:
            return None
        ms = unlisted_agreed(tok.text, data, lx) or _masculine_singular(tok, data.avoir_never_agree, lx)
        if ms:
            return self._invariable_issue(doc, pstart, tok, ms, "of a verb that takes no direct object")
        sent = tok.doc
        there, verb = data.impersonal_there, data.impersonal_there_verb
        if aux.i >= 2 and [t.text.lower() for t in sent[aux.i - 2 : aux.i]] == list(there):
            ms = _masculine_singular(tok, frozenset({verb}), lx)
            if ms:
                return self._invariable_issue(doc, pstart, tok, ms, f"after the impersonal '{' '.join(there)} {aux.text}'")
        ms = _masculine_singular(tok, data.measure_verbs, lx)
        if ms:
            ant = _word_before_que(aux, data)
            if ant is not None and lexicon.normalize(ant.text) in data.measure_units:
                return self._invariable_issue(doc, pstart, tok, ms, f"after a 'que' that stands for the measure '{ant.text}'")
        return None

    def _invariable_issue(self, doc: Document, pstart: int, tok: Any, form: str, why: str) -> Issue:
        s, e = pstart + tok.idx, pstart + tok.idx + len(tok.text)
        return self.issue(doc, s, e, f"Past participle '{tok.text}' stays invariable {why}: '{form}'", [form])

    def _check_one(self, doc: Document, pstart: int, aux: Any, tok: Any, data: PackData, lx: Lexicon) -> Issue | None:
        if not tok.text.islower():
            return None
        key = lexicon.normalize(tok.text)
        sent = tok.doc
        lemmas = {lexicon.normalize(a.lemma) for a in lx.analyses(tok.text, "P")}
        invariable = key in data.avoir_invariable or bool(lemmas & data.avoir_invariable)
        # "les promesses que le candidat a faites": checked against a noun, not after "il"
        noun_only = invariable and bool(lemmas & data.avoir_checked_after_noun) and not (
            aux.i > 0 and sent[aux.i - 1].text.lower() in data.impersonal_subjects
        )
        if invariable and not noun_only:
            return None
        if _followed_by_infinitive(tok, lx, data):
            return None
        feats = lx.features(tok.text, "P")
        unlisted = unlisted_participle(tok.text, data, lx) if not feats else None
        if unlisted is not None:
            feats = {unlisted[1]}  # "nous avons voyagés": corrected to the listed "voyagé" only
        if not feats:
            return None
        if aux.i + 1 < len(sent) and sent[aux.i + 1].text[:1] in "-‐":
            if noun_only:
                return None
            # inverted: "as-tu visité"; with its object before it, "quelle ville as-tu visitée"
            asked = _interrogative_object(aux, data, lx)
            if asked is None or asked[0].number is None or asked[0].accepts(feats):
                return None
            return self._report(doc, pstart, tok, asked[0].gender, asked[0].number, asked[1].text, lx)
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
            if ckey not in data.indirect_clitics or _indirect_beside_que(aux, data, lx) is None:
                return None
            ckey = ""  # "les fleurs que tu m'as offertes": "m'" is the indirect object
        obj_label = ""
        if noun_only and ckey in ("la", "les", "l'"):
            return None  # "je l'ai fait": "l'" often stands for a clause
        if ckey in ("la", "les", "l'"):  # before "avoir", a pronoun, whatever the tagger says
            gender = "f" if ckey == "la" else None
            number = "p" if ckey == "les" else "s"
            topic = dislocated_topic(clitic, data, lx)
            if topic is not None and topic.number == number and topic.gender and gender in (None, topic.gender):
                gender = topic.gender  # "ces photos, je les ai prises", "la décision, il l'a prise"
                obj_label = topic.label
            elif ckey == "les":
                if any(n == "p" for _, n in feats):
                    return None  # the gender of "les" is unknown: a plural is enough
                gender = self._plural_noun_gender(clitic, data, lx)
            obj_label = obj_label or clitic.text
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
                    if lexicon.normalize(ant.text) in data.measure_units and _masculine_singular(tok, data.measure_verbs, lx) is None and any(
                        lexicon.normalize(a.lemma) in data.measure_verbs for a in lx.analyses(tok.text, "P")
                    ):
                        return None  # "les trois heures qu'elle a marché": a measure, no object
                    target = noun_target(ant, data, lx, surface=True)
                    if target is None or target.number is None:
                        return None
                    gender, number = target.gender, target.number
                    if self._fits_complement(ant, feats, data, lx):
                        return None
                obj_label = ant.text
            elif found or noun_only:
                return None
            else:
                gender, number = "m", "s"
        if any((gender is None or g == gender) and n == number for g, n in feats):
            return None
        return self._report(doc, pstart, tok, gender, number, obj_label, lx)

    def _report(self, doc: Document, pstart: int, tok: Any, gender: str | None, number: str, obj_label: str, lx: Lexicon) -> Issue | None:
        unlisted = unlisted_participle(tok.text, pack(tok.lang_), lx)
        forms = _forms(tok, gender, number, lx) if unlisted is None else [unlisted[0]] if (gender, number) == ("m", "s") else []
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
        adverbial = pronominal_pack(tok.lang_).adverbial_nouns  # "cueillies ce matin", "racontée cent fois"
        if any(
            c.dep_ == "obj" and tok.i < c.i <= tok.i + 3 and c.pos_ in ("NOUN", "PROPN") and c.is_alpha
            and lexicon.normalize(c.text) not in adverbial and lexicon.normalize(c.lemma_) not in adverbial
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
            return (
                nxt.pos_ in ("NOUN", "ADJ") and lexicon.normalize(nxt.text) not in adverbial
                and lexicon.normalize(nxt.lemma_) not in adverbial and not in_locution(nxt)
            )
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
