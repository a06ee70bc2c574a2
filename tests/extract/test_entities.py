"""People, roles, organisations and policies: text in, records out."""

from __future__ import annotations

import pytest


def people(report):
    return {p["name"]: sorted(r["title"] for r in p["roles"]) for p in report["people"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le ministre de l'Économie Bruno Lemaître a présenté le budget.",
            {"Bruno Lemaître": ["ministre de l'Économie"]},
        ),
        ("Paul Martin, maire de Lyon, a inauguré l'école.", {"Paul Martin": ["maire de Lyon"]}),
        # a time after the title is no complement of it
        (
            "Paul Martin a été élu maire vendredi soir par le conseil municipal.",
            {"Paul Martin": ["maire"]},
        ),
        (
            "Julie Ferrand (LFI), députée de Seine-Saint-Denis, a voté contre.",
            {"Julie Ferrand": ["députée de Seine-Saint-Denis"]},
        ),
        (
            "Hervé Quéméner (ancien président de l'université) a présidé le jury.",
            {"Hervé Quéméner": ["ancien président de l'université"]},
        ),
        (
            "Claire Roux, vice-présidente en charge de l'économie, a signé.",
            {"Claire Roux": ["vice-présidente en charge de l'économie"]},
        ),
        (
            "Paul Martin, maire de Lyon et président de la métropole, a signé.",
            {"Paul Martin": ["maire de Lyon", "président de la métropole"]},
        ),
        (
            "Paul Martin, également maire de Tournus, a salué le projet.",
            {"Paul Martin": ["maire de Tournus"]},
        ),
        # Breton names with the c'h digraph, after a particle or not (typographic apostrophe)
        (
            "Le maire, Yann-Erwan Le Floc’h, a défendu le budget. Maëlle Guivarc’h, "
            "adjointe aux finances, répond.",
            {"Yann-Erwan Le Floc’h": ["maire"], "Maëlle Guivarc’h": ["adjointe aux finances"]},
        ),
        # in a list, each title goes to the name before it
        (
            "Étaient présents Paul Martin, maire de Thionville, Samia Benali, députée de la "
            "Moselle.",
            {"Paul Martin": ["maire de Thionville"], "Samia Benali": ["députée de la Moselle"]},
        ),
        # a verb is not a title
        ("Claire Roux juge l'endettement excessif.", {"Claire Roux": []}),
        # what reportage says people are, in apposition without a determiner
        (
            "Sur la plage, Théo, 24 ans, moniteur de surf, a grandi ici.",
            {"Théo": ["moniteur de surf"]},
        ),
        (
            "Nathalie Gavard, 54 ans, régleuse depuis trente ans, essuie ses mains.",
            {"Nathalie Gavard": ["régleuse"]},  # the gold's title: "depuis" says how long
        ),
        (
            "Aurélie Castan, 38 ans, mère de deux élèves et présidente de l'association des "
            "parents, a installé son matelas.",
            {"Aurélie Castan": ["mère de deux élèves", "présidente de l'association des parents"]},
        ),
        (
            "Karine Vabre, 45 ans, opératrice au contrôle qualité, est venue avec sa fille.",
            {"Karine Vabre": ["opératrice au contrôle qualité"]},
        ),
        (
            "La députée (LFI) de Seine-Saint-Denis Nadia Belkir a voté contre.",
            {"Nadia Belkir": ["députée de Seine-Saint-Denis"]},
        ),
        # an occupation with one form for both genders does not make a man a woman
        (
            "Hugo Lemaire, 31 ans, plaquiste, est poursuivi. Il a reconnu les faits.",
            {"Hugo Lemaire": ["plaquiste"]},
        ),
        (
            "Rachid Benkhelifa, 45 ans, maçon, a branché un groupe électrogène.",
            {"Rachid Benkhelifa": ["maçon"]},
        ),
        # … but not a day, a gesture or a birthplace
        ("Paul Marin, lundi, a signé le contrat.", {"Paul Marin": []}),
        ("Louise Roche, originaire de Léhon, a signé.", {"Louise Roche": []}),
        # an adjective is not a title, and a feminine title is not a man's
        (
            "Dans un message lu en assemblée générale lundi par la déléguée CFDT, Olivier Marnaz "
            "remercie les salariés.",
            {"Olivier Marnaz": []},
        ),
        # an office one is elected or appointed to, also when a bracket or a misread
        # adverbial leaves the verb without its subject; "élu" is how, not what
        (
            "Paul Roux a été élu président de la communauté de communes.",
            {"Paul Roux": ["président de la communauté de communes"]},
        ),
        (
            "Paul Roux, élu président de la communauté de communes, a remercié ses colistiers.",
            {"Paul Roux": ["président de la communauté de communes"]},
        ),
        (
            "Il était 22 h 47 quand le dernier bureau a rendu ses résultats. Avec 50,9 % des "
            "suffrages, Éric Saurel (divers gauche) devient maire de Montclaret, mettant fin à "
            "dix-huit ans de gestion de la droite.",
            {"Éric Saurel": ["maire de Montclaret"]},
        ),
        # team-sport positions title players
        (
            "L'ouvreur Théo Marty a passé la pénalité de la gagne.",
            {"Théo Marty": ["ouvreur"]},
        ),
        # a title whose organisation's name runs on past the title, then "depuis …" (what
        # brackets add is no part of a title)
        (
            "Présidente de la chambre de commerce et d'industrie (CCI) Bocage-Ouest depuis "
            "janvier, Anne-Sophie Le Bihan, 47 ans, dirige une entreprise de transport.",
            {
                "Anne-Sophie Le Bihan": [
                    "Présidente de la chambre de commerce et d'industrie Bocage-Ouest"
                ]
            },
        ),
        # "l'a élu maire": the one named just before is elected
        (
            "Jean-Claude Roux, ancien maire, avait démissionné. La liste de Frédéric Bastide l'a "
            "emporté dimanche.\n\nSamedi, le conseil municipal l'a élu maire.",
            {
                "Jean-Claude Roux": ["ancien maire"],
                "Frédéric Bastide": ["maire"],
            },
        ),
        # a title that is the object of a gerund before a name is someone else's
        (
            "La directrice de l'hôpital, Hélène Pradal, a reçu la ministre. En raccompagnant la "
            "ministre à sa voiture, Hélène Pradal restait prudente.",
            {"Hélène Pradal": ["directrice de l'hôpital"]},
        ),
        # a hyphenated title the tokenizer cuts at the hyphen introduces a first name; "depuis"
        # says how long, not what
        (
            "Sabrina, aide-soignante de nuit depuis quinze ans, enchaîne sa troisième garde.",
            {"Sabrina": ["aide-soignante de nuit"]},
        ),
        (
            "Jean-Claude Ferrié, maire depuis 2008, a inauguré l'école.",
            {"Jean-Claude Ferrié": ["maire"]},
        ),
    ],
    ids=lambda v: v[:40] if isinstance(v, str) else "",
)
def test_roles(extract_text, text, expected):
    assert people(extract_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hugo Lemaire, 31 ans, plaquiste, est poursuivi pour blessures.",
        "Rachid Benkhelifa, 45 ans, maçon, a branché un groupe électrogène.",
    ],
)
def test_an_occupation_without_a_feminine_form_gives_no_gender(extract_text, text):
    report = extract_text(text)
    assert report["people"][0]["gender"] == "m"  # from the first name, not the tagger


