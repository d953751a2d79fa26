# Writes bench/agreement_suite/blind-7/*.yaml from the lists below: python make_suite.py bench/agreement_suite/blind-7
import sys, yaml
from pathlib import Path
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
HEAD = ("# Blind suite 7: sentences written for mtqa before its rules or case files were read again; each\n"
        "# flag sentence holds one error ('flags', the span) and its correction ('suggestions', not scored).\n"
        "# Everyday, chat and news register. Scored by bench/agreement_eval.py --suite-dir\n"
        "# bench/agreement_suite/blind-7, never moved into tests/.\n")
S = {}
def ph(fname, rule, phen, flags, passes):
    S[fname] = (rule, phen, flags, passes)

ph("noun-phrase", "MTQ201", "determiner, adjective and noun in gender and number", [
  ("On a trouvé un vieille armoire au grenier.", "un", "une"),
  ("Il m'a raconté toute cette histoire devant le porte.", "le", "la"),
  ("Mes voisin sont partis en vacances hier.", "voisin", "voisins"),
  ("Elle a acheté ce robe pour le mariage de sa cousine.", "ce", "cette"),
  ("Le conseil municipal a voté une nouveau budget.", "une", "un"),
  ("Ces problème ne datent pas d'hier.", "problème", "problèmes"),
  ("Il faut changer la pneu avant de repartir.", "la", "le"),
  ("Nous avons visité plusieurs musée pendant le week-end.", "musée", "musées"),
 ], [
  "On a trouvé une vieille armoire au grenier.",
  "Cette année, le Tour de France partira de Lille.",
  "Un après-midi au musée, ça te dit ?",
  "La Seine a débordé après les orages de la semaine.",
  "Les gens du quartier se connaissent tous.",
  "Un grand merci à tous les bénévoles !",
  "Le Monde a publié une longue enquête sur le sujet.",
  "Elle porte toujours le même vieux pull gris.",
 ])
ph("coordinated-mixed", "MTQ202", "adjective after coordinated nouns of mixed gender", [
  ("Il a rapporté une chemise et un pantalon neuves.", "neuves", "neufs"),
  ("La mère et le fils sont très attachées à cette maison.", "attachées", "attachés"),
  ("Une pomme et un abricot bien mûres suffisent pour le dessert.", "mûres", "mûrs"),
  ("Elle admire la patience et le courage exceptionnelles de ces soignants.", "exceptionnelles", "exceptionnels"),
  ("Le directeur et sa secrétaire sont restées tard au bureau.", "restées", "restés"),
  ("Une table et un buffet anciennes ont été vendus aux enchères.", "anciennes", "anciens"),
  ("Sa sœur et son frère sont très grandes pour leur âge.", "grandes", "grands"),
  ("Un oncle et une tante très généreuses nous ont aidés.", "généreuses", "généreux"),
 ], [
  "Il a rapporté une chemise et un pantalon neufs.",
  "La mère et le fils sont très attachés à cette maison.",
  "Une table et un buffet anciens ont été vendus aux enchères.",
  "Elle a choisi une jupe et une veste noires.",
  "Le père et l'oncle, tous deux retraités, vivent à Nantes.",
  "La ministre et son conseiller sont arrivés ensemble.",
  "Il a mangé une pomme et un yaourt nature.",
  "Des hommes et des femmes courageux ont sauvé l'enfant.",
 ])
ph("object-attribute", "MTQ202", "attribute of the object", [
  ("Ces remarques, je les trouve injuste.", "injuste", "injustes"),
  ("On a toujours jugé cette décision précipité.", "précipité", "précipitée"),
  ("Sa réponse, je la trouve un peu sec.", "sec", "sèche"),
  ("Les enquêteurs ont déclaré la maison inhabitable et la route dangereux.", "dangereux", "dangereuse"),
  ("Le médecin a jugé ses blessures superficiel.", "superficiel", "superficielles"),
  ("Je trouve ces chaussures vraiment confortable.", "confortable", "confortables"),
  ("Tout le monde croyait la sortie du film annulé.", "annulé", "annulée"),
  ("Les élèves trouvent cette règle absurdes.", "absurdes", "absurde"),
 ], [
  "Ces remarques, je les trouve injustes.",
  "Le jury a jugé sa copie excellente.",
  "On la disait malade depuis des semaines.",
  "Je trouve ça génial, franchement.",
  "Il a rendu la pièce plus lumineuse.",
  "Les experts estiment ce risque faible.",
  "Elle trouve ses collègues sympas.",
  "On a laissé la porte ouverte toute la nuit.",
 ])
