"""The results as Markdown tables, and two result files side by side."""

TARGET_QUERIES, TARGET_MEDIAN, TARGET_P95 = 15, 4, 6
TARGET_API_LIST = 10  # a page of 100 from a list endpoint, × the bare page


def markdown(result: dict) -> str:
    meta = result["meta"]
    parts = [
        f"{meta['agents']} agents, {meta['teams']} teams on {meta['database']}; {meta['cpus']} × {meta['cpu']}; "
        f"Python {meta['python']}; commit {meta['commit']}; load average at start "
        f"{', '.join(f'{x:.1f}' for x in meta['load_average'])}"
    ]
    if result.get("seed"):
        seed = result["seed"]
        parts.append(
            f"Seed: {seed['agents']} agents × {seed['years']} years, {seed['rows']:,} rows in "
            f"{seed['seconds']:.0f} s ({seed['cpu_seconds']:.0f} s CPU), peak {seed['peak_mb']:.0f} MB"
        )
    if result.get("pages"):
        parts.append(_pages(result["pages"]))
    if result.get("objectives"):
        parts.append(_objectives(result["objectives"]))
    if result.get("sweep"):
        sweep = result["sweep"]
        parts.append(
            "\n".join(
                [
                    "| reminder sweep | time |",
                    "| --- | ---: |",
                    f"| first run (the seeded backlog) | {sweep['backlog_seconds']:.2f} s |",
                    f"| idle (median of 5) | {sweep['idle_seconds']:.2f} s |",
                    f"| {sweep['due']:,} due ({sweep['due_bells']:,} bell notifications, {sweep['due_sent']:,} e-mails"
                    f"{', stopped early by its time budget' if sweep['due_stopped_early'] else ''}) | "
                    f"{sweep['due_seconds']:.2f} s, +{sweep['due_peak_growth_mb']:.0f} MB |",
                ]
            )
        )
    if result.get("exports"):
        rows = [
            "| export of last quarter's reviews | first | warm | warm, CPU of the process | peak memory growth | size |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for export in result["exports"]:
            scope = "the demo lead's team" if export["export"] == "pdf" else "all teams"
            cpu = f"{export['cpu_seconds']:.2f} s" if "cpu_seconds" in export else "–"
            rows.append(
                f"| {export['export'].upper()} ({scope}) | {export['seconds_first']:.2f} s | "
                f"{export['seconds']:.2f} s | {cpu} | {export['peak_growth_mb']:.0f} MB | "
                f"{export['bytes'] / 1024:,.0f} KB |"
            )
        parts.append("\n".join(rows))
    if result.get("data_copies"):
        rows = [
            "| copy of personal data (background task) | records | document (JSON) | PDF | total | PDF memory growth | PDF size |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for copy in result["data_copies"]:
            rows.append(
                f"| {copy['person']} | {copy['records']:,} | {copy['document_seconds']:.2f} s | "
                f"{copy['pdf_seconds']:.2f} s | {copy['seconds']:.2f} s | "
                f"{copy['pdf_peak_growth_mb']:.0f} MB | {copy['pdf_bytes'] / 1024:,.0f} KB |"
            )
        parts.append("\n".join(rows))
    if result.get("kpi_import"):
        kpi = result["kpi_import"]
        title = f"KPI import, {kpi['rows']:,} rows (`import_kpis`)"
        parts.append(_upload_table(title, kpi, "the same file again (unchanged)"))
    if result.get("kpi_api"):
        api = result["kpi_api"]
        title = (
            f"KPI upload, {api['rows']:,} records (`POST /api/v1/key-figures/bulk/`, "
            f"{api['bytes'] / 1024 / 1024:.1f} MB)"
        )
        parts.append(_upload_table(title, api, "the same again (unchanged)"))
    if result.get("api_lists"):
        parts.append(_api_lists(result["api_lists"]))
    if result.get("calibration"):
        c = result["calibration"]
        parts.append(
            "\n".join(
                [
                    "| calibration statistics (one session) | median | 95th percentile | target |",
                    "| --- | ---: | ---: | ---: |",
                    f"| {c['evaluators']} evaluators × {c['questions']} questions, {c['repeats']} runs | "
                    f"{c['median_ms']:.1f} ms | {c['p95_ms']:.1f} ms | < {c['target_ms']} ms |",
                ]
            )
        )
    return "\n\n".join(parts)


def _objectives(figures: dict) -> str:
    page = figures["page"]
    return "\n".join(
        [
            "| objective progress across teams (HR) | team objectives | queries | median | p95 |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| computed (`objectives_overview`, {figures['objectives']} objectives, "
            f"{figures['with_figures']} with weekly figures) | {figures['team_objectives']:,} | "
            f"{_flag(figures['queries'], TARGET_QUERIES, '{}')} | {figures['median_ms']:.1f} ms | "
            f"{figures['p95_ms']:.1f} ms |",
            f"| the page `/objectives/` ({page['bytes'] / 1024:,.0f} KB; × baseline: "
            f"{_flag(page['median_ratio'], TARGET_MEDIAN)} median, "
            f"{_flag(page['p95_ratio'], TARGET_P95)} p95) | {figures['team_objectives']:,} | "
            f"{_flag(page['queries'], TARGET_QUERIES, '{}')} | {page['median_ms']:.1f} ms | "
            f"{page['p95_ms']:.1f} ms |",
        ]
    )


def _pages(pages: list) -> str:
    rows = [
        "| page | as | queries | median | × baseline | p95 | × baseline | size |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in pages:
        rows.append(
            f"| {page['page']} | {page['user'].split('@')[0]} | {_flag(page['queries'], TARGET_QUERIES, '{}')} | "
            f"{page['median_ms']:.1f} ms | {_flag(page['median_ratio'], TARGET_MEDIAN)} | {page['p95_ms']:.1f} ms | "
            f"{_flag(page['p95_ratio'], TARGET_P95)} | {page['bytes'] / 1024:.0f} KB |"
        )
    base = {p["user"]: (p["baseline_median_ms"], p["baseline_queries"]) for p in pages}
    rows.append(
        "\nBaseline (the base layout alone, same user, interleaved): "
        + "; ".join(
            f"{user.split('@')[0]} {ms:.1f} ms, {q} queries" for user, (ms, q) in base.items()
        )
        + ". Targets: ≤ 15 queries, median ≤ 4 ×, p95 ≤ 6 × the baseline (misses in **bold**)."
    )
    return "\n".join(rows)


def _api_lists(lists: list) -> str:
    rows = [
        "| API list, a page of 100 | as | records | queries | median | × bare page | p95 | × bare page |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for item in lists:
        rows.append(
            f"| `{item['endpoint']}` | {item['user'].split('@')[0]} | {item['records']} | {item['queries']} | "
            f"{item['median_ms']:.1f} ms | {_flag(item['median_ratio'], TARGET_API_LIST)} | "
            f"{item['p95_ms']:.1f} ms | {_flag(item['p95_ratio'], TARGET_API_LIST)} |"
        )
    rows.append(
        "\nThe bare page: the base layout alone, same user, interleaved. "
        f"Target: under {TARGET_API_LIST} × the bare page (misses in **bold**)."
    )
    return "\n".join(rows)


def _flag(value, limit, style="{:.1f} ×") -> str:
    text = style.format(value)
    return f"**{text}**" if value > limit else text


def comparison(before: dict, after: dict) -> str:
    rows = [
        "| page | queries | median before | median after | change | × baseline before → after |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    old = {p["page"]: p for p in before.get("pages", [])}
    for page in after.get("pages", []):
        was = old.get(page["page"])
        if not was:
            continue
        rows.append(
            f"| {page['page']} | {was['queries']} → {page['queries']} | {was['median_ms']:.1f} ms | "
            f"{page['median_ms']:.1f} ms | {page['median_ms'] / was['median_ms'] - 1:+.0%} | "
            f"{was['median_ratio']:.1f} → {page['median_ratio']:.1f} |"
        )
    for kind in ("exports",):
        for was, now in zip(before.get(kind, []), after.get(kind, []), strict=False):
            rows.append(
                f"| export {now['export']} | | {was['seconds'] * 1000:.0f} ms | {now['seconds'] * 1000:.0f} ms | "
                f"{now['seconds'] / was['seconds'] - 1:+.0%} | |"
            )
    return "\n".join(rows)


def _upload_table(title: str, result: dict, again: str) -> str:
    """A KPI import or upload: new rows, then the same rows again."""
    rows = [f"| {title} | time | rows/s | peak memory growth |", "| --- | ---: | ---: | ---: |"]
    for label, run in (("new rows", result["first"]), (again, result["again"])):
        rows.append(
            f"| {label} | {run['seconds']:.1f} s | {run['rows_per_second']:,.0f} | "
            f"{run['peak_growth_mb']:.0f} MB |"
        )
    return "\n".join(rows)
