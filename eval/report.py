"""Present eval results: a terminal summary, results.json, report.md, a self-contained report.html, comparisons.

The Markdown and HTML pages are rendered from the same list of sections, so they cannot disagree.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable

# What the terminal summary and the metric tables show, in order (results.json holds everything).
SUMMARY_METRICS = {
    "qa": ["questions", "status_accuracy", "answer_recall_at_3_clause", "answer_citation_top1", "recall_at_1_clause", "recall_at_3_clause", "recall_at_5_clause",
           "mrr_clause", "recall_at_1_article", "recall_at_3_article", "recall_at_5_article", "mrr_article",
           "citation_precision", "key_fact_coverage", "refusal_precision", "refusal_recall",
           "latency_p50_ms", "latency_p95_ms", "passed_items"],
    "precheck": ["cases", "decisions", "decision_accuracy", "amount_exact_match", "case_accuracy",
                 "latency_p50_ms", "latency_p95_ms", "passed_items"],
    "dialogue": ["cases", "decisions", "decision_accuracy", "amount_exact_match", "case_accuracy",
                 "latency_p50_ms", "latency_p95_ms", "passed_items"],
}
KIND_METRICS = ["questions", "status_accuracy", "answer_recall_at_3_clause", "recall_at_3_clause", "mrr_clause", "recall_at_3_article",
                "citation_precision", "key_fact_coverage"]
KIND_PLOT_METRICS = ["status_accuracy", "recall_at_3_clause", "citation_precision", "key_fact_coverage"]


def fmt(value: Any, name: str = "") -> str:
    """A metric for people: ratios with three decimals, milliseconds with one, n/a when not measured."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}" if name.endswith("_ms") or value > 1 else f"{value:.3f}"
    return str(value)


def _gate_label(gate: dict[str, Any]) -> str:
    return f"{'≤' if gate['at_most'] else '≥'} {gate['bound']:g}"


def _gate_verdict(gate: dict[str, Any]) -> str:
    return {True: "pass", False: "MISSED", None: "not measured"}[gate["passed"]]


# --- sections shared by Markdown and HTML --------------------------------------------------------


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]


@dataclass
class Section:
    title: str
    text: str = ""
    tables: list[Table] = field(default_factory=list)
    plots: list[str] = field(default_factory=list)  # plot names, see make_plots


def _suite_metrics_table(suite: str, data: dict[str, Any], gates: dict[tuple[str, str], dict[str, Any]]) -> Table:
    splits = list(data.get("by_split", {}))
    headers = ["metric", "all", *splits, "gate"] if len(splits) > 1 else ["metric", "value", "gate"]
    rows = []
    for name in SUMMARY_METRICS[suite]:
        gate = gates.get((suite, name))
        per_split = [fmt(data["by_split"][split].get(name), name) for split in splits] if len(splits) > 1 else []
        gate_text = f"{_gate_label(gate)} {_gate_verdict(gate)}" if gate else ""
        rows.append([name, fmt(data["metrics"].get(name), name), *per_split, gate_text])
    return Table(headers, rows)


def _qa_failures(items: list[dict[str, Any]]) -> Table:
    rows = [
        [item["id"], item["kind"], item["question"], f"{item['expected_status']} → {item['returned_status']}",
         ", ".join(item["gold"]) or "—", ", ".join(item["ranked"]) or "—", ", ".join(item["cited"]) or "—",
         ", ".join(item["missing_facts"]) or "—", ", ".join(item["failures"])]
        for item in items if not item["passed"]
    ]
    return Table(["id", "kind", "question", "status (expected → returned)", "expected clauses",
                  "ranked clauses", "cited clauses", "missing key facts", "why"], rows)


def _decision_failures(items: list[dict[str, Any]]) -> Table:
    dialogue = any("turns" in item for item in items)  # a chat: show its last turn, where the decision was read
    rows = [
        [item["id"], item["name"], *([item["turns"][-1]] if dialogue else []), decision["category"],
         f"{decision['expected_status']} / {fmt(decision['expected_amount'])}",
         f"{decision['returned_status']} / {fmt(decision['returned_amount'])}"]
        for item in items if not item["passed"]
        for decision in item["decisions"] if not decision["status_ok"] or decision["amount_ok"] is False
    ]
    return Table(["id", "name", *(["last turn"] if dialogue else []), "category",
                  "expected (status / max yuan)", "returned (status / max yuan)"], rows)


def _confusion_table(confusion: dict[str, dict[str, int]]) -> Table:
    labels = list(confusion)
    return Table(["expected \\ returned", *labels], [[label, *confusion[label].values()] for label in labels])