ph("avoir-l-air", "MTQ202", "avoir l'air", [
  ("Ta sœur a l'air fatigués ce matin.", "fatigués", "fatiguée"),
  ("Les enfants avaient l'air contente de partir.", "contente", "contents"),
  ("Ces deux-là ont l'air sérieuse.", "sérieuse", "sérieux"),
  ("Mon grand-père avait l'air heureuse sur la photo.", "heureuse", "heureux"),
  ("Vos amies ont l'air inquiets.", "inquiets", "inquiètes"),
  ("Le maire avait l'air perdue pendant le débat.", "perdue", "perdu"),
  ("Elles ont l'air déçue par le résultat.", "déçue", "déçues"),
  ("Ma voisine a l'air gentils.", "gentils", "gentille"),
 ], [
  "Ta sœur a l'air fatiguée ce matin.",
  "Ta sœur a l'air fatigué ce matin.",
  "Les enfants avaient l'air contents de partir.",
  "Ce gâteau a l'air délicieux.",
  "Elle avait l'air d'une reine.",
  "Ils n'ont pas l'air très convaincus.",
  "Elle a l'air sérieux des gens qui savent.",
  "La soupe a l'air bonne.",
 ])
ph("pp-pronominal", "MTQ203", "participle of a pronominal verb", [
  ("Elles se sont rencontré à la fac.", "rencontré", "rencontrées"),
  ("Ma fille s'est réveillé très tôt.", "réveillé", "réveillée"),
  ("Nous nous sommes promené au bord du lac, ma femme et moi.", "promené", "promenés"),
  ("Les deux équipes se sont affronté dimanche.", "affronté", "affrontées"),
  ("Elle s'est coupée le doigt en cuisinant.", "coupée", "coupé"),
  ("Les ministres se sont parlés au téléphone.", "parlés", "parlé"),
  ("La porte s'est refermé toute seule.", "refermé", "refermée"),
  ("Ils se sont lavés les mains avant de manger.", "lavés", "lavé"),
 ], [
  "Elles se sont rencontrées à la fac.",
  "Elle s'est coupé le doigt en cuisinant.",
  "Les ministres se sont parlé au téléphone.",
  "Ils se sont succédé au pouvoir.",
  "Elle s'est permis une remarque.",
  "Les deux sœurs se sont souri.",
  "Elle s'est rendu compte de son erreur.",
  "Nous nous sommes lavé les cheveux.",
 ])
ph("pp-etre", "MTQ203", "participle with etre, on and polite vous", [
  ("Ma mère est né à Lyon.", "né", "née"),
  ("Les résultats seront publié demain matin.", "publié", "publiés"),
  ("La réunion a été reporté à lundi.", "reporté", "reportée"),
  ("Les filles étaient déjà parti quand je suis arrivé.", "parti", "parties"),
  ("Cette maison fut construit en 1850.", "construit", "construite"),
  ("Les deux suspects ont été arrêté samedi soir.", "arrêté", "arrêtés"),
  ("Si elles étaient venu, on aurait fait la fête.", "venu", "venues"),
  ("La loi sera voté avant l'été.", "voté", "votée"),
 ], [
  "Ma mère est née à Lyon.",
  "On est partis tôt ce matin, les copains et moi.",
  "On est parti tôt ce matin.",
  "Madame, vous êtes invitée à la cérémonie.",
  "Vous êtes prié de fermer la porte.",
  "La réunion a été reportée à lundi.",
  "Les élèves sont allés au musée.",
  "Elle est restée chez elle toute la journée.",
 ])
ph("pp-invariable", "MTQ204", "participle that stays invariable", [
  ("Les efforts qu'il a fallus ont épuisé l'équipe.", "fallus", "fallu"),
  ("La chaleur qu'il a faite cet été a battu des records.", "faite", "fait"),
  ("Les deux heures qu'a durées le film m'ont paru longues.", "durées", "duré"),
  ("Elle s'est faite opérer du genou.", "faite", "fait"),
  ("Les trente kilos qu'il a pesés autrefois sont loin.", None, None),
  ("Les mesures qu'il a fallues n'ont pas suffi.", "fallues", "fallu"),
  ("Les tempêtes qu'il y a eues cet hiver ont abîmé le toit.", "eues", "eu"),
  ("Ils se sont faits avoir par un faux vendeur.", "faits", "fait"),
 ], [
  "Les efforts qu'il a fallu ont épuisé l'équipe.",
  "Elle s'est fait opérer du genou.",
  "Les deux heures qu'a duré le film m'ont paru longues.",
  "Les tempêtes qu'il y a eu cet hiver ont abîmé le toit.",
  "Les vingt euros que ce livre m'a coûté ne sont pas perdus.",
  "Elle les a laissé partir sans rien dire.",
  "Ils se sont fait avoir par un faux vendeur.",
  "La chaleur qu'il a fait cet été a battu des records.",
 ])
