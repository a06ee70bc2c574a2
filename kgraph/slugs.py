"""Stable slugs for IRIs and keys: the same name gives the same slug on every run and machine."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Casefold, strip accents and unify apostrophes/spaces: the form used to compare names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.casefold().split())


def slugify(text: str, *, max_length: int = 60) -> str:
    """``"Hélène Roy"`` -> ``"helene-roy"``; falls back to a hash for text with no letters."""
    slug = _NON_WORD.sub("-", fold(text)).strip("-")[:max_length].strip("-")
    return slug or short_hash(text)


def short_hash(text: str, length: int = 10) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]
