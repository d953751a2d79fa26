"""Forms of a source name in its translation beyond keeping or losing it: placeholders of
anonymised text (``#NAME#``), agency bylines (``dpa``), a name written in another case
(``verstappen``, ``ALTHEA``, ``e 95 01``) and a name copied with its spelling changed
(``Leipzig-Wahlen`` for ``Leipzig-Wahren``). MTQ503 reads them."""

from __future__ import annotations

import re

from .. import packs
from ..segment import WORD_RE
from .source_names import SourceName, _derivations, _french_word, _variants, _zipf, fold, folded_list


_PLACEHOLDER_TOKEN = re.compile(r"#[A-Z][A-Z_-]*#")


def source_placeholders(src: str) -> list[SourceName]:
    """Placeholders of an anonymised source (``#NAME#``, ``#PRS_ORG#``): names a translation
    copies as they are."""
    return [SourceName(m.group(), m.start(), m.end(), "placeholder") for m in _PLACEHOLDER_TOKEN.finditer(src)]


def placeholder_count(placeholder: str, target: str) -> int:
    """How often the target writes the placeholder, spaces inside its marks forgiven
    (``# PRS_ORG#``, ``#PRS_ORG #``)."""
    inner = re.escape(placeholder.strip("#")).replace("_", "[_ ]")
    return len(re.findall(r"#\s?" + inner + r"\s?#", target))


def placeholder_word_count(placeholder: str, target: str) -> int:
    """How often the target writes the placeholder's word in capitals, whatever marks surround
    it (``«NAME»``, ``'PRS'ORG'``, ``#NAME mal livrée #``): the placeholder is still there,
    its marks changed. A translated word (``#NOM#``, ``#NOMBRE#``) is not."""
    parts = [re.escape(x) for x in placeholder.strip("#").split("_") if x]
    return len(re.findall(r"(?<![A-Za-zÀ-ÿ])" + r"[\W_]{0,2}".join(parts) + r"(?![a-zà-ÿ])", target))


def _bylines(lang: str = "fr") -> frozenset[str]:
    """News agency bylines (``source_bylines.txt``), folded."""
    return folded_list(lang, "source_bylines.txt")


def source_bylines(src: str, lang: str = "fr") -> list[SourceName]:
    """Agency bylines of the pack where a byline stands: the segment's last word after its
    closing punctuation (``... auf Tour. dpa``, ``... − afp``), in parentheses (``(epd)``,
    ``Berlin (dpa) -``) or joined by a slash to another one (``dpa/AFP``)."""
    names = _bylines(lang)
    if not names:
        return []
    out = []
    for m in WORD_RE.finditer(src):
        w = m.group()
        if fold(w) not in names:
            continue
        before, after = src[: m.start()].rstrip(), src[m.end() :].strip()
        last = not after.strip(".)") and (not before or before[-1] in ".!?\"“”»)–−—-:/")
        paren = src[m.start() - 1 : m.start()] in "(/" and m.start() > 0 and src[m.end() : m.end() + 1] in ")/"
        if last or paren:
            out.append(SourceName(w, m.start(), m.end(), "byline"))
    return out


def byline_kept(name: SourceName, target: str) -> bool:
    """The target writes the byline, in any case (``dpa``, ``Dpa``)."""
    return re.search(r"(?<![^\W\d_])" + re.escape(fold(name.text)) + r"(?![^\W\d_])", fold(target)) is not None


def _mixed_case(word: str) -> bool:
    return len(word) >= 3 and word[:1].isupper() and any(c.islower() for c in word[1:])


