"""What each scenario found, and the table the suite prints."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import httpx

HANG_S = 10.0  # a request unanswered this long counts as a hang


@dataclass
class Row:
    """One scenario's tally. `clean_4xx` counts refusals in the {"error": {"code", "message"}} shape."""

    scenario: str
    tried: int = 0
    ok_2xx: int = 0
    clean_4xx: int = 0
    unshaped_4xx: int = 0
    refused_503: int = 0  # a clear storage_unavailable, expected under storage faults
    server_5xx: int = 0
    hangs: int = 0
    lost: int = 0
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None

    def count(self, response: httpx.Response | None, *, storage_fault: bool = False) -> None:
        """Tally one response (None: no answer in time)."""
        self.tried += 1
        if response is None:
            self.hangs += 1
        elif response.status_code < 300:
            self.ok_2xx += 1
        elif response.status_code == 503 and storage_fault and is_error_shape(response, "storage_unavailable"):
            self.refused_503 += 1
        elif response.status_code >= 500:
            self.server_5xx += 1
            self.note(f"{response.status_code} {response.text[:120]}")
        elif is_error_shape(response):
            self.clean_4xx += 1
        else:
            self.unshaped_4xx += 1
            self.note(f"unshaped {response.status_code}: {response.text[:80]!r}")

    def note(self, text: str) -> None:
        if len(self.notes) < 6 and text not in self.notes:
            self.notes.append(text)

    @property
    def failed(self) -> bool:
        return self.server_5xx > 0 or self.hangs > 0 or self.lost > 0


def is_error_shape(response: httpx.Response, code: str | None = None) -> bool:
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    error = body.get("error") if isinstance(body, dict) else None
    shaped = isinstance(error, dict) and isinstance(error.get("code"), str) and isinstance(error.get("message"), str)
    return shaped and (code is None or error["code"] == code)


def send(client: httpx.Client, method: str, url: str, **kwargs: object) -> httpx.Response | None:
    """One request; None when it is not answered within HANG_S (or the connection breaks)."""
    try:
        return client.request(method, url, timeout=HANG_S, **kwargs)  # type: ignore[arg-type]
    except (httpx.TimeoutException, httpx.TransportError):
        return None


COLUMNS = ["scenario", "tried", "2xx", "clean 4xx", "unshaped 4xx", "503 storage", "5xx", "hangs", "data lost"]


def table(rows: list[Row]) -> str:
    lines = [COLUMNS]
    for row in rows:
        if row.skipped:
            lines.append([row.scenario, "skipped: " + row.skipped, "", "", "", "", "", "", ""])
            continue
        lines.append([row.scenario, str(row.tried), str(row.ok_2xx), str(row.clean_4xx), str(row.unshaped_4xx),
                      str(row.refused_503), str(row.server_5xx), str(row.hangs), str(row.lost)])
    total = Row("TOTAL")
    for row in rows:
        if not row.skipped:
            for name in ("tried", "ok_2xx", "clean_4xx", "unshaped_4xx", "refused_503", "server_5xx", "hangs", "lost"):
                setattr(total, name, getattr(total, name) + getattr(row, name))
    lines.append(["TOTAL", str(total.tried), str(total.ok_2xx), str(total.clean_4xx), str(total.unshaped_4xx),
                  str(total.refused_503), str(total.server_5xx), str(total.hangs), str(total.lost)])
    widths = [max(len(line[i]) for line in lines if len(line) > i) for i in range(len(COLUMNS))]
    widths[1] = max(len(line[1]) for line in lines if not line[1].startswith("skipped")) if lines else widths[1]
    out = []
    for index, line in enumerate(lines):
        if line[1].startswith("skipped"):
            out.append(f"| {line[0].ljust(widths[0])} | {line[1]}")
            continue
        out.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |")
        if index == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)
