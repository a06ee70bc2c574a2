"""Quote detection: text in, quotes out — real quotations beside the quote marks that are not."""

from __future__ import annotations

import pytest

CASES = [
    # (text, expected quote texts)
    (
        "Le maire a déclaré : « Nous rénoverons toutes les écoles. »",
        ["Nous rénoverons toutes les écoles."],
    ),
    ("« Nous tiendrons parole », a assuré Claire Fontaine.", ["Nous tiendrons parole"]),
    ("« Jamais », a répondu Paul Martin.", ["Jamais"]),
    (
        "Elle a dit :\u00a0«\u00a0C'est un beau jour pour la ville.\u00a0»",
        ["C'est un beau jour pour la ville."],
    ),
    ("Il a dit : «C'est un beau jour pour la ville.»", ["C'est un beau jour pour la ville."]),
    ("Il a dit : “C'est un beau jour pour la ville.”", ["C'est un beau jour pour la ville."]),
    ('Il a dit : "C\'est un beau jour pour la ville."', ["C'est un beau jour pour la ville."]),
    # fragment governed by a reporting verb
    (
        "Le syndicat juge l'accord « bienvenu mais très insuffisant ».",
        ["bienvenu mais très insuffisant"],
    ),
    # quote split by an incise: two quotes
    (
        "« Nous avons tout essayé, explique Marie Dupont. Rien n'a fonctionné. »",
        ["Nous avons tout essayé", "Rien n'a fonctionné."],
    ),
    # over two paragraphs, reopened with «
    (
        "Le président prévient :\n« Le budget est serré.\n« Nous tiendrons nos engagements. »",
        ["Le budget est serré.\n« Nous tiendrons nos engagements."],
    ),
    # nested quotes stay inside the outer one
    (
        "« Il m'a dit “non” sans explication », raconte Léa Morin.",
        ["Il m'a dit “non” sans explication"],
    ),
    # an incise that runs on over the speaker's title
    (
        "« Nous votons pour, parce qu'on ne refuse pas un progrès, a expliqué Julien Ferrand, "
        "député (PS) de Haute-Garonne. Mais que personne ne vienne nous dire que c'est réglé. »",
        [
            "Nous votons pour, parce qu'on ne refuse pas un progrès",
            "Mais que personne ne vienne nous dire que c'est réglé.",
        ],
    ),
    # … and over the name in apposition after a title
    (
        "« Une passe à poissons, c'est un pansement, tranche son président, Jacques Peyrat. Sur "
        "un cours d'eau comme celui-ci, seule la suppression du seuil rend sa vie à la rivière. »",
        [
            "Une passe à poissons, c'est un pansement",
            "Sur un cours d'eau comme celui-ci, seule la suppression du seuil rend sa vie à la "
            "rivière.",
        ],
    ),
    # a lower-case fragment of three words or more is someone's words, even with no
    # reporting verb close by
    (
        "La ministre a annoncé une évaluation, tout en excluant de « revenir en arrière ».",
        ["revenir en arrière"],
    ),
    ("Le prêtre prône quant à lui « un temps long » avant toute loi.", ["un temps long"]),
    # negatives: titles of works, programme names, scare quotes, defined terms, slogans
    ("La ville veut réduire les « îlots de chaleur urbains » d'ici 2030.", []),
    ("Le rapport « Renouveler les générations agricoles » a été remis au ministre.", []),
    ("La ville lance le programme « Cap Avenir » pour les jeunes.", []),
    ("Les syndicats dénoncent une « concertation » de façade.", []),
    (
        "Ce que les économistes appellent la « transition ambulatoire », c'est-à-dire le soin à "
        "domicile.",
        [],
    ),
    ("Sur les banderoles, un slogan revenait : « Nos fermes, pas vos normes ».", []),
    ("Le film « Les Quais du matin » sort en mars.", []),
    # … but sentences said after a colon that follows "le projet", "une formule" are quotes
    (
        "L'adjointe a détaillé le projet pédagogique : « La cour n'est pas goudronnée, il y a "
        "un potager. Chaque classe aura une demi-journée dehors. »",
        [
            "La cour n'est pas goudronnée, il y a un potager. Chaque classe aura une demi-journée "
            "dehors."
        ],
    ),
    (
        "Elle résume son parcours d'une formule : « On m'a fait confiance avant même que je "
        "fasse mes preuves. »",
        ["On m'a fait confiance avant même que je fasse mes preuves."],
    ),
    ("Sur les pancartes, un slogan : « Nos fermes, pas vos normes, pas vos taxes, jamais ! »", []),
    ("Aucune citation dans ce texte, seulement des faits.", []),
    # "appeler à" calls for something: the words after it are no term being named
    (
        "La préfecture a appelé au « respect de la liberté de circulation » et l'industriel "
        "appelle à « reprendre le dialogue dans le cadre prévu ».",
        ["respect de la liberté de circulation", "reprendre le dialogue dans le cadre prévu"],
    ),
    # an incise whose verb the tagger took for a proper noun ("lâche-t-elle") still cuts
    (
        "Dans la salle de fabrication, la jeune femme plonge les bras dans la cuve. « Je n'ai "
        "jamais voulu faire autre chose, lâche-t-elle sans lever les yeux. Quand j'étais "
        "petite, je faisais mes devoirs ici, sur un coin de table. »",
        [
            "Je n'ai jamais voulu faire autre chose",
            "Quand j'étais petite, je faisais mes devoirs ici, sur un coin de table.",
        ],
    ),
    # a name in quote marks followed by a relative clause is no quote, whatever its verb
    (
        "Elle renvoie à la deuxième stratégie « Agir pour les aidants », qui doit être "
        "présentée en juin.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_quotes(extract_text, text, expected):
    report = extract_text(text)
    assert [q["text"] for q in report["quotes"]] == expected
    for quote in report["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_lost_opening_mark_is_recovered(extract_text):
    text = "Nous ne lâcherons rien sur les salaires », a prévenu Hélène Roy."
    report = extract_text(text)
    assert [q["text"] for q in report["quotes"]] == ["Nous ne lâcherons rien sur les salaires"]
    assert report["quotes"][0]["speaker"] == "Hélène Roy"


@pytest.mark.parametrize("text", ["« « « »", "»»» «", "« ouvert\n\n« encore", '"', "« »"])
def test_broken_typography_never_crashes(extract_text, text):
    report = extract_text("Titre\n" + text)
    for quote in report["quotes"]:
        assert 0 <= quote["start"] <= quote["end"]