def test_an_occupation_in_a_feminine_form_gives_the_gender(extract_text):
    report = extract_text("À 29 ans, Camille Vergnes, fromagère à La Bastide, a repris la ferme.")
    assert report["people"][0]["gender"] == "f"  # "Camille" is given to both; the tagger says m


@pytest.mark.parametrize("honorific", ["Pre", "Dre"])
def test_feminine_academic_honorifics_give_the_gender(extract_text, honorific):
    report = extract_text(f"Cheffe de service, la {honorific} Minh-Thu Tran a porté le projet.")
    assert [(p["name"], p["gender"]) for p in report["people"]] == [("Minh-Thu Tran", "f")]


def test_one_person_whatever_the_form(extract_text):
    text = (
        "Anne-Sophie de La Tour, directrice du musée, a ouvert l'exposition. "
        "Mme de La Tour a remercié les prêteurs. De La Tour est arrivée en 2019."
    )
    report = extract_text(text)
    assert [p["name"] for p in report["people"]] == ["Anne-Sophie de La Tour"]
    assert report["people"][0]["gender"] == "f"


def test_a_surname_after_an_elided_particle_is_one_person_whatever_the_form(extract_text):
    text = (
        "Face à la tension du marché, la préfète de la Haute-Savoie, Florence d'Aubigny-Merle, a "
        "présenté un plan.\n\nMme d'Aubigny-Merle entend faire appliquer la loi SRU.\n\n« La "
        "loi est la même pour tous », a souligné Florence d'Aubigny-Merle."
    )
    report = extract_text(text)
    assert [p["name"] for p in report["people"]] == ["Florence d'Aubigny-Merle"]
    assert report["people"][0]["roles"][0]["title"] == "préfète de la Haute-Savoie"


@pytest.mark.parametrize(
    "text",
    [
        "Les élèves du lycée Jean-Zay manifestent.",
        "Elle vit avec la maladie de Parkinson depuis six ans.",
        "Le cortège est parti de la rue Victor-Hugo.",
        "L'État paiera au titre du fonds de prévention des risques, le « fonds Barnier ».",
    ],
)
def test_a_name_given_to_a_place_or_a_disease_is_no_person(extract_text, text):
    assert extract_text(text)["people"] == []


@pytest.mark.parametrize(
    ("text", "speakers", "organisations"),
    [
        # a nickname in quote marks: « Monsieur Dépannage » is no one
        (
            "Serge Lafforgue tient la quincaillerie de Caussade. Tout le monde l'appelle "
            "« Monsieur Dépannage ». « Je n'ai eu aucune offre », regrette le sexagénaire.",
            ["Serge Lafforgue"],
            [],
        ),
        # "Sud" taken for a place and "Santé Sociaux" for a person: one union
        (
            "Un constat que nuance Farid Haddouche, secrétaire départemental de Sud Santé "
            "Sociaux. « Les soignants sont épuisés », dénonce Farid Haddouche.",
            ["Farid Haddouche"],
            ["Sud Santé Sociaux"],
        ),
    ],
    ids=["nickname", "union-branch"],
)
def test_a_name_that_is_no_person_leaves_one_person(extract_text, text, speakers, organisations):
    report = extract_text(text)
    assert [p["name"] for p in report["people"]] == speakers[:1]
    assert [q["speaker"] for q in report["quotes"]] == speakers
    assert [o["name"] for o in report["organisations"]] == organisations


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "C'est Josaia Naivalu, l'ailier arrivé des Fidji, qui a relancé les siens.",
            "Josaia Naivalu",
        ),
        ("Au micro, Tevita Fifita, le pilier, savoure la victoire.", "Tevita Fifita"),
        # a capitalised particle after another one is the surname, not a link
        ("Le président, Goulven Le Du, céréalier à Janville, a signé.", "Goulven Le Du"),
        ("Marie Le Du a signé. Mme Le Du est partie.", "Marie Le Du"),
    ],
)
def test_a_surname_the_model_leaves_out_stays_in_the_name(extract_text, text, name):
    assert [p["name"] for p in extract_text(text)["people"]] == [name]


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "René Muller y est entré en 1991. Son fils Loïc, 27 ans, y est cariste.",
            ["Loïc Muller", "René Muller"],
        ),
        (
            "Marcel et Odile Bruckert, 84 et 81 ans, habitent Hirsingue.",
            ["Marcel Bruckert", "Odile Bruckert"],
        ),
        (
            "Sur le banc, Yannick et Anne-Gaëlle Riou se tiennent la main.",
            ["Anne-Gaëlle Riou", "Yannick Riou"],
        ),
        # a name in apposition after a title, whatever its first name
        (
            "Le président du club, Jakez Le Floc'h, a accompagné la famille.",
            ["Jakez Le Floc'h"],
        ),
        (
            "La directrice de l'usine, Bleuenn Tanvez, a parlé aux salariés.",
            ["Bleuenn Tanvez"],
        ),
        # a spouse may keep her own name: no surname is lent
        ("Paul Ferrand est venu avec sa femme Julie, 40 ans.", ["Julie", "Paul Ferrand"]),
    ],
)
def test_first_names_in_a_family_or_after_a_title(extract_text, text, names):
    assert sorted(p["name"] for p in extract_text(text)["people"]) == names