ph("pp-avoir", "MTQ204", "participle with avoir after its direct object", [
  ("La voiture qu'il a acheté est déjà en panne.", "acheté", "achetée"),
  ("Tes clés, je les ai trouvé sous le canapé.", "trouvé", "trouvées"),
  ("Les lettres qu'elle m'a écrit sont dans ce tiroir.", "écrit", "écrites"),
  ("Combien de pages as-tu lu ce soir ?", "lu", "lues"),
  ("Cette photo, je l'ai pris à Rome.", "pris", "prise"),
  ("Les promesses que le candidat a fait n'engagent que lui.", "fait", "faites"),
  ("Quelle robe as-tu choisi pour samedi ?", "choisi", "choisie"),
  ("Les joueurs que l'entraîneur a sélectionné partent demain.", "sélectionné", "sélectionnés"),
 ], [
  "La voiture qu'il a achetée est déjà en panne.",
  "Il a acheté une voiture la semaine dernière.",
  "Tes clés, je les ai trouvées sous le canapé.",
  "Elle a écrit des lettres à tous ses amis.",
  "Ces chansons, je les ai entendu chanter par ma grand-mère.",
  "Des erreurs, il en a fait beaucoup.",
  "La réponse que tu m'as donnée me suffit.",
  "Ils ont vu la mer pour la première fois.",
 ])
ph("adjective-adverb", "MTQ205", "adjectives used as adverbs and invariable locutions", [
  ("Ces billets d'avion coûtent chers en août.", "chers", "cher"),
  ("Elles parlent toujours trop forts au téléphone.", "forts", "fort"),
  ("Ces montres bons marchés ne durent pas.", "bons marchés", "bon marché"),
  ("Les fleurs sentent bonnes dans le jardin.", "bonnes", "bon"),
  ("Ils ont vendu des téléphones hauts de gamme.", "hauts de gamme", "haut de gamme"),
  ("Mes lunettes neuves me permettent de voir clairs.", "clairs", "clair"),
  ("Ces cerises coûtent très chères cette année.", "chères", "cher"),
  ("Les coureurs ont tenu bons jusqu'à l'arrivée.", "bons", "bon"),
 ], [
  "Ces billets d'avion coûtent cher en août.",
  "Elles parlent toujours trop fort au téléphone.",
  "Ces vacances nous ont coûté cher.",
  "Il a acheté des chaussures bon marché.",
  "Ce sont des voitures haut de gamme.",
  "Les roses sentent bon.",
  "Ces chères études ont ruiné ses parents.",
  "Les prix restent chers malgré la baisse.",
 ])
ph("colour", "MTQ205", "colour nouns and compound colours", [
  ("Elle porte des bottes marrons.", "marrons", "marron"),
  ("Il a les yeux bleus clairs.", "bleus clairs", "bleu clair"),
  ("J'ai vu des rideaux oranges dans la vitrine.", "oranges", "orange"),
  ("Des chemises vertes foncées sont en solde.", "vertes foncées", "vert foncé"),
  ("Il a acheté deux pulls crèmes.", "crèmes", "crème"),
  ("Des tuiles rouges brique couvrent le toit.", "rouges", "rouge"),
  ("Ils ont repeint les volets en bleus marine.", None, None),
  ("Elle collectionne les sacs kakis.", "kakis", "kaki"),
 ], [
  "Elle porte des bottes marron.",
  "Il a les yeux bleu clair.",
  "Les roses sont rouges cette année.",
  "Elle porte des chaussettes roses.",
  "Des voitures grises encombrent la rue.",
  "Les oranges sont chères au marché.",
  "Les marrons chauds se vendent en hiver.",
  "Des robes vert pomme étaient exposées.",
 ])
ph("demi", "MTQ205", "demi and demie", [
  ("Le train part à sept heures et demi.", "demi", "demie"),
  ("Attends-moi une demie-heure.", "demie-heure", "demi-heure"),
  ("Il a bu deux bouteilles et demies.", "demies", "demie"),
  ("Il a couru un kilomètre et demie.", "demie", "demi"),
  ("Il y avait des demis-portions partout.", "demis-portions", "demi-portions"),
  ("Elle revient dans trois semaines et demi.", "demi", "demie"),
  ("Deux demies-finales auront lieu jeudi.", "demies-finales", "demi-finales"),
  ("J'ai attendu une heure et demi devant la mairie.", "demi", "demie"),
 ], [
  "Le train part à sept heures et demie.",
  "Attends-moi une demi-heure.",
  "Il a couru un kilomètre et demi.",
  "Il est midi et demi.",
  "Il est minuit et demi.",
  "Deux demi-finales auront lieu jeudi.",
  "La demie de huit heures a sonné.",
  "Il a pris un demi au comptoir.",
 ])
