"""Who speaks: each way French press writing attributes a quote, and quotes it does not
attribute."""

from __future__ import annotations

import pytest

DSDEN_LOT = "direction des services départementaux de l'Éducation nationale du Lot"
CASES = [
    # (text, speakers of the quotes in order)
    ("Le maire, Paul Martin, affirme : « Nous rénoverons toutes les écoles. »", ["Paul Martin"]),
    (
        "« Nous rénoverons toutes les écoles », a déclaré Paul Martin, maire de Lyon.",
        ["Paul Martin"],
    ),
    (
        "Claire Fontaine, présidente du syndicat, est venue. « Nous ne céderons pas », a-t-elle "
        "ajouté.",
        ["Claire Fontaine"],
    ),
    (
        "Paul Martin et Claire Fontaine étaient présents. « Le chantier commence lundi », "
        "estime-t-elle.",
        ["Claire Fontaine"],
    ),
    (
        "Paul Martin, maire de Lyon, a inauguré l'école. « C'est un grand jour », a conclu le "
        "maire.",
        ["Paul Martin"],
    ),
    ("Selon Claire Fontaine, « la réforme est mal préparée ».", ["Claire Fontaine"]),
    ("D'après Paul Martin, « les travaux dureront deux ans ».", ["Paul Martin"]),
    (
        "« Nous avons tout essayé, explique Marie Dupont. Rien n'a fonctionné. »",
        ["Marie Dupont", "Marie Dupont"],
    ),
    ("Paul Martin a assuré que « la situation est sous contrôle ».", ["Paul Martin"]),
    (
        "« Le littoral recule plus vite que nos cartes. »\nLe constat est celui de Malik "
        "Benhamou, géographe.",
        ["Malik Benhamou"],
    ),
    # an unnamed speaker: null, and no later rule guesses
    ("« J'attends ça depuis dix ans », sourit un habitant du quartier.", [None]),
    ("Selon une source proche du dossier, « l'enquête avance lentement ».", [None]),
    ("« Rien ne permet de trancher », indique-t-on de source judiciaire.", [None]),
    # an organisation speaks
    (
        "La Confédération des artisans (CDA) a réagi. « Ce budget est une erreur », indique la "
        "confédération.",
        ["Confédération des artisans"],
    ),
    # a quote no one is said to have spoken
    ("Titre\n« Un plan de justice pour tous »\nLe texte a été voté.", [None]),
    # interviews: a new quote paragraph continues the previous speaker
    (
        "« On nous a annoncé ça en vingt minutes », raconte Nathalie Cordeiro, déléguée "
        "syndicale.\n\n"
        "« Il y a deux ans, on nous demandait des efforts. »",
        ["Nathalie Cordeiro", "Nathalie Cordeiro"],
    ),
    # a description first used next to the name keeps referring to that person, paragraphs later
    (
        "À 38 ans, Lou Ferrand présente son premier long métrage.\n\n"
        "« Ce film, je le porte depuis dix ans », raconte la réalisatrice.\n\n"
        "Le tournage a duré six semaines à Saint-Nazaire, avec une équipe réduite.\n\n"
        "Le producteur a suivi le projet dès le début.\n\n"
        "« Il y a une forme de réparation là-dedans », confie la réalisatrice.",
        ["Lou Ferrand", "Lou Ferrand"],
    ),
    # a description before the name it announces
    (
        "« On a vécu des années difficiles », sourit la directrice du festival, installée en "
        "terrasse. Armelle Kerjean dirige l'événement depuis 2015.",
        ["Armelle Kerjean"],
    ),
    # "le ministre" is the man, not the woman minister named last
    (
        "La ministre de l'Économie, Sophie Lambert, et le ministre chargé des Comptes publics, "
        "Hugo Deschênes, ont présenté le budget. « Nous avons entendu les élus locaux », a "
        "assuré le ministre.",
        ["Hugo Deschênes"],
    ),
    # the person after "à" is spoken to
    (
        "La ministre de l'Éducation, Corinne Bastide, visite le collège. « C'est exactement ce "
        "que nous voulons », glisse la ministre à la principale, Sylvie Raynal.",
        ["Corinne Bastide"],
    ),
    (
        "Un argument balayé par la procureure Camille Oustal, pour qui « les faits sont les "
        "mêmes ».",
        ["Camille Oustal"],
    ),
    (
        "« Les hypothèses sont fragiles », estime l'économiste Paul Varenne. À l'en croire, le gel "
        "aboutira à des annulations « comme en 2024 et en 2025 ».",
        ["Paul Varenne", "Paul Varenne"],
    ),
    # a description that is no title stands for the one untitled person; a question put to
    # the speaker does not change who answers
    (
        "Le procureur, Paul Cadieu, a requis vingt ans contre Fabrice Dacosta.\n\n"
        "« Je voulais qu'elle ait peur », a répété l'accusé.\n\n"
        "Et pourquoi ne pas avoir donné l'alerte ? « Je n'ai pas vu la fumée. »",
        ["Fabrice Dacosta", "Fabrice Dacosta"],
    ),
    (
        "Kylian Ferrant, 19 ans, comparaissait pour des rodéos. La présidente du tribunal, Hélène "
        "Sarrat, le reprend sèchement. « Vous maîtrisez ? » Le prévenu baisse les yeux. « Je "
        "regrette. »",
        ["Hélène Sarrat", "Kylian Ferrant"],
    ),
    # "la direction" in an article about one company is that company; an impersonal "on"
    # speaks for the organisation named as its place
    (
        "Le groupe Logisol ferme son site de Cahors. La direction invoque « une chute durable "
        "des commandes ».",
        ["Logisol"],
    ),
    (
        "La préfecture des Landes a reçu les éleveurs. « Les dossiers sont instruits au fil de "
        "l'eau », assure-t-on à la préfecture.",
        ["préfecture des Landes"],
    ),
    (
        "À la préfecture des Landes, on rappelle que les aides sont versées. « Les dossiers "
        "avancent », indique-t-on dans l'entourage du préfet.",
        ["préfecture des Landes"],
    ),
    # a name after a second title is that title's, not the speaker's
    (
        "Le ministre de l'Intérieur, Laurent Castagné, est venu. « L'État sera à vos côtés », "
        "a déclaré le ministre devant la mairie, entouré du préfet de l'Aude, Christophe Ravanel.",
        ["Laurent Castagné"],
    ),
    # a quote that is the predicate of a subject written before it; a verb joined to it
    (
        "De son côté, la préfecture du Cantal « prend acte du recours » et rappelle dans un "
        "communiqué que « l'arrêté a été pris après un avis favorable ».",
        ["préfecture du Cantal", "préfecture du Cantal"],
    ),
    # "elle" after an organisation subject is still the woman named in the paragraph
    (
        "La maire de Valcrozes, Martine Bouyssou, avance sur une ligne de crête. La commune de "
        "Valcrozes perçoit chaque année 85 000 euros de redevances. « J'entends les inquiétudes "
        "et je les partage en partie », explique-t-elle.",
        ["Martine Bouyssou"],
    ),
    # "ce dernier", "cette dernière": the last person of that gender, not the subject
    (
        "Le maire, Jean Duval, a longuement reçu Paul Martin, le président de l'association. Ce "
        "dernier lui a répondu sans élever la voix : « Nous ne lâcherons rien. »",
        ["Paul Martin"],
    ),
    (
        "La préfète, Anne Caron, a écouté Julie Moreau, la porte-parole du collectif, pendant "
        "une heure. Cette dernière a conclu : « Nous reviendrons. »",
        ["Julie Moreau"],
    ),
    # "le conseil de X", "son conseil": X's lawyer (named "avocat" or "Me"), never X
    (
        "Le maire, Bernard Collot, est jugé pour prise illégale d'intérêts. Une peine que "
        "l'avocat du maire, Me Antoine Jacquemard, a jugée « totalement disproportionnée ». « Le "
        "terrain était le seul disponible », a plaidé le conseil de Bernard Collot.",
        ["Antoine Jacquemard"],
    ),
    (
        "Me Laure Dubost, avocate de la salariée, a plaidé longuement. Me Cyril Fayolle, qui "
        "défend la boulangerie Ravier, a répliqué. Le gérant, Mathieu Ravier, n'a pas souhaité "
        "s'exprimer. Son conseil a simplement ajouté : « Mon client a toujours été respectueux "
        "de ses salariés. »",
        ["Cyril Fayolle"],
    ),
    # "le procureur" is who holds "procureur de la République" when nobody holds the short
    # title; "du procureur, pour qui « … »" is his
    (
        "Le procureur de la République, Stéphane Rivière, a requis un an. Le prévenu, Paul Gras, "
        "a nié. « C'est grave », a insisté le procureur.",
        ["Stéphane Rivière"],
    ),
    (
        "Le maire, Bernard Collot, est poursuivi. Le procureur de la République, Stéphane "
        "Rivière, a requis un an.\n\nLe maire n'a pas répondu à l'observation du procureur, pour "
        "qui « le centime, c'est le beau-frère qui l'a pris ».",
        ["Stéphane Rivière"],
    ),
    # an indefinite thing as a relative's antecedent is no unnamed speaker
    (
        "Sylvie Marty porte la liste du RN. Une candidature qui agace Valérie Nègre : « Madame "
        "Marty surfe sur une étiquette nationale. »",
        ["Valérie Nègre"],
    ),
    # "l'intéressée": the woman just spoken of, in the quote before
    (
        "Sylvie Marty porte la liste du RN. Une candidature qui agace Valérie Nègre : « Madame "
        "Marty surfe sur une étiquette nationale. » Réponse de l'intéressée, jointe au "
        "téléphone : « Mme Nègre a été première adjointe pendant dix ans. »",
        ["Valérie Nègre", "Sylvie Marty"],
    ),
    # a headline naming a ward ("Maternité de Vireval :") names no person to lend it to
    (
        "Maternité de Vireval : « On nous demande d'accoucher sur la route »\n\nLa maternité "
        "fermera le 30 juin. « On nous demande d'accoucher sur la route », dénonce Thierry "
        "Lansac, le maire.",
        ["Thierry Lansac", "Thierry Lansac"],
    ),
    # one sentence of narration naming no one between two quotes of a paragraph; someone
    # new in it ("un voisin") breaks the run
    (
        "Le docteur Philippe Auriol prend sa retraite.\n\n« Je pars la mort dans l'âme », "
        "raconte-t-il, assis derrière un bureau encombré. Ses 1 800 patients doivent trouver un "
        "nouveau médecin traitant. « Et ça, c'est le plus dur. »",
        ["Philippe Auriol", "Philippe Auriol"],
    ),
    (
        "Le docteur Philippe Auriol prend sa retraite.\n\n« Je pars la mort dans l'âme », "
        "raconte-t-il, assis derrière son bureau. Un voisin passe la tête par la porte. « On "
        "va le regretter. »",
        ["Philippe Auriol", None],
    ),
    # "Fatima" after an incise verb is a woman (one word, but a first name)
    ("« Ça va aller », sourit Fatima, 64 ans.", ["Fatima"]),
    # who is asked to say something ("demander à X d'assurer « … »") is not who speaks
    (
        "Le ministre des Transports, Didier Vautrin, a de son côté jugé la grève « excessive » "
        "et demandé à la SNCF d'assurer « un service minimum digne de ce nom » samedi.",
        ["Didier Vautrin"],
    ),
    # the verb the quote depends on, not the last reporting verb of a relative clause
    (
        "La présidente, Claire Fontaine, a rappelé que l'agglomération avait voté le plan "
        "Mobilités 2030, qui prévoit 40 millions d'euros, et qu'elle n'entendait pas « payer un "
        "service qui n'est pas rendu ».",
        ["Claire Fontaine"],
    ),
    # a name in the complement of an unnamed speaker ("un habitant de …") is not the speaker
    (
        "À la sortie, un habitant de Montaner venu assister à l'audience se disait soulagé : "
        "« On demande juste que ça s'arrête. »",
        [None],
    ),
    # a headline lends a person's words to their organisation: the body says who spoke
    (
        "Sécheresse : « Aucun éleveur ne sera laissé au bord du chemin », promet la région\n\n"
        "La Région Bourgogne-Franche-Comté débloque 12 millions d'euros. « Aucun éleveur ne sera "
        "laissé au bord du chemin », a déclaré Véronique Lachaud, vice-présidente.",
        ["Véronique Lachaud", "Véronique Lachaud"],
    ),
    # nor is the headline's speaker whoever the article's first sentence is about
    (
        "Meurtre à Chaumergy : « Il n'a jamais voulu tuer », plaide la défense\n\n"
        "Dix-huit ans de réclusion ont été requis ce mercredi contre Ludovic Perrard, jugé pour "
        "le meurtre de son voisin.\n\n"
        "« Il n'a jamais voulu tuer », a plaidé Me Thibaut Lerch, l'avocat de Ludovic Perrard.",
        ["Thibaut Lerch", "Thibaut Lerch"],
    ),
    # the speaker named in an incise is the subject "lui" and "il" come back to, over a name
    # in the complement of his title, also from the next paragraph
    (
        "La défense a plaidé l'accident.\n\n« Il n'a jamais voulu tuer », a plaidé Me Thibaut "
        "Lerch, l'avocat de Ludovic Perrard, pendant une heure. Selon lui, son client a « paniqué "
        "face à un homme plus grand ». Le pénaliste a demandé aux jurés de retenir les violences "
        "volontaires.\n\n« Je ne vous demande pas de l'acquitter », a-t-il poursuivi.",
        ["Thibaut Lerch", "Thibaut Lerch", "Thibaut Lerch"],
    ),
    # "Et de conclure :" — the subject of the sentence before; "le technicien" is the coach
    # named last
    (
        "Le ministre de la Santé, Christophe Adjo, a visité le CHU avec le maire, Karim Messa. "
        "Interrogé sur le financement, le ministre a renvoyé au budget. Et de conclure : « Je "
        "reviendrai dans un an. »",
        ["Christophe Adjo"],
    ),
    # an unnamed spokesperson speaks for the organisation; a noun subject wins over the clitic
    # that doubles it; a minister's periphrasis; a long title before the name
    (
        "« Nous ne commentons pas les rumeurs », a dit un porte-parole de Darmel.",
        ["Darmel"],
    ),
    (
        "Hélène Sabat préside le collectif. Tout juste une institutrice glisse-t-elle qu'elle n'a "
        "« jamais vu une telle mobilisation en vingt ans ».",
        [None],
    ),
    (
        "Le ministre de l'Économie, Étienne Castan, a reçu le maire, Bertrand Collon. « Les "
        "collectivités doivent prendre leur part », a plaidé le locataire de Bercy.",
        ["Étienne Castan"],
    ),
    (
        "« Le festival fait vivre la langue régionale autrement que dans les musées », a souligné "
        "la vice-présidente de la Collectivité européenne d'Alsace chargée de la culture et du "
        "bilinguisme, Christiane Wendel.",
        ["Christiane Wendel"],
    ),
    # a subject the parser missed: the description opening the sentence; a name opening the
    # sentence after the quote, with its appositions before the verb
    (
        "Marcel Vigour tient la boulangerie depuis 1979.\n\nPourquoi personne n'a voulu "
        "reprendre ? Le septuagénaire hausse les épaules. « Pourquoi ? Parce que c'est un métier "
        "de fou. »",
        ["Marcel Vigour"],
    ),
    (
        "« On passerait à 29 élèves par classe. » Aurélie Castan, 38 ans, mère de deux élèves et "
        "présidente de l'association des parents, a installé son matelas dans la classe.",
        ["Aurélie Castan"],
    ),
    # a description in a text that has named one woman is her
    (
        "Nathalie Lefranc-Dufour a repris la brosserie en 2015.\n\nLe carnet de commandes est "
        "plein.\n\nLes apprentis arrivent en septembre.\n\n« On se bat chaque mois sur les "
        "approvisionnements », assure la cheffe d'entreprise.",
        ["Nathalie Lefranc-Dufour"],
    ),
    # definite descriptions: "la mère de famille" just after the name, "du prévenu", "l'avocat"
    # (a man), "la nouvelle maire" (a woman), "Celle qui …"
    (
        "Karine Vabre, 45 ans, opératrice, est venue avec sa fille. « Si la ligne part, c'est la "
        "moitié de notre salaire », explique la mère de famille.",
        ["Karine Vabre"],
    ),
    (
        "Kévin Lautrec, 34 ans, comparaissait libre. La présidente, Véronique Salgas, l'a "
        "interrogé.\n\nRéponse du prévenu : « Je pensais que ça allait repartir. »",
        ["Kévin Lautrec"],
    ),
    (
        "Me Laurent Gimbel et l'avocate des victimes, Me Sophie Andrieux, se sont opposés. "
        "« Où est l'argent ? Dans les salaires », a fait valoir l'avocat.",
        ["Laurent Gimbel"],
    ),
    (
        "La liste d'Isabelle Ferrier l'emporte face au maire sortant, Michel Lacroux.\n\n« Je "
        "n'y croyais plus », a soufflé la nouvelle maire.",
        ["Isabelle Ferrier"],
    ),
    (
        "« Il faudra supprimer deux créations », explique la directrice du festival, Sophie "
        "Lagarde.\n\nCelle qui dirige le festival depuis 2017 refuse de parler de crise. « Le "
        "public est là. »",
        ["Sophie Lagarde", "Sophie Lagarde"],
    ),
    # an interview: quote paragraphs back to back keep their speaker, whoever the next
    # paragraph names
    (
        "« Nous manquons de médecins », reconnaît la directrice, Claire Fabre.\n\n« Nous ne "
        "sommes pas les seuls. »\n\nLe docteur Nathalie Combe, cheffe des urgences, nuance ce "
        "discours.",
        ["Claire Fabre", "Claire Fabre"],
    ),
    # two descriptions that differ by their adjective are two people
    (
        "Hélène Morvan, l'élue normande, a voté pour.\n\nLe texte passe au Sénat.\n\nSur les "
        "bancs écologistes, Inès Karadag a voté aussi. L'élue écologiste a insisté : « Réguler "
        "sans former, c'est déplacer la pénurie. »",
        ["Inès Karadag"],
    ),
    # an organisation as the antecedent of "elle"; a name opening the sentence before the quote
    # wins over the next paragraph's
    (
        "La préfecture du Nord conteste ce chiffre. « La capacité d'hébergement a été augmentée "
        "de 18 % », fait-elle valoir.",
        ["préfecture du Nord"],
    ),
    (
        "Debout près de son chalutier, Yannick Le Berre, 54 ans, patron pêcheur, fait ses "
        "comptes. « Quatre jours de mer, 2 800 litres de gazole. »\n\nSon fils, 26 ans, écoute "
        "sans rien dire.",
        ["Yannick Le Berre"],
    ),
    # several named speakers together: no single speaker; "son président" of an organisation
    # whose president the text does not name
    (
        "Dans une déclaration commune, la CFDT, la CGT et la CFTC dénoncent « une réforme de "
        "plus, décidée avant l'évaluation de la précédente ».",
        [None],
    ),
    (
        "Pierre-Yves Lemaire, président de l'Association des maires ruraux, a salué le texte. "
        "L'Association des petites villes de France plaide, elle, pour autre chose. Son président "
        "avait dénoncé en février « un financement au coup par coup qui décourage les élus ».",
        [None],
    ),
    (
        "Sollicité, le ministère chargé du Logement indique que « le budget de l'hébergement "
        "d'urgence est préservé ».",
        ["ministère chargé du Logement"],
    ),
    # the rest of the sentence after a fragment, then the words: the same speaker
    (
        "Kévin Lautrec, ancien gérant, comparaissait libre.\n\nLe tribunal a entendu six "
        "victimes.\n\nÀ la barre, Kévin Lautrec a reconnu « des erreurs de gestion » mais "
        "contesté toute intention frauduleuse. « J'ai été débordé. J'ai pris trop de chantiers. »",
        ["Kévin Lautrec", "Kévin Lautrec"],
    ),
    # a title whose holder was last seen paragraphs ago: the untitled person just named
    (
        "Mathis Guérin, défenseur du club, a été exclu à la 30e minute.\n\nLe match a repris "
        "sous la pluie.\n\nLes Bretons ont égalisé par Loïc Cadieu. « J'ai vu le ballon "
        "arriver », raconte le défenseur de 31 ans.",
        ["Loïc Cadieu"],
    ),
    (
        "Dans une déclaration commune, la CFDT, la CGT, FO, la CFE-CGC et la CFTC dénoncent "
        "« une réforme de plus, décidée avant même l'évaluation de la précédente ».",
        [None],
    ),
    (
        "Jean-Luc Stéfan préside le comité des pêches. Interrogé, le ministère de la Mer renvoie "
        "au plan de résilience, qui prévoit selon lui « une enveloppe de 30 millions d'euros ».",
        ["ministère de la Mer"],
    ),
    (
        "« Le feu est maîtrisé », a indiqué la préfecture de Seine-Maritime. « Aucun produit "
        "dangereux n'était stocké dans la zone », selon la même source.",
        ["préfecture de Seine-Maritime", "préfecture de Seine-Maritime"],
    ),
    (
        "« Je n'y croyais plus », a soufflé Isabelle Ferrier. Avant de monter sur une chaise pour "
        "un premier discours : « Ce soir, Castelnau a choisi le changement. »",
        ["Isabelle Ferrier", "Isabelle Ferrier"],
    ),
    (
        "Une convention existe, confirme l'Agence régionale de santé Occitanie, selon laquelle "
        "« un dispositif de soutien sera déployé dès la rentrée ».",
        ["Agence régionale de santé Occitanie"],
    ),
    # a quote that ends its sentence is followed by a new sentence, not by an incise
    (
        "La ministre de l'Éducation, Corinne Bastide, visite le collège. « On a gagné trente mots "
        "par minute », explique la principale, Sylvie Raynal.\n\nLa ministre l'écoute, prend des "
        "notes. Puis elle promet : « Ce ne sera pas une réforme de plus sans moyens. » Sylvie "
        "Raynal sourit poliment.",
        ["Sylvie Raynal", "Corinne Bastide"],
    ),
    # a title written before a name describes that name, not the person described before
    (
        "Robert Issal, 79 ans, attendait une radio. Le retraité hausse les épaules.\n\nLe maire "
        "de Montbrun, Francis Delmar, a fait voter une motion. Pour lui, « c'est l'attractivité "
        "de tout le territoire qui se joue là ».",
        ["Francis Delmar"],
    ),
    # the organisation the press asked for its side
    (
        "Contacté, Ventalor assure que « le projet a fait l'objet de onze réunions publiques ».",
        ["Ventalor"],
    ),
    # a multi-word reporting verb's noun ("en garde") is not a verb of its own
    (
        "Dans un communiqué, la FNSEA a salué « une avancée attendue depuis des décennies », "
        "tout en mettant en garde contre toute « exception accordée en catimini aux projets »",
        ["FNSEA", "FNSEA"],
    ),
    # a first name the text introduces with an age is a person
    (
        "Théo, 24 ans, moniteur de surf, a grandi ici. « Pour nous, la côte qui bouge, c'est "
        "normal », résume-t-il.",
        ["Théo"],
    ),
    # after a quote continued from an attributed one, the next paragraph is someone else
    (
        "« Nous présentons un budget de responsabilité », a défendu la ministre, Sophie Lambert. "
        "« La charge de la dette augmente. »\n\nLe ministre des Comptes publics, Hugo "
        "Deschênes, a détaillé la répartition.",
        ["Sophie Lambert", "Sophie Lambert"],
    ),
    # the next sentence names its speaker and quotes them again
    (
        "« Taxer les mutuelles, c'est taxer les retraités », a résumé Priscilla Ducros.\n\n"
        "« Pendant qu'on taxe les malades, on refuse de toucher aux superprofits. » Le député "
        "Ismaël Bensaïd a, lui, dénoncé mardi « l'hypocrisie d'une majorité ».",
        ["Priscilla Ducros", "Ismaël Bensaïd", "Ismaël Bensaïd"],
    ),
    # ... but not from the next paragraph
    (
        "Un enseignant, qui souhaite rester anonyme, hésite. « Je crains qu'une évacuation ne "
        "laisse des traces. »\n\nLa rectrice, Sylvie Lemoine, a appelé mardi « toutes les "
        "parties au dialogue ».",
        [None],
    ),
    # court reports: the prosecution's words, then what it asks for
    (
        "Rozenn Le Dantec a témoigné.\n\n« Ces faits sont d'une particulière gravité. » Le "
        "substitut du procureur, Mehdi Benarous, a requis deux ans avec sursis.",
        ["Mehdi Benarous"],
    ),
    # a person the recogniser took for a place, by their compound first name
    (
        "La gérance a été confiée à Fatima-Zahra El Idrissi, ancienne responsable de rayon. "
        "« Je veux un lieu où l'on vient même sans rien acheter », dit-elle.",
        ["Fatima-Zahra El Idrissi"],
    ),
    # "X complète : « … »": a second speaker adds to the first
    (
        "Le prix va à Thanh Pham, cofondateur de la conserverie avec Élouan Rivière. « On "
        "récupère les légumes invendus », explique Thanh Pham. Élouan Rivière complète : « Un "
        "maraîcher peut jeter jusqu'à 20 % de sa récolte. »",
        ["Thanh Pham", "Élouan Rivière"],
    ),
    # a policy's name inside someone's words is still a quote
    (
        "Le syndicat réclame « un plan de sauvegarde de l'emploi ambitieux », a dit Paul Martin.",
        ["Paul Martin"],
    ),
    # a description with an age gives new facts about the person just named, titled or not
    (
        "Le dernier tir a fini dans les bras de Mathis Guéguen. Le gardien de 22 ans a disparu "
        "sous les maillots.\n\nLes joueurs avaient égalisé par leur capitaine, Loïc Cadiou. "
        "« J'ai vu le ballon arriver », raconte le défenseur central de 31 ans.",
        ["Loïc Cadiou"],
    ),
    # a description that is a sentence's subject is the antecedent of the next "elle"
    (
        "Sur X, la députée Samia Bouchareb a salué la rentrée. La rectrice, Dominique "
        "Wisniewski, a visité l'école.\n\nSur X, la députée Samia Bouchareb a salué « une "
        "rentrée placée sous le signe de l'exigence ». Interrogée sur les fermetures, la rectrice "
        "a, elle, défendu une logique démographique. « Il y a 4 000 élèves de moins », "
        "a-t-elle répondu.",
        ["Samia Bouchareb", "Dominique Wisniewski"],
    ),
    # a particle closing a compound surname, and an acronym title
    (
        "Le directeur académique, Olivier Tran-Van, a visité l'école. « Sur ces 230 postes, 180 "
        "sont couverts », nuance le Dasen.",
        ["Olivier Tran-Van"],
    ),
    # "le prévenu" is the one the report says is on trial, not the one untitled person
    (
        "Poursuivi pour blessures involontaires, Jean-Michel Oyharçabal, 61 ans, gérant de "
        "l'entreprise, comparaissait mardi. Hoa Tran-Lagarde, la mère de Lucas, a témoigné. "
        "Le prévenu a reconnu « une erreur d'appréciation de ma part ».",
        ["Jean-Michel Oyharçabal"],
    ),
    # a demonym after "ce" is nobody's name, nor a town that acts
    (
        "Jean-Baptiste Etcheverry, conseiller municipal, vit ici depuis vingt ans. Ce Basque "
        "d'origine se dit favorable aux renouvelables. « Je ne suis pas contre l'éolien », "
        "a-t-il insisté.",
        ["Jean-Baptiste Etcheverry"],
    ),
    # a player named by position, a writer as the prize winner
    (
        "Puis Arthur Hovhannessian a passé la pénalité de la gagne.\n\n\"Je ne l'ai pas vue "
        "passer\", a raconté le demi d'ouverture.",
        ["Arthur Hovhannessian"],
    ),
    (
        "Le jury a désigné Lan-Anh Phạm-Duval pour son premier roman.\n\n« J'ai écrit ce "
        "livre pour ma grand-mère », a lancé la lauréate, 34 ans.",
        ["Lan-Anh Phạm-Duval"],
    ),
    # a social network's name before the speaker is not part of the name
    (
        "« C'est une victoire », a écrit sur X Thierry Van Acker, député de l'Aisne.",
        ["Thierry Van Acker"],
    ),
    # an answer to the question quoted before it is not the asker's
    (
        "Poursuivi pour abus de biens sociaux, Marc-Antoine Lesueur, 52 ans, comparaissait "
        "jeudi. La présidente, Hélène Kervella, l'interroge sur les virements. « Qui les a "
        "signés ? » La réponse fuse : « Moi. Je n'avais pas le choix. » « Pourquoi ? », "
        "insiste la magistrate. « Parce que la banque l'exigeait. »",
        ["Hélène Kervella", "Marc-Antoine Lesueur", "Hélène Kervella", "Marc-Antoine Lesueur"],
    ),
    # question, answer, then a question again (the asker) and its answer, in bare paragraphs
    (
        "Hugo Lemaire, 31 ans, est poursuivi pour conduite en état d'ivresse.\n\n"
        "« Vous aviez bu combien de verres ? » demande la présidente du tribunal, Soizic "
        "Kerhervé. Le prévenu hésite. « Quatre ou cinq bières. » L'éthylomètre avait relevé "
        "0,92 mg d'alcool par litre d'air expiré.\n\n« Et vous avez pris le volant. Pourquoi ? »"
        "\n\n« J'habitais à six kilomètres. »",
        ["Soizic Kerhervé", "Hugo Lemaire", "Soizic Kerhervé", "Hugo Lemaire"],
    ),
    # a description that says an age goes to the person whose age fits
    (
        "René Muller y est entré en 1991. Son fils Loïc, 27 ans, y est cariste. « Je ne sais "
        "pas si je serai encore là à Noël », confie le jeune homme. Le quinquagénaire, lui, "
        "préfère parler de la bière. « On a rapporté trois médailles. »",
        ["Loïc Muller", "René Muller"],
    ),
    (
        "Lucie Carpentier, 31 ans, aide-soignante, remplit sa voiture. Ses enfants, Nolan, 6 "
        "ans, et Jade, 3 ans, dorment chez leur grand-mère. « Les petits ont vu l'eau entrer », "
        "confie la jeune mère.",
        ["Lucie Carpentier"],
    ),
    # the antecedent of "Il" comes before it, not the young man he speaks of
    (
        "Didier Marchal a glissé. Son fils Killian, 19 ans, est descendu jusqu'à lui. Le "
        "capitaine Éloi Garrigues a dirigé les secours. Il rend hommage au jeune homme : « Il "
        "nous a donné des repères très précis. »",
        ["Éloi Garrigues"],
    ),
    # an intertitle in quote marks repeats words said below it, not the quote above it
    (
        "« Moi, je vais où ? », lâche Laetitia Bonnafous.\n\n« Nous ne pouvons plus "
        "attendre »\n\n« Nous ne pouvons plus attendre. Deux crues en onze mois. »\n\n"
        "L'avertissement est signé Marie-Hélène Castex, maire de Moissac.",
        ["Laetitia Bonnafous", "Marie-Hélène Castex", "Marie-Hélène Castex"],
    ),
    # a box of questions: the quoted answers are the interviewee's
    (
        "Le club a fêté sa qualification. « On y croyait », a dit Lamine Sy.\n\n"
        "Trois questions à Sékou Diarra, entraîneur du FC Monts-du-Garon\n\n"
        "Qu'avez-vous dit à la mi-temps ?\n\n« Pas grand-chose. Qu'ils avaient le droit de "
        "prendre du plaisir. »\n\nEt maintenant ?\n\n« Un club de Ligue 2, à domicile. »",
        ["Lamine Sy", "Sékou Diarra", "Sékou Diarra"],
    ),
    # the journalists of a byline after the date speak for no one
    (
        "Grève aux urgences\nPublié le 3 juin 2025 à 18h12 | Par Laure Schmitt, avec Mehdi "
        "Bouaziz\n\nLe personnel est en grève. « On ne tiendra pas un été de plus. »",
        [None],
    ),
    # someone the text does not name, before the verb of a colon clause
    (
        "Le tribunal a condamné Kylian Ferrand à dix-huit mois de prison.\n\nÀ la sortie, un "
        "habitant de Montanou venu assister à l'audience se disait soulagé : « On demande juste "
        "que ça s'arrête. »",
        [None],
    ),
    # a firm named once in full speaks through its name used alone later
    (
        "L'intersyndicale de Valferrie (CGT, CFDT, CFE-CGC) a écrit au ministre. Chez "
        "Valferrie, le sidérurgiste qui "
        "emploie 2 300 personnes, on assure que le site « ne passera pas l'hiver » sans accord.",
        ["Valferrie"],
    ),
    # "l'ancien cadre": the adjective says the gender the elided article hides
    (
        "Jean-Marc Le Goarant, 61 ans, a été condamné pour abus de confiance.\n\n« Personne "
        "n'a rien vu ? », a interrogé la présidente du tribunal, Agnès de Kersauson.\n\n« Je "
        "faisais les comptes seul », a répondu l'ancien cadre de La Poste.",
        ["Agnès de Kersauson", "Jean-Marc Le Goarant"],
    ),
    # a paragraph whose last sentence has someone speak hands its words to the next quote
    (
        "Devant la presse, le directeur général d'AFI, Olivier Van Acker, a justifié la "
        "décision par la chute des commandes.\n\n« Nous avons tout essayé avant d'en arriver "
        "là. »",
        ["Olivier Van Acker"],
    ),
    # … a reporter's question put to the subject of the sentence before it
    (
        "Inès Marchand, 21 ans, est porte-parole du comité. Elle a dormi sur place huit nuits "
        "sur dix. Pourquoi tenir aussi longtemps ? « Parce que si on part, c'est fini. »",
        ["Inès Marchand"],
    ),
    # "C'est la question que pose X": a speech noun in the next sentence
    (
        "« Qui va ramasser les ordures si on supprime des postes ? » C'est la question que pose "
        "Nadia Bensalem, secrétaire générale de la Fédération CGT des services publics.",
        ["Nadia Bensalem"],
    ),
    # kin named by a possessive: the one of that gender who shares the surname
    (
        "Dans le public, Martine et Gérard Rolland assistaient à leur huitième festival. « On "
        "prend nos vacances en fonction des dates », raconte Martine Rolland. Son mari, lui, "
        "avoue avoir pleuré. « Je ne suis pas corse. »",
        ["Martine Rolland", "Gérard Rolland"],
    ),
    (
        "Sa voiture a percuté le vélo d'Erwan Riou. Yannick et Anne-Gaëlle Riou se tiennent la "
        "main. La mère d'Erwan a parlé. Son mari "
        "n'a pas souhaité s'exprimer. À la suspension, il glisse : « On attend qu'il "
        "comprenne. »",
        ["Yannick Riou"],
    ),
    # "La phrase est de X": a speech noun in the next sentence
    (
        "« On nous parle de chiffres. Nous, on parle d'enfants. » La phrase est d'Oumar Ba, "
        "père de deux élèves.",
        ["Oumar Ba"],
    ),
    # the answer to a question put to someone by name is theirs
    (
        "Catherine Morvan, adjointe au logement, a présenté le programme. La cheffe de file de "
        "l'opposition, Yasmina Haddad, a interpellé l'adjointe : « Madame Morvan, combien de "
        "logements seront accessibles ? » « Un tiers, au minimum », a répondu l'élue de la "
        "majorité.",
        ["Yasmina Haddad", "Catherine Morvan"],
    ),
    # "À ses yeux": the person just quoted
    (
        "La maire, Béatrice Dufour-Lemaire, ne cache pas sa colère. « Les digues n'ont pas "
        "bougé. » À ses yeux, le programme Aa Résilience 2027, porté par le syndicat mixte, "
        "« avance trop lentement ». Son président, Didier Vanhoutte, défend le calendrier.",
        ["Béatrice Dufour-Lemaire", "Béatrice Dufour-Lemaire"],
    ),
    # words quoted inside a sentence that ends on an incise
    (
        "Le feu a été « maîtrisé vers 6 h 30 » par une centaine de sapeurs-pompiers, a précisé "
        "la préfecture dans un communiqué. « Aucun produit dangereux n'était stocké », selon la "
        "même source.",
        ["préfecture", "préfecture"],
    ),
    # … not after a quote that ended its own sentence
    (
        "« Ils ont les chiffres, nous on a les carnets de commandes. » Nadia Ferhat, élue du "
        "CSE, accuse le groupe Nordvik d'avoir « organisé la baisse d'activité ».",
        ["Nadia Ferhat", "Nadia Ferhat"],
    ),
    # a passive participle tagged as an adjective: the agent after "par" speaks
    (
        "La ministre a promis 400 millions d'euros. Une somme jugée « dérisoire au regard des "
        "enjeux » par l'Association des maires ruraux de France, qui réclame le double.",
        ["Association des maires ruraux de France"],
    ),
    # a byline without "Par": a name alone on its line over the date line
    (
        "Agression du maire : six mois avec sursis\n\nJérôme Kessler\nLe 09/04/2025 à 19:20"
        "\n\nLe tribunal a jugé Patrick Hennequin, 52 ans. À la barre, le quinquagénaire peine à "
        "trouver ses mots. « Je le regrette », a-t-il expliqué. La présidente du tribunal, Claire "
        "Bousquet, se penche vers lui. « Vous n'avez jamais présenté d'excuses. Pourquoi ? » Le "
        "prévenu hausse les épaules. « Je ne "
        "savais pas comment m'y prendre. »",
        ["Patrick Hennequin", "Claire Bousquet", "Patrick Hennequin"],
    ),
    # a pronoun incise right after someone's quote, no one named between: the same speaker
    (
        "Jean-Marc Dupuis, 62 ans, a tout perdu. Deux maisons plus loin, Rachid Benkhelifa, 45 "
        "ans, maçon, a branché un groupe électrogène. « Je n'ai eu que vingt centimètres dans le "
        "garage, moi. » « Le plus dur, ce sont les anciens », ajoute-t-il.",
        ["Rachid Benkhelifa", "Rachid Benkhelifa"],
    ),
    # an intertitle after a paragraph where someone speaks is the words of the one below it
    (
        "Ce plan a été lancé par Stéphane Morvan, qui a annoncé la fermeture mardi.\n\n« On a "
        "appris ça une heure avant »\n\nDevant l'usine, Jean-Luc Perrin, délégué CGT, ne "
        "décolère pas. « On a appris ça une heure avant, par un article de presse. »",
        ["Jean-Luc Perrin", "Jean-Luc Perrin"],
    ),
    # a title whose complement names another place than the holder's is someone else's
    (
        "Manon Ribeiro, députée de Seine-Saint-Denis, votera contre. La rapporteure du texte, "
        "Claire Vautrin, a défendu le dispositif. Selon la députée de la Sarthe, le fonds "
        "« permettra de recruter 25 000 aides à domicile ».",
        ["Claire Vautrin"],
    ),
    (
        "Dominique Wisniewski, rectrice de l'académie de Nancy-Metz, a fait sa rentrée. « Zéro "
        "classe sans professeur à la Toussaint », a promis la rectrice de Nancy-Metz.",
        ["Dominique Wisniewski"],
    ),
    # the author of a work named just before is not whom a title describes
    (
        "Autre temps fort, le retour de Margot Lenoir dans « Le Jardin d'hiver », d'après le "
        "roman d'Annie Arnal. « Ici, le public est à deux mètres de vous », confie la "
        "comédienne.",
        ["Margot Lenoir"],
    ),
    # a speech verb the quote does not depend on, before another subject, is not its cue
    (
        "Congrès du PS : Olivia Grandjean l'emporte, Sophie Ardouin refuse de « tourner la "
        "page »\n\nAu premier rang, Sophie Ardouin n'a pas applaudi.",
        ["Sophie Ardouin"],
    ),
    # … but a speaker's own question does not hand the floor to someone else
    (
        "Paul Martin, maire de Lyon, a répondu à Claire Fontaine. « Qui va payer ? », "
        "s'interroge le maire. « Pas l'État, en tout cas. »",
        ["Paul Martin", "Paul Martin"],
    ),
    # a quote that opens its paragraph, then a sentence whose subject is a person named after
    # a title or an opening phrase
    (
        "La crue a tout emporté.\n\n« On a vu l'eau monter de quarante centimètres en une "
        "heure. » Le maire, Jean-Louis Cazals, n'a presque pas dormi depuis samedi.",
        ["Jean-Louis Cazals"],
    ),
    (
        "L'usine fermera.\n\n« C'est un coup de massue. » Élue CGT et secrétaire du CSE, "
        "Fabienne Rouzaud ne cachait pas sa colère.",
        ["Fabienne Rouzaud"],
    ),
    # "elle" after a sentence whose subject is an organisation of that gender is the
    # organisation, words in quote marks before the quote notwithstanding …
    (
        "Josette Rivaud, porte-parole du collectif, ne décolère pas.\n\nL'agence régionale de "
        "santé (ARS) Nouvelle-Aquitaine a fermé les urgences de nuit. Sollicitée, l'ARS indique "
        "que « la continuité des soins est assurée ». Elle rappelle que la fermeture est "
        "« temporaire » et qu'« un bilan sera fait à la rentrée ».",
        ["agence régionale de santé Nouvelle-Aquitaine"] * 2,
    ),
    # … unless a woman was named in the same paragraph before it
    (
        "La maire de Porz-Morvan, Annick Le Dû, parle d'une fierté. La commune de Porz-Morvan a "
        "voté une subvention. Elle sourit : « Anne-Sophie, c'est la preuve qu'on peut rester au "
        "pays. »",
        ["Annick Le Dû"],
    ),
    # a paragraph that is a quote alone, after a paragraph that ends on someone: theirs, even
    # when that paragraph quoted someone earlier …
    (
        "« On est à la limite de la rupture. » À 66 ans, Hervé Lestang ne mâche pas ses mots. "
        "Il dit avoir tout essayé pour attirer un jeune confrère.\n\n"
        "« Les jeunes viennent en stage, et puis ils repartent en ville. »",
        ["Hervé Lestang", "Hervé Lestang"],
    ),
    (
        "Léa, 34 ans, infirmière aux urgences, a vu partir la moitié de l'équipe. Elle envisage "
        "de se reconvertir.\n\n« La revalorisation des nuits, c'est bien. Mais nous voulons "
        "des ratios. »",
        ["Léa"],
    ),
    # … but not when words follow the quote in its paragraph
    (
        "Léa, 34 ans, infirmière aux urgences, a vu partir la moitié de l'équipe. Elle envisage "
        "de se reconvertir.\n\n« La revalorisation des nuits, c'est bien. » Le ministère "
        "promet des ratios pour 2027.",
        [None],
    ),
    # reported speech opened by "selon X", then X's own words
    (
        "« Ce robot n'est pas un gadget », explique le professeur Jean-Marc Tessier. Claire "
        "Morel, directrice, approuve. Selon lui, la durée de séjour devrait passer de cinq à deux "
        "jours. « Pour un patient de 70 ans, ça change tout. »",
        ["Jean-Marc Tessier", "Jean-Marc Tessier"],
    ),
    (
        "Le maire, Paul Martin, a inauguré la halle. Selon un commerçant, la fréquentation a "
        "doublé. « On revit. »",
        [None],
    ),
    # a quote ending on a nested quote ends its sentence: what follows is no incise
    (
        "À 78 ans, Jean-Claude Vernay passe encore chaque matin au chai. « Au début, je n'y "
        "comprenais rien. Je me suis dit : “Ils vont couler la maison.” » Il marque une pause. "
        "« Je me suis trompé. »",
        ["Jean-Claude Vernay", "Jean-Claude Vernay"],
    ),
    # an inverted clitic before the quote is the subject, however the parser labels it
    (
        "Mathilde Vernay nous attend au chai. Elle a 44 ans, un diplôme d'œnologie obtenu à "
        "Bordeaux et, dit-elle en riant, « la patience d'une mule ».",
        ["Mathilde Vernay"],
    ),
    # "le dirigeant" of a company is its PDG (data/role_synonyms.tsv)
    (
        "Thierry Vasseur, PDG du groupe Hydralis, a été entendu par la commission. Le député "
        "Damien Clerc l'a interrogé. « Il s'agit d'une expression malheureuse », a reconnu le "
        "dirigeant.",
        ["Thierry Vasseur"],
    ),
    # a quote left without a speaker is said by whoever "adds" the next one in its paragraph
    (
        "Le club retrouve la Fédérale 2.\n\n« Je n'ai pas regardé les poteaux. » L'auteur du "
        "coup de pied décisif avait du mal à réaliser. « Le coach m'a dit de respirer », a "
        "ajouté Théo Marty.",
        ["Théo Marty", "Théo Marty"],
    ),
    # … but not whoever "renchérit": that answers someone else
    (
        "Le club retrouve la Fédérale 2.\n\n« Je n'ai pas regardé les poteaux. » L'auteur du "
        "coup de pied décisif avait du mal à réaliser. « Il a été énorme », renchérit Théo "
        "Marty.",
        [None, "Théo Marty"],
    ),
    # a person named by first name only is that name wherever it recurs …
    (
        "Léa, 34 ans, infirmière libérale, prépare ses piluliers.\n\nPremière étape : Marcel, "
        "87 ans, qui vit seul. « Elle est plus fiable que la Poste », plaisante le vieil homme. "
        "Léa sourit, contrôle la glycémie. « Il faut regarder ce qu'il mange. »\n\n"
        "Pour Léa, une partie de la réponse viendra des infirmières. La maire, Odile Perrin, "
        "a rénové le presbytère. Léa attend beaucoup du ministère. « On fait déjà beaucoup de "
        "choses en dehors des clous », estime-t-elle.",
        ["Marcel", "Léa", "Léa"],
    ),
    # … and a first name of either gender, subject of its paragraph, is "elle" there
    (
        "Léa, 34 ans, infirmière libérale, sourit. « Le matin, c'est la course », dit-elle.\n\n"
        "Camille, 41 ans, sa collègue et associée, fait la tournée de l'autre versant. « On ne "
        "peut pas se le permettre », tranche-t-elle.",
        ["Léa", "Camille"],
    ),
    # verbs of fear introduce a fragment, past scare quotes earlier in the sentence
    (
        "Le Medef, de son côté, « prend acte » du vote, mais redoute « une désorganisation "
        "lourde dans les petites entreprises ».",
        ["Medef"],
    ),
    # what an organisation presents something as
    (
        "Clermont Auvergne Métropole a adopté mercredi son plan de mobilité. Quatre lignes de "
        "bus : la métropole présente ce programme comme « le plan de mobilité le plus ambitieux "
        "de son histoire ».",
        ["Clermont Auvergne Métropole"],
    ),
    # a rare incise verb the tagger takes for a noun
    (
        "La loi a renforcé les obligations de stock. « C'est bien sur le papier. Encore faut-il "
        "qu'elles soient contrôlées », tacle Laurent Guibert.",
        ["Laurent Guibert"],
    ),
    # a title, then the name the parser coordinates with it, as the next sentence's subject
    (
        "Hugo Ballester savourait : “On a enfin joué ensemble.”\n\n“Je suis fier d'eux, "
        "vraiment fier.” Le coach de Saint-Clair, Patrice Auger, ne cachait pas son émotion.",
        ["Hugo Ballester", "Patrice Auger"],
    ),
    # an adjective the model takes into a name is left out of it
    (
        "Les Clairsiens ont fait la différence dans le troisième quart-temps (24-12), emmenés "
        "par un Damien Okafor intenable (23 points, 9 rebonds). “On savait qu'ils allaient nous "
        "attendre sur le jeu intérieur”, explique l'ailier fort de 27 ans. À ses côtés, le "
        "meneur Hugo Ballester savourait.",
        ["Damien Okafor"],
    ),
    # a relative clause after a quote is no incise
    (
        "«Mon client a eu peur», a plaidé son avocat, Me Erwan Kerjean. Selon lui, la cour "
        "aurait dû tenir compte «du climat de menaces» qui régnait depuis des semaines.",
        ["Erwan Kerjean", "Erwan Kerjean"],
    ),
    # a definite organisation noun no name uses stands for the organisation subject just before
    (
        "Du côté des assureurs, France Assureurs a activé sa cellule de crise. « Les premières "
        "indemnisations ont été versées », indique la fédération, qui invite les sinistrés à "
        "« photographier tous les biens endommagés avant de les jeter ».",
        ["France Assureurs", "France Assureurs"],
    ),
    # a title in apposition with a name describes that name, not the person named before
    (
        "À ses côtés, Élodie, 46 ans, aide-soignante, vérifie la perfusion. « Il n'y a plus de "
        "lit », explique-t-elle.\n\nLa cheffe du service, le docteur Anne-Sophie Guérin, arrive "
        "à 1 heure. Elle connaît chaque recoin du service. « Là, c'est devenu notre "
        "fonctionnement normal », dit-elle.",
        ["Élodie", "Anne-Sophie Guérin"],
    ),
    # a first name in apposition after a possessive kin noun is a person
    (
        "Dans le box numéro 6, Marcel, 84 ans, attend un scanner. Sa fille, Véronique, assise "
        "sur une chaise, n'a pas fermé l'œil. « Ils sont formidables, tous. »",
        ["Véronique"],
    ),
    # a demonstrative description points back to the person just named
    (
        "Le maire, Paul Martin, a voté la motion. Parmi les parents, Aurélie Fontaine, "
        "présidente de l'association. « Avec trois classes, ce n'est plus la même école », "
        "explique cette mère de deux enfants.",
        ["Aurélie Fontaine"],
    ),
    # … but a title nobody holds, with no one for it in the paragraph, names nobody
    (
        "Anne-Sophie Quérel dirige la chaire. « Il y a un retard considérable », "
        "explique-t-elle.\n\nLe plan Eau a été présenté en 2023. « Sans données fiables, cet "
        "objectif restera un vœu pieux », estime une chercheuse.",
        ["Anne-Sophie Quérel", None],
    ),
    # "Pour" and an organisation opening the sentence attribute its words …
    (
        "La direction de Valdor Emballages a annoncé la fermeture du site. Pour l'Union locale "
        "CGT du Val de Brèche, cette décision est « un gâchis industriel et humain que rien ne "
        "justifie ».",
        ["Union locale CGT du Val de Brèche"],
    ),
    # … but not someone who is only the object of that sentence
    (
        "La crue a tout emporté.\n\n« On a vu l'eau monter. » Les pompiers ont évacué Jean "
        "Cazals vers le gymnase.",
        [None],
    ),
    # a subject the parser finds inside the title of the person it follows is that person
    (
        "Les entreprises sont associées. Claire Fontanel, présidente de la CCI Centre-Val de "
        "Loire, y voit « une réponse concrète aux 4 000 postes non pourvus dans le numérique en "
        "région ».",
        ["Claire Fontanel"],
    ),
    # a present participle the parser hangs on a subordinate verb has the sentence's subject
    (
        "Le Département finance les pistes. La préfecture du Var a répondu dans un communiqué "
        "que deux bombardiers d’eau seraient prépositionnés dans le département à partir du 1er "
        "juillet, soulignant que « la flotte nationale est mobilisée au bénéfice de l’ensemble "
        "des départements exposés au risque ».",
        ["préfecture du Var"],
    ),
    # "le gérant d'un camping" is someone the text does not name: "il" after it is nobody known
    (
        "Le capitaine Kevin Morel forme les saisonniers.\n\nLe gérant d’un camping de la "
        "commune, qui avait dû évacuer 300 vacanciers, accueille favorablement ces visites. « On a "
        "désormais un plan d’évacuation affiché dans chaque bungalow », assure-t-il.",
        [None],
    ),
    # the subject of a reflexive verb ("Il se souvient"), which the parser labels expl:subj
    (
        "Gérald, 58 ans, prend son café tous les matins. Conducteur de four pendant trente ans, "
        "il n'a pas retrouvé de travail.\n\nIl se souvient de la réunion de janvier 2024, quand "
        "la direction avait présenté son plan. « Le directeur nous a dit : “On ne vous laissera "
        "pas tomber.” Un an après, les fours étaient éteints. »",
        ["Gérald"],
    ),
    # "Pour X," opening the sentence after the quote names who holds that view
    (
        "Les scientifiques, eux, restent partagés. « Les retenues peuvent avoir un sens "
        "localement, à condition d'un suivi rigoureux des nappes. » Pour l'hydrologue Nadia "
        "Chérif, chercheuse à l'Inrae, le débat souffre surtout d'un manque criant de données.",
        ["Nadia Chérif"],
    ),
    # "l'organisation" is the one union or association of the text
    (
        "L'Union des producteurs de fruits de Lot-et-Garonne demande au préfet une mission "
        "d'enquête.\n\n« Les producteurs assurés ne doivent pas être les seuls à être "
        "protégés », souligne l'organisation, qui rappelle que peu de vergers sont couverts.",
        ["Union des producteurs de fruits de Lot-et-Garonne"],
    ),
    # a speech verb as a participle qualifying a noun reports nothing
    (
        "Olivier Fanjaud a présenté son programme. Avant de dérouler ses priorités : la "
        "rénovation de l’école, un « vrai plan de circulation pour le centre-bourg » et la reprise "
        "de la cantine, aujourd’hui confiée par la mairie de Montbrac à un prestataire privé.",
        ["Olivier Fanjaud"],
    ),
    # "fait savoir" reports like "fait valoir"
    (
        "L'inspection académique a répondu. Du côté de l'Éducation nationale, on se veut "
        "rassurant. « La carte scolaire n'est pas figée. Les effectifs seront recomptés en juin », "
        "fait savoir la directrice académique, Anne Roche.",
        ["Anne Roche"],
    ),
    # the answer to the presiding judge's question is the defendant's
    (
        "Kévin Marsal, 27 ans, comparaissait mardi devant le tribunal correctionnel pour "
        "blessures involontaires. Contrôlé après l'accident, le prévenu présentait un taux de "
        "1,62 gramme.\n\n« Vous aviez bu combien ? », interroge la présidente, Hélène Garric. "
        "« Quatre ou cinq bières, à un anniversaire. Peut-être plus. »",
        ["Hélène Garric", "Kévin Marsal"],
    ),
    # an organisation's name of several words, written again, is the organisation again
    (
        "Des riverains contestent le permis accordé en mars à la société Habitat Sud Promotion "
        "pour le lotissement.\n\nChez Habitat Sud Promotion, on met en avant le prix des lots, "
        "« entre 55 000 et 75 000 euros, soit 30 % de moins qu’à Agen ».",
        ["Habitat Sud Promotion"],
    ),
    # "un jeune homme" as a subject is someone unnamed, whom "il" may then refer to
    (
        "« Je n'ai jamais vu un carnage pareil », témoigne Rémi Faure, 44 ans, éleveur ovin, qui "
        "garde ses bêtes avec un berger salarié.\n\nLe berger, un jeune homme arrivé en juin, "
        "dort dans une cabane. « Je n'ai rien entendu. Les chiens ont aboyé vers 2 heures », "
        "raconte-t-il.",
        ["Rémi Faure", None],
    ),
    # the public speaking as one names nobody
    (
        "Et le maire, Henri Castaing, m’a dit ce soir-là : « Faites-le, la commune suivra. » Il a "
        "tenu parole.\n\nVous n’avez pas peur de perdre du public ?\n\nAu contraire. Le public "
        "nous le disait depuis des années : « C’est trop cher pour une famille. » On l’a entendu.",
        ["Henri Castaing", None],
    ),
    # a pronoun with nobody before it names the person its paragraph names next (cataphora)
    (
        "Il se tient droit, les mains croisées dans le dos, et répète qu'il « ne se souvient de "
        "rien ». Kévin Marsal, 29 ans, maçon, comparaissait mercredi devant le tribunal "
        "correctionnel.",
        ["Kévin Marsal"],
    ),
    # someone who withholds their name is nobody named, whatever the noun describing them
    (
        "La déléguée syndicale Nathalie Cordeiro dénonce la fermeture.\n\nSur le parking, une "
        "opératrice de 58 ans, qui ne souhaite pas donner son nom, fume une dernière cigarette. "
        "« J’ai commencé ici à 19 ans. Je ne sais faire que ça », dit-elle.",
        [None],
    ),
    # "La phrase tombe …" after a quote is about the words; the sentence after names who said them
    (
        "Au poste de soins, l'écran affiche en rouge le chiffre que tout le monde redoute : 23."
        "\n\n« Vingt-trois patients pour neuf box. Et il en arrive encore. » La phrase tombe sans "
        "colère, presque avec lassitude. Karim, 29 ans, infirmier depuis six ans, enchaîne sa "
        "troisième nuit de la semaine.",
        ["Karim"],
    ),
    # a name after a capitalised article, as the incise's subject, is an organisation's
    (
        "En octobre, l’association a lancé un appel aux dons. « Nous ne fermerons pas. Mais nous "
        "avons besoin de vous, maintenant », a écrit La Passerelle sur sa page.",
        ["La Passerelle"],
    ),
    # the sentence after the quote names whose feeling the words voiced
    (
        "Des salariés attendaient devant les grilles.\n\n« Ça fait deux ans qu’on alerte sur "
        "l’état des équipements de cet atelier. Deux ans ! » La colère de Sandrine Vial, déléguée "
        "CGT au comité social et économique de l’usine, est palpable.",
        ["Sandrine Vial"],
    ),
    # the verb the quote depends on comes before an earlier quote in the sentence
    (
        "Le secrétariat d’Etat chargé de la Mer a indiqué « prendre acte » de la décision et "
        "promis que les pêcheurs concernés seraient indemnisés « dans les mêmes conditions que "
        "lors des précédentes fermetures », grâce au fonds européen.",
        ["secrétariat d’Etat chargé de la Mer"],
    ),
    # an unnamed person noun opening its sentence is its subject, whatever the parse: a
    # pronoun after it does not reach back to the named speaker before
    (
        "« Avec quels soignants ? », demande Samira Haddouche.\n\nUne mère, dont le fils de 15 "
        "ans a été hospitalisé cet été après une tentative de suicide, a pu échanger quelques "
        "minutes avec le ministre. « On a attendu quatre jours aux urgences », a-t-elle raconté.",
        ["Samira Haddouche", None],
    ),
    # a name withheld in a relative clause hung on an apposition
    (
        "« On ne les paie pas », tonne Jean-Marc Lartigau, président de la FDSEA.\n\nDans la "
        "foule, un éleveur de Hagetmau, la cinquantaine, qui n'a pas souhaité donner son nom, "
        "montre sur son téléphone le courrier. « J'ai 42 000 euros qui dorment quelque part "
        "dans un bureau », lâche-t-il.",
        ["Jean-Marc Lartigau", None],
    ),
    # a surname alone opening a sentence, which the recogniser leaves untagged, is the person
    (
        "Thierry Castaing, l'entraîneur, n'a pas cherché d'excuses. Le président Bernard Soulié "
        "a défendu son budget.\n\nCastaing, sous contrat jusqu'en 2027, a d'ailleurs confirmé "
        "vouloir poursuivre : « Je n'abandonne pas un groupe dans la difficulté. »",
        ["Thierry Castaing"],
    ),
    # "elle" after an opening adverbial stands for the organisation that was the subject of the
    # sentence before, its noun heading the name ("la société X")
    (
        "Sollicitée par le collectif, la société Logisud Immobilier n’a pas donné suite. Dans un "
        "communiqué diffusé en février, elle assurait que le projet respectait « l’ensemble des "
        "réglementations en vigueur ».",
        ["Logisud Immobilier"],
    ),
    # a description is the titled person named in the sentence just before, not the one
    # untitled person of that gender
    (
        "Léa, 31 ans, enceinte de sept mois, habite à Saint-Geniez.\n\nMême crainte chez Laure "
        "Combes, présidente du collectif Maternité Vivra. La mère de famille a fait ses "
        "comptes : « Depuis avril, trois femmes ont accouché aux urgences. »",
        ["Laure Combes"],
    ),
    # a paragraph that opens with "Selon X," hands its words to the quote standing alone after
    (
        "Frédéric Perret, délégué CGT, avait la voix blanche.\n\nSelon le syndicaliste, les "
        "machines les plus récentes ont été transférées en Pologne.\n\n« On a compris trop "
        "tard. La décision est prise depuis longtemps. »\n\nLe préfet a reçu les élus.",
        ["Frédéric Perret"],
    ),
    # who "n'a pas souhaité s'exprimer" says nothing; the name in apposition to the title after
    # the quote is its subject, not the client in the title's complement
    (
        "Le gérant de l’entreprise, Marc Giraudo, a vu sa peine réduite. Il n’a pas souhaité "
        "s’exprimer.\n\n« C’est une décision incompréhensible, et nous allons former un "
        "pourvoi. » L’avocat de M. Santoni, Me Alexandre Pellegrin, n’a pas caché sa déception.",
        ["Alexandre Pellegrin"],
    ),
    # quoted words predicated of a subject inside what a speaker says ("estimant que la cour
    # avait « … »") are the speaker's, not the subject's
    (
        "La cour d’appel d’Aix-en-Provence a confirmé la peine. L’avocat de M. Santoni, Me "
        "Alexandre Pellegrin, n’a pas caché sa déception. « Mon client n’a jamais touché un "
        "centime », a-t-il martelé, estimant que la cour avait « fait une lecture purement "
        "formelle du code de la commande publique ».",
        ["Alexandre Pellegrin", "Alexandre Pellegrin"],
    ),
    # a quote ending a paragraph that named its speaker is not the next paragraph's subject's
    (
        "Mercredi soir, une cinquantaine de personnes se sont rassemblées. Parmi elles, Samira, 41 "
        "ans, aide à domicile, qui vit aux Tilleuls depuis douze ans. « J’ai eu un accident de "
        "travail, et tout s’est enchaîné. »\n\nLe maire de Rouvières, Gérard Pellissier, dit "
        "avoir écrit à la préfète.",
        ["Samira"],
    ),
    # "Ce dernier", subject of the sentence before, is who the pronoun of the incise takes up
    (
        "Dans l'opposition, le délégué Francis Oustric a voté contre. « Pourquoi ne pas étaler "
        "la hausse ? », a-t-il lancé à Alain Cabrol.\n\nCe dernier lui a répondu que le "
        "syndicat avait déjà reporté la hausse. « Si on attend encore, c'est 25 % qu'il faudra "
        "voter », a-t-il rétorqué.",
        ["Francis Oustric", "Alain Cabrol"],
    ),
    # the State's services in a département speak through the one préfecture the text names
    (
        "La préfecture de la Drôme a autorisé le concours de la force publique. Les services de "
        "l’État rappellent que « le droit de propriété du bailleur social doit aussi être "
        "respecté ».",
        ["préfecture de la Drôme"],
    ),
    # a first name in apposition after "sa voisine", "son collègue" is a person introduced so
    (
        "Derrière son étal de fromages, Mathieu, 38 ans, éleveur de chèvres à Lherm, retrouve sa "
        "place. «Là, ils prennent le temps.» Sa voisine, Odile, maraîchère depuis trente ans sur "
        "le marché, est plus réservée. «C’est beau, mais le droit de place a augmenté de 40 %.»",
        ["Mathieu", "Odile"],
    ),
    # "Vénissac Agglomération", taken for a person, is a body: "Elle" is the association
    (
        "L’association Un Toit Pour Tous accompagne trois familles.\n\nL’association salue "
        "l’engagement de Vénissac Agglomération, qui a inscrit quarante logements d’urgence "
        "dans son programme. Elle regrette en revanche que le plan Logement d’abord « reste à "
        "Vénissac un slogan plus qu’une politique ».",
        ["Un Toit Pour Tous"],
    ),
    # a colon after a clause that opens on someone unnamed ("un spectateur", "Un supporter,
    # écharpe autour du cou,"), however it is parsed: no one the text names
    (
        "« Aujourd'hui, il faut réserver », sourit Philippe Gourmelon, 71 ans. À côté de lui, un "
        "spectateur plaisante : « C'est mieux qu'Avignon, et le parking est gratuit. »",
        ["Philippe Gourmelon", None],
    ),
    (
        "« On y croyait », a confié l'entraîneur Yannick Kerhervé.\n\nDans le club-house, on "
        "chantait encore. Un supporter, écharpe bleu et blanc autour du cou, résumait l’ambiance "
        "d’une phrase : « Trente ans que je viens ici. Je n’avais jamais vu ça. Jamais. »",
        ["Yannick Kerhervé", None],
    ),
    # an unnamed person noun after an opening adverbial is the sentence's subject however
    # parsed: the pronoun after it does not reach back to a named woman
    (
        "Martine Oudard est à l'origine du signalement. Elle dit avoir subi « des pressions "
        "pendant des mois et des mois ».\n\nÀ la sortie de la salle, une habitante de Valbrune "
        "venue soutenir l'ancien maire ne cachait pas son incompréhension. « Il a fait "
        "énormément pour la commune », soupirait-elle.",
        ["Martine Oudard", None],
    ),
    # a title whose complement is indefinite ("la gérante d'un bar") names no one the text names
    (
        "« Nous attendons 20 000 spectateurs », a annoncé la gérante du festival, Christiane "
        "Wendling.\n\nEn ville, les commerçants attendent le festival. « Les trois premiers "
        "soirs, on fait le chiffre d'un mois », glisse la gérante d'un bar à vins de la place "
        "Joffre.",
        ["Christiane Wendling", None],
    ),
    # the entourage of a named minister speaks for no one named
    (
        "La ministre de l’Éducation nationale, Nathalie Verchère, recevra les syndicats. “Le "
        "taux d’encadrement s’améliorera”, assure l’entourage de la ministre, qui rappelle que "
        "“chaque fermeture de classe fait l’objet d’un examen au cas par cas”.",
        [None, None],
    ),
    # "une autre soignante, qui préfère rester anonyme": no name, however the clause is parsed
    (
        "« Il n'y a plus de lit », explique Élodie, infirmière. Un peu plus loin, une autre "
        "soignante, qui préfère rester anonyme, résume la situation d'une formule : « On fait "
        "de la médecine de couloir, littéralement. »",
        ["Élodie", None],
    ),
    # a quote opening its paragraph, then a sentence about someone unnamed
    (
        "« Les prévisions ne prennent pas les familles en compte », déplore Nathalie "
        "Guézennec, la maire.\n\n« Ma fille est en CE1. L'an prochain, elle sera dans une "
        "classe à trois niveaux. » Un père d'élève, croisé devant la grille avant de partir au "
        "travail, ne décolère pas.",
        ["Nathalie Guézennec", None],
    ),
    # "je" in the quote: the pronoun is a person's, not the organisation subject just before
    (
        "« Il coche toutes les cases », a déclaré le président de l'Union sportive béracoise, "
        "Jean-Marc Ospital.\n\nLe président ne cache pas que la saison a laissé des traces. "
        "Le club, qui visait la montée, a fini neuvième. « On s'est trompés sur les "
        "recrutements, je l'assume », souligne-t-il.",
        ["Jean-Marc Ospital", "Jean-Marc Ospital"],
    ),
    # a paragraph that reports its own words ("rappelle que …") is not about the quote above
    (
        "Le ministre avait défendu une mesure d'équité avec le privé. Idriss Kanté, secrétaire "
        "fédéral, qualifie l'argument d'absurde.\n\n« Dans le privé, sept salariés sur dix "
        "sont couverts par un accord. »\n\nLa Fédération des agents territoriaux rappelle que "
        "l'ordonnance de 2021 prévoyait une participation des employeurs.",
        ["Idriss Kanté"],
    ),
    # an occupation given once ("fromagère à …") repeated with a determiner is its holder
    (
        "À 29 ans, Camille Vergnes, fromagère à La Bastide-Fauré, a repris la ferme.\n\n"
        "« Chaque ferme qui ferme, c'est un village qui s'éteint », résume Hélène Causse, "
        "vice-présidente du Département.\n\nÉvoluer, la fromagère ne s'en prive pas. Elle a "
        "lancé une tomme fleurie. « Les gens veulent savoir d'où vient ce qu'ils mangent », "
        "explique-t-elle.",
        ["Hélène Causse", "Camille Vergnes"],
    ),
    # "son associée" after one partner has spoken is the other partner
    (
        "Marion Teyssier n'est plus seule : Aurélie Vabre, 29 ans, l'a rejointe il y a deux "
        "ans.\n\n« Marion, c'est la tête, moi je suis plutôt les bras », plaisante Aurélie "
        "Vabre. Son associée proteste : « C'est faux, et elle le sait très bien. »",
        ["Aurélie Vabre", "Marion Teyssier"],
    ),
    # a title its holder was called by in the paragraph before is still theirs, even with
    # someone else named in between
    (
        "Le maire, Yannick Le Bihan, a présenté le budget.\n\nL'opposition a voté contre. "
        "Nadine Corre a reproché au maire de ne rien programmer.\n\nSon colistier Jean-Marc "
        "Ollivier a proposé de reporter le vote. Refus du maire : « Le budget doit être voté "
        "avant le 15 avril. »",
        ["Yannick Le Bihan"],
    ),
    # the court's question is answered by the one who spoke before it, however the text
    # calls them; the president of an association asks nobody in court
    (
        "Didier Carrère, 52 ans, ancien trésorier du club, a détourné 38 000 euros.\n\n"
        "« J'ai commencé par un plein d'essence », a-t-il expliqué devant le tribunal.\n\n"
        "Le président du tribunal, Bernard Aussel, l'interroge : « Une habitude à 38 000 "
        "euros ? »\n\n« Je sais. Je n'ai pas d'excuse. »",
        ["Didier Carrère", "Bernard Aussel", "Didier Carrère"],
    ),
    (
        "« Les crédits manquent », a admis Sylvie Lannes, directrice de l'ONF.\n\nPrésident "
        "de l'Union des forestiers, Bernard Ducournau a, lui, laissé éclater sa colère. « Et "
        "aujourd'hui, c'est notre faute si la forêt brûle ? »\n\n« Les propriétaires ne sont "
        "pas des spéculateurs. »",
        ["Sylvie Lannes", "Bernard Ducournau", "Bernard Ducournau"],
    ),
    # "Le mot est de X" after the quote says whose words they are, over "Pour l'USR,"
    (
        "Pour l'Union sportive ravanéloise, qui compte 280 licenciés, la découverte du trou a "
        "été « un véritable coup de massue pour tout le monde ». Le mot est de Frédéric "
        "Lacombe, le nouveau président du club.",
        ["Frédéric Lacombe"],
    ),
    # "Selon lui," opening a sentence governs it past a word in scare quotes
    (
        "« Nous irons jusqu'au bout », prévient le président de l'association, Michel Aubard."
        "\n\nSelon lui, l'enquête publique a été « bâclée » et les photomontages « sous-estiment "
        "grossièrement l'impact visuel ».",
        ["Michel Aubard", "Michel Aubard"],
    ),
    # "Son intervention … :" before a quote: the words of the one the possessive refers to
    (
        "La maire de Saint-Germain, Nadège Comte, a voté contre. Son intervention, lundi, a été "
        "longuement applaudie par le public :\n\n« Un enfant m'a demandé si on apprendrait "
        "encore à nager. Je n'ai pas su quoi lui répondre. »",
        ["Nadège Comte"],
    ),
    # a quoted predicate in a "que" clause is what the one who says "que" says of its subject
    (
        "La cour d'appel de Grenoble a confirmé jeudi la condamnation de Chimiflex. Son "
        "directeur, Alain Ferrière, est condamné à une amende.\n\nDans son arrêt, la cour "
        "relève que l'exploitant « ne pouvait ignorer la vétusté de ce bac ».",
        ["cour d'appel de Grenoble"],
    ),
    # a present participle after the quote has no subject of its own: the main clause's
    (
        "Dans un communiqué, le ministère chargé de la Mer a salué « un compromis difficile mais "
        "responsable », soulignant avoir obtenu une baisse moins brutale.",
        ["ministère chargé de la Mer"],
    ),
    # "Interrogée par les JA, la préfecture a indiqué …": the préfecture is who "elle" is,
    # however the parser hangs the sentence on the one before
    (
        "Le syndicat, soutenu par la FDSEA de la Mayenne, propose qu'une déclaration unique soit "
        "instaurée.\n\nInterrogée par les Jeunes Agriculteurs, la préfecture de la Mayenne a "
        "indiqué qu'une réunion serait organisée le 12 mars avec la chambre d'agriculture. Dans "
        "un courrier adressé au syndicat, elle évoque « un texte d'équilibre, qui pourra être "
        "ajusté à l'usage ».",
        ["préfecture de la Mayenne"],
    ),
    # words in the first person singular are never an organisation's, whichever rule reads them
    (
        "La mairie de Roquefeuil fournit les tables. « Le marché est gratuit pour les "
        "exposants », indique la mairie.\n\n« Je fais ici en dix soirées ce que je fais en "
        "trois mois sur les marchés. »",
        ["mairie de Roquefeuil", None],
    ),
    # "le nouvel édile" is not the former mayor
    (
        "L'ancien maire, Jean-Claude Roux, avait claqué la porte en décembre. La liste conduite "
        "par Frédéric Bastide l'a emporté dimanche.\n\nLe conseil municipal l'a élu maire "
        "vendredi. « Je serai le maire de tous », a assuré le nouvel édile.",
        ["Frédéric Bastide"],
    ),
    # a first name with "une cliente …" in apposition is a person, and the subject who speaks
    (
        "Au marché de La Bastide, Josiane, une cliente de la première heure, ne jure que par la "
        "tomme fleurie : « Elle a le goût de celle de mon enfance. »",
        ["Josiane"],
    ),
    # "« … », précise-t-elle. Elle rappelle que « … »": the same organisation's "elle" again
    (
        "Julie Marty, institutrice, a reçu les parents.\n\nLa direction des services "
        "départementaux de l'Éducation nationale (DSDEN) du Lot justifie la mesure par « une "
        "baisse continue des effectifs ». « Chaque situation est étudiée avec attention », "
        "précise-t-elle dans une réponse écrite. Elle rappelle que le Lot reste « l'un des "
        "départements les mieux dotés de l'académie ».",
        [DSDEN_LOT, DSDEN_LOT, DSDEN_LOT],
    ),
    # a verb joined to the complement of a reporting verb has that verb's subject
    (
        "Le groupe Packwell a annoncé la fermeture du site.\n\nLa direction de Packwell "
        "invoque « une baisse durable des volumes ». Le groupe assure "
        "vouloir « accompagner chaque salarié de manière individualisée » et promet un plan de "
        "sauvegarde de l'emploi « au-delà des obligations légales ».",
        ["Packwell", "Packwell", "Packwell"],
    ),
    # "le jeune homme" with two young men named in two paragraphs: the one of this paragraph
    (
        "Le jury a distingué Lucas, 17 ans, apprenti boulanger. « Je me lève à trois heures », "
        "glisse Lucas.\n\nLe trophée est revenu à Yanis Morel, 22 ans. Christophe Lagarde, "
        "responsable des ressources humaines, salue son travail. Le jeune homme, lui, a déjà "
        "signé. « J'avais un CDI avant même mon diplôme », raconte-t-il.",
        ["Lucas", "Yanis Morel"],
    ),
    # a one-word age noun ("l'adolescent") bound to the person of that age is who speaks
    (
        "Dans la catégorie artisanat, le jury a distingué Lucas, 17 ans, en CAP boulanger chez "
        "Sandrine Fayolle. « Je me lève à trois heures et demie », glisse l'adolescent.",
        ["Lucas"],
    ),
    # "l'aîné", "son cadet": the oldest and the youngest of the brothers whose ages are given
    (
        "Yves Prigent, 52 ans, et son frère Loïc, 48 ans, ont présenté le projet. « C'est un "
        "projet d'agriculteurs », a expliqué l'aîné.\n\nSon cadet a insisté sur les garanties "
        "techniques : « Les camions passeront par la départementale. »",
        ["Yves Prigent", "Loïc Prigent"],
    ),
    # "celle-ci", "celui-ci": the last noun of that gender before, when it names someone
    (
        "Le syndicaliste a sollicité une rencontre avec la sous-préfecture de Montillac. "
        "Celle-ci a fait savoir qu'elle « suivait la situation avec attention ».",
        ["sous-préfecture de Montillac"],
    ),
    (
        "Le maire Jean Dufresne a reçu mardi Paul Girard. Celui-ci a assuré que « le club "
        "restera au village ».",
        ["Paul Girard"],
    ),
    (
        "Marc Olivier, maire du village, attend une subvention. Celle-ci, affirme-t-il, « doit "
        "arriver avant l'été ».",
        ["Marc Olivier"],
    ),
    # "le collectif Maternité X": a name with its own capitalised head is also "le collectif"
    (
        "Nadia Ferrand, présidente du collectif Maternité Bellerive Debout, a réuni 800 "
        "personnes samedi. L'ARS propose un hébergement près de Rodez. Une réponse jugée "
        "« insuffisante et humiliante » par le collectif.",
        ["Maternité Bellerive Debout"],
    ),
    # who is named in a relative clause between commas is not the subject of the verb
    (
        "« Nous ne pensions pas la tendance aussi marquée », reconnaît Hélène Morand, directrice "
        "de recherche à l'ILSV. La pédologue, qui a passé vingt ans à l'Institut national de "
        "recherche pour l'agriculture, l'alimentation et l'environnement (Inrae) avant de "
        "rejoindre Angers, insiste sur la répartition des pertes : « Là où l'on a maintenu des "
        "prairies, le stock est stable. »",
        ["Hélène Morand", "Hélène Morand"],
    ),
    # "par la voix de son directeur, X": X speaks for the organisation
    (
        "Le bailleur Nord Logis Habitat est visé. Sollicité par le collectif Plus Jamais Froid, "
        "l'organisme a fait savoir, par la voix de son directeur général, Philippe Van de Walle, "
        "que « 40 millions d'euros de travaux sont engagés d'ici à 2028 ».",
        ["Philippe Van de Walle"],
    ),
    # "le retraité": of the people just named, the one whose stated age fits
    (
        "Thibault Marty, 27 ans, façonne les pâtons pendant que Georges Cazal, 66 ans, surveille "
        "la cuisson.\n\n« Je ne voulais pas fermer, ni vendre à n'importe qui », explique le "
        "nouveau retraité.",
        ["Georges Cazal"],
    ),
    # a subheading ("Une ancienne adjointe dans l'équipe") is no antecedent of "elle"
    (
        "Élodie Vernay a présenté sa liste vendredi. La candidate promet un gel des loyers.\n\n"
        "Une ancienne adjointe dans l'équipe\n\n« À mes côtés, il y a des gens qui n'ont jamais "
        "fait de politique », insiste-t-elle. Parmi les colistiers figure Annick Plasse, "
        "ancienne adjointe aux finances.",
        ["Élodie Vernay"],
    ),
    # a subject pronoun after a phrase that names someone else ("Quant au départ de X, il")
    (
        "Le maire sortant, Bernard Chavanis, défend son bilan. Quant au départ d'Annick Plasse, "
        "il le balaie d'une phrase : « Elle a fait son choix, je lui souhaite bonne chance. »",
        ["Bernard Chavanis"],
    ),
    # … but the "il" of an impersonal verb is no one
    (
        "Le maire sortant, Bernard Chavanis, défend son bilan. Pour Annick Plasse, il faut "
        "changer de cap : « La commune s'endort. »",
        ["Annick Plasse"],
    ),
    # "l'association juge « … »": a speech verb tagged as an adjective after "l'association"
    (
        "L'association Vivre à La Roche-Bernon conteste l'extension. Le schéma régional "
        "encourage l'extension des sites existants. Un argument que l'association juge « bien "
        "commode pour l'industriel ».",
        ["Vivre à La Roche-Bernon"],
    ),
    # "l'octogénaire, patiente du docteur Lecanu": the name in the second description's
    # complement is not who speaks
    (
        "Le docteur Jean-Yves Lecanu part à la retraite. Selon la CPAM, « une solution sera "
        "proposée à chacun ». Odette Marie, 84 ans, n'y croit qu'à moitié. « À mon âge, changer "
        "de médecin, c'est comme changer de famille », soupire l'octogénaire, patiente du "
        "docteur Lecanu depuis 1985.",
        ["CPAM", "Odette Marie"],
    ),
    # a title whose holder was last seen in the paragraph before: the untitled person named in
    # this one ("le jeune patron")
    (
        "« Qui va payer les équipages ? », interroge Yannick Le Guen, patron du fileyeur "
        "« Ker Anna ».\n\nLe pêcheur, qui emploie cinq marins, dit craindre une casse "
        "sociale.\n\nSon voisin de ponton, Florian Marchand, 34 ans, a racheté son bateau il y "
        "a deux ans. « J'ai un crédit jusqu'en 2034 », lâche le jeune patron.",
        ["Yannick Le Guen", "Florian Marchand"],
    ),
    # a headline naming its speaker by a title the body gives later: the body's words say who
    (
        "Crise viticole : le président des vignerons de l'Aude réclame « un vrai plan de sortie "
        "de crise »\n\nLa ministre a présenté vendredi un plan d'arrachage.\n\n« Il nous faut "
        "un vrai plan de sortie de crise, pas seulement un plan d'arrachage », a réagi Jérôme "
        "Castelnau, président du Syndicat des vignerons de l'Aude.",
        ["Jérôme Castelnau", "Jérôme Castelnau"],
    ),
    # "Le récit est celui de X" (data/speech_nouns.txt)
    (
        "« J'ai quarante ans de mer », témoigne Jean-Yves Kerouédan, le maître de port.\n\n"
        "« On a entendu un bruit énorme, comme un train. » Le récit est celui de Soizic Garnier, "
        "adjointe au maire de Landerneau.",
        ["Jean-Yves Kerouédan", "Soizic Garnier"],
    ),
    # a title opening the clause of a reporting verb the parser gave no subject
    (
        "Le ministre visitait l'hôpital avec la présidente du conseil départemental de la "
        "Nièvre, Martine Dugué-Laborde.\n\nLa présidente du département a pour sa part réclamé "
        '"une régulation de l\'installation des médecins", un sujet sur lequel le ministre '
        "reste prudent.",
        ["Martine Dugué-Laborde"],
    ),
    # the same after an opening adverbial and a comma
    (
        "Grégoire Massart, 41 ans, comparaissait libre.\n\nA la barre, le prévenu, chemise "
        "blanche et mains jointes, a reconnu « des erreurs de gestion » mais contesté toute "
        "intention frauduleuse.",
        ["Grégoire Massart"],
    ),
    # kin the text introduced with a name ("Sa mère, Fatiha,") is that person when it recurs
    (
        "Naïma Bensaïd a couru le 100 mètres en 11 s 42. Sa mère, Fatiha, sourit dans la "
        "tribune.\n\nSon entraîneuse, Julie Marchand, la suit depuis quatre ans.\n\nDans la "
        "tribune, sa mère ne la quitte pas des yeux. « Moi, tant qu'elle a son bac… », "
        "glisse-t-elle.",
        ["Fatiha"],
    ),
    # a clause with no verb opening on an adverb goes on with the sentence before's subject
    (
        "Hélène Castanier-Roudil dirige le domaine.\n\nÀ midi, l'équipe se retrouve à "
        "l'ombre. Hélène sert le vin de l'an dernier. Elle lève son verre, sans discours. "
        "Puis, à mi-voix : « Tant qu'il y aura du monde autour de cette table, on tiendra. »",
        ["Hélène Castanier-Roudil"],
    ),
    # "Pour <organisation>, …" gives whose view the sentence is: "elle" in the next sentence
    (
        "Pour l'Association des moulins du Limousin, le compte n'y est pas. Dans un communiqué "
        "publié la semaine dernière, elle dénonce « une politique de la table rase ».",
        ["Association des moulins du Limousin"],
    ),
    # an organisation subject of a long sentence is still the antecedent of "elle"
    (
        "L'agence régionale de santé (ARS) Provence-Alpes-Côte d'Azur indique avoir constaté « une "
        "hausse de 18 % des passages aux urgences de personnes âgées de plus de 75 ans » depuis "
        "le début de l'épisode. Elle rappelle que « chaque établissement doit disposer d'une "
        "pièce rafraîchie ».",
        [
            "agence régionale de santé Provence-Alpes-Côte d'Azur",
            "agence régionale de santé Provence-Alpes-Côte d'Azur",
        ],
    ),
    # a signature line right under a quote paragraph says who, whoever the next one names
    (
        "« Une marche de dix centimètres, un comptoir trop haut : ce sont des détails pour "
        "certains, des murs pour d'autres. »\nBrigitte Fauriel-Chazal, présidente d'Horizon "
        "Handicap 42\n\nLa présidente de l'association et sa directrice, Amina Kaddouri, ont "
        "présenté mardi les critères du label.",
        ["Brigitte Fauriel-Chazal"],
    ),
    # a title with its complement is the one who holds it with that complement, not the one
    # named last with the bare title ("l'agglomération" matched past its elided article)
    (
        "Le président de l'agglomération, Jean-Marc Lefèvre-Dantin, a défendu le plan.\n\n"
        "Leur président, Michel Hurtaud, s'est abstenu. « L'énergie la moins chère reste celle "
        "que l'on produit près de chez soi », a conclu le président de l'agglomération.",
        ["Jean-Marc Lefèvre-Dantin"],
    ),
    # a paragraph of quote alone after a paragraph that ends about the one who spoke in it:
    # their words go on, whoever the next paragraph names
    (
        "« C'est grâce à ce dispositif que je suis revenue travailler ici », témoigne Manon "
        "Girardot, 24 ans, infirmière aux urgences. Originaire de Souvigny, la jeune femme avait "
        "fait ses études à Clermont-Ferrand.\n\n« Sans cette aide, j'aurais dû travailler le "
        "soir en plus de mes cours. »\n\nLa présidente de la commission médicale, la docteure "
        "Sandrine Pottier, partage l'analyse de la directrice générale.",
        ["Manon Girardot", "Manon Girardot"],
    ),
    # a name opening its paragraph with a long title after it is still the subject there,
    # over a name in an adverbial ("Face à Nadia Benhamou, elle a reproché …")
    (
        "Nadia Benhamou, vice-présidente chargée des finances, a présenté le budget.\n\n"
        "Brigitte de Saint-Aubin, présidente du groupe Union de la droite et du centre et "
        "conseillère municipale de Chartres, a elle aussi critiqué le budget. Face à Nadia "
        "Benhamou, elle a reproché à la majorité d'avoir réduit l'enveloppe. « Vous sacrifiez la "
        "jeunesse rurale pour des plans vitrines », a-t-elle accusé.",
        ["Brigitte de Saint-Aubin"],
    ),
    # what follows a present participle is its object, not an inverted subject
    (
        "Le ministre a assuré qu'aucune automatisation ne serait décidée « sans accord social ». "
        "Le représentant syndical a jugé cette réponse insuffisante : « Des promesses, on en a eu "
        "des dizaines. On veut un engagement écrit. »\n\nLe maire de Saint-Nazaire, Mathieu "
        "Guérin (divers gauche), qui accompagnait la délégation, a salué un « signal fort » tout "
        "en appelant l'État à ne pas oublier « les 3 000 salariés de la sous-traitance navale » "
        "du bassin.",
        [None, None, "Mathieu Guérin"],
    ),
    # "mettre en cause" reports what someone says (data/speech_verbs.txt)
    (
        "La Confédération paysanne, de son côté, a une nouvelle fois mis en cause « un modèle "
        "industriel à bout de souffle » de la filière.",
        ["Confédération paysanne"],
    ),
    # "Et de conclure, devant quelques habitants :": the audience after a preposition is no
    # unnamed speaker; the words go on from the quote before
    (
        "La délibération a été adoptée. Dans la foulée, Laetitia Gross-Mathieu a publié sur les "
        "réseaux sociaux un message amer : « Vingt-quatre caméras, zéro éducateur. » Et de "
        "conclure, devant quelques habitants à la sortie : « On en reparlera aux municipales. »",
        ["Laetitia Gross-Mathieu", "Laetitia Gross-Mathieu"],
    ),
    # a first name of either gender takes the gender of the description bound to it ("la jeune
    # femme"), so "elle" is her rather than the woman named after her
    (
        "« On est souvent la première présence médicale dans les villages », explique Camille "
        "Fontaine.\n\nInfirmière libérale, la jeune femme de 24 ans s'est engagée il y a deux "
        "ans. Elle a convaincu son associée, Pauline Mesnil, de la rejoindre. « Au début, elle me "
        "disait qu'elle n'aurait jamais le temps ! », s'amuse-t-elle.",
        ["Camille Fontaine", "Camille Fontaine"],
    ),
    # "X, il …": the pronoun right after a name and a comma is that person
    (
        "Le secrétaire d'État, Gwenaël Le Bris, nous avait dit en janvier : « Rien ne se fera "
        "sans vous. » Quand nous avons demandé des explications au directeur du projet, Julien "
        "Mercadier, il nous a répondu : « Le calendrier ne bougera pas. »",
        ["Gwenaël Le Bris", "Julien Mercadier"],
    ),
    # "Son père approuve :": kin bound to the father the text names
    (
        "Bernard Thiriet, 68 ans, a dirigé la scierie pendant trente ans. Sa fille, Camille "
        "Thiriet, veut investir. « Le bois vert, on le vend de moins en moins », explique-t-elle. "
        "Son père approuve : « À mon époque, on n'empruntait pas un million. »",
        ["Camille Thiriet", "Bernard Thiriet"],
    ),
    # a time adverbial between the verb and an unnamed subject ("lâchait jeudi soir un …")
    (
        "Le député Alexandre Moustié a réagi dès la publication du rapport.\n\n« Il va falloir "
        "apprendre à vivre avec », lâchait jeudi soir un vieil ostréiculteur à la sortie.",
        [None],
    ),
    # a past participle after the quote qualifies the quoted words: it is no incise
    (
        "D'après le parquet de Brest, le navire avait procédé à un « déballastage illicite en "
        "pleine nuit », repéré par un avion de surveillance des douanes.",
        ["parquet de Brest"],
    ),
    # an adverbial locution between the incise verb and its subject is skipped
    (
        "Le directeur du syndicat, Thierry Gaillard, conteste cette lecture.\n\nSur le marché, "
        "la nouvelle faisait grincer des dents. « Tout augmente, et maintenant l'eau », plaisante "
        "à moitié un retraité.",
        [None],
    ),
]


