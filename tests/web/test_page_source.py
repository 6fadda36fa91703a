"""The page's scripts hold no regulation: no category, fact or regulation words; text only via textContent."""

from __future__ import annotations

import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "web"
SCRIPTS = sorted([WEB / "app.js", *(WEB / "js").glob("*.js")])


def script_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SCRIPTS)


def test_the_page_is_split_into_modules_along_its_sections() -> None:
    names = {path.stem for path in SCRIPTS}
    assert {"api", "chat", "facts", "results", "clause", "checklist", "search"} <= names
    app = (WEB / "app.js").read_text(encoding="utf-8")
    assert len(app.splitlines()) < 250
    for path in SCRIPTS:
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, path.name


def test_no_regulation_words_in_the_scripts(client) -> None:
    source = script_text()
    regulation = client.get("/v1/clauses").json()["regulation"]
    results = client.post("/v1/precheck", json={"facts": {}}).json()["results"]
    words = {regulation["title"], regulation.get("status") or regulation["title"]}
    for result in results:
        words |= {result["category"], result.get("title") or result["category"]}
        for condition in result["conditions"]:
            words |= {condition["id"], condition["text"]}
    found = sorted(word for word in words if word and word in source)
    assert found == [], found
    # The regulation's proper names, should a shortened form creep in.
    for name in re.findall(r"[\u4e00-\u9fff]{2,}", regulation["title"])[:1]:
        assert name[:2] not in source, name[:2]


def test_text_reaches_the_page_only_through_text_content() -> None:
    source = script_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, sink
