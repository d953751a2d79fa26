"""Numbers of the source that the translation changed or dropped (MTQ501)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import packs
from ...errors import ConfigError
from ...lint.context import Context
from ...lint.registry import register
from ...lint.rule import Rule
from ...model import Advice, Document, Issue, Severity

# A numeric atom: digit groups joined by separators (thousands, decimals, dates, times:
# "1.200", "1 200", "3,5", "12.1.21", "14:00", "14h00", "20H00", a height "1m85"), optionally an
# ordinal suffix ("349e").
# A unit glued to the figure ("120km", "50kg", "5GB") still leaves a number.
# Parts of words ("G7", "COVID-19") and placeholders ("#NUMBER#") are skipped.
_UNITS = r"(?i:(?:km|cm|mm|m)[23²³]?|kg|mg|ml|cl|g|l|t|ha|kWh|kW|W|V|mAh|Ah|Hz|kHz|MHz|GHz|Mbit|Gbit|KB|MB|GB|TB|min|ms|s|ps|h)"
# the end of a figure: no letter or digit after it, or a word glued to it by a lost space
# ("2243Livré", "70mm2Des annonces")
_END = r"(?:(?![\w#])|(?=[^\W\d_a-z][^\W\d_A-Z]{2}))"
ATOM = re.compile(
    r"(?<![\w#.,/])(?<![\w#.,:/]:)(\d+(?:(?:[ \u00a0\u202f'’.,:/]|[hH](?=\d\d)|m(?=\d\d(?!\d)))\d+)*)"
    r"(?:e|er|re|ème|nd|nde|\.(?=\s+\w)|" + _UNITS + _END + ")?" + _END
)
# A figure with "k" for thousands ("50k", "2,5k€").
KILO = re.compile(r"(?<![\w#.,/])(?<![\w#.,:/]:)(\d{1,3}(?:[.,]\d)?)[kK](?![\w#])")
# Roman ordinals ("XIIIe", "Ve", "Ier"); a single L or C before "e" is a word ("Le", "Ce"), and
# French writes those ordinals in figures.
ROMAN = re.compile(r"\b([IVXLC]{2,7}|[IVX])(?:e|er|ème)\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_SEP = re.compile(r"[ \u00a0\u202f'’.,:/hHm]")


def _roman(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN_VALUES[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def keys(atom: str) -> set[str]:
    """Ways a numeric atom may be written in the other language: all its digits (separators of
    any kind dropped), and for dates and times each part, with 2- and 4-digit years alike."""
    if atom[-1:] in "kK":  # "50k"
        return {str(round(float(atom[:-1].replace(",", ".")) * 1000))}
    parts = [x for x in _SEP.split(atom) if x]
    out = {str(int("".join(parts)))}
    thousands = (
        len(parts) > 1 and all(len(x) == 3 for x in parts[1:]) and len(parts[0]) <= 3
        and not any(c in atom for c in ":/hH")
    )
    if len(parts) > 1 and not thousands:
        for x in parts:
            out.add(str(int(x)))
            if len(x) == 2:
                out.add("20" + x)
    for x in (parts if len(parts) > 1 and not thousands else parts[:1] if len(parts) == 1 else []):
        if len(x) == 4 and x[:2] in ("15", "16", "17", "18", "19", "20"):
            out.add(str(int(x[2:])))  # a year and its short form ("1969" and "69", "90er" and "1990")
    if len(parts) == 2 and len(parts[1]) < 3:  # a decimal written with either mark
        out.add(str(int(parts[0])))
    return out


_TOLERANCE = 0.04  # converted figures are rounded


@packs.pack_cache
def conversions(lang: str) -> tuple[tuple[float, re.Pattern[str], re.Pattern[str]], ...]:
    """The unit conversions of ``rules/<lang>/numbers.yaml``: (factor, source unit, target unit)."""
    out = []
    for c in packs.load_yaml(lang, "numbers.yaml").get("conversions") or ():
        try:
            out.append((
                float(c["factor"]),
                re.compile(r"\s*(?:" + str(c["source"]) + ")", re.IGNORECASE),
                re.compile(r"\s*(?:" + str(c["target"]) + ")", re.IGNORECASE),
            ))
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise ConfigError(f"rules/{lang}/numbers.yaml: bad conversion {c!r} ({exc})") from None
    return tuple(out)


@packs.pack_cache
def source_idioms(lang: str, source_lang: str) -> re.Pattern[str] | None:
    """The idioms with figures of ``source_lang`` (``rules/<lang>/numbers.yaml``, ``source_idioms``),
    as one pattern, or None."""
    table = packs.load_yaml(lang, "numbers.yaml").get("source_idioms") or {}
    found = [str(x) for x in (table.get(source_lang) or ())]
    if not found:
        return None
    try:
        return re.compile("|".join(f"(?:{x})" for x in found), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"rules/{lang}/numbers.yaml: bad source idiom ({exc})") from None


@packs.pack_cache
def number_words(pack_lang: str, lang: str) -> dict[str, int]:
    """The number words of ``lang`` in ``rules/<pack_lang>/numbers.yaml`` (``number_words``: the
    target language's pack lists its own and those of the source languages it knows)."""
    table = (packs.load_yaml(pack_lang, "numbers.yaml").get("number_words") or {}).get(lang) or {}
    try:
        return {str(k).casefold(): int(v) for k, v in table.items()}
    except (AttributeError, TypeError, ValueError) as exc:
        raise ConfigError(f"rules/{pack_lang}/numbers.yaml: bad number word ({exc})") from None


_MULTIPLIERS = (100, 1000)
_WORDS = re.compile(r"[^\W\d_]+(?:(?:-|\s+)[^\W\d_]+)*")


def word_numbers(text: str, table: dict[str, int]) -> set[str]:
    """The values of the numbers ``text`` writes in the words of ``table``: "douzaine" 12,
    "soixante-dix-sept" 77, "deux cents" 200, "vingt et un" 21, "zwanzig" 20. A hundred or a
    thousand multiplies what comes before it, other parts add up; a one before another number
    word is an article ("un millier"). Values of one digit are left
    out (they are never compared)."""
    out: set[str] = set()
    if not table:
        return out
    for m in _WORDS.finditer(text):
        parts = re.split(r"[-\s]+", m.group().casefold())
        total = current = 0
        i = 0
        while i <= len(parts):
            two = "-".join(parts[i : i + 2])
            if i < len(parts) - 1 and two in table:
                v, i = table[two], i + 2
            elif i < len(parts) - 1 and table.get(parts[i]) == 1 and (
                    parts[i + 1] in table or "-".join(parts[i + 1 : i + 3]) in table):
                i += 1  # an article before a number noun ("une douzaine", "un millier", "un demi-million")
                continue
            elif i < len(parts) and table.get(parts[i]) == 1 and current % 10:
                # "soixante-trois une base": after a unit, a one is an article and the number ends
                if total + current >= 10:
                    out.add(str(total + current))
                total = current = 0
                i += 1
                continue
            elif i < len(parts) and parts[i] in table:
                v, i = table[parts[i]], i + 1
            elif i < len(parts) and parts[i] == "et" and current and i + 1 < len(parts) and parts[i + 1] in table:
                i += 1
                continue
            else:  # the end of a number (or of the text)
                if total + current >= 10:
                    out.add(str(total + current))
                total = current = 0
                i += 1
                continue
            if v in _MULTIPLIERS:
                current = (current or 1) * v
                if v == 1000:
                    total, current = total + current, 0
            else:
                current += v
    return out


_NEXT_WORD = re.compile(r"[\s\u00a0\u202f]*([^\W\d_]+)")


def multiplied(text: str, found: list[tuple[str, int, int]], table: dict[str, int]) -> dict[int, set[str]]:
    """Per start offset, the value of a figure followed by a hundred or a thousand in words
    ("50 Tausend", "30 mille": 50000, 30000)."""
    out = {}
    for a, s, e in found:
        m = _NEXT_WORD.match(text, e)
        factor = table.get(m.group(1).casefold()) if m else None
        v = value(a) if factor in _MULTIPLIERS else None
        if v:
            out[s] = {str(round(v * factor))}
    return out


def value(atom: str) -> float | None:
    """The numeric value of an atom: thousands separators dropped, a decimal comma or point read;
    None for dates, times and other compounds."""
    if any(c in atom for c in ":/hH"):
        return None
    if atom[-1:] in "kK":
        return float(atom[:-1].replace(",", ".")) * 1000
    parts = [x for x in re.split(r"[ \u00a0\u202f'’.,m]", atom) if x]  # "1m85" is 1.85 (metres)
    if len(parts) == 1:
        return float(parts[0])
    if all(len(x) == 3 for x in parts[1:]) and len(parts[0]) <= 3:
        return float("".join(parts))
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    return None


def converted(tgt: str, tgt_after: str, src: str, src_after: str, lang: str) -> bool:
    """The target figure, followed by ``tgt_after``, is the source figure (followed by
    ``src_after``) in another unit: 320 Kilometer and 200 milles."""
    vt, vs = value(tgt), value(src)
    if not vt or not vs:
        return False
    for f, src_unit, tgt_unit in conversions(lang):
        for su, tu in ((src_unit, tgt_unit), (tgt_unit, src_unit)):  # either way round
            if su.match(src_after) and tu.match(tgt_after):
                if any(abs(x - vt) <= _TOLERANCE * vt for x in (vs * f, vs / f)):
                    return True
    return False


_STRAY_SPACE = re.compile(r"(?<=\d) (?=[.,]\d{3}(?!\d))")


def atoms(text: str) -> list[tuple[str, int, int]]:
    kilo = [(m.group(1) + "k", m.start(), m.end()) for m in KILO.finditer(text)]
    found = [(m.group(1), m.start(1), m.end(1)) for m in ATOM.finditer(text)
             if not any(s <= m.start(1) < e for _, s, e in kilo)]
    found += kilo
    for m in ROMAN.finditer(text):
        v = _roman(m.group(1))
        if v:
            found.append((str(v), m.start(), m.end()))
    return found


@register
class NumberMismatch(Rule):
    """A number of the source that the translation changed or dropped.

    What it does
        Compares the numbers of each source segment with those of its translation, as values
        (``1.200``, ``1 200`` and ``1,200`` are the same number; ``3,5`` is ``3.5``). A target
        number that the source does not have, while a source number is missing, is reported as a
        changed number; a source figure of three digits or more missing from the target, as a
        dropped one (on the whole segment). The rule reports information by default: on real
        translations most dropped figures are idioms rendered in words ("0815", "100 %"; a figure
        inside an idiom of the source language listed in ``rules/<lang>/numbers.yaml`` is never
        reported as dropped) and
        most changed ones are rewritten dates and units, not lost facts (its measured precision
        is in ``rules/fr/precision.yaml``; raise its severity in the configuration to gate on it). Dates and times match part by part ("12.1.21" and
        "12/01/2021", "14:00", "14h00" and "20H00"), a height in metres and centimetres ("1m85" and
        "1,85 m") as a decimal, ordinals with their suffix ("349." and "349e", "13." and
        "XIIIe"). Single-digit numbers are left alone, since translations often spell them out.

    Why it matters
        A wrong figure in a news article ("120 millions" for "210 Millionen") is the most damaging
        error machine translation makes, and the easiest to miss when reading the French alone.

    Example
        Source (de): ``Die neue Brücke kostet 45 Millionen Euro.``
        Flagged: ``Le nouveau pont coûte 54 millions d'euros.``
        Flags: ``54``
        Better: ``Le nouveau pont coûte 45 millions d'euros.``

    Options
        ``min_digits`` (default 2): shorter numbers are not compared.

    Known limits
        A figure converted to another unit, with the unit written after both figures
        (``320 Kilometer`` / ``200 milles``; conversions from ``rules/<lang>/numbers.yaml``),
        counts as the same quantity.
        Numbers written out in words are read from the ``number_words`` of
        ``rules/<lang>/numbers.yaml`` (``douze``, ``soixante-dix-sept``, ``une douzaine``,
        ``zwanzig``); German compounds written as one word (``zweihundert``) and dates rewritten
        in another form ("14.03." and "14 mars") are not matched; only segments with an aligned
        source are checked.
    """

    code = "MTQ501"
    name = "number-mismatch"
    category = "fidelity"
    severity = Severity.INFO  # follows its precision on real MT (rules/fr/precision.yaml)
    requires = frozenset({"source"})
    options = {"min_digits": 2}

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        min_digits = self.opts["min_digits"]

        def digits(a: str) -> int:
            return sum(c.isdigit() for c in a)

        for p in doc.paragraphs:
            if not p.source:
                continue
            # a stray space before a thousands mark of the source ("25 .000") is a typing slip
            src_text = _STRAY_SPACE.sub("", p.source)
            src_atoms = atoms(src_text)
            src = [a for a, _, _ in src_atoms]
            if not any(digits(a) >= min_digits for a in src):
                continue
            tgt = atoms(doc.view[p.start : p.end])
            src_keys = set().union(*(keys(a) for a in src)) if src else set()
            tgt_keys = set().union(*(keys(a) for a, _, _ in tgt)) if tgt else set()
            # a figure of one side written out in words on the other ("12" / "une douzaine")
            tgt_words = number_words(doc.target_language, doc.target_language)
            tgt_keys |= word_numbers(doc.view[p.start : p.end], tgt_words)
            tgt_times = multiplied(doc.view[p.start : p.end], tgt, tgt_words)
            tgt_keys |= set().union(*tgt_times.values())
            src_times: dict[int, set[str]] = {}
            if doc.source_language:
                src_words = number_words(doc.target_language, doc.source_language)
                src_times = multiplied(src_text, src_atoms, src_words)
                src_keys |= word_numbers(src_text, src_words) | set().union(*src_times.values())
            idioms = source_idioms(doc.target_language, doc.source_language) if doc.source_language else None
            in_idiom = [(m.start(), m.end()) for m in idioms.finditer(src_text)] if idioms else []
            missing = [
                a for a, s, e in src_atoms
                if digits(a) >= min_digits and not (keys(a) | src_times.get(s, set())) & tgt_keys
                and not any(i <= s and e <= j for i, j in in_idiom)
            ]
            if not missing:
                continue
            extra = [(a, s, e) for a, s, e in tgt
                     if digits(a) >= min_digits and not (keys(a) | tgt_times.get(s, set())) & src_keys]
            # a figure converted to another unit is the same quantity
            tgt_text = doc.view[p.start : p.end]
            conv = {
                (a, m)
                for a, _, e in extra
                for m, _, me in src_atoms
                if m in missing and converted(a, tgt_text[e : e + 16], m, src_text[me : me + 16], doc.target_language)
            }
            if conv:
                extra = [x for x in extra if not any(x[0] == a for a, _ in conv)]
                missing = [m for m in missing if not any(m == b for _, b in conv)]
                if not missing:
                    continue
            for a, s, e in extra:
                yield self.issue(
                    doc, p.start + s, p.start + e,
                    f"Number '{a}' is not in the source, which has {', '.join(repr(m) for m in missing)}",
                    missing if len(missing) == 1 else (),
                )
            substantive = [m for m in missing if digits(m) >= 3]
            if not extra and substantive:
                yield self.issue(
                    doc, p.start, p.end,
                    f"Number{'s' if len(substantive) > 1 else ''} {', '.join(repr(m) for m in substantive)} of the "
                    f"source {'are' if len(substantive) > 1 else 'is'} missing from the translation",
                    [Advice("restore the number")],
                )