@pytest.mark.parametrize(("text", "speakers"), CASES, ids=[c[0][:45] for c in CASES])
def test_speakers(extract_text, text, speakers):
    report = extract_text(text)
    assert [q["speaker"] for q in report["quotes"]] == speakers


def test_cue_is_the_verb_as_written(extract_text):
    report = extract_text("« Nous rénoverons toutes les écoles », a déclaré Paul Martin.")
    assert report["quotes"][0]["cue"] == "déclaré"


def test_speaker_is_never_a_pronoun_or_a_bare_title(extract_text):
    report = extract_text("« Nous verrons », a-t-il dit. « Sans doute », a répondu le ministre.")
    assert [q["speaker"] for q in report["quotes"]] == [None, None]


def test_capacity_is_the_role_stated_by_the_name(extract_text):
    text = (
        "Paul Martin, maire de Lyon et président de la métropole, était là. "
        "Paul Martin, président de la métropole, a déclaré : « Le tramway sera prêt en 2027. »"
    )
    report = extract_text(text)
    assert report["quotes"][0]["capacity"] == "président de la métropole"


@pytest.mark.parametrize(
    "text",
    [
        "Communiqué\n« Nous investissons 12 millions d'euros dans les lycées. »\n"
        "Marie-Claire Fontanel, présidente du conseil départemental",
        "Communiqué\n« Les travaux commencent lundi. » — Marie-Claire Fontanel, présidente",
    ],
)
def test_a_quote_signed_by_a_name_on_the_next_line_or_after_a_dash(extract_text, text):
    assert [q["speaker"] for q in extract_text(text)["quotes"]] == ["Marie-Claire Fontanel"]


