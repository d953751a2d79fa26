# Writes bench/agreement_suite/blind-8/*.yaml from the lists below: python make_suite.py bench/agreement_suite/blind-8
import sys, yaml
from pathlib import Path
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
HEAD = ("# Blind suite 8: sentences written for mtqa before its rules or case files were read again; each\n"
        "# flag sentence holds one error ('flags', the span) and its correction ('suggestions', not scored).\n"
        "# Everyday, chat and news register. Scored by bench/agreement_eval.py --suite-dir\n"
        "# bench/agreement_suite/blind-8, never moved into tests/.\n")
S = {}
def ph(fname, rule, phen, flags, passes):
    S[fname] = (rule, phen, flags, passes)

ph("noun-phrase", "MTQ201", "determiner, adjective and noun in gender and number", [
  ("Le maire a inauguré un nouvelle piscine municipale.", "un", "une"),
  ("Tu as vu le voiture garée devant chez moi ?", "le", "la"),
  ("Les habitant du village ont signé la pétition.", "habitant", "habitants"),
  ("Il a perdu son clés dans le métro.", "son", "ses"),
  ("Cette hôpital manque de personnel depuis des mois.", "Cette", "Cet"),
  ("Le gouvernement prépare une réforme des retraite.", "retraite", "retraites"),
  ("Ma frère travaille à Lyon depuis l'an dernier.", "Ma", "Mon"),
  ("On a mangé dans un petite restaurant italien.", "petite", "petit"),
 ], [
  "Le maire a inauguré une nouvelle piscine municipale.",
  "La plupart des élèves ont réussi l'examen.",
  "Un grand nombre de fans attendaient devant la salle.",
  "Le Havre a battu Lens dimanche soir.",
  "Elle a lu La Peste pendant les vacances.",
  "On a pris un café en terrasse avec des amis.",
  "Son équipe a remporté le tournoi régional.",
  "Les après-midi d'été sont longs à la campagne.",
 ])
ph("coordinated-mixed", "MTQ202", "adjective after coordinated nouns of mixed gender", [
  ("Il a acheté une chemise et un pantalon neuves.", "neuves", "neufs"),
  ("Le directeur et la secrétaire sont très occupées.", "occupées", "occupés"),
  ("Elle cultive des tomates et des haricots biologiques verte.", None, None),
  ("La mairie et le conseil sont satisfaites du résultat.", "satisfaites", "satisfaits"),
  ("J'ai trouvé un livre et une revue anciennes au marché.", "anciennes", "anciens"),
  ("Le courage et la patience sont indispensable.", "indispensable", "indispensables"),
  ("Une table et un fauteuil cassée traînaient dans la cour.", "cassée", "cassés"),
  ("Sa mère et son oncle sont arrivées en retard.", "arrivées", "arrivés"),
 ], [
  "Il a acheté une chemise et un pantalon neufs.",
  "Le directeur et la secrétaire sont très occupés.",
  "La ville et le département sont concernés par le plan.",
  "Il porte une veste et un pantalon noirs.",
  "Une chemise et une cravate assorties, c'est plus élégant.",
  "Le froid et la pluie ont découragé les promeneurs.",
  "Ma sœur et mon cousin sont partis ensemble.",
  "Un vélo et une trottinette électriques ont été volés.",
 ])
ph("object-attribute", "MTQ202", "attribute of the object", [
  ("Ces chaussures, je les trouve vraiment confortable.", "confortable", "confortables"),
  ("Cette idée, on la juge trop risqué.", "risqué", "risquée"),
  ("Le jury a déclaré la candidate admis.", "admis", "admise"),
  ("Ses amis le croyaient parti, mais elle les a trouvés assis au café, tous souriante.", None, None),
  ("Je trouve ces règles injuste.", "injuste", "injustes"),
  ("Le médecin a jugé la blessure grave et la patiente épuisé.", "épuisé", "épuisée"),
  ("On les a retrouvées saines et sauf.", "sauf", "sauves"),
  ("Tu rends ta mère folles avec tes questions.", "folles", "folle"),
 ], [
  "Ces chaussures, je les trouve vraiment confortables.",
  "Je la trouve un peu fatiguée ces jours-ci.",
  "Le tribunal a déclaré l'accusé coupable.",
  "On a trouvé la porte ouverte en rentrant.",
  "Elle rend ses enfants heureux.",
  "Je les crois capables de gagner.",
  "Il a laissé la fenêtre grande ouverte.",
  "Ils ont jugé la proposition intéressante.",
 ])