def test_a_word_opening_a_phrase_is_no_person(extract_text):
    report = extract_text(
        "Faute de médecins, la maternité fermera. Chloé Martin, sage-femme, le regrette."
    )
    assert [p["name"] for p in report["people"]] == ["Chloé Martin"]


def test_a_lone_word_the_text_puts_after_a_preposition_is_no_person(extract_text, dev_text):
    """The AFP dispatch of batch n, whose no-space guillemets lead the model to tag towns and
    firms as people: the mayor "de Loudrac" keeps his title, and the firm speaks."""
    text = dev_text("n10-")
    report = extract_text(text)
    found = people(report)
    assert "Loudrac" not in found and "Sodiver" not in found
    assert found["Alain Bouchereau"] == ["maire de Loudrac"]
    assert found["Rui Carvalho Mendes"] == ["directeur général de Sodiver"]


def test_a_name_taken_for_a_firm_but_given_a_title_is_a_person(extract_text, dev_text):
    """In the transport release of batch o the model tags this name as an organisation."""
    report = extract_text(dev_text("o04-"))
    assert "Radia Haddouche-Brunet" in people(report)
    assert "Radia Haddouche-Brunet" not in [o["name"] for o in report["organisations"]]


def test_a_participle_opening_a_sentence_is_no_person(extract_text, dev_text):
    """In this school report the model tags "Sollicitée," as a person's name."""
    text = dev_text("n06-")
    names = {p["name"] for p in extract_text(text)["people"]}
    assert "Sollicitée" not in names and "Marie-Pierre Vasseur" in names


def test_two_people_sharing_a_surname_stay_two(extract_text):
    report = extract_text(
        "Marc Dupont et Laurent Dupont ont signé. M. Dupont a ensuite pris la parole."
    )
    assert sorted(p["name"] for p in report["people"]) == ["Laurent Dupont", "Marc Dupont"]