def test_a_paragraph_after_a_blank_line_is_not_a_signature(extract_text):
    text = "Titre\n« Nous investissons dans les lycées. »\n\nPaul Martin a visité l'usine."
    assert [q["speaker"] for q in extract_text(text)["quotes"]] == [None]


def test_the_next_sentence_speaker_is_the_subject_of_the_verb_that_has_one(extract_text, dev_text):
    """ "« … » Visiblement agacé, le maire a rappelé que …": in this council report the parser
    hangs "agacé" on the quote, with no subject; the speaker is the subject of "rappelé"."""
    text = dev_text("l02-")
    quotes = {q["text"][:25]: q for q in extract_text(text)["quotes"]}
    said = quotes["Je n’accepterai pas qu’on"]
    assert (said["speaker"], said["cue"]) == ("Yann-Erwan Le Floc’h", "rappelé")


@pytest.mark.parametrize(
    ("name", "opening", "speaker"),
    [
        # the parser hangs the incise verb on a verb of the quote, whose subject is "Il"
        ("n07-", "La grêle n'est plus une exception", "Confédération paysanne"),
        # "Un avis que ne partage pas son président. « … », nuance-t-il.": not the coach quoted
        # just before, though no name stands between
        ("f09-", "Fabien est un passionné", "Dominique Rialland"),
        # "indiquent les services de …" names no one the text knows: not "Elle" of the quote
        ("n06-", "La mesure de fermeture", None),
    ],
)
def test_a_subject_inside_the_quote_is_not_the_speaker(
    extract_text, dev_text, name, opening, speaker
):
    text = dev_text(name)
    quote = next(q for q in extract_text(text)["quotes"] if q["text"].startswith(opening))
    assert quote["speaker"] == speaker