ph("avoir-l-air", "MTQ202", "avoir l'air", [
  ("Ton frère a l'air très contente aujourd'hui.", "contente", "content"),
  ("Les enfants avaient l'air fatigué.", None, None),
  ("Ma voisine a l'air inquiets depuis hier.", "inquiets", "inquiète"),
  ("Ces gâteaux ont l'air délicieuse.", "délicieuse", "délicieux"),
  ("Il avait l'air perdue au milieu de la foule.", "perdue", "perdu"),
  ("Les joueurs n'avaient pas l'air motivée.", "motivée", "motivés"),
  ("Elle a toujours l'air pressés.", "pressés", "pressée"),
  ("Ce plat a l'air appétissante.", "appétissante", "appétissant"),
 ], [
  "Ton frère a l'air très content aujourd'hui.",
  "Elle a l'air sérieuse.",
  "Elle a l'air sérieux.",
  "Les enfants avaient l'air fatigués.",
  "Ces gâteaux ont l'air délicieux.",
  "Il a l'air d'un homme pressé.",
  "Vous avez l'air en forme ce matin.",
  "Cette maison a l'air abandonnée depuis longtemps.",
 ])
ph("pp-pronominal", "MTQ203", "participle of a pronominal verb", [
  ("Elles se sont réveillé très tôt ce matin.", "réveillé", "réveillées"),
  ("Marie s'est coupée le doigt en cuisinant.", "coupée", "coupé"),
  ("Les deux équipes se sont affronté dimanche.", "affronté", "affrontées"),
  ("Nous nous sommes promené le long du canal.", "promené", "promenés"),
  ("Elle s'est lavée les cheveux hier soir.", "lavée", "lavé"),
  ("Les manifestants se sont rassemblé devant la préfecture.", "rassemblé", "rassemblés"),
  ("Ma sœur s'est inscrit à la fac de droit.", "inscrit", "inscrite"),
  ("Ils se sont téléphonés pendant des heures.", "téléphonés", "téléphoné"),
 ], [
  "Elles se sont réveillées très tôt ce matin.",
  "Marie s'est coupé le doigt en cuisinant.",
  "Ils se sont parlé au téléphone.",
  "Elles se sont succédé à la tribune.",
  "Nous nous sommes promenés le long du canal.",
  "La ministre s'est rendue à Marseille mardi.",
  "Elles se sont lavé les mains avant le repas.",
  "Ils se sont souri sans dire un mot.",
 ])
ph("pp-etre", "MTQ203", "participle with etre, on and polite vous", [
  ("La réunion a été annulé à la dernière minute.", "annulé", "annulée"),
  ("Mes parents sont arrivé à midi.", "arrivé", "arrivés"),
  ("Les victimes ont été transporté à l'hôpital.", "transporté", "transportées"),
  ("La décision sera prise demain et sera annoncé jeudi.", "annoncé", "annoncée"),
  ("Les deux suspects ont été arrêté mardi soir.", "arrêté", "arrêtés"),
  ("Sa fille est né en mars.", "né", "née"),
  ("Les routes étaient fermé à cause de la neige.", "fermé", "fermées"),
  ("Cette loi a été voté en 2019.", "voté", "votée"),
 ], [
  "La réunion a été annulée à la dernière minute.",
  "On est partis tôt pour éviter les bouchons.",
  "Madame, vous êtes invitée à la cérémonie.",
  "Vous êtes tous conviés au pot de départ.",
  "Il est arrivé une chose étrange hier soir.",
  "Elle est devenue médecin à trente ans.",
  "Les résultats seront publiés lundi.",
  "On est allé au cinéma samedi.",
 ])
