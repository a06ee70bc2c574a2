"""Reading documents: bad input gets one clear error naming the file; legacy encodings are
decoded."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.ingest import iter_source_files, parse_date, read_document, read_header


def test_sample_header(tmp_path):
    from conftest import SAMPLE

    doc = read_document(SAMPLE)
    assert doc.date == "2025-03-14T14:15"
    assert doc.title == "Auvergne-Rhône-Alpes, moteur de la réindustrialisation en France"
    assert doc.key == "press-release-2025-03-14-auvergne-rhone-alpes"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Le 14/03/2025 à 14:15", "2025-03-14T14:15"),
        ("Lyon, le 3 février 2025", "2025-02-03"),
        ("Publié le 12 mai 2024 à 08h30, mis à jour à 10h02", "2024-05-12T08:30"),
        ("Communiqué de presse — 1er juin 2025", "2025-06-01"),
        ("2024-11-05T09:00", "2024-11-05T09:00"),
        ("Nantes, 12 mai 2024 –", "2024-05-12"),
        ("Aucune date ici", None),
        ("Le 45/13/2025", None),
    ],
)
def test_parse_date(line, expected):
    assert parse_date(line) == expected


def test_header_skips_labels():
    title, date = read_header(
        "COMMUNIQUÉ DE PRESSE\nParis, le 3 février 2025\nUn titre clair\n\nTexte."
    )
    assert (title, date) == ("Un titre clair", "2025-02-03")


def test_header_without_date():
    assert read_header("Le titre\n\nLe corps du texte.") == ("Le titre", None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty document"),
        (b"   \n\t\n", "empty document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_bad_files_are_refused_with_the_file_named(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse: cheap to make
    with pytest.raises(InputError, match="larger than"):
        read_document(path)


@pytest.mark.parametrize("encoding", ["cp1252", "iso-8859-15", "utf-16", "utf-8-sig"])
def test_legacy_encodings_are_decoded(tmp_path, encoding):
    text = "Le 3 février 2025\nÉlus et usagers\n« Nous réussirons », a déclaré Hélène Durand.\n"
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_document(path)
    assert doc.text.lstrip("\ufeff") == text
    assert doc.date == "2025-02-03"


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="unsupported file type"):
        read_document(path)


def test_folder_without_texts(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"x")
    with pytest.raises(InputError, match="no documents"):
        list(iter_source_files([tmp_path]))


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_source_files([tmp_path / "nope"]))


def test_html_goes_through_a_real_extractor(tmp_path):
    html = (
        "<html><head><title>Titre</title><script>var x = '« pas une citation »';</script></head>"
        "<body><nav>Menu Accueil Contact</nav><article><h1>La ville investit</h1>"
        "<p>Le maire, Paul Martin, a déclaré : « Nous allons rénover toutes les écoles "
        "d'ici 2027. »</p>"
        "<p>Le chantier commencera au printemps, selon le calendrier présenté en "
        "conseil municipal.</p>"
        "</article><footer>Mentions légales</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    doc = read_document(path)
    assert "Nous allons rénover" in doc.text
    assert "var x" not in doc.text


def test_a_file_named_explicitly_is_read_as_text_whatever_its_suffix(tmp_path):
    path = tmp_path / "depeche-2025"
    path.write_text("Paris, le 2 mai 2025\nUn titre\nLe corps du texte.\n", encoding="utf-8")
    assert read_document(path).title == "Un titre"
    binary = tmp_path / "photo.dat"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    with pytest.raises(InputError, match="binary"):
        read_document(binary)