@pytest.mark.parametrize(
    ("name", "opening", "speaker"),
    [
        # "Mathieu et Aurélie Besson … « … », glisse Aurélie.": the incise registers the first
        # name the recogniser missed as Aurélie Besson, not as a new person "Aurélie"
        ("mm03-", "mais ça n'a fait", "Aurélie Besson"),
        # "Karine, mère de trois enfants, fait partie de ces familles.": a first name opening
        # its sentence, described in apposition, is a person the text names so
        ("mm15-", "Mon mari et moi", "Karine"),
    ],
)
def test_a_first_name_alone_is_the_person_the_text_names_so(
    extract_text, dev_text, name, opening, speaker
):
    report = extract_text(dev_text(name))
    quote = next(q for q in report["quotes"] if q["text"].startswith(opening))
    assert quote["speaker"] == speaker
    assert not [p for p in report["people"] if speaker.startswith(p["name"] + " ")]


def test_a_name_in_apposition_is_who_a_title_with_a_complement_is(extract_text, dev_text):
    """ "le maire de Brévanne et président du conseil de surveillance de l'hôpital, Philippe
    Aubertin, a salué « … »": the name after the comma is the subject, and the "et" joining two
    titles makes no two speakers. In these whole documents the parse differs from a short
    sentence's."""
    release = {q["text"][:20]: q["speaker"] for q in extract_text(dev_text("y03-"))["quotes"]}
    assert release["un investissement qu"] == "Philippe Aubertin"
    dispatch = {q["text"][:20]: q["speaker"] for q in extract_text(dev_text("r02-"))["quotes"]}
    assert dispatch["On ne gouverne pas u"] == "Laurent Feuillade"