def combined_confusion(results: dict[str, Any]) -> dict[str, dict[str, int]]:
    """The decision confusion matrix of precheck and dialogue together."""
    combined: dict[str, dict[str, int]] = {}
    for suite in ("precheck", "dialogue"):
        for expected, row in results["suites"].get(suite, {}).get("confusion", {}).items():
            for returned, count in row.items():
                combined.setdefault(expected, {})
                combined[expected][returned] = combined[expected].get(returned, 0) + count
    labels = list(dict.fromkeys([*combined, *(r for row in combined.values() for r in row)]))
    return {e: {r: combined.get(e, {}).get(r, 0) for r in labels} for e in labels}


def build_sections(results: dict[str, Any], plot_names: Sequence[str]) -> list[Section]:
    """The report's content, independent of the output format."""
    meta, suites = results["meta"], results["suites"]
    gates = {(g["suite"], g["metric"]): g for g in results.get("gates", [])}
    intro = (f"Mode: {meta['mode']}{' (' + meta['url'] + ')' if meta.get('url') else ''}; "
             f"splits: {', '.join(meta['splits'])}; suites: {', '.join(meta['suites'])}; "
             f"run at {meta['created']} in {meta.get('duration_s', 0)} s. "
             f"Verdict: {'all gates hold' if results.get('passed', True) else 'a gate was MISSED'}.")
    if "qa" in suites:
        intro += (" answer_recall_at_3_clause and answer_citation_top1 score the delivered answer's citations"
                  " (what the user sees; a refusal of an answerable question is a miss);"
                  f" recall@k and MRR are computed over the {suites['qa']['retrieval_source']}"
                  + (" (the HTTP API does not expose the retriever's ranking)." if meta["mode"] == "url" else "."))
    sections = [Section("Summary", intro, [Table(
        ["suite", "metric", "gate", "value", "result"],
        [[g["suite"], g["metric"], _gate_label(g), fmt(g["value"], g["metric"]), _gate_verdict(g)] for g in results.get("gates", [])],
    )])]
    for suite, data in suites.items():
        section = Section(f"Suite: {suite}", tables=[_suite_metrics_table(suite, data, gates)])
        if suite == "qa":
            section.tables.append(Table(["kind", *KIND_METRICS],
                                        [[kind, *(fmt(metrics.get(n)) for n in KIND_METRICS)]
                                         for kind, metrics in data["by_kind"].items()]))
        else:
            names = ["decisions", "decision_accuracy", "amount_exact_match"]
            for breakdown, label in (("by_category", "category"), ("by_kind", "kind")):
                section.tables.append(Table([label, *(["cases"] if label == "kind" else []), *names],
                                            [[key, *([fmt(metrics["cases"])] if label == "kind" else []),
                                              *(fmt(metrics.get(n)) for n in names)]
                                             for key, metrics in data.get(breakdown, {}).items()]))
        sections.append(section)
    if any(s in suites for s in ("precheck", "dialogue")):
        sections.append(Section("Decisions: confusion matrix (precheck + dialogue)",
                                tables=[_confusion_table(combined_confusion(results))]))
    sections.append(Section("Plots", plots=list(plot_names)))
    for suite, data in suites.items():
        failures = _qa_failures(data["items"]) if suite == "qa" else _decision_failures(data["items"])
        text = f"{len(failures.rows)} failure(s)." if failures.rows else "No failures."
        if suite == "qa" and failures.rows:
            text += (" why: status = wrong status; retrieval = no expected clause in the top 3; "
                     "citation = answered without citing any expected clause; key_facts = facts missing from the answer.")
        sections.append(Section(f"Failures: {suite}", text, [failures] if failures.rows else []))
    return sections


# --- plots ---------------------------------------------------------------------------------------


