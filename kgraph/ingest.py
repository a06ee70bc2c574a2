"""Files -> decoded ``Document`` records with the metadata their header gives (title, date).

Reading is strict about what it refuses and says why: empty, binary, oversized and unsupported files
raise :class:`kgraph.errors.InputError` naming the file.  Text that is not UTF-8 is decoded with the
legacy encodings French texts really come in (Windows-1252, then ISO-8859-15) before giving up.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from .errors import InputError
from .lexicon import read_table
from .slugs import slugify
from .types import Document

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")  # what a folder is searched for
NON_TEXT_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".zip",
    ".gz",
    ".tar",
    ".mp3",
    ".mp4",
)
# a press release is a few KB and a long article 50 KB; 2 MB is already a book, and spaCy's parser
# needs memory in proportion (the pipeline's max_length is set to match)
DEFAULT_MAX_BYTES = 2_000_000
LEGACY_ENCODINGS = ("cp1252", "iso-8859-15")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders into the supported files they hold, sorted, each once."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise InputError(
                    f"{path}: folder holds no documents ({', '.join(SUPPORTED_SUFFIXES)})"
                )
        else:
            found = [path]
        for file in found:
            resolved = file.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield file


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding); refuse binary data with a message naming ``name``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} mark but does not decode"
                ) from exc
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes), not a text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        for encoding in LEGACY_ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - iso-8859-15 decodes every byte
            raise InputError(f"{name}: not UTF-8 and not a known legacy encoding") from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise InputError(f"{name}: looks binary ({controls} control characters), not a text")
    return text, encoding


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a :class:`Document`, or raise :class:`InputError` saying what is wrong."""
    path = Path(path)
    suffix = path.suffix.lower()
    # a file named explicitly is read as text whatever its name ("dépêche.2025", "article" with no
    # suffix): its bytes decide (binary is refused below); only known non-text formats are refused
    # by name, with a message that says so
    if suffix in NON_TEXT_SUFFIXES:
        raise InputError(
            f"{path}: unsupported file type {suffix or '(none)'}; "
            f"kgraph reads {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: {size / 1e6:.1f} MB is larger than the {max_bytes / 1e6:.1f} MB "
                "limit for one document (raise it with --max-bytes)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    text, encoding = decode_bytes(data, str(path))
    if suffix in (".html", ".htm"):
        text = html_to_text(text, str(path))
    if not text.strip():
        raise InputError(f"{path}: empty document (no text)")
    return make_document(
        text,
        path=str(path),
        key=slugify(path.stem),
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def html_to_text(html: str, name: str) -> str:
    """Main text of an HTML page through trafilatura (boilerplate removed, paragraphs kept)."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text:
        raise InputError(f"{name}: HTML page with no main text that could be extracted")
    return text


def make_document(
    text: str,
    *,
    path: str = "<text>",
    key: str | None = None,
    encoding: str = "utf-8",
    sha256: str = "",
) -> Document:
    """Build a Document from text already decoded, reading its title and date from the header."""
    title, date = read_header(text)
    return Document(
        key=key or slugify(title or text[:60]),
        path=path,
        text=text,
        title=title,
        date=date,
        is_press_release=bool(_PRESS_RELEASE.search(text)),
        encoding=encoding,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


_PRESS_RELEASE = re.compile(r"communiqu[ée] de presse|contacts? presse|service de presse", re.I)
_NUMERIC_DATE = re.compile(
    r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:\s*(?:à|,|-|–)?\s*(?P<H>\d{1,2})\s*[h:H]\s*(?P<M>\d{2}))?"
)
_ISO_DATE = re.compile(
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2}))?"
)


@cache
def _month_names() -> dict[str, int]:
    return {name: int(number) for name, number in read_table("months.tsv")}


def _word_date() -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(n) for n in _month_names()), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:er)?\s+(?P<mname>{names})\s+(?P<y>\d{{4}})"
        r"(?:\s*(?:à|,|-|–)?\s*(?P<H>\d{1,2})\s*[h:H]\s*(?P<M>\d{2}))?",
        re.I,
    )


def parse_date(line: str) -> str | None:
    """The first date in ``line`` as ISO ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``; None if none."""
    for pattern in (_NUMERIC_DATE, _ISO_DATE, _word_date()):
        match = pattern.search(line)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["m"]) if groups.get("m") else _month_names()[groups["mname"].lower()]
        day, year = int(groups["d"]), int(groups["y"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        if groups.get("H") and groups.get("M") and int(groups["H"]) < 24 and int(groups["M"]) < 60:
            iso += f"T{int(groups['H']):02d}:{groups['M']}"
        return iso
    return None


_HEADER_NOISE = re.compile(
    r"^(communiqu[ée] de presse|information presse|dossier de presse|press release|"
    r"publi[ée] le|mis à jour|par\s+\S+|le\s+\d)",
    re.I,
)


def read_header(text: str, *, lines_to_read: int = 6) -> tuple[str | None, str | None]:
    """Title and date from the first lines: the date is the first date met; the title is the first
    line that is neither a date/byline line nor a boilerplate label and looks like a headline."""
    date = None
    title = None
    lines = [line.strip() for line in text.splitlines() if line.strip()][:lines_to_read]
    for line in lines:
        line_date = parse_date(line) if date is None else None
        if line_date:
            date = line_date
            if len(line) < 80:
                continue
        if title is None and not _HEADER_NOISE.match(line) and len(line) <= 200:
            title = line.rstrip(" .")
            if date is not None:
                break
    return title, date