def test_le_medecin_is_the_doctor_titled_docteur(extract_text, dev_text):
    """ "« … », s'agace le médecin" after "Le docteur Antoine Chassagne, chef du service des
    urgences": the title the text gave him answers to "médecin" (data/role_synonyms.tsv)."""
    quotes = {q["text"][:20]: q["speaker"] for q in extract_text(dev_text("t13-"))["quotes"]}
    assert quotes["La nuit dernière enc"] == "Antoine Chassagne"


def test_a_title_nobody_holds_in_a_paragraph_about_elle_is_her(extract_text, dev_text):
    """ "Elle cite le plan Eau, … « … », estime la chercheuse": she is named two paragraphs up
    and holds no title "chercheuse"; the paragraph's "elle" says who."""
    quotes = {q["text"][:20]: q["speaker"] for q in extract_text(dev_text("y05-"))["quotes"]}
    assert quotes["Sans données fiables"] == "Anne-Sophie Quérel"


def test_an_incise_verb_tagged_as_an_adjective_still_names_the_speaker(extract_text, dev_text):
    """ "« … », martèle Sandrine Fabre": in this release the tagger reads "martèle" as an
    adjective; the name right after the comma still speaks."""
    quotes = {q["text"][:20]: q["speaker"] for q in extract_text(dev_text("s05-"))["quotes"]}
    assert quotes["L’argent public ne p"] == "Sandrine Fabre"