def make_plots(results: dict[str, Any]) -> dict[str, bytes]:
    """PNG plots: metric by question kind, latency histogram, decision confusion matrix (what was run)."""
    import matplotlib

    matplotlib.use("Agg")  # no display: CI and servers
    import matplotlib.pyplot as plt

    suites, plots = results["suites"], {}

    def png(figure: Any) -> bytes:
        buffer = io.BytesIO()
        figure.tight_layout()
        figure.savefig(buffer, format="png", dpi=110)
        plt.close(figure)
        return buffer.getvalue()

    if "qa" in suites and suites["qa"]["by_kind"]:
        by_kind = suites["qa"]["by_kind"]
        kinds = list(by_kind)
        figure, axes = plt.subplots(figsize=(max(6, 1.4 * len(kinds)), 4))
        width = 0.8 / len(KIND_PLOT_METRICS)
        for index, name in enumerate(KIND_PLOT_METRICS):
            values = [by_kind[kind].get(name) or 0 for kind in kinds]  # n/a drawn as 0 height
            axes.bar([k + index * width for k in range(len(kinds))], values, width, label=name)
        axes.set_xticks([k + width * (len(KIND_PLOT_METRICS) - 1) / 2 for k in range(len(kinds))], kinds,
                        rotation=20, ha="right")
        axes.set_ylim(0, 1.05)
        axes.set_title("QA metrics by question kind")
        axes.legend(fontsize="small", loc="lower right")
        plots["metric_by_kind"] = png(figure)

    latencies = {suite: [item["latency_ms"] for item in data["items"]] for suite, data in suites.items() if data["items"]}
    if latencies:
        # One panel per suite: a pre-check takes microseconds, a chat turn far longer; one axis would hide both.
        figure, panels = plt.subplots(1, len(latencies), figsize=(4 * len(latencies), 3.5), squeeze=False)
        for panel, (suite, values) in zip(panels[0], latencies.items(), strict=True):
            panel.hist(values, bins=20, color="tab:blue")
            panel.set_title(f"{suite} latency")
            panel.set_xlabel("ms per case" + (" (all turns)" if suite == "dialogue" else ""))
            panel.set_ylabel("cases")
        plots["latency_histogram"] = png(figure)

    confusion = combined_confusion(results)
    if confusion:
        labels = list(confusion)
        matrix = [[confusion[e][r] for r in labels] for e in labels]
        figure, axes = plt.subplots(figsize=(5, 4.5))
        image = axes.imshow(matrix, cmap="Blues")
        axes.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
        axes.set_yticks(range(len(labels)), labels)
        axes.set_xlabel("returned")
        axes.set_ylabel("expected")
        for row, values in enumerate(matrix):
            for column, count in enumerate(values):
                dark = count > max(max(v) for v in matrix) / 2
                axes.text(column, row, str(count), ha="center", va="center", color="white" if dark else "black")
        figure.colorbar(image, ax=axes)
        axes.set_title("Decisions (precheck + dialogue)")
        plots["decision_confusion"] = png(figure)
    return plots


# --- renderers -----------------------------------------------------------------------------------


def _md_cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def render_markdown(sections: Sequence[Section], title: str = "Evaluation report") -> str:
    """Sections as GitHub Markdown; plots are linked as the PNG files written beside it."""
    lines = [f"# {title}", ""]
    for section in sections:
        lines += [f"## {section.title}", ""]
        if section.text:
            lines += [section.text, ""]
        for table in section.tables:
            lines.append("| " + " | ".join(_md_cell(h) for h in table.headers) + " |")
            lines.append("|" + "---|" * len(table.headers))
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
            lines.append("")
        lines += [f"![{name}]({name}.png)" for name in section.plots]
        if section.plots:
            lines.append("")
    return "\n".join(lines)


_CSS = """body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;max-width:1200px}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;
vertical-align:top;font-size:.9rem}th{background:#f4f4f4}img{max-width:100%;margin:.5rem 1rem .5rem 0}"""


def render_html(sections: Sequence[Section], plots: dict[str, bytes], title: str = "Evaluation report") -> str:
    """Sections as one self-contained HTML page: styles inline, plots embedded as base64 PNG."""
    parts = [f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
             f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>"]
    for section in sections:
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        if section.text:
            parts.append(f"<p>{html.escape(section.text)}</p>")
        for table in section.tables:
            head = "".join(f"<th>{html.escape(str(h))}</th>" for h in table.headers)
            body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in table.rows)
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        for name in section.plots:
            if name in plots:
                data = base64.b64encode(plots[name]).decode("ascii")
                parts.append(f'<img alt="{html.escape(name)}" src="data:image/png;base64,{data}">')
    parts.append("</body></html>")
    return "".join(parts)