ph("euphonic-t", "MTQ206", "euphonic -t- in inversion", [
  ("Pourquoi a-il refusé ?", "a-il", "a-t-il"),
  ("Viendra-elle ce soir ?", "Viendra-elle", "Viendra-t-elle"),
  ("Y a il encore du pain ?", "a il", "a-t-il"),
  ("Où va-on manger ?", "va-on", "va-t-on"),
  ("Que pense-il de tout ça ?", "pense-il", "pense-t-il"),
  ("Aime-elle le chocolat ?", "Aime-elle", "Aime-t-elle"),
  ("Comment s'appelle-il ?", "appelle-il", "appelle-t-il"),
  ("Parle-on encore de cette affaire ?", "Parle-on", "Parle-t-on"),
 ], [
  "Pourquoi a-t-il refusé ?",
  "Viendra-t-elle ce soir ?",
  "Y a-t-il encore du pain ?",
  "Vient-il avec nous ?",
  "Prend-elle le train ?",
  "Que fait-on maintenant ?",
  "Peut-être qu'il viendra.",
  "Aime-t-elle le chocolat ?",
 ])
ph("subject-verb", "MTQ206", "subject and verb in number and person", [
  ("Les enfants joue dans la cour.", "joue", "jouent"),
  ("Nous avons décidé que tu viendrait avec nous.", "viendrait", "viendrais"),
  ("Mes parents arrive demain soir.", "arrive", "arrivent"),
  ("C'est moi qui a payé le repas.", "a", "ai"),
  ("Les prix de l'essence augmente encore.", "augmente", "augmentent"),
  ("Tu sais bien que je t'aimes.", "aimes", "aime"),
  ("Que disent le ministre à ce sujet ?", "disent", "dit"),
  ("Vous pouvait venir quand vous voulez.", "pouvait", "pouvez"),
 ], [
  "Les enfants jouent dans la cour.",
  "C'est moi qui ai payé le repas.",
  "La plupart des élèves ont réussi l'examen.",
  "Que disent les experts ?",
  "Une foule de curieux s'est rassemblée devant la mairie.",
  "Ni lui ni elle ne viendront.",
  "Le chat et le chien dorment ensemble.",
  "C'est toi qui décides.",
 ])
ph("number-words", "MTQ207", "mille, vingt, cent", [
  ("Le billet coûte deux milles euros.", "milles", "mille"),
  ("Il y avait quatre cent personnes dans la salle.", "cent", "cents"),
  ("La ville compte quatre-vingt habitants de plus.", "quatre-vingt", "quatre-vingts"),
  ("Il a roulé trois cents dix kilomètres.", "cents", "cent"),
  ("Ils ont vendu deux cent exemplaires.", "cent", "cents"),
  ("Cela fait quatre-vingts-dix euros.", "quatre-vingts-dix", "quatre-vingt-dix"),
  ("Le stade accueille trente milles spectateurs.", "milles", "mille"),
  ("On a compté six cent manifestants.", "cent", "cents"),
 ], [
  "Le billet coûte deux mille euros.",
  "Il y avait quatre cents personnes dans la salle.",
  "Il a roulé trois cent dix kilomètres.",
  "Elle a quatre-vingt-deux ans.",
  "Ils sont quatre-vingts.",
  "La page deux cent du livre est déchirée.",
  "Il a couru plusieurs milles marins.",
  "Deux cent mille euros ont été volés.",
 ])
ph("quel-quelque-meme", "MTQ208", "quel que, quelque and meme", [
  ("Quelque soit le temps, on sortira.", "Quelque", "Quel que"),
  ("Quelles que soit tes raisons, tu dois t'excuser.", "Quelles que soit", "Quelles que soient"),
  ("Il a quelque amis à Paris.", "quelque", "quelques"),
  ("Ils sont venus eux même.", "même", "mêmes"),
  ("Quel que soient les risques, il ira.", "Quel que", "Quels que"),
  ("Elles l'ont fait elles-même.", "elles-même", "elles-mêmes"),
  ("Quelque soient les résultats, on continue.", "Quelque", "Quels que"),
  ("Nous l'avons réparé nous-même.", "nous-même", "nous-mêmes"),
 ], [
  "Quel que soit le temps, on sortira.",
  "Il a quelques amis à Paris.",
  "Ils sont venus eux-mêmes.",
  "Il y a quelque cinquante ans, la ville était un village.",
  "Même les enfants ont compris.",
  "Quelles que soient tes raisons, tu dois t'excuser.",
  "Ce sont les mêmes chaussures qu'hier.",
  "Quelque temps après, il est revenu.",
 ])