def test_a_school_named_after_someone_is_no_person(extract_text):
    report = extract_text(
        "La cantine de l’école publique Jules-Verne augmente ses tarifs. Marie-Claude, 68 ans, "
        "s'en inquiète."
    )
    assert [p["name"] for p in report["people"]] == ["Marie-Claude"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # an age written in words introduces a first name as well as one in figures
        ("Marcelle, quatre-vingt-seize ans, ne se plaint pas.", ["Marcelle"]),
        # a first name opening a sentence, an apposition between commas, a verb, and the same
        # name again: a person; once only, it may be a place ("Florence, en pleine canicule, …")
        (
            "Enzo, en première année de CAP, travaille chez un boulanger. « Enzo a le geste »,"
            " dit son patron.",
            ["Enzo"],
        ),
        ("Florence, en pleine canicule, suffoque sous 41 degrés.", []),
        # … but years in a trade are no age, and the place before them no person
        ("Un ripeur du secteur de Fives, vingt-deux ans de métier, résume la colère.", []),
        ("Un ripeur du secteur de Fives, 22 ans de métier, résume la colère.", []),
    ],
    ids=lambda v: v[:40] if isinstance(v, str) else "",
)
def test_a_first_name_and_an_age(extract_text, text, names):
    assert [p["name"] for p in extract_text(text)["people"]] == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname alone after the full name is the person, but not in a firm's name
        (
            "Jean-Michel Oyharçabal, gérant de l'entreprise Charpentes Oyharçabal, comparaissait. "
            "Thierry Castaing, l'entraîneur, n'a pas cherché d'excuses.\n\nCastaing, sous "
            "contrat jusqu'en 2027, veut poursuivre. Oyharçabal a reconnu des erreurs.",
            {"Jean-Michel Oyharçabal": 1, "Thierry Castaing": 2},
        ),
        # a first name alone is the one person of that first name ("Hélène sert"); "Pierre et
        # Josiane Vidal" is another Pierre, and a name glued to another by a hyphen a street's
        (
            "Hélène Castanier-Roudil dirige le Mas de l'Aiguière. Son voisin, Pierre Mialhe, "
            "l'aide aux vendanges.\n\nHélène sert le vin. Pierre et Josiane Vidal tiennent la "
            "coopérative. La rue Hélène-Boucher est fermée.",
            {"Hélène Castanier-Roudil": 2, "Pierre Mialhe": 1, "Josiane Vidal": 1},
        ),
        # … before a comma too
        (
            "Hélène Castanier-Roudil dirige le Mas de l'Aiguière.\n\nPour Hélène, le domaine "
            "est un choix.",
            {"Hélène Castanier-Roudil": 2},
        ),
        # … but not when two people share it
        (
            "Hélène Castanier-Roudil dirige le Mas. Sa voisine, Hélène Vidal, l'aide.\n\n"
            "Hélène sert le vin.",
            {"Hélène Castanier-Roudil": 1, "Hélène Vidal": 1},
        ),
    ],
    ids=lambda v: v[:40] if isinstance(v, str) else "",
)
def test_mentions_of_a_name_alone(extract_text, text, expected):
    report = extract_text(text)
    assert {p["name"]: len(p["mentions"]) for p in report["people"]} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La préfecture de la Drôme a publié un arrêté.", ["préfecture de la Drôme"]),
        ("L'État financera la moitié des travaux.", ["État"]),
        (
            "La Fédération des épiceries solidaires (FES) alerte. La FES demande des moyens.",
            ["Fédération des épiceries solidaires"],
        ),
        # "amicale" heads a tenants' association's name
        (
            "L'amicale des locataires du Clos-Fleuri a dénoncé le projet.",
            ["amicale des locataires du Clos-Fleuri"],
        ),
        # "ONG" heads a name (data/organisation_heads.tsv)
        (
            "Côté associatif, l'ONG Océans Vivants estime que les ministres ont reculé.",
            ["ONG Océans Vivants"],
        ),
        # a parliamentary committee is a body of its own, beside the assembly it belongs to
        (
            "La commission des finances de l'Assemblée nationale a voté.",
            ["commission des finances", "Assemblée nationale"],
        ),
        # lower-case public bodies (data/institution_types.tsv), with what says which one
        (
            "Le projet est financé par l'agence de l'eau Loire-Bretagne.",
            ["agence de l'eau Loire-Bretagne"],
        ),
        (
            "La chambre d'agriculture du Gers salue l'accord. La chambre d'agriculture signera.",
            ["chambre d'agriculture du Gers"],
        ),
        (
            "Le texte a été adopté mardi en commission des affaires sociales.",
            ["commission des affaires sociales"],
        ),
        ("Le centre hospitalier a fermé ses urgences la nuit.", []),
        (
            "Le service départemental d'incendie et de secours (Sdis) de l'Aude a mobilisé 200 "
            "pompiers. Le Sdis a précisé que le feu était fixé.",
            ["service départemental d'incendie et de secours de l'Aude"],
        ),
        ("Les chambres d'agriculture de la région ont manifesté.", []),
        ("La maternité de Montbrézac fermera le 30 juin.", ["maternité de Montbrézac"]),
        # a title the recogniser reads as a place is no town acting for "la commune"
        (
            "La commune a été mise en garde dès 2020.\n\nLe procureur de la République, Stéphane "
            "Rivière, a estimé que l'infraction était caractérisée.",
            [],
        ),
        (
            "Le groupement de gendarmerie départementale de la Manche conseille d'éviter l'A84.",
            ["groupement de gendarmerie départementale de la Manche"],
        ),
        (
            "La direction départementale des finances publiques (DDFiP) de la Lozère ferme "
            "le guichet.",
            ["direction départementale des finances publiques de la Lozère"],
        ),
        (
            "Le rectorat de Grenoble maintient la fermeture. La mission régionale d'autorité "
            "environnementale a rendu son avis.",
            ["rectorat de Grenoble", "mission régionale d'autorité environnementale"],
        ),
        (
            "La direction des services départementaux de l'Éducation nationale (DSDEN) a tranché.",
            ["direction des services départementaux de l'Éducation nationale"],
        ),
        # after a place, "et des …" is the sentence going on, not the rest of the name
        (
            "Les tracteurs bloquaient la sous-préfecture de Nyons et des bottes de paille "
            "s'empilaient.",
            ["sous-préfecture de Nyons"],
        ),
        (
            "Le secrétariat d'État chargé de la Mer promet des aides.",
            ["secrétariat d'État chargé de la Mer"],
        ),
        # an acronym head opening a name, and the same body under its full name
        (
            "Le CHU de Poitiers recrute. Le centre hospitalier universitaire de Poitiers compte "
            "7 000 agents.",
            ["centre hospitalier universitaire de Poitiers"],
        ),
        ("Une PME de mécanique a fermé.", []),
        (
            "Établissement public, la CCI Alsace Eurométropole représente les entreprises.",
            ["CCI Alsace Eurométropole"],
        ),
        ("Des cars relient le cœur de l'agglomération à Pont-du-Château.", []),
        (
            "Corinne Ferrandis-Bui, directrice de SNCF Réseau en Occitanie, a précisé.",
            ["SNCF Réseau"],
        ),
        # a trade or a school keeps its noun in its name; a company's group does not
        ("La fonderie Castagnal emploie 300 salariés.", ["fonderie Castagnal"]),
        ("Les élèves du collège Jean-Moulin ont visité l'usine.", ["collège Jean-Moulin"]),
        ("Elle a choisi le collège Jean-Moulin de Thionville (Moselle).", ["collège Jean-Moulin"]),
        ("Il enseigne au lycée agricole de Sées.", ["lycée agricole de Sées"]),
        # "la commune de X" is the local authority; a commune somewhere, or a place, is not
        ("La commune de Plouzévet doit rendre un avis consultatif.", ["commune de Plouzévet"]),
        ("C'est la plus petite commune de la Creuse. Il vit dans la ville de Lyon.", []),
        # a name runs on in lower case to the acronym the text gives it
        (
            "La Confédération des petites et moyennes entreprises (CPME) a dénoncé le texte.",
            ["Confédération des petites et moyennes entreprises"],
        ),
        (
            "La Caisse nationale de solidarité pour l'autonomie (CNSA) finance le plan.",
            ["Caisse nationale de solidarité pour l'autonomie"],
        ),
        # a name described in apposition by an organisation's noun
        (
            "Le SNES-FSU, premier syndicat du second degré, a dénoncé le plan.",
            ["SNES-FSU"],
        ),
        ("Kerval, entreprise familiale fondée en 1962, emploie 40 salariés.", ["Kerval"]),
        ("Contactée, la direction n'a pas répondu. Lyon, première ville du pays, attend.", []),
        ("Le groupe Alvéa rachète l'usine.", ["Alvéa"]),
        ("Les salariés de l'usine de Vitré sont inquiets.", []),
        # the employer after a title, a firm after its generic noun and an adjective
        ("Olivier Castel, le directeur de Solvigne, s'en félicite.", ["Solvigne"]),
        ("Le projet est conçu avec la start-up lyonnaise Rebatt.", ["Rebatt"]),
        (
            "Le domaine travaille avec l'entreprise montpelliéraine Solvigne et la chambre "
            "d'agriculture.",
            ["Solvigne", "chambre d'agriculture"],
        ),
        # the press office that signs a release is not an organisation of its own
        (
            "Le Département de la Nièvre lance le fonds Villages vivants.\n\nContact presse : "
            "Direction de la communication, 03 86 00 00 00",
            ["Département de la Nièvre"],
        ),
        # associations name themselves in sentence case
        (
            "L'association Choisir sa fin, qui milite depuis 2008, appelle les sénateurs.",
            ["Choisir sa fin"],
        ),
        (
            "L'association de riverains Air vigilant Rouen a réclamé des comptes.",
            ["Air vigilant Rouen"],
        ),
        # two capitalised words joined by "et" after an organisation noun are one name, even
        # when the entity recogniser splits them, unless the text names the second one alone
        (
            "Le conseil a voté une motion demandant à la coopérative Monts et Vallées, "
            "propriétaire de l'abattoir, de surseoir à sa décision.",
            ["Monts et Vallées"],
        ),
        (
            "Le Réseau Tremplin Solidaire et Numerika forment 60 demandeurs d'emploi. Vincent "
            "Lagarde dirige Numerika depuis 2019.",
            ["Réseau Tremplin Solidaire"],
        ),
        # … but a name of several capitalised words is not in sentence case
        (
            "Le syndicat Sud Santé Sociaux alerte une nouvelle fois sur la dégradation des "
            "conditions de travail à l'Ehpad.",
            ["Sud Santé Sociaux"],
        ),
        # … and so do the groups of a council
        (
            "Le groupe d'opposition Ardèche en commun a voté le texte sans enthousiasme.",
            ["Ardèche en commun"],
        ),
        # a newspaper quoted as a source, whatever the tokenizer makes of its name; "l'Assemblée"
        # after "l'Assemblée nationale" is the same organisation
        ("« C'est un choc », a-t-il confié à Nice-Matin.", ["Nice-Matin"]),
        (
            "L'Assemblée nationale a voté le texte. L'Assemblée se prononcera encore en juin.",
            ["Assemblée nationale"],
        ),
        # one organisation whatever the form; a place after "à" is not part of the name
        (
            "L'Agence de la transition écologique (Ademe) finance le projet. L'Ademe versera "
            "2 millions d'euros.",
            ["Agence de la transition écologique"],
        ),
        (
            "Le Groupe Mercadier ouvre une usine. Mercadier embauchera 40 salariés.",
            ["Groupe Mercadier"],
        ),
        ("L'entreprise Recyplast à Saint-Quentin a été retenue.", ["Recyplast"]),
        # an institution the text never names is named by its noun
        ("Le feu a été maîtrisé vers 6 h 30, a précisé la préfecture.", ["préfecture"]),
        # a day after a name is not part of it
        ("Le ministère de l'Économie mardi a publié ses chiffres.", ["ministère de l'Économie"]),
        # a national body named alone
        ("Le projet avance avec l'appui de Bpifrance.", ["Bpifrance"]),
        # a name described as a firm in apposition is no person
        (
            "La direction de Décolletage Perrin, entreprise familiale fondée en 1948, ferme.",
            ["Décolletage Perrin"],
        ),
        # trades of industry and retail name the firm after them; a store at a place does not
        ("L'équipementier Roulvia, spécialisé dans les pneumatiques, ferme.", ["Roulvia"]),
        ("Les caisses de l'hypermarché de Saint-Laurent-Blangy ferment à 21 heures.", []),
        ("Explosion dans une usine chimique de l’Isère : un mort.", []),
        ("Dimanche à Périgueux, le club basque s'est imposé 24-23.", []),
        ("Le comité des fêtes a renoncé cette année au repas champêtre.", ["comité des fêtes"]),
        # a firm's name and a place is the firm's site when the text names the firm alone
        (
            "L’équipementier Vernière ferme son usine. La direction de l’usine Vernière de "
            "Saint-Junien-les-Prés a confirmé la nouvelle.",
            ["Vernière"],
        ),
        (
            "Le secrétariat d’Etat chargé de la Mer a indiqué prendre acte de la décision.",
            ["secrétariat d’Etat chargé de la Mer"],
        ),
        # a trade noun in the plural opens a firm's name
        (
            "Les éleveurs bloquent l’entrée de l’usine des Laiteries du Bocage depuis mercredi.",
            ["Laiteries du Bocage"],
        ),
        # a union's acronym the recogniser takes for a place; alone, it is the one named in full
        (
            "Les manifestants, à l’appel de la FDSEA de Lot-et-Garonne, bloquent la route. Pour "
            "Sébastien Lagarde, président de la FDSEA, la loi est bafouée.",
            ["FDSEA de Lot-et-Garonne"],
        ),
        # a union of data/unions.txt the recogniser took for a place, cut at its hyphen
        (
            "Le SNUipp-FSU, premier syndicat du primaire, revendique « plus de 45 % » de "
            "grévistes.",
            ["SNUipp-FSU"],
        ),
        # a place name the tokenizer cuts at each hyphen keeps its lower-case middle words
        (
            "Le Conseil départemental des Alpes-de-Haute-Provence finance le programme.",
            ["Conseil départemental des Alpes-de-Haute-Provence"],
        ),
        (
            "La commune de Bras-Rouge-les-Hauts a été la plus touchée.",
            ["commune de Bras-Rouge-les-Hauts"],
        ),
    ],
    ids=lambda v: v[:40] if isinstance(v, str) else "",
)
def test_organisations(extract_text, text, expected):
    assert [o["name"] for o in extract_text(text)["organisations"]] == expected