def recased(word: str, target: str) -> list[tuple[int, int, str]]:
    """Spans of the target that write a capitalised source name only in another case: all in
    lower case (``verstappen``) or all in capitals (``ALTHEA``), when the target never writes it
    with its capital. A lower-case form that is a French word (``euro``, ``internet``) or ends as
    a place's adjective does (``tarnais``, ``rules/fr/name_derivations.txt``) is French usage, not
    a changed name; a target written in capitals, or a phrase of it (``SERVICES DE RÉSEAU``), is
    left alone."""
    if not _mixed_case(word) or not word.replace("-", "").isalpha() or not word[1:].replace("-", "").islower():
        return []  # not a word with an inner capital ("DLan" / "DLAN")
    hits = [m for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", target, flags=re.IGNORECASE)]
    if not hits or any(m.group()[:1].isupper() and not m.group().isupper() for m in hits):
        return []
    letters = [c for c in target if c.isalpha()]
    if sum(c.isupper() for c in letters) > 0.5 * max(1, len(letters)):
        return []
    out = []
    for m in hits:
        t = m.group()
        if t.islower() and not _french_word(t) and not fold(t).endswith(_derivations()):
            out.append((m.start(), m.end(), "lower"))  # not an adjective of a place ("tarnais")
        elif t.isupper() and len(t) >= 4 and not _caps_beside(target, m.start(), m.end()):
            out.append((m.start(), m.end(), "upper"))
    return out


def _caps_beside(target: str, start: int, end: int) -> bool:
    """A word in capitals of two letters or more right before or after the span: a phrase the
    target sets in capitals (``SERVICES DE RÉSEAU``), not one name in capitals."""
    before = re.search(r"(\S+)\s+$", target[:start])
    after = re.match(r"\s+(\S+)", target[end:])
    return any(m and (w := re.sub(r"\W", "", m.group(1))) and len(w) >= 2 and w.isupper() for m in (before, after))


_DESIGNATION = re.compile(r"(?<![\w-])([A-ZÄÖÜ]{1,3})((?: \d{1,4}){1,3})(?![\w,.]\d)")


def recased_designations(src: str, target: str) -> list[tuple[int, int, str]]:
    """Model and series designations of letters and numbers (``E 95 01``, ``BR 218``) that the
    target writes with the letters in lower case (``e 95 01``), when it never writes them as the
    source does. Lower-case letters that may be a French word (``il a 95 ans``) count only when
    the target writes the same letters in capitals before another number (``E 95 02``)."""
    from .. import lexicon

    out = []
    seen = set()
    for m in _DESIGNATION.finditer(src):
        letters, digits = m.group(1), m.group(2)
        if (letters, digits) in seen:
            continue
        seen.add((letters, digits))
        if not re.search(r"(?<![\w-])" + re.escape(letters) + r" \d", target) and (
                len(letters) < 2 or not lexicon.available("fr") or letters.lower() in lexicon.load("fr")):
            continue
        body = re.escape(digits)
        if re.search(r"(?<![\w-])" + re.escape(letters) + body + r"(?![\d])", target):
            continue
        for t in re.finditer(r"(?<![\w-])" + re.escape(letters.lower()) + body + r"(?!\d)", target):
            out.append((t.start(), t.end(), m.group()))
    return out


def _levenshtein(a: str, b: str, limit: int = 3) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


@packs.pack_cache
def _transliterations(lang: str) -> tuple[tuple[str, str], ...]:
    """The spelling pairs of ``rules/<lang>/source_transliterations.yaml``, in their order."""
    raw = packs.load_yaml(lang, "source_transliterations.yaml") or {}
    return tuple((str(a), str(b)) for a, b in raw.get("pairs") or ())


def _translit_key(word: str) -> str:
    s = fold(word)
    for a, b in _transliterations("fr"):
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def changed_spelling(word: str, target_word: str) -> bool:
    """The target word is the source name copied with a letter or two changed, dropped or added
    inside it (``Reichsbahnausbesserungswerk`` / ``Reichsbahnausbessungswerk``, ``Wahren`` /
    ``Wahlen``): not a case ending (``Bundestages`` / ``Bundestag``), not a transliteration
    (``Lukaschenko`` / ``Loukachenko``), not the same word with umlauts written out, and not a
    spelling more frequent in French text than in German (``Breisgau`` / ``Brisgau``)."""
    a, b = fold(word), fold(target_word)
    if a == b or len(a) < 6 or len(b) < 6 or a[0] != b[0] or _variants(word) & _variants(target_word):
        return False
    if a[-2:] != b[-2:]:
        return False  # a changed ending: a German case ending dropped, a French plural, a derived form
    if _translit_key(word) == _translit_key(target_word):
        return False
    fr = _zipf(target_word, "fr")
    if fr >= 1.5 and fr > _zipf(target_word, "de"):
        return False  # a form French text uses for the name ("Breisgau" / "Brisgau")
    d = _levenshtein(a, b, 3)
    return d <= (1 if len(a) < 8 else 2 if len(a) < 14 else 3)


def placeholder_problems(src: str, target: str, marks_too: bool = False) -> list[tuple[int, int, str, str]]:
    """The source's placeholders that the target does not copy as they are, as (start, end,
    placeholder, how) with ``how`` one of ``translated`` (the span is the target's own
    placeholder, ``#NOM#``), ``missing`` or ``marks`` (the word kept in other marks, ``«NAME»``,
    only with ``marks_too``); the span is the whole target when there is no placeholder of the
    target to point at."""
    counts: dict[str, int] = {}
    for n in source_placeholders(src):
        counts[n.text] = counts.get(n.text, 0) + 1
    out = []
    for ph, c in counts.items():
        if placeholder_count(ph, target) >= c:
            continue
        marks = placeholder_word_count(ph, target) >= c
        if marks and not marks_too:
            continue
        m = next((m for m in re.finditer(r"#\s?[^\W\d_][\w ]{0,30}?#", target)
                  if re.sub(r"\s", "", m.group()) not in counts), None)
        if m and not marks:
            out.append((m.start(), m.end(), ph, "translated"))
        else:
            out.append((0, len(target), ph, "marks" if marks else "missing"))
    return out


def beside(src: str, spans: set[tuple[int, int]]) -> set[str]:
    """The capitalised words of the source written one space from one of the spans, not at the
    start of a sentence (``Althea`` beside ``Reinhardt``)."""
    from .source_names import _sentence_starts

    words = list(WORD_RE.finditer(src))
    starts = _sentence_starts(src)
    out = set()
    for i, m in enumerate(words):
        near = any(0 <= j < len(words) and (words[j].start(), words[j].end()) in spans
                   and src[min(m.end(), words[j].end()) : max(m.start(), words[j].start())] == " "
                   for j in (i - 1, i + 1))
        if near and m.group()[:1].isupper() and m.start() not in starts:
            out.add(m.group())
    return out


_PLACEHOLDER_ANY = re.compile(r"#[^#\s]{1,30}#")


def respelt(src: str, target: str, is_exonym, done: set[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """Target words that copy a capitalised source word of six letters or more with its spelling
    changed (:func:`changed_spelling`), as (start, end, source word, target word); not a French
    word, a word of the exonym pack (``is_exonym``) or a placeholder's word."""
    src = _PLACEHOLDER_ANY.sub(lambda m: " " * len(m.group()), src)  # placeholders are checked on their own
    target = _PLACEHOLDER_ANY.sub(lambda m: " " * len(m.group()), target)
    src_parts = [part for m in WORD_RE.finditer(src) for part in m.group().split("-")
                 if len(part) >= 6 and part[:1].isupper() and part.isalpha() and not is_exonym(part)
                 and not _french_word(part)]
    if not src_parts:
        return []
    src_folded = {fold(x) for m in WORD_RE.finditer(src) for x in (m.group(), *m.group().split("-"))}
    tgt_folded = {fold(x) for m in WORD_RE.finditer(target) for x in (m.group(), *m.group().split("-"))}
    out = []
    for m in WORD_RE.finditer(target):
        pos = m.start()
        for part in m.group().split("-"):
            a, b = pos, pos + len(part)
            pos = b + 1
            if len(part) < 6 or not part[:1].isupper() or not part.isalpha() or fold(part) in src_folded \
                    or (a, b) in done or _french_word(part):
                continue
            w = next((w for w in src_parts if fold(w) not in tgt_folded and changed_spelling(w, part)), None)
            if w:
                out.append((a, b, w, part))
    return out
