"""MTQ501 recall on one fixed set of injected number errors, for comparing two trees.

bench/fidelity_eval.py draws its injections with the code under test (its candidate lines depend
on the findings on the clean reference), so two versions of the rule get different samples. This
script draws them once and checks them with any tree:

    .venv/bin/python bench/fidelity_same_injections.py make  /work/OLD   # draw with the old tree
    .venv/bin/python bench/fidelity_same_injections.py check /work/OLD
    .venv/bin/python bench/fidelity_same_injections.py check /work/main
    .venv/bin/python bench/fidelity_same_injections.py misses /work/main  # the injections it misses

TREE is a checkout of mtqa (its ``src/`` is imported). The injections go to /tmp/fid_inj.json.
"""
import json, random, re, sys
from dataclasses import replace
from pathlib import Path
mode, tree = sys.argv[1], sys.argv[2]
sys.path.insert(0, str(Path(tree) / "src"))
from mtqa.checks.fidelity.numbers import atoms, keys
from mtqa.config import Config
try:
    from mtqa.pipeline import Pipeline
except ImportError:  # a tree from before mtqa.pipeline: its engine ran the whole pipeline
    from mtqa.lint.engine import Engine as Pipeline
from mtqa.readers.text import read_lines
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wmt22-general" / "de-fr"
src = (DATA / "generaltest2022.de-fr.src.de").read_text(encoding="utf-8").splitlines()
ref = (DATA / "generaltest2022.de-fr.ref.A.fr").read_text(encoding="utf-8").splitlines()
def run(lines):
    doc = read_lines("\n".join(lines) + "\n", "<bench>")
    doc.paragraphs = [replace(p, source=src[int(p.id) - 1]) for p in doc.paragraphs]
    return {i.line - 1 for i in Pipeline(Config(lang="fr", select=["MTQ501"])).run([doc]).issues}
if mode == "make":
    clean = run(ref); rng = random.Random(7); cands = []
    for i, (s, r) in enumerate(zip(src, ref)):
        if i in clean: continue
        sk = set().union(*(keys(a) for a, _, _ in atoms(s))) if atoms(s) else set()
        nums = [(a, st, en) for a, st, en in atoms(r) if sum(c.isdigit() for c in a) >= 3 and keys(a) & sk]
        if nums: cands.append((i, nums))
    rng.shuffle(cands); chosen = cands[:300]; out = {}
    for kind in ("changed", "dropped"):
        lines = list(ref); inj = []
        for i, nums in chosen:
            a, st, en = rng.choice(nums)
            if kind == "changed":
                pos = [k for k, c in enumerate(a) if c.isdigit()]; k = rng.choice(pos)
                new = a[:k] + str((int(a[k]) + rng.randint(1, 8)) % 10) + a[k + 1:]
                lines[i] = lines[i][:st] + new + lines[i][en:]
            else:
                lines[i] = re.sub(r"\s{2,}", " ", lines[i][:st] + lines[i][en:])
            inj.append(i)
        out[kind] = {"lines": lines, "injected": inj}
    json.dump(out, open("/tmp/fid_inj.json", "w"))
else:
    data = json.load(open("/tmp/fid_inj.json"))
    for kind, d in data.items():
        hits = run(d["lines"]); inj = set(d["injected"])
        tp = len(hits & inj); fp = len(hits - inj)
        print(f"{Path(tree).name} {kind:8} injected {len(inj)} recall {tp/len(inj):.3f} precision {tp/max(1,tp+fp):.3f}")
if mode == "misses":
    data = json.load(open("/tmp/fid_inj.json"))["changed"]
    hits = run(data["lines"])
    for i in data["injected"]:
        if i not in hits:
            print(i, "|", src[i][:150], "|", data["lines"][i][:150])
