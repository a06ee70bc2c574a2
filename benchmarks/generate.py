"""A generator of press-release-like French documents, for benchmarks and reliability tests.

Real corpora cannot ship with the repository and do not come in sizes of 1k or 10k on demand, so the
scale figures are measured on generated text: templates in the shape of regional, ministerial and
company press releases, filled with generated people, roles, organisations, policies and quotes,
using every attribution form kgraph reads (``X affirme : « … »``, ``« … », a déclaré X``, pronoun
incises, ``selon X``).  The same seed gives the same corpus byte for byte, on every machine, so a
benchmark can be rerun and compared.

Usage::

    python benchmarks/generate.py --count 1000 --seed 1 --out benchmarks/corpora/1k
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIRST_F = [
    "Claire",
    "Sophie",
    "Nathalie",
    "Isabelle",
    "Camille",
    "Hélène",
    "Agnès",
    "Marion",
    "Élise",
    "Valérie",
    "Laure",
    "Anne-Sophie",
    "Juliette",
    "Corinne",
    "Sandrine",
    "Fanny",
]
FIRST_M = [
    "Jean",
    "Pierre",
    "Laurent",
    "Olivier",
    "Thomas",
    "Nicolas",
    "Julien",
    "François",
    "Jean-Luc",
    "Mathieu",
    "Éric",
    "Antoine",
    "Bernard",
    "Yves",
    "Marc",
    "Raphaël",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Moreau",
    "Laurent",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Gaillard",
    "Le Gall",
    "de Villiers",
    "Mercier",
    "Vidal",
    "Barbier",
    "Arnaud",
    "Lacroix",
    "Marchand",
    "Caron",
    "Picard",
    "Roger",
]
PLACES = [
    "Lyon",
    "Grenoble",
    "Clermont-Ferrand",
    "Saint-Étienne",
    "Annecy",
    "Valence",
    "Chambéry",
    "Bourg-en-Bresse",
    "Roanne",
    "Vienne",
    "Aurillac",
    "Montluçon",
    "Le Puy-en-Velay",
    "Privas",
]
REGIONS = [
    "Auvergne-Rhône-Alpes",
    "Occitanie",
    "Bretagne",
    "Normandie",
    "Grand Est",
    "Nouvelle-Aquitaine",
    "Hauts-de-France",
    "Pays de la Loire",
]
COMPANIES = [
    "Alpinov",
    "Technalys",
    "Hydrogène Vallée",
    "Bativerte",
    "Solarys Industrie",
    "Mécaprécis",
    "Agrinova",
    "Textiles du Forez",
    "Logistique Rhodanienne",
    "Numérix",
]
ASSOCIATIONS = [
    "Vélo-Cité",
    "France Nature Environnement",
    "Familles Rurales",
    "Les Restos du Cœur",
    "UFC-Que Choisir",
    "Emmaüs",
]
POLICY_KINDS = ["plan", "programme", "dispositif", "Fonds", "pacte"]
POLICY_NAMES = [
    "Avenir Industrie",
    "Mobilités 2030",
    "Rénov'Habitat",
    "Cap Emploi Jeunes",
    "Territoires d'Innovation",
    "Eau Durable",
    "Santé de Proximité",
    "Forêt Résiliente",
    "Commerce de Centre-Ville",
    "Transition Énergétique",
    "Numérique Inclusif",
    "Campus Connecté",
    "Agriculture Locale",
    "Hydrogène Vert",
]
TOPICS = [
    ("l'industrie", "la réindustrialisation", "sites industriels", "emplois"),
    ("les mobilités", "les transports du quotidien", "lignes de bus", "voyageurs"),
    ("le logement", "la rénovation énergétique", "logements", "ménages"),
    ("la santé", "l'accès aux soins", "maisons de santé", "patients"),
    ("l'agriculture", "les circuits courts", "exploitations", "agriculteurs"),
    ("l'emploi", "l'insertion des jeunes", "contrats", "jeunes"),
    ("l'environnement", "la préservation de l'eau", "captages", "habitants"),
    ("le numérique", "la couverture en fibre", "communes", "foyers"),
]
ROLES_ORG = [  # (masculine, feminine, organisation template)
    ("président", "présidente", "de la région {region}"),
    ("vice-président", "vice-présidente", "de la région {region}"),
    ("maire", "maire", "de {place}"),
    ("préfet", "préfète", "de la région {region}"),
    ("directeur général", "directrice générale", "de {company}"),
    ("président", "présidente", "de l'association {association}"),
    ("adjoint", "adjointe", "au maire de {place}"),
]
OPENINGS = [
    "La {org} annonce le lancement du {policy}, doté de {amount} millions d'euros pour {topic1}.",
    "Réunie en séance plénière, la {org} a adopté le {policy}, un effort de {amount} millions "
    "d'euros consacré à {topic2}.",
    "Le {policy} entre dans sa phase opérationnelle : {amount} millions d'euros seront mobilisés "
    "d'ici {year} pour {topic2}.",
]
CONTEXT = [
    "Depuis {year0}, {count} {unit} ont bénéficié des aides, et {count2} {people} sont concernés "
    "par cette nouvelle étape.",
    "Le dispositif s'appuie sur un réseau de partenaires locaux et sur un appel à projets ouvert "
    "jusqu'au {day} {month} {year}.",
    "Les premiers résultats, publiés le mois dernier, montrent une hausse de {pct} % par rapport à "
    "l'année précédente.",
    "Une enveloppe complémentaire de {amount2} millions d'euros sera votée à l'automne.",
    "Les candidatures sont ouvertes aux collectivités, aux entreprises et aux associations du "
    "territoire.",
]
QUOTES = [
    "Nous voulons que chaque habitant sente concrètement la différence dans sa vie quotidienne",
    "Ce plan est une réponse claire aux attentes des {people} de notre territoire",
    "Il n'y a pas de fatalité : avec des moyens et de la méthode, nous pouvons réussir",
    "Nous tiendrons nos engagements, et nous rendrons compte chaque année des résultats",
    "C'est un investissement pour les dix prochaines années, pas une mesure de circonstance",
    "Les {people} attendaient ce signal depuis longtemps, il arrive enfin",
    "Nous avons choisi de miser sur {topic1}, parce que c'est là que se joue l'avenir",
    "Rien ne se fera sans les acteurs de terrain, qui connaissent les besoins mieux que quiconque",
]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


@dataclass(frozen=True)
class Speaker:
    name: str
    feminine: bool
    title: str  # "présidente de la région Bretagne"

    @property
    def surname(self) -> str:
        return self.name.split(" ", 1)[1]


def _speaker(rng: random.Random, fill: dict[str, str]) -> Speaker:
    feminine = rng.random() < 0.5
    first = rng.choice(FIRST_F if feminine else FIRST_M)
    role_m, role_f, org = rng.choice(ROLES_ORG)
    title = f"{role_f if feminine else role_m} {org.format(**fill)}"
    return Speaker(f"{first} {rng.choice(LAST)}", feminine, title)


def _quote(rng: random.Random, fill: dict[str, str]) -> str:
    return rng.choice(QUOTES).format(**fill) + rng.choice([".", " !", ""])


def _attributed(rng: random.Random, speaker: Speaker, text: str, *, first_mention: bool) -> str:
    """One quote paragraph, in one of the attribution forms found in real press releases."""
    verb = rng.choice(["affirme", "déclare", "souligne", "estime", "explique", "insiste"])
    past = rng.choice(["a déclaré", "a affirmé", "a souligné", "a expliqué", "a conclu"])
    pronoun = "elle" if speaker.feminine else "il"
    text_no_dot = text.rstrip(" .!")
    if first_mention:
        forms = [
            f"{speaker.name}, {speaker.title}, {verb} : « {text} »",
            f"« {text_no_dot} », {past} {speaker.name}, {speaker.title}.",
            f"Pour {speaker.name}, {speaker.title}, « {text_no_dot} ».",
            f"Selon {speaker.name}, {speaker.title}, « {text_no_dot} ».",
        ]
    else:
        honorific = "Mme" if speaker.feminine else "M."
        forms = [
            f"« {text_no_dot} », {verb}-t-{pronoun}.",
            f"« {text_no_dot} », {past} {honorific} {speaker.surname}.",
            f"{speaker.name} {verb} encore : « {text} »",
        ]
    return rng.choice(forms)


def generate_document(rng: random.Random, index: int) -> tuple[str, str]:
    """(file name, text) of one press release."""
    year = rng.choice([2023, 2024, 2025])
    topic = rng.choice(TOPICS)
    fill = {
        "region": rng.choice(REGIONS),
        "place": rng.choice(PLACES),
        "company": rng.choice(COMPANIES),
        "association": rng.choice(ASSOCIATIONS),
        "topic1": topic[0],
        "topic2": topic[1],
        "unit": topic[2],
        "people": topic[3],
        "year": str(year + 1),
        "year0": str(year - 3),
        "amount": str(rng.randint(2, 400)),
        "amount2": str(rng.randint(1, 60)),
        "count": str(rng.randint(20, 900)),
        "count2": f"{rng.randint(1, 90)} 000",
        "pct": str(rng.randint(3, 45)),
        "day": str(rng.randint(1, 28)),
        "month": rng.choice(MONTHS),
    }
    policy = f"{rng.choice(POLICY_KINDS)} {rng.choice(POLICY_NAMES)}"
    fill["policy"] = policy
    fill["org"] = f"région {fill['region']}"
    speakers = [_speaker(rng, fill) for _ in range(rng.randint(1, 3))]
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    lines = [
        "COMMUNIQUÉ DE PRESSE",
        f"Le {day:02d}/{month:02d}/{year} à {rng.randint(8, 18)}h{rng.choice(['00', '15', '30'])}",
        f"{policy[0].upper()}{policy[1:]} : {topic[1]} au cœur de l'action en {fill['region']}",
        rng.choice(OPENINGS).format(**fill),
    ]
    mentioned: set[str] = set()
    for _ in range(rng.randint(2, 5)):
        paragraph = " ".join(c.format(**fill) for c in rng.sample(CONTEXT, rng.randint(1, 3)))
        lines.append(paragraph)
        speaker = rng.choice(speakers)
        lines.append(
            _attributed(
                rng, speaker, _quote(rng, fill), first_mention=speaker.name not in mentioned
            )
        )
        mentioned.add(speaker.name)
    lines.append(f"Contact presse : service communication, {fill['place']}.")
    return f"gen-{index:06d}.txt", "\n".join(lines) + "\n"


def generate(count: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """``count`` documents; the same (count, seed) always gives the same texts."""
    rng = random.Random(seed)
    for index in range(count):
        yield generate_document(rng, index)


def write_corpus(out: Path, count: int, seed: int = 1) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(count, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.count, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} documents, {words} words in {args.out}")


if __name__ == "__main__":
    main()