def test_a_speech_verb_tagged_as_adjective_does_not_qualify_the_title(extract_text, dev_text):
    """ "La directrice insiste, elle, sur le recrutement : « … »": the tagger reads "insiste" as
    an adjective of "directrice"; it must not rule out the "directrice du centre hospitalier"
    as if it were "la directrice insistante"."""
    quotes = {q["text"][:20]: q["speaker"] for q in extract_text(dev_text("y03-"))["quotes"]}
    assert quotes["Nous avons pourvu to"] == "Hélène Marchadier"


def test_a_name_after_an_opening_adverbial_is_the_subject(extract_text, dev_text):
    """ "À ses côtés, Sébastien Carrez, élu FO …, brandit une photo": the parser hangs the name
    on "côtés" and leaves "brandit" without a subject; he is still the man "Il l'assure" opening
    the next paragraph comes back to, not the union delegate named before him."""
    quotes = {q["text"][:20]: q["speaker"] for q in extract_text(dev_text("ma04-"))["quotes"]}
    assert quotes["ne négocieront pas l"] == "Sébastien Carrez"
    assert quotes["On va se battre pour"] == "Sébastien Carrez"


def test_a_description_after_a_paragraph_subject_is_that_subject(extract_text, dev_text):
    """ "M. Cuenot, lui, reste sceptique. « … », a glissé le pêcheur": the name opening its
    paragraph after an honorific is the subject (the parser hangs it on the sentence before),
    and a description that is no title held by anyone is about him — not the one man of the
    report without a title (the rule for "l'accusé")."""
    quotes = {q["text"][:20]: q["speaker"] for q in extract_text(dev_text("ma10-"))["quotes"]}
    assert quotes["Je les croirai quand"] == "Michel Cuenot"
    assert quotes["La rivière, elle, n’"] == "Michel Cuenot"