ph("pp-invariable", "MTQ204", "participle that stays invariable", [
  ("Les efforts qu'il a falluts ont été énormes.", "falluts", "fallu"),
  ("Elle a parlée pendant une heure.", "parlée", "parlé"),
  ("Les enfants ont dormis toute la nuit.", "dormis", "dormi"),
  ("Ils ont marchés pendant trois jours.", "marchés", "marché"),
  ("Les chaleurs qu'il a faites cet été ont épuisé les bêtes.", None, None),
  ("Elles ont beaucoup ris à la fête.", "ris", "ri"),
  ("Elle a réussie son permis du premier coup.", "réussie", "réussi"),
  ("Nous avons voyagés en train de nuit.", "voyagés", "voyagé"),
 ], [
  "Elle a parlé pendant une heure.",
  "Les enfants ont dormi toute la nuit.",
  "Les trois heures qu'il a dormi lui ont suffi.",
  "Les musiciens que j'ai entendus jouer étaient excellents.",
  "La maison qu'il a fait construire est immense.",
  "Les sommes qu'il a fallu ont été réunies.",
  "Elles ont ri aux éclats.",
  "Ils les ont laissé partir sans rien dire.",
 ])
ph("pp-avoir", "MTQ204", "participle with avoir after its direct object", [
  ("La maison qu'ils ont acheté est au bord du lac.", "acheté", "achetée"),
  ("Ces photos, je les ai déjà vu.", "vu", "vues"),
  ("Les lettres que tu m'as envoyé sont arrivées.", "envoyé", "envoyées"),
  ("Combien de pommes as-tu mangé ?", None, None),
  ("Ta clé, je l'ai trouvé sous le tapis.", "trouvé", "trouvée"),
  ("Quelle décision a-t-il pris ?", "pris", "prise"),
  ("Les erreurs qu'elle a commis lui ont coûté cher.", "commis", "commises"),
  ("Les fleurs que j'ai cueilli sont déjà fanées.", "cueilli", "cueillies"),
 ], [
  "La maison qu'ils ont achetée est au bord du lac.",
  "Ces photos, je les ai déjà vues.",
  "Ils ont acheté une maison au bord du lac.",
  "J'ai vu les photos que tu as prises.",
  "La robe qu'elle a mise hier lui va bien.",
  "Les pommes, il en a mangé trois.",
  "Elle a écrit une lettre à sa grand-mère.",
  "Les chansons qu'il a écrites sont connues.",
 ])
ph("adjective-adverb", "MTQ205", "adjectives used as adverbs and invariable locutions", [
  ("Ces billets coûtent chers.", "chers", "cher"),
  ("Elles parlent trop forts.", "forts", "fort"),
  ("Ils ont vu justes dès le début.", "justes", "juste"),
  ("Les fruits sont bons marchés au marché du samedi.", None, None),
  ("Ces tomates sentent bonnes.", "bonnes", "bon"),
  ("Elles travaillent durs toute la semaine.", "durs", "dur"),
  ("Ces montres haut de gammes se vendent bien.", "gammes", "gamme"),
  ("Les joueurs ont frappé forts dès la première minute.", "forts", "fort"),
 ], [
  "Ces billets coûtent cher.",
  "Elles parlent trop fort.",
  "Ces fleurs sentent bon.",
  "Ces chaussures bon marché ne durent pas.",
  "Ils travaillent dur pour réussir.",
  "Les places les plus chères sont au premier rang.",
  "Ce sont des voitures haut de gamme.",
  "Ces fromages sont forts en goût.",
 ])