def test_a_name_in_the_singular_and_the_plural_is_one_organisation(extract_text):
    report = extract_text(
        "La verrerie Baudrier va fermer. Les Verreries Baudrier emploient 214 salariés. Dans un "
        "communiqué, la direction invoque « une chute durable des commandes ». "
    )
    assert [o["name"] for o in report["organisations"]] == ["Verreries Baudrier"]
    assert report["quotes"][0]["speaker"] == "Verreries Baudrier"


def test_le_club_is_the_sports_club_the_text_names(extract_text):
    report = extract_text(
        "L'Union sportive Vallée du Lot ouvre une section féminine. « Aucune jeune fille ne sera "
        "refusée faute de place », indique le club."
    )
    assert report["quotes"][0]["speaker"] == "Union sportive Vallée du Lot"


def test_la_commune_is_not_the_region_the_text_makes_act(extract_text):
    report = extract_text(
        "Centre-Val de Loire lance un fonds pour les commerces. « Sans ce coup de pouce, le local "
        "serait resté vide », estime le maire de Bréviande, Gilles Aufrère. La commune a racheté "
        "les murs. Et de conclure : « La Région a pris le risque avec nous. »"
    )
    assert [q["speaker"] for q in report["quotes"]] == ["Gilles Aufrère", "Gilles Aufrère"]


def test_a_capitalised_authority_noun_alone_is_the_authority_named(extract_text):
    report = extract_text(
        "La Région Occitanie a baissé ses aides aux festivals. La Région, sollicitée, fait valoir "
        "que « les festivals ne sont pas abandonnés ». Dans le Var, le Département a renforcé "
        "son dispositif."
    )
    assert report["quotes"][0]["speaker"] == "Région Occitanie"
    assert [o["name"] for o in report["organisations"]] == ["Région Occitanie"]


def test_la_collectivite_is_the_one_local_authority_named(extract_text):
    # not a place the text makes act ("La Passerelle accueille …")
    report = extract_text(
        "Le Département de la Sarthe baisse ses subventions. À Écommoy, l'espace de vie sociale "
        "La Passerelle accueille chaque semaine quarante personnes.\n\nLe Département a "
        "répondu dans la soirée. « L'effort demandé à nos partenaires est proportionné », "
        "indique la collectivité dans un communiqué."
    )
    assert report["quotes"][0]["speaker"] == "Département de la Sarthe"


