"""Number words written out and "demi" (MTQ207): "vingt" and "cent" with or without -s, the
invariable "mille", "et demi(e)" after its noun and the invariable "demi-" before it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import lexicon
from ...lang.fr.agreement.common import AgreementRule, lex, pack
from ...lang.fr.number_words import (
    TOKEN, Number, NumberPack, clause_end, gap, is_number_token, number_pack, numbers, rebuild, sentence_initial, with_s,
)
from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue, Severity

@register
class NumberWordAgreement(AgreementRule):
    """A number word or "demi" with the wrong ending: "deux cent personnes", "trois milles euros".

    What it does
        In numbers written in words, flags "cent" without -s when it is multiplied and ends the
        number before a plural noun or "millions" ("deux cent personnes" -> "deux cents"),
        "vingt" likewise in "quatre-vingt ans" -> "quatre-vingts"; an -s before another number
        word ("deux cents trois" -> "deux cent trois", "quatre-vingts-dix" -> "quatre-vingt-dix")
        or after a noun that makes the number an ordinal ("page deux cents" -> "page deux cent");
        "vingts" other than in "quatre-vingts"; "milles" as a number ("trois milles euros" ->
        "trois mille"). For "demi": "et demie" after a feminine noun and "et demi" after a
        masculine one, the noun's gender from the lexicon or its determiner ("une heure et
        demi" -> "et demie"); "demi-" invariable before a noun ("une demie-heure" ->
        "demi-heure", "deux demies-journées" -> "demi-journées") and in the adverb "à demi".
        Traditional and 1990 rectified spellings ("deux-cent-trois") both pass. The nouns of
        number take the plural after a number word above one ("deux million" -> "deux
        millions"). The words come from ``rules/<lang>/number_words.yaml``.

    Why it matters
        These endings follow rules of their own that machine translation and hurried writers get
        wrong, and a reader notices "deux cent personnes" or "une heure et demi" at once.

    Example
        Flagged: ``Deux cent personnes ont attendu une heure et demi devant la mairie.``
        Flags: ``Deux cent`` ``demi``
        Better: ``Deux cents personnes ont attendu une heure et demie devant la mairie.``

    Options
        None.

    Known limits
        Figures ("200 personnes") are not its business. A number that ends its clause or comes
        before a word that is not a noun is left alone ("l'an deux cent", "il en reste deux
        cent"): its use, cardinal or ordinal, is not shown; after a plural form of "être" or
        "environ" it counts ("ils étaient deux cent." -> "deux cents"). "cents" without a number word before
        it is the coin ("cinquante cents"); "milles" after a determiner, before "nautiques" or
        "de" is the mile; names and titles with capitals ("la guerre de Cent Ans") are skipped.
        "et demi" takes the gender of the noun right before "et"; a noun of both genders
        without a determiner is left alone.
    """

    code = "MTQ207"
    name = "number-word-agreement"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        pk = number_pack(lang)
        if pk is None:
            return
        text = doc.view
        for p in doc.paragraphs:
            low = text[p.start : p.end].lower()
            nouns = any(n in low for n in pk.number_nouns)
            if not nouns and not any(c in low for c in pk.cues):
                continue
            tokens = list(TOKEN.finditer(text, p.start, p.end))
            for num in numbers(text, tokens, pk):
                found = self._number(text, p.start, p.end, tokens, num, pk, lang)
                if found:
                    yield self.issue(doc, num.start, num.end, found[1], [found[0]])
            if pk.demi in low:
                yield from self._demi(doc, text, tokens, pk, lang)
            if nouns:
                yield from self._number_nouns(doc, text, tokens, pk, lang)

    # -- million, milliard ------------------------------------------------------------------
    def _number_nouns(self, doc: Document, text: str, tokens: list[re.Match[str]], pk: NumberPack, lang: str) -> Iterator[Issue]:
        """A noun of number in the singular after a number word above one ("deux million" ->
        "deux millions"); the plural from the lexicon."""
        lx = lex(lang)
        for i, t in enumerate(tokens):
            word = t.group()
            key = lexicon.normalize(word)
            if i == 0 or key not in pk.number_nouns or not word.islower() or not gap(text, tokens[i - 1], t):
                continue
            prev = tokens[i - 1].group()
            if not is_number_token(prev, pk) or lexicon.normalize(prev) in pk.after_conjunction:
                continue  # "un million", "vingt et un million" (left alone)
            plural = next(
                (f for f in (key + "s", key + "x") if any(a.number == "p" and lexicon.normalize(a.lemma) == key for a in lx.analyses(f, "N"))),
                None,
            )
            if plural is None:
                continue
            yield self.issue(
                doc, t.start(), t.end(),
                f"'{word}' is a noun and takes the plural after '{prev}': '{prev} {plural}'",
                [_restyle(word, plural)],
            )

    # -- vingt, cent, mille -------------------------------------------------------------------
    def _number(self, text: str, floor: int, end: int, tokens: list[re.Match[str]], num: Number, pk: NumberPack, lang: str) -> tuple[str, str] | None:
        """(corrected number, message) when a part of ``num`` has the wrong ending."""
        parts = num.parts
        if any(c.isupper() for c in text[num.start + 1 : num.end]):
            return None  # a name or a title ("Cent Ans", "Quinze-Vingts"), or capitals
        if parts[0].text[:1].isupper() and not sentence_initial(text, num.start, floor):
            return None
        before = tokens[num.first - 1] if num.first > 0 else None
        k = num.start - 1
        while k >= floor and text[k] in " \t\u00a0\u202f":
            k -= 1
        if k >= floor and text[k].isdigit():
            return None  # "50 cents", "3 milles nautiques": figures are not this rule's business
        prev_word = lexicon.normalize(before.group()) if before is not None and gap(text, before, tokens[num.first]) else ""
        after = tokens[num.last + 1] if num.last + 1 < len(tokens) and gap(text, tokens[num.last], tokens[num.last + 1]) else None
        after2 = tokens[num.last + 2] if after is not None and num.last + 2 < len(tokens) and gap(text, after, tokens[num.last + 2]) else None
        nxt = self._next_kind(after, after2, pk, lang)
        if not nxt and prev_word in pk.count_openers and (
            clause_end(text, num.end, end) or (after is not None and lexicon.normalize(after.group()) in pk.count_followers)
        ):
            nxt = "count"  # "ils étaient deux cents.", "nous étions quatre-vingts à attendre"
        tail = parts[-1]
        if tail.base(pk) == pk.mille and tail.plural(pk) and nxt not in ("noun", "count"):
            # "à deux cents milles des côtes": the mile, a noun, which ends the number before it
            parts, nxt = parts[:-1], "number-noun"
        ordinal = prev_word in pk.ordinal_nouns and nxt not in ("noun", "number-noun")
        fixed: dict[int, str] = {}
        why = ""
        for i, part in enumerate(parts):
            base = part.base(pk)
            if base not in pk.variable:
                continue
            last = i + 1 == len(parts)
            prev = parts[i - 1].low if i else ""
            want: bool | None = None
            if base == pk.mille:
                if not part.plural(pk):
                    continue
                if not last:
                    want, reason = False, f"'{pk.mille}' is invariable as a number"
                elif nxt in ("noun", "count") and (i > 0 or prev_word not in pk.mile_determiners):
                    want, reason = False, f"'{pk.mille}' is invariable as a number"
            else:
                multiplied = (prev == pk.vingt_multiplier) if base == pk.vingt else (prev in pk.multipliers)
                if base == pk.vingt and not multiplied:
                    if prev in pk.multipliers:
                        continue  # "six-vingts", "Quinze-Vingts": old counts by twenty, or a name
                    want, reason = False, f"'{pk.vingt}' takes -s only when multiplied, as in 'quatre-vingts'"
                elif not multiplied:
                    continue  # "cents" alone is the coin; "mille cent" is right
                elif not last:
                    want, reason = False, f"'{base}' takes no -s when another number word follows it"
                elif ordinal:
                    want, reason = False, f"'{base}' takes no -s in a number used as an ordinal"
                elif nxt in ("noun", "number-noun", "count"):
                    want, reason = True, f"'{base}' takes -s when multiplied and nothing numeral follows"
            if want is not None and want != part.plural(pk):
                fixed[i] = with_s(part.text, want)
                why = why or reason
        if not fixed:
            return None
        new = rebuild(text, num, fixed)
        return new, f"{why}: '{text[num.start:num.end]}' -> '{new}'"

    @staticmethod
    def _next_kind(after: re.Match[str] | None, after2: re.Match[str] | None, pk: NumberPack, lang: str) -> str:
        """What follows a number: "number-noun" (millions), "mile" (nautiques), "noun" (a plural
        noun, maybe after one plural adjective), or "" (anything else, or nothing)."""
        if after is None:
            return ""
        w = after.group()
        key = lexicon.normalize(w)
        if key in pk.number_nouns:
            return "number-noun"
        if key in pk.mile_adjectives:
            return "mile"
        if not w.islower() or key in pack(lang).function_words or key in pk.adverb_nouns:
            return ""
        lx = lex(lang)
        if any(a.number in ("p", "") for a in lx.analyses(w, "N")):
            return "noun"
        if after2 is not None and any(a.number == "p" for a in lx.analyses(w, "A")):
            w2 = after2.group()
            if w2.islower() and any(a.number in ("p", "") for a in lx.analyses(w2, "N")):
                return "noun"
        return ""

    # -- demi ---------------------------------------------------------------------------------
    def _demi(self, doc: Document, text: str, tokens: list[re.Match[str]], pk: NumberPack, lang: str) -> Iterator[Issue]:
        lx = lex(lang)
        for i, t in enumerate(tokens):
            word = t.group()
            key = lexicon.normalize(word)
            head, sep, tail = word.partition("-") if "-" in word else word.partition("‐")
            hkey = lexicon.normalize(head)
            if sep and hkey in pk.demi_forms and tail[:1].islower():
                # "une demie-heure", "deux demies-journées": demi- is invariable before its noun
                new = _restyle(head, pk.demi) + sep + tail
                yield self.issue(doc, t.start(), t.end(), f"'{pk.demi}-' is invariable before a noun: '{word}' -> '{new}'", [new])
                continue
            if sep or not key.startswith(pk.demi) or not (key == pk.demi or key in pk.demi_forms):
                continue
            prev = tokens[i - 1] if i > 0 and gap(text, tokens[i - 1], t) else None
            nxt = tokens[i + 1] if i + 1 < len(tokens) and gap(text, t, tokens[i + 1]) else None
            if text[t.end() : t.end() + 1] in ("-", "‐"):
                continue
            pkey = lexicon.normalize(prev.group()) if prev is not None else ""
            if pkey == pk.conjunction and i >= 2 and gap(text, tokens[i - 2], prev):
                found = self._et_demi(text, tokens, i, pk, lang)
                if found and found != word:
                    yield self.issue(
                        doc, t.start(), t.end(),
                        f"'et {found}' agrees in gender with the noun before it ('{tokens[i - 2].group()}'), never in number",
                        [found],
                    )
                continue
            if key == pk.demi:
                if pkey in pk.demi_openers and nxt is not None and nxt.group().islower() and (pk.demi + "-" + lexicon.normalize(nxt.group())) in lx:
                    new = word + "-" + nxt.group()
                    yield self.issue(doc, t.start(), nxt.end(), f"'{pk.demi}' before a noun is joined to it by a hyphen: '{new}'", [new])
                continue
            if pkey == pk.a_demi and prev is not None and prev.end() == t.start() - 1:
                new = _restyle(word, pk.demi)
                yield self.issue(doc, t.start(), t.end(), f"'{pk.a_demi} {pk.demi}' is an invariable adverb: '{new}'", [new])
                continue
            if pkey in pk.demi_openers and nxt is not None and nxt.group().islower():
                nkey = lexicon.normalize(nxt.group())
                only_noun = lx.analyses(nkey, "N") and not lx.analyses(nkey, "APV")
                if (pk.demi + "-" + nkey) in lx or (only_noun and nkey not in pack(lang).function_words):
                    new = _restyle(word, pk.demi) + "-" + nxt.group()
                    yield self.issue(doc, t.start(), nxt.end(), f"'{pk.demi}-' is invariable before a noun: '{new}'", [new])

    @staticmethod
    def _et_demi(text: str, tokens: list[re.Match[str]], i: int, pk: NumberPack, lang: str) -> str | None:
        """The form of "demi" after "NOUN et" (token ``i`` is the demi word), or None when the
        noun and its gender are not clear or "demi" starts a noun of its own ("et demi tour")."""
        lx = lex(lang)
        noun = tokens[i - 2].group()
        key = lexicon.normalize(noun)
        if not noun.islower() or key in pk.number_words:
            return None
        if key in pk.demi_nouns:  # "8 h et demie": an abbreviation the lexicon lacks
            return pk.demi_feminine if pk.demi_nouns[key] == "f" else pk.demi
        if not lx.analyses(noun, "N"):
            return None
        nxt = tokens[i + 1] if i + 1 < len(tokens) and gap(text, tokens[i], tokens[i + 1]) else None
        if nxt is not None and nxt.group().islower() and (pk.demi + "-" + lexicon.normalize(nxt.group())) in lx:
            return None
        found = lx.noun(noun)
        gender = found[0] if found else None
        if gender is None and i >= 3 and gap(text, tokens[i - 3], tokens[i - 2]):
            det = pack(lang).determiners.get(lexicon.normalize(tokens[i - 3].group()))
            gender = det[0] if det and det[0] else None
        if gender is None:
            return None
        return pk.demi_feminine if gender == "f" else pk.demi


def _restyle(original: str, form: str) -> str:
    return form[:1].upper() + form[1:] if original[:1].isupper() else form