ph("colour", "MTQ205", "colour nouns and compound colours", [
  ("Elle porte des chaussures marrons.", "marrons", "marron"),
  ("Il a acheté des rideaux oranges pour le salon.", "oranges", "orange"),
  ("Des robes bleues clair étaient en vitrine.", "bleues", "bleu"),
  ("Ses yeux verts foncés impressionnent tout le monde.", None, None),
  ("Les murs sont peints en gris, avec des portes crèmes.", "crèmes", "crème"),
  ("Elle a des chaussettes roses pâles.", "roses", "rose"),
  ("Les feuilles marrons tombent en automne.", "marrons", "marron"),
  ("Il collectionne les cravates bordeaux et les chemises kakis.", "kakis", "kaki"),
 ], [
  "Elle porte des chaussures marron.",
  "Il a acheté des rideaux orange.",
  "Des robes bleu clair étaient en vitrine.",
  "Elle a des chaussettes roses.",
  "Les pulls violets sont en solde.",
  "Il a des yeux vert foncé.",
  "Les marrons chauds sont vendus devant la gare.",
  "Elle a acheté des oranges au marché.",
 ])
ph("demi", "MTQ205", "demi and demie", [
  ("Le film dure deux heures et demi.", "demi", "demie"),
  ("Il a bu une demie-bouteille de vin.", "demie", "demi"),
  ("Rendez-vous à midi et demie devant la gare.", None, None),
  ("Il faut compter trois semaines et demi de travaux.", "demi", "demie"),
  ("Elle a mangé deux demies-baguettes.", "demies", "demi"),
  ("J'ai attendu une heure et demi sous la pluie.", "demi", "demie"),
  ("Une demie-heure suffit pour la cuisson.", "demie", "demi"),
  ("Le trajet prend quatre heures et demies.", "demies", "demie"),
 ], [
  "Le film dure deux heures et demie.",
  "Il a bu une demi-bouteille de vin.",
  "Rendez-vous à midi et demi devant la gare.",
  "Une demi-heure suffit pour la cuisson.",
  "Il a couru un semi-marathon et deux demi-fonds.",
  "La demie de neuf heures a sonné.",
  "Il a acheté deux kilos et demi de pommes.",
  "Les demi-finales auront lieu samedi.",
 ])
ph("euphonic-t", "MTQ206", "euphonic -t- in inversion", [
  ("A il déjà fini ses devoirs ?", None, None),
  ("Que pense-elle de cette proposition ?", "pense-elle", "pense-t-elle"),
  ("Va-il venir à la fête samedi ?", "Va-il", "Va-t-il"),
  ("Où habite-il maintenant ?", "habite-il", "habite-t-il"),
  ("Aime-elle le chocolat noir ?", "Aime-elle", "Aime-t-elle"),
  ("Y a-il encore du pain ?", "a-il", "a-t-il"),
  ("Comment s'appelle-il déjà ?", "appelle-il", "appelle-t-il"),
  ("Peut-être viendra-t-il demain, ou peut-être arrivera-il lundi.", "arrivera-il", "arrivera-t-il"),
 ], [
  "Que pense-t-elle de cette proposition ?",
  "Va-t-il venir à la fête samedi ?",
  "Y a-t-il encore du pain ?",
  "Vient-il avec nous ce soir ?",
  "Sont-elles déjà parties ?",
  "Prend-il le train de huit heures ?",
  "Comment s'appelle-t-il déjà ?",
  "Où sont-ils allés en vacances ?",
 ])
ph("subject-verb", "MTQ206", "subject and verb in number and person", [
  ("Les enfants joue dans le jardin.", "joue", "jouent"),
  ("Nous avons décidé qu'ils viendra demain.", "viendra", "viendront"),
  ("Tu sais très bien ce que je veux dire, mais tu fait semblant.", "fait", "fais"),
  ("Les prix de l'énergie augmente encore ce mois-ci.", "augmente", "augmentent"),
  ("Je vous remercie et je vous souhaites une bonne soirée.", "souhaites", "souhaite"),
  ("Les députés a adopté le texte en première lecture.", "a", "ont"),
  ("Elle et moi sommes d'accord, mais eux ne le sont pas, et vous le savez bien, vous qui connait le dossier.", "connait", "connaissez"),
  ("Mon frère et ma sœur habite à Nantes.", "habite", "habitent"),
 ], [
  "Les enfants jouent dans le jardin.",
  "La plupart des gens pensent le contraire.",
  "Que disent les experts à ce sujet ?",
  "C'est moi qui ai raison.",
  "Le peu de soutiens qu'il a reçus l'a déçu.",
  "Une foule de curieux attendait devant la mairie.",
  "Ni lui ni elle ne viendra.",
  "Tout le monde est venu à la fête.",
 ])