def test_le_syndicat_is_the_union_named_just_before(extract_text):
    report = extract_text(
        "La CGT appelle à la grève depuis lundi et bloque l'entrée du site, où les camions ne "
        "passent plus depuis trois jours, selon la direction de l'usine et la préfecture. "
        "Autour du brasero, on croise des visages que l'usine connaît depuis longtemps, ceux "
        "que tout le monde ici appelle les anciens, entrés dans les années quatre-vingt-dix. "
        "Force ouvrière, minoritaire sur le site, n'a pas appelé à la grève. Dans un communiqué, "
        "le syndicat estime que « le blocage pénalise d'abord les salariés »."
    )
    assert "Force ouvrière" in [o["name"] for o in report["organisations"]]
    assert report["quotes"][0]["speaker"] == "Force ouvrière"


@pytest.mark.parametrize("union", ["Sud Santé Sociaux", "CGT Fonderies"])
def test_le_syndicat_is_a_union_branch_named_before(extract_text, union):
    # a union's name, then its trade: still a union, which "le syndicat" stands for
    report = extract_text(
        f"Plus de 420 naissances ont eu lieu à Valmont. Pour {union}, ce chiffre prouve que le "
        "service « répond à un besoin réel ». Le syndicat dénonce « une décision prise dans le "
        "dos des soignants »."
    )
    assert [q["speaker"] for q in report["quotes"]] == [union, union]


def test_le_syndicat_is_the_only_union_its_paragraph_names(extract_text):
    # the CFDT is named a few lines up, in the paragraph before: "le syndicat" is still FO
    report = extract_text(
        "« Pas avec un pistolet sur la tempe », tempère la secrétaire du CSE (CFDT).\n\n"
        "Force ouvrière, minoritaire sur le site, n'a pas appelé à la grève. Dans un communiqué, "
        "le syndicat estime que « le blocage pénalise d'abord les salariés »."
    )
    assert report["quotes"][1]["speaker"] == "Force ouvrière"


def test_generic_short_form_resolves_to_the_named_organisation(extract_text):
    text = (
        "L'agence économique régionale Nord Entreprises accompagne les PME. "
        "Le directeur de l'agence régionale, Paul Martin, s'en félicite."
    )
    report = extract_text(text)
    orgs = {o["name"]: o for o in report["organisations"]}
    assert "agence régionale" in orgs["Nord Entreprises"]["aliases"]
    assert report["people"][0]["roles"][0]["organisation"] == "Nord Entreprises"


def test_a_short_form_whose_adjective_the_name_lacks_is_not_that_organisation(extract_text):
    text = (
        "La chambre d'agriculture du Cantal soutient les éleveurs. Elle a proposé de racheter "
        "la chambre froide de l'abattoir."
    )
    orgs = {o["name"]: o for o in extract_text(text)["organisations"]}
    assert "chambre froide" not in orgs["chambre d'agriculture du Cantal"]["aliases"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le gouvernement présente le plan France 2030.", ["plan France 2030"]),
        ("La loi Climat et résilience a été votée.", ["loi Climat et résilience"]),
        ("La ville déploie le plan Écoles durables dès la rentrée.", ["plan Écoles durables"]),
        ("Le Fonds vert financera les travaux.", ["Fonds vert"]),
        ("La commune rejoint le programme « Cap Avenir ».", ["programme Cap Avenir"]),
        ("Des dispositifs de soutien existent déjà.", []),
        ("Le plan de la métropole sera présenté lundi.", []),
        # lower-case names: a phrase of purpose, an acronym in brackets, a law's title
        (
            "Le préfet présente le plan départemental de lutte contre les rodéos.",
            ["plan départemental de lutte contre les rodéos"],
        ),
        (
            "La direction a ouvert un plan de sauvegarde de l'emploi (PSE) lundi.",
            ["plan de sauvegarde de l'emploi (PSE)"],
        ),
        ("Un projet exemplaire de revitalisation du centre a été retenu.", []),
        (
            "La proposition de loi visant à réguler l'installation des médecins a été adoptée.",
            ["proposition de loi visant à réguler l'installation des médecins"],
        ),
        # a national programme named without a cue; a cue-led name stops before it
        ("Le projet est financé au titre de France 2030.", ["France 2030"]),
        (
            "La ville est lauréate de l'appel à projets Décarbonation des procédés de France 2030.",
            ["appel à projets Décarbonation des procédés", "France 2030"],
        ),
        (
            "Le texte complète la loi du 22 août 2021 dite Climat et résilience.",
            ["loi du 22 août 2021 dite Climat et résilience"],
        ),
        ("La loi Egalim 2 encadre les négociations.", ["loi Egalim 2"]),
        (
            "Le contrat de plan État-région 2021-2027 à hauteur de 2 millions d'euros.",
            ["contrat de plan État-région 2021-2027"],
        ),
        # a known programme after its cue; a date after a name is not part of it; benefits
        # named by an acronym
        (
            "La commune bénéficie du programme Petites villes de demain depuis 2021.",
            ["programme Petites villes de demain"],
        ),
        (
            "Les usines ont appliqué le plan de sobriété énergétique en 2022.",
            ["plan de sobriété énergétique"],
        ),
        (
            "Le crédit d'impôt recherche (CIR) coûte 7 milliards d'euros.",
            ["crédit d'impôt recherche (CIR)"],
        ),
        # a law cited by its date, a cue scoped to a territory
        (
            "La loi du 27 juillet 2023 visant à protéger les logements a durci les peines.",
            ["loi du 27 juillet 2023 visant à protéger les logements"],
        ),
        (
            "Le dispositif s'inscrit dans la loi du 18 décembre 2023 pour le plein emploi.",
            ["loi du 18 décembre 2023 pour le plein emploi"],
        ),
        (
            "Il applique la loi du 30 décembre 2006 sur l'eau et les milieux aquatiques.",
            ["loi du 30 décembre 2006 sur l'eau et les milieux aquatiques"],
        ),
        # what a policy covers or costs is not its name; an agreeing participle is
        (
            "Le Département étend le dispositif Cap Emploi Rural à tout son territoire.",
            ["dispositif Cap Emploi Rural"],
        ),
        ("Le Fonds vert à hauteur de 95 millions d'euros.", ["Fonds vert"]),
        (
            "Le festival a obtenu la charte Festivals engagés et responsables, qui l'engage.",
            ["charte Festivals engagés et responsables"],
        ),
        ("Le Pack Mobilité lancé et porté par la Région.", ["Pack Mobilité"]),
        # a one-capital name runs on in lower case to the end of its phrase, where the tagger
        # reads verbs and adverbs; not over a clause, a date or a number
        (
            "La ministre a présenté le label Haie gérée durablement.",
            ["label Haie gérée durablement"],
        ),
        (
            "Il s'appuie sur le dispositif Docteurs juniors en territoire.",
            ["dispositif Docteurs juniors en territoire"],
        ),
        (
            "Elle rejoint le dispositif Bien vivre partout en Bretagne, dit le maire.",
            ["dispositif Bien vivre partout en Bretagne"],
        ),
        ("La région a lancé le plan Vélo mardi.", ["plan Vélo"]),
        ("Le plan Urgences été a été activé.", ["plan Urgences"]),
        ("Le plan Horizon 2030 en bref.", ["plan Horizon 2030"]),
        # what a cue phrase names that is no policy (data/not_policies.txt)
        ("Le plan de financement est bouclé.", []),
        ("Le fonds d'investissement Armorik Capital reprend l'usine.", []),
        ("Conçu avec la Mission locale du Pays d'Argentan.", []),
        # an elided word after a name belongs to the verb; a year ends a name
        (
            "Le Schéma national d'accueil des demandeurs d'asile n'a pas prévu ce cas.",
            ["Schéma national d'accueil des demandeurs d'asile"],
        ),
        (
            "Elle a remporté le concours Innovation Bioéconomie 2024 et titulaire d'un brevet.",
            ["concours Innovation Bioéconomie 2024"],
        ),
        ("Les aides de la PAC arrivent.", ["PAC"]),
        # a year after "de" is when, not a name; a known name whatever its capitals
        ("Depuis la loi NOTRe de 2015, les communes ont transféré l'eau.", ["loi NOTRe"]),
        (
            "La ville a rejoint le programme Petites Villes de demain en 2021.",
            ["programme Petites Villes de demain"],
        ),
        # national schemes named in lower case (data/known_policies.tsv)
        ("Le gouvernement défend la réforme des retraites.", ["réforme des retraites"]),
        (
            "La commune touche la dotation globale de fonctionnement chaque année.",
            ["dotation globale de fonctionnement"],
        ),
        # a participle may sit inside a name its acronym defines
        (
            "Le texte crée une allocation journalière du proche aidant (AJPA) revalorisée.",
            ["allocation journalière du proche aidant (AJPA)"],
        ),
        (
            "Le fonds départemental de transmission agricole aide les repreneurs.",
            ["fonds départemental de transmission agricole"],
        ),
        ("La stratégie nationale bas-carbone fixe le cap.", ["stratégie nationale bas-carbone"]),
        # a name written in sentence case runs on, but not into another policy
        (
            "Le club bénéficie du dispositif Sport et territoires de la région.",
            ["dispositif Sport et territoires"],
        ),
        (
            "La ville répond à l'appel à projets Cycle et mobilités actives du plan France 2030.",
            ["appel à projets Cycle et mobilités actives", "plan France 2030"],
        ),
    ],
    ids=lambda v: v[:40] if isinstance(v, str) else "",
)
def test_policies(extract_text, text, expected):
    assert [p["name"] for p in extract_text(text)["policies"]] == expected