ph("tout", "MTQ208", "tout as determiner, pronoun and adverb", [
  ("Tout les élèves sont invités.", "Tout", "Tous"),
  ("Elle est restée tout la journée au lit.", "tout", "toute"),
  ("Ils ont tout perdus au jeu.", None, None),
  ("Ces fleurs sont toutes fraîches cueillies.", None, None),
  ("Tous la famille était réunie.", "Tous", "Toute"),
  ("Elle était toute étonné.", None, None),
  ("J'ai lu tout ces livres.", "tout", "tous"),
  ("Toutes les monde est là ?", "Toutes", "Tout"),
 ], [
  "Tous les élèves sont invités.",
  "Ils sont tous venus.",
  "Elle est tout émue.",
  "Elle est toute petite.",
  "Elles sont toutes contentes.",
  "Tout le monde est là ?",
  "C'est tout ce qu'il me reste.",
  "Il a tout compris.",
 ])
ph("elision", "MTQ210", "elision: si il, le avion, de un, que elle", [
  ("Si il pleut, on restera à la maison.", "Si il", "S'il"),
  ("Je crois que elle a raison.", "que elle", "qu'elle"),
  ("Le avion a atterri avec du retard.", "Le avion", "L'avion"),
  ("Il parle de un ami d'enfance.", "de un", "d'un"),
  ("Je ne ai rien vu.", "ne ai", "n'ai"),
  ("La histoire se termine bien.", "La histoire", "L'histoire"),
  ("Il se est endormi devant la télé.", "se est", "s'est"),
  ("Ce est pas grave.", "Ce est", "C'est"),
 ], [
  "S'il pleut, on restera à la maison.",
  "Le héros meurt à la fin.",
  "La hausse des prix inquiète.",
  "Si on partait demain ?",
  "Le onze de départ est connu.",
  "Le hibou dort le jour.",
  "Le yaourt est périmé.",
  "Il parle de Yannick.",
 ])
ph("missing-apostrophe", "MTQ602", "missing apostrophe", [
  ("Il a dit qu il viendrait demain.", "qu il", "qu'il"),
  ("L avion a décollé à midi.", "L avion", "L'avion"),
  ("Je n ai pas le temps.", "n ai", "n'ai"),
  ("C est une bonne idée.", "C est", "C'est"),
  ("Elle s est trompée de route.", "s est", "s'est"),
  ("Il parle d une voix douce.", "d une", "d'une"),
  ("Lorsqu il est arrivé, tout le monde dormait.", "Lorsqu il", "Lorsqu'il"),
  ("J habite à Lille depuis dix ans.", "J habite", "J'habite"),
 ], [
  "Il a dit qu'il viendrait demain.",
  "L'avion a décollé à midi.",
  "Le prix de la vitamine D a doublé.",
  "Il a eu un A en maths.",
  "La lettre L est tombée de l'enseigne.",
  "Le groupe C joue ce soir.",
  "J'ai vu le film en VO.",
  "Le vol AF 123 est annulé.",
 ])
ph("spaced-apostrophe", "MTQ601", "spaced apostrophe", [
  ("Il n ’ a rien dit de la soirée.", "n ’ a", "n’a"),
  ("C ' est la fin de la saison.", "C ' est", "C'est"),
  ("Elle vient d ’ arriver à la gare.", "d ’ arriver", "d’arriver"),
  ("L' équipe a gagné hier soir.", "L' équipe", "L'équipe"),
  ("Je pense qu ' il a tort.", "qu ' il", "qu'il"),
  ("Le prix de l ’ essence a baissé.", "l ’ essence", "l’essence"),
  ("Aujourd ' hui, il fait beau.", "Aujourd ' hui", "Aujourd'hui"),
  ("Il s ’ est excusé auprès de tous.", "s ’ est", "s’est"),
 ], [
  "Il n’a rien dit de la soirée.",
  "C'est la fin de la saison.",
  "Il a crié « Allez ! » depuis la tribune.",
  "Elle a dit : « J'arrive. »",
  "Le mot 'week-end' est entré dans l'usage.",
  "Il appelle son chien 'Rex'.",
  "Aujourd'hui, il fait beau.",
  "Rock 'n' roll, disait-il.",
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