ph("number-words", "MTQ207", "mille, vingt, cent", [
  ("Le stade peut accueillir quarante milles spectateurs.", "milles", "mille"),
  ("Il a payé deux cent euros pour ce vélo.", "cent", "cents"),
  ("La ville compte quatre-vingt habitants de plus.", "quatre-vingt", "quatre-vingts"),
  ("Ce château date de l'an mil cinq cents.", None, None),
  ("Trois cents cinquante personnes ont manifesté.", "cents", "cent"),
  ("Le loyer est de huit cent euros par mois.", "cent", "cents"),
  ("Il a parcouru quatre-vingts-dix kilomètres.", "quatre-vingts-dix", "quatre-vingt-dix"),
  ("Deux milles personnes étaient présentes.", "milles", "mille"),
 ], [
  "Le stade peut accueillir quarante mille spectateurs.",
  "Il a payé deux cents euros pour ce vélo.",
  "La ville compte quatre-vingts habitants de plus.",
  "Trois cent cinquante personnes ont manifesté.",
  "Il a parcouru quatre-vingt-dix kilomètres.",
  "Il a couru un 10 000 mètres en trente minutes.",
  "Rendez-vous page deux cent.",
  "Le navire a parcouru des milles et des milles.",
 ])
ph("quel-quelque-meme", "MTQ208", "quel que, quelque and meme", [
  ("Quelque soient les difficultés, nous continuerons.", "Quelque", "Quelles que"),
  ("Il a invité quelque amis à dîner.", "quelque", "quelques"),
  ("Quel que soit sa décision, je la respecterai.", "Quel", "Quelle"),
  ("Ils ont réparé la voiture eux-même.", "eux-même", "eux-mêmes"),
  ("Les mêmes erreurs se répètent chaque année, et ce sont les même élèves qui les font.", "même", "mêmes"),
  ("Quelques soit le temps, on partira.", "Quelques", "Quel que"),
  ("Nous l'avons construit nous-même, moi et ma sœur.", None, None),
  ("Elles ont tout organisé elles-même.", "elles-même", "elles-mêmes"),
 ], [
  "Quelles que soient les difficultés, nous continuerons.",
  "Il a invité quelques amis à dîner.",
  "Quelle que soit sa décision, je la respecterai.",
  "Ils ont réparé la voiture eux-mêmes.",
  "Il y a quelque cinquante ans, le village était plus peuplé.",
  "Les enfants même ont compris.",
  "Quelque difficiles qu'ils soient, ces exercices sont utiles.",
  "Même les plus sceptiques ont applaudi.",
 ])
ph("tout", "MTQ208", "tout as determiner, pronoun and adverb", [
  ("Tout les jours, il promène son chien.", "Tout", "Tous"),
  ("Elle a mangé tout la tarte.", "tout", "toute"),
  ("Toute les places sont réservées.", "Toute", "Toutes"),
  ("Ils sont touts arrivés à l'heure.", "touts", "tous"),
  ("Tous la ville en parle.", "Tous", "Toute"),
  ("Elle était toute étonné de le voir.", None, None),
  ("Les filles sont tout contentes de partir.", None, None),
  ("Je les ai tous lues, toutes ces lettres, tout les soirs.", "tout", "tous"),
 ], [
  "Tous les jours, il promène son chien.",
  "Elle a mangé toute la tarte.",
  "Ils sont tous arrivés à l'heure.",
  "Elle est tout émue.",
  "Elles sont toutes contentes.",
  "Elle est toute petite.",
  "C'est tout ce que je sais.",
  "Tout le monde est d'accord.",
 ])