@pytest.mark.parametrize(
    ("text", "agent", "tie"),
    [
        (
            "Sous l'impulsion de Claire Roux, la ville a lancé le plan Vélo 2030.",
            "Claire Roux",
            "initiated",
        ),
        (
            "Avec le soutien de Paul Martin, le programme Jeunes Pousses a été prolongé.",
            "Paul Martin",
            "supported",
        ),
        ("Le dispositif Cap Emploi, porté par Hélène Roy, a séduit.", "Hélène Roy", "initiated"),
        ("Le plan Eau 2030 est critiqué par Marc Petit.", "Marc Petit", "criticised"),
    ],
)
def test_policy_ties(extract_text, text, agent, tie):
    report = extract_text(text)
    ties = [(t["agent"], t["tie"]) for p in report["policies"] for t in p["ties"]]
    assert (agent, tie) in ties


def test_a_policys_acronym_alone_is_the_policy_not_an_organisation(extract_text):
    report = extract_text(
        "Le fonds de soutien à l'investissement local (FSIL) baisse. Le FSIL financera moins."
    )
    assert [p["name"] for p in report["policies"]] == [
        "fonds de soutien à l'investissement local (FSIL)"
    ]
    assert report["organisations"] == []


def test_a_family_name_then_a_trade_word_is_a_firm_not_a_person(extract_text):
    report = extract_text(
        "« On nous propose enfin des avances sans caution », se félicite Olivier Ganet, PDG de "
        "Ganet Mécanique, un décolleteur de 120 salariés.\n\n"
        "« Sans ce type d'outil, on aurait dû se séparer d'une vingtaine de personnes. »"
    )
    assert [p["name"] for p in report["people"]] == ["Olivier Ganet"]
    assert [q["speaker"] for q in report["quotes"]] == ["Olivier Ganet", "Olivier Ganet"]


def test_a_double_barrelled_name_in_a_headline_is_whole(extract_text):
    report = extract_text(
        "Anne-Sophie Le Bihan-Traoré, la patronne du canot de Porz-Morvan\n\n"
        "À la barre, Anne-Sophie Le Bihan-Traoré, 41 ans, dirige le canot."
    )
    assert [p["name"] for p in report["people"]] == ["Anne-Sophie Le Bihan-Traoré"]


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        (
            "Le groupe néerlandais Van Loon Packaging, propriétaire du site depuis 2017, ferme "
            "l'usine.",
            "Van Loon Packaging",
        ),
        ("Les 143 salariés des Cartonnages Vuillard sont menacés.", None),
    ],
)
def test_a_firm_named_like_a_person_is_no_person(extract_text, text, organisation):
    """A firm's kind and an adjective before a name, or a trade word opening it, make a firm."""
    report = extract_text(text)
    assert report["people"] == []
    if organisation:
        assert organisation in [o["name"] for o in report["organisations"]]