def test_a_name_heading_its_paragraph_is_its_topic(extract_text, dev_text):
    """ "Sylvie Marty, l'inconnue." opens a candidate's portrait: a verbless sentence, yet she is
    who "La candidate" and "assure-t-elle" are about, not the woman named in a relative clause
    ("où Marine Le Pen avait recueilli 38 %")."""
    quotes = {q["text"][:20]: q["speaker"] for q in extract_text(dev_text("md06-"))["quotes"]}
    assert quotes["Je suis d’abord une "] == "Sylvie Marty"


def test_one_word_that_is_no_first_name_is_no_person(extract_text):
    """ "le site industriel Chimilor", "la plateforme Séjourly": the recogniser tags one word
    as a person; with no first name, no honorific and no title, kgraph does not keep it."""
    report = extract_text(
        "Le rejet vient du site industriel Chimilor. La plateforme Séjourly a réagi. « Nos "
        "équipes ont stoppé le rejet », indique Chimilor dans un communiqué."
    )
    assert report["people"] == []
    assert {"Séjourly", "Chimilor"} <= {o["name"] for o in report["organisations"]}
    assert report["quotes"][0]["speaker"] == "Chimilor"
    # a title right before the word still makes it a person
    titled = extract_text("La charte a été signée en présence du président Dupont.")
    assert [p["name"] for p in titled["people"]] == ["Dupont"]