ph("elision", "MTQ210", "elision: si il, le avion, de un, que elle", [
  ("Si il pleut, on restera à la maison.", "Si il", "S'il"),
  ("Le avion a décollé avec du retard.", "Le avion", "L'avion"),
  ("Il dit que elle viendra demain.", "que elle", "qu'elle"),
  ("C'est une question de un ou deux jours.", "de un", "d'un"),
  ("Je ne ai pas le temps.", "ne ai", "n'ai"),
  ("Le match a eu lieu à le hippodrome de la ville.", "le hippodrome", "l'hippodrome"),
  ("La école est fermée pour les vacances.", "La école", "L'école"),
  ("Elle se est blessée au genou.", "se est", "s'est"),
 ], [
  "S'il pleut, on restera à la maison.",
  "Le hibou chante la nuit.",
  "Le héros du film est un pompier.",
  "Il joue au hockey le mardi.",
  "Si elle vient, préviens-moi.",
  "Prends-le avec toi.",
  "Le onze de départ est connu.",
  "Le yaourt est périmé.",
 ])
ph("missing-apostrophe", "MTQ602", "missing apostrophe", [
  ("Il ma dit qu il viendrait.", "qu il", "qu'il"),
  ("L avion a atterri à l heure.", "L avion", "L'avion"),
  ("Je n ai pas compris la question.", "n ai", "n'ai"),
  ("C est vraiment génial.", "C est", "C'est"),
  ("Elle s est trompée de route.", "s est", "s'est"),
  ("Il faut que j y aille.", "j y", "j'y"),
  ("Le prix d un billet a doublé.", "d un", "d'un"),
  ("On s en fiche complètement.", "s en", "s'en"),
 ], [
  "Il m'a dit qu'il viendrait.",
  "L'avion a atterri à l'heure.",
  "Il a pris la ligne L du tram.",
  "Sa note est passée de C à B.",
  "La ligne D du RER est en panne.",
  "Le modèle S est plus cher.",
  "Vitamine D et vitamine C sont essentielles.",
  "Il a eu un A en maths.",
 ])
ph("spaced-apostrophe", "MTQ601", "spaced apostrophe", [
  ("Il n ' a rien dit.", "n ' a", "n'a"),
  ("C ’ est la fin du match.", "C ’ est", "C’est"),
  ("La ville d ' origine de sa mère est Lille.", "d ' origine", "d'origine"),
  ("Il faut qu ’ on parte.", "qu ’ on", "qu’on"),
  ("L 'hôpital a été évacué.", "L 'hôpital", "L'hôpital"),
  ("Elle m' a appelé hier.", "m' a", "m'a"),
  ("Jusqu ' à quand ?", "Jusqu ' à", "Jusqu'à"),
  ("Le chef de l ’ État a parlé.", "l ’ État", "l’État"),
 ], [
  "Il n'a rien dit.",
  "C’est la fin du match.",
  "Elle a crié : 'Attends !'",
  "Le mot 'gratuit' attire toujours.",
  "Les années '80 reviennent à la mode.",
  "Il a dit ‘ok’ sans réfléchir.",
  "Rock 'n' roll !",
  "On l'appelle ' le Boss ' au bureau.",
 ])
for fname, (rule, phen, flags, passes) in S.items():
    cases = []
    k = 0
    for text, flag, sugg in flags:
        if flag is None:
            continue  # a sentence whose error could not be pinned to one span: left out
        k += 1
        assert flag in text, (text, flag)
        cases.append({"name": f"{phen}: flag {k}", "rule": rule, "phenomenon": phen, "text": text,
                      "flags": [flag], "suggestions": [sugg]})
    for j, text in enumerate(passes, 1):
        cases.append({"name": f"{phen}: pass {j}", "rule": rule, "phenomenon": phen, "text": text, "passes": True})
    (out / f"{fname}.yaml").write_text(HEAD + yaml.safe_dump(cases, allow_unicode=True, sort_keys=False), encoding="utf-8")
print(len(S), "files")
