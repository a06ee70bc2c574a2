"""Extraction records -> the extraction report, the JSON contract evaluation and users' scripts
read.

```
{"document": {"id", "path", "title", "date", "language"},
 "quotes": [{"text", "start", "end", "speaker", "speaker_id", "cue"}],
 "people": [{"id", "name", "mentions": [{"start", "end"}], "roles": [{"title", "organisation"}]}],
 "organisations": [{"id", "name", "mentions": [...]}],
 "policies": [{"id", "name", "mentions": [...], "people": [names], "organisations": [names]}]}
```
Extra keys (aliases, gender, rule, confidence) are added; the keys above keep their meaning.
"""

from __future__ import annotations

from typing import Any

from .iris import IriMinter
from .types import Extraction


def to_report(extraction: Extraction, minter: IriMinter | None = None) -> dict[str, Any]:
    minter = minter or IriMinter()
    doc = extraction.document
    people = {p.key: p for p in extraction.people}
    orgs = {o.key: o for o in extraction.organisations}

    def agent_name(kind: str | None, key: str | None) -> str | None:
        if key is None:
            return None
        table = people if kind == "person" else orgs
        return table[key].name if key in table else None

    def org_name(key: str | None) -> str | None:
        return orgs[key].name if key in orgs else None

    return {
        "document": {
            "id": str(minter.document(doc.key)),
            "path": doc.path,
            "title": doc.title,
            "date": doc.date,
            "language": doc.language,
        },
        "quotes": [
            {
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "speaker": agent_name(q.speaker_kind, q.speaker),
                "speaker_id": str(minter.agent(q.speaker_kind, q.speaker)) if q.speaker else None,
                "speaker_type": q.speaker_kind,
                "cue": q.cue,
                "capacity": q.capacity.title if q.capacity else None,
                "rule": q.rule,
                "confidence": round(q.confidence, 3),
            }
            for q in extraction.quotes
        ],
        "people": [
            {
                "id": str(minter.person(p.key)),
                "name": p.name,
                "aliases": list(p.alt_labels),
                "gender": p.gender,
                "mentions": [{"start": m.start, "end": m.end} for m in p.mentions],
                "roles": [
                    {"title": r.title, "organisation": org_name(r.organisation), "former": r.former}
                    for r in p.roles
                ],
            }
            for p in extraction.people
        ],
        "organisations": [
            {
                "id": str(minter.organisation(o.key)),
                "name": o.name,
                "aliases": list(o.alt_labels),
                "mentions": [{"start": m.start, "end": m.end} for m in o.mentions],
            }
            for o in extraction.organisations
        ],
        "policies": [
            {
                "id": str(minter.policy(p.key)),
                "name": p.name,
                "kind": p.kind,
                "aliases": list(p.alt_labels),
                "mentions": [{"start": m.start, "end": m.end} for m in p.mentions],
                "people": list(
                    dict.fromkeys(
                        people[t.agent].name
                        for t in p.ties
                        if t.agent_kind == "person" and t.agent in people
                    )
                ),
                "organisations": list(
                    dict.fromkeys(
                        orgs[t.agent].name
                        for t in p.ties
                        if t.agent_kind == "organisation" and t.agent in orgs
                    )
                ),
                "ties": [
                    {
                        "agent": agent_name(t.agent_kind, t.agent),
                        "tie": t.tie,
                        "start": t.start,
                        "end": t.end,
                    }
                    for t in p.ties
                ],
            }
            for p in extraction.policies
        ],
    }