def test_an_interview_headline_quotes_the_interviewee_whose_answer_holds_its_words(extract_text):
    text = (
        "Biodéchets : « On ne demande pas aux gens de devenir des experts du compost »\n\n"
        "Le syndicat a choisi le compostage de proximité. Sa présidente, Isabelle Peyrot, "
        "répond à nos questions.\n\n"
        "Pourquoi le compostage plutôt qu'une collecte ?\n\n"
        "Parce que c'est simple. On ne demande pas aux gens de devenir des experts du compost. "
        "Un seau dans la cuisine suffit.\n"
    )
    assert [q["speaker"] for q in extract_text(text)["quotes"]] == ["Isabelle Peyrot"]


def test_an_interview_headline_matches_an_answer_whatever_the_capital(extract_text):
    text = (
        "« L'apprentissage n'est plus un choix par défaut » : entretien avec la directrice du CFA"
        "\n\nLe CFA fait sa rentrée. Sa directrice, Gwenaëlle Le Floc'h, a pris ses fonctions en "
        "2024.\n\nCombien d'apprentis accueillez-vous ?\n\nSix cent quatre-vingt-quatre. Les "
        "familles ont changé de regard : l'apprentissage n'est plus un choix par défaut.\n"
    )
    assert [q["speaker"] for q in extract_text(text)["quotes"]] == ["Gwenaëlle Le Floc'h"]


def test_an_incise_naming_the_statement_gives_it_to_who_issued_it(extract_text, dev_text):
    """ "… la préfecture indique avoir « pris acte ». « L'État veillera … », précise le texte":
    the document speaks for the préfecture, not for "L'État" that the quote names."""
    quotes = {q["text"][:20]: q for q in extract_text(dev_text("mf01-"))["quotes"]}
    statement = quotes["L’État veillera à ce"]
    assert (statement["speaker"], statement["cue"]) == ("préfecture de l’Ariège", "précise")


def test_a_sentence_the_parser_glues_to_the_one_before_still_has_its_subject(
    extract_text, dev_text
):
    """ "Interrogé sur son ancien colistier, il se montre plus piquant. « … »": the parser hangs
    both verbs on the sentence before; the second one's subject, "il", is the speaker."""
    quotes = {q["text"][:20]: q for q in extract_text(dev_text("mh01-"))["quotes"]}
    assert quotes["Olivier propose beau"]["speaker"] == "Thierry Lestrade"


def test_a_title_whose_holder_withholds_their_name_is_not_the_titled_person(extract_text, dev_text):
    """ "Au café du Pont, le patron, qui préfère taire son nom, fait ses comptes. « … »": not
    the one person of the text who holds a title "patron" could answer to."""
    quotes = {q["text"][:20]: q for q in extract_text(dev_text("z13-"))["quotes"]}
    assert quotes["Ma perte d'exploitat"]["speaker"] is None