def write_report(results: dict[str, Any], directory: Path) -> list[Path]:
    """Write results.json, report.md (+ PNG plots) and report.html into the directory; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    plots = make_plots(results)
    sections = build_sections(results, list(plots))
    written = [directory / "results.json", directory / "report.md", directory / "report.html"]
    written[0].write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    written[1].write_text(render_markdown(sections), encoding="utf-8")
    written[2].write_text(render_html(sections, plots), encoding="utf-8")
    for name, data in plots.items():
        (directory / f"{name}.png").write_bytes(data)
    return written


# --- terminal ------------------------------------------------------------------------------------


def print_summary(results: dict[str, Any], console: Console | None = None) -> None:
    """A compact table of every suite's headline metrics and its gates."""
    console = console or Console()
    gates = {(g["suite"], g["metric"]): g for g in results.get("gates", [])}
    table = RichTable(title=f"eval ({results['meta']['mode']}, {'+'.join(results['meta']['splits'])})")
    for column in ("suite", "metric", "value", "gate"):
        table.add_column(column)
    for suite, data in results["suites"].items():
        for name in SUMMARY_METRICS[suite]:
            gate = gates.get((suite, name))
            verdict = ""
            if gate:
                colour = {True: "green", False: "bold red", None: "yellow"}[gate["passed"]]
                verdict = f"[{colour}]{_gate_label(gate)} {_gate_verdict(gate)}[/{colour}]"
            table.add_row(suite, name, fmt(data["metrics"].get(name), name), verdict)
        table.add_section()
    console.print(table)
    missed = [g for g in results.get("gates", []) if g["passed"] is False]
    if missed:
        console.print(f"[bold red]{len(missed)} gate(s) missed:[/bold red] "
                      + ", ".join(f"{g['suite']}.{g['metric']} = {fmt(g['value'], g['metric'])} ({_gate_label(g)})" for g in missed))


def compare(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Metric deltas of the suites both runs share, items whose pass/fail flipped, and items in one run only."""
    metrics: list[tuple[str, str, Any, Any, float | None]] = []
    flipped: list[tuple[str, str, bool, bool]] = []
    only_old = only_new = 0
    for suite, data in new["suites"].items():
        if suite not in old["suites"]:
            continue
        before = old["suites"][suite]["metrics"]
        for name, value in data["metrics"].items():
            previous = before.get(name)
            if isinstance(value, int | float) and isinstance(previous, int | float) and value != previous:
                metrics.append((suite, name, previous, value, value - previous))
            elif (value is None) != (previous is None):
                metrics.append((suite, name, previous, value, None))
        old_items = {f"{item['split']}/{item['id']}": item["passed"] for item in old["suites"][suite]["items"]}
        new_items = {f"{item['split']}/{item['id']}": item["passed"] for item in data["items"]}
        flipped += [(suite, key, old_items[key], new_items[key])
                    for key in sorted(old_items.keys() & new_items.keys()) if old_items[key] != new_items[key]]
        only_old += len(old_items.keys() - new_items.keys())
        only_new += len(new_items.keys() - old_items.keys())
    return {"metrics": metrics, "flipped": flipped, "only_old": only_old, "only_new": only_new}


def print_comparison(old: dict[str, Any], new: dict[str, Any], console: Console | None = None) -> None:
    """What changed since an earlier results.json: metric deltas and items that flipped."""
    console = console or Console()
    changes = compare(old, new)
    since = old["meta"].get("created", "the earlier run")
    if old["meta"].get("splits") != new["meta"]["splits"] or old["meta"].get("mode") != new["meta"]["mode"]:
        console.print(f"[yellow]note: comparing {old['meta'].get('mode')} {'+'.join(old['meta'].get('splits', []))} "
                      f"with {new['meta']['mode']} {'+'.join(new['meta']['splits'])}: metrics are not like for like[/yellow]")
    if changes["metrics"]:
        table = RichTable(title=f"metric changes since {since}")
        for column in ("suite", "metric", "old", "new", "delta"):
            table.add_column(column)
        for suite, name, previous, value, delta in changes["metrics"]:
            # Which direction is better depends on the metric (latency: lower); show the sign, not a verdict.
            if delta is None:
                delta_text = ""
            elif isinstance(delta, int):
                delta_text = f"{delta:+d}"
            else:
                delta_text = f"{delta:+.1f}" if name.endswith("_ms") else f"{delta:+.3f}"
            table.add_row(suite, name, fmt(previous, name), fmt(value, name), delta_text)
        console.print(table)
    if changes["flipped"]:
        flips = RichTable(title="items that changed pass/fail")
        for column in ("suite", "item", "old", "new"):
            flips.add_column(column)
        for suite, key, previous, value in changes["flipped"]:
            flips.add_row(suite, key, "pass" if previous else "fail",
                          "[green]pass[/green]" if value else "[red]fail[/red]")
        console.print(flips)
    if not changes["metrics"] and not changes["flipped"]:
        console.print(f"no change since {since}")
    if changes["only_old"] or changes["only_new"]:
        console.print(f"{changes['only_old']} item(s) only in the earlier run, {changes['only_new']} only in this one")