def test_an_honorific_picks_the_person_of_its_gender_among_those_sharing_a_surname(extract_text):
    text = (
        "Julien Gauthier, boulanger, et sa femme Émilie Gauthier ont repris la boutique. Mme "
        "Gauthier tient la caisse.\n\nM. Gauthier compte lancer une gamme de pains."
    )
    people = {p["name"]: p for p in extract_text(text)["people"]}
    at = text.index("M. Gauthier")
    assert any(m["start"] <= at + 3 < m["end"] for m in people["Julien Gauthier"]["mentions"])


def test_l_administration_is_the_public_body_named_just_before(extract_text, dev_text):
    """ "La DGAC conteste ces chiffres. « … », affirme l'administration" (data/
    generic_standins.tsv): in the whole report, where a ministry and a union are named too."""
    quotes = extract_text(dev_text("mj09-"))["quotes"]
    said = next(q for q in quotes if q["text"].startswith("Les effectifs sont conformes"))
    assert said["speaker"] == "Direction générale de l’aviation civile"


def test_a_name_after_an_organisation_noun_is_the_organisation_however_often_it_recurs(
    extract_text,
):
    report = extract_text(
        "Précarité énergétique : le collectif Froid Dedans réclame un bouclier chauffage\n\nLe "
        "collectif Froid Dedans, qui rassemble une quinzaine d'associations, a lancé mardi un "
        "appel. « Nous ne demandons pas la charité », conclut le communiqué.\n\nContact : "
        "collectif Froid Dedans, permanences le mardi."
    )
    assert [o["name"] for o in report["organisations"]] == ["Froid Dedans"]
    assert report["people"] == []


def test_a_first_name_alone_with_a_title_in_apposition_is_a_person(extract_text):
    report = extract_text(
        "Sébastien, ancien chef de partie dans un restaurant de Villeurbanne, a fait sa "
        "reconversion en 2022. Il raconte : « J’ai passé mon CAP à 33 ans. »"
    )
    assert [p["name"] for p in report["people"]] == ["Sébastien"]
    assert report["quotes"][0]["speaker"] == "Sébastien"


def test_a_first_name_alone_after_a_speech_verb_is_a_person(extract_text, dev_text):
    """ "« … », sourit Marine, ravie": the recogniser takes this "Marine" for the navy; in the
    whole report, both of the couple who run the bakery are people."""
    report = extract_text(dev_text("mi12-"))
    assert {"Marine", "Sébastien"} <= {p["name"] for p in report["people"]}
    assert "Marine" not in {o["name"] for o in report["organisations"]}


def test_a_name_that_opens_with_a_trade_noun_is_a_firm_for_la_direction(extract_text, dev_text):
    """ "Fonderies de la Sèvre", found by the recogniser with no kind, is a firm ("fonderie" is a
    trade): "La direction présente ce projet …" is its management, not its parent group's."""
    quotes = extract_text(dev_text("mk06-"))["quotes"]
    said = next(q for q in quotes if q["text"].startswith("plan de départs volontaires"))
    assert said["speaker"] == "Fonderies de la Sèvre"


@pytest.mark.parametrize(
    ("text", "nth", "speaker"),
    [
        # "la communauté de communes" is the one named so, not the "communauté d'agglomération"
        # whose first word shares the stem
        (
            "La communauté de communes Cœur de Bocage réforme sa collecte. La communauté "
            "d'agglomération du Pays de Ligeac l'a fait en 2021. « Si nous ne faisons rien, c'est "
            "30 % d'augmentation », précise la communauté de communes dans son dossier.",
            0,
            "Communauté de communes Cœur de Bocage",
        ),
        # the model takes "Verdance" for a town at the head of a sentence; a firm's name is
        # still a mention of the firm there, and the firm the headline names is whom "la
        # direction" means
        (
            "Verdance engage un projet de réorganisation\n\nVerdance, fabricant français de "
            "mobilier, a présenté ce jour un projet de réorganisation. « Nous avons tout essayé », "
            "a déclaré Philippe Aubineau, directeur général de Verdance.\n\nLe cabinet "
            "Trajectoires RH accompagnera chaque salarié dans son projet professionnel.\n\nLes "
            "négociations s'ouvriront le 16 février. La direction assure qu'« aucune décision "
            "définitive ne sera prise avant la fin de la procédure ».",
            1,
            "Verdance",
        ),
        # "la direction de Polyrhône Industries" is not the "direction régionale …" named before
        (
            "L’explosion s’est produite dans l’usine exploitée par la société Polyrhône "
            "Industries. La direction régionale de l’environnement, de l’aménagement et du "
            "logement (Dreal) Auvergne-Rhône-Alpes enquête. Dans un communiqué, la direction de "
            "Polyrhône Industries assure « coopérer pleinement avec les enquêteurs ».",
            0,
            "Polyrhône Industries",
        ),
        # a name the model took for a place, described as an association after a comma
        (
            "D’après Atmo Hauts-de-France, l’association agréée de surveillance de la qualité de "
            "l’air, les niveaux de particules fines sont restés « dans les normes habituelles ».",
            0,
            "Atmo Hauts-de-France",
        ),
    ],
    ids=["territory-words", "headline-firm", "complement-says-whose", "described-association"],
)
def test_an_organisation_speaks(extract_text, text, nth, speaker):
    assert extract_text(text)["quotes"][nth]["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "organisation", "person"),
    [
        # the second use of a firm's name, taken for a person: a name already an organisation's
        (
            "Un incendie a ravagé l'entrepôt de la société Recyclium Nord. Contacté, le directeur "
            "général de Recyclium Nord, Frédéric Lenglet, assure que « toutes les normes de "
            "stockage étaient respectées ».",
            "Recyclium Nord",
            "Frédéric Lenglet",
        ),
        # every use taken for a person, but "le président de" it: a body
        (
            "Maisons Berlaud ferme 37 magasins\n\nL'enseigne Maisons Berlaud a annoncé mardi la "
            "fermeture de 37 magasins. Le président de Maisons Berlaud, Xavier de Rancourt, "
            "assume des choix « douloureux mais indispensables ».",
            "Maisons Berlaud",
            "Xavier de Rancourt",
        ),
    ],
    ids=["named-before", "president-of"],
)
def test_a_firm_taken_for_a_person_gives_the_real_person_their_title_and_quote(
    extract_text, text, organisation, person
):
    report = extract_text(text)
    assert [p["name"] for p in report["people"]] == [person]
    assert report["people"][0]["roles"][0]["organisation"] == organisation
    assert report["quotes"][0]["speaker"] == person
