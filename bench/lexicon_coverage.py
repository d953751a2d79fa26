"""Coverage and alignment of the German -> French lexicon (rules/fr/de-lexicon.tsv) on the
WMT22 de-fr test set: its German source and the human reference (ref A), line by line.

- coverage: the share of the source's German content tokens (no function word, no name as
  mtqa's source-name analysis finds them, no number) that the lexicon reads (their own entry or
  a compound's head);
- alignment: of the covered tokens, the share with a translation found in the reference's
  French line. The fidelity rules can trust the absence of every translation of a word only as
  far as the alignment is high.

Both by part of speech (coverage by the token's shape, capitalised or not, since an uncovered
word has no part of speech; alignment by the lexicon's), with the most frequent uncovered
words and the most frequent covered words not found, to write better entries. The WMT22 text
is only measured here, never turned into entries.

    python bench/lexicon_coverage.py [--half tune|heldout|all] [--top 40] [--json FILE]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from real_mt_eval import DATA, half_of  # noqa: E402

from mtqa.analysis import bilingual  # noqa: E402
from mtqa.analysis.source_names import source_names  # noqa: E402
from mtqa.segment import WORD_RE  # noqa: E402

# German function words: articles, pronouns, prepositions, conjunctions, auxiliaries, particles,
# and the cardinal numbers (numerals, which the number rules compare)
STOP = set(
    """
    der die das des dem den ein eine einer eines einem einen kein keine keiner keines keinem keinen
    ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihn ihnen man
    mein meine meiner meines meinem meinen dein deine deiner deines deinem deinen sein seine seiner
    seines seinem seinen ihre ihrer ihres ihrem ihren unser unsere unserer unseres unserem unseren
    euer eure eurer eures eurem euren dies diese dieser dieses diesem diesen jene jener jenes jenem
    jenen welche welcher welches welchem welchen was wer wen wem wessen etwas nichts alles alle
    aller allem allen jede jeder jedes jedem jeden manche mancher manches manchem manchen
    solch solche solcher solches solchem solchen selbst selber beide beiden beider einige einiger
    einigen einiges mehrere mehrerer mehreren viele vieler vielen vieles wenige wenigen jemand
    niemand jemanden niemanden derselbe dieselbe dasselbe denen deren dessen
    in im ins an am ans auf aufs aus bei beim mit nach seit von vom zu zum zur über überm unter
    vor vorm hinter neben zwischen durch für fürs gegen ohne um bis ab per pro laut trotz während
    wegen statt anstatt außer ausser innerhalb außerhalb ausserhalb oberhalb unterhalb gegenüber
    entlang dank mittels seitens samt
    und oder aber denn sondern sowie sowohl weder noch doch jedoch dass daß ob wenn als wie weil
    da damit obwohl obgleich während nachdem bevor ehe seitdem sobald solange falls indem sodass
    bzw beziehungsweise usw etc also dann so auch nur schon ja nein nicht nicht mal halt eben eh
    wohl zwar etwa gar sogar denn doch nun bloß bloss ganz
    sein bin bist ist sind seid sei seien seist war warst waren wart wäre wären wärst gewesen
    haben habe hast hat habt hatte hattest hatten hattet hätte hätten hättest gehabt hab
    werden werde wirst wird werdet wurde wurdest wurden würde würden würdest geworden worden
    es gibt dort hier da dabei dafür dagegen daher darauf daran darin darum davon dazu
    damals dann danach dadurch darüber darunter davor deshalb deswegen dennoch trotzdem
    wo woher wohin wann warum wieso weshalb wofür womit worauf worüber
    hin her hinaus heraus herum hinein herein
    eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert tausend
    """.split()
)


def content_tokens(src: str) -> list[str]:
    """The German content tokens of a source line: words of letters, no function word, no
    name (acronyms, exonyms, frequency names, words after a title)."""
    names = source_names(src)
    spans = [(n.start, n.end) for n in names]
    out = []
    for m in WORD_RE.finditer(src):
        w = m.group()
        if not w.isalpha() or len(w) < 2:
            continue
        if w.lower() in STOP:
            continue
        if any(s <= m.start() < e for s, e in spans):
            continue
        out.append(w)
    return out


def shape(word: str) -> str:
    return "capitalised" if word[:1].isupper() else "lower-case"


def measure(half: str) -> dict:
    ids = [line.split("\t")[1] for line in (DATA / "generaltest2022.de-fr.docids.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    src = (DATA / "generaltest2022.de-fr.src.de").read_text(encoding="utf-8").splitlines()
    ref = (DATA / "generaltest2022.de-fr.ref.A.fr").read_text(encoding="utf-8").splitlines()
    lex = bilingual.lexicon("fr")
    tokens = collections.Counter()
    covered = collections.Counter()
    by_pos = collections.Counter()
    aligned = collections.Counter()
    heads = collections.Counter()
    heads_aligned = collections.Counter()
    uncovered_words = collections.Counter()
    not_found = collections.Counter()
    for doc_id, s, r in zip(ids, src, ref):
        if half != "all" and half_of(doc_id) != half:
            continue
        french = None
        for w in content_tokens(s):
            sh = shape(w)
            tokens[sh] += 1
            found = lex.lookup(w)
            if found is None:
                uncovered_words[w] += 1
                continue
            covered[sh] += 1
            pos = found.pos
            by_pos[pos] += 1
            if found.head:
                heads[pos] += 1
            if french is None:
                french = bilingual.French(r)
            if french.find(found.translations):
                aligned[pos] += 1
                if found.head:
                    heads_aligned[pos] += 1
            else:
                not_found[f"{w} ({found.entries[0].lemma})"] += 1
    n_tok, n_cov = sum(tokens.values()), sum(covered.values())
    return {
        "half": half,
        "entries": len(lex),
        "tokens": n_tok,
        "covered": n_cov,
        "coverage": n_cov / n_tok if n_tok else 0.0,
        "aligned": sum(aligned.values()),
        "alignment": sum(aligned.values()) / n_cov if n_cov else 0.0,
        "coverage_by_shape": {k: [covered[k], tokens[k]] for k in tokens},
        "alignment_by_pos": {k: [aligned[k], by_pos[k]] for k in by_pos},
        "compound_heads": {k: [heads_aligned[k], heads[k]] for k in heads},
        "uncovered": uncovered_words.most_common(),
        "not_found": not_found.most_common(),
    }


def entries_by_pos() -> dict[str, int]:
    return dict(collections.Counter(e.pos for es in bilingual.lexicon("fr").entries.values() for e in es))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--half", choices=["tune", "heldout", "all"], default="tune")
    ap.add_argument("--top", type=int, default=40, help="how many uncovered and not-found words to list")
    ap.add_argument("--json", help="write the figures (and the full word lists) to this file")
    args = ap.parse_args()
    res = measure(args.half)
    res["entries_by_pos"] = entries_by_pos()

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} = {a / b:.1%}" if b else "-"

    print(f"lexicon: {res['entries']} lemmas, {sum(res['entries_by_pos'].values())} entries: "
          + ", ".join(f"{k} {v}" for k, v in sorted(res["entries_by_pos"].items())))
    print(f"half: {args.half}; German content tokens of the source: {res['tokens']}")
    print(f"coverage  {pct(res['covered'], res['tokens'])}")
    for k, (a, b) in sorted(res["coverage_by_shape"].items()):
        print(f"  {k:12} {pct(a, b)}")
    print(f"alignment {pct(res['aligned'], res['covered'])} (covered tokens with a translation in the reference line)")
    for k, (a, b) in sorted(res["alignment_by_pos"].items()):
        h = res["compound_heads"].get(k)
        extra = f"   of which compound heads {pct(*h)}" if h else ""
        print(f"  {k:12} {pct(a, b)}{extra}")
    print(f"\nmost frequent uncovered words ({len(res['uncovered'])} distinct):")
    print("  " + ", ".join(f"{w} {n}" for w, n in res["uncovered"][: args.top]))
    print(f"\nmost frequent covered words not found in the reference ({len(res['not_found'])} distinct):")
    print("  " + ", ".join(f"{w} {n}" for w, n in res["not_found"][: args.top]))
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
