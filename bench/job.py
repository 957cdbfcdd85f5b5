"""One measurement in a fresh process, so its peak memory is its own: `python -m bench.job NAME [ARG]`.

Prints one JSON line. Peak memory growth is the rise of the process's peak resident size while
the measured work runs (Linux `ru_maxrss`), over what the process held after starting Django.
"""

import json
import resource
import sys
import time

from . import environment


def main(name: str, *args: str) -> None:
    environment.setup()
    job = JOBS[name]
    result = job(*args)
    print(json.dumps(result))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(work) -> tuple[float, float]:
    """(seconds, peak memory growth in MB) of one run of `work`; its CPU seconds go to `_timed.cpu`."""
    before = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    work()
    _timed.cpu = time.process_time() - cpu
    return time.perf_counter() - started, _peak_mb() - before


def export(kind: str) -> dict:
    """The quarter's reviews as CSV or XLSX for the whole site, or as PDF for the demo lead's team."""
    from django.test import Client

    from people.models import TeamMembership, User
    from people.periods import Quarter

    from .pages import HR, LEAD

    client = Client()
    client.force_login(User.objects.get(email=HR))
    client.get("/hr/exports/")  # sessions, templates and translations warm, as in a running server
    quarter = Quarter.current().previous().label
    url = f"/hr/exports/reviews.{kind}?quarter={quarter}"
    if kind == "pdf":
        lead = User.objects.get(email=LEAD)
        team = (
            TeamMembership.objects.current()
            .leads()
            .filter(user=lead)
            .values_list("team_id", flat=True)
            .first()
        )
        url += f"&team={team}"
    size = {}

    def work():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        body = b"".join(response.streaming_content) if response.streaming else response.content
        size["bytes"] = len(body)

    seconds, growth = _timed(work)
    warm, cpu = [], []
    for _n in range(2):
        warm.append(_timed(work)[0])
        cpu.append(_timed.cpu)
    return {
        "export": kind,
        "url": url,
        "seconds_first": seconds,
        "seconds": min(warm),
        "cpu_seconds": min(cpu),
        "peak_growth_mb": growth,
        "bytes": size["bytes"],
    }


def kpi_import(path: str, source: str) -> dict:
    from django.core.management import call_command

    from kpis.models import KpiRecord

    rows = sum(1 for _line in open(path, encoding="utf-8")) - 1
    runs = []
    for _run in ("new", "unchanged"):
        seconds, growth = _timed(
            lambda: call_command(
                "import_kpis", path, source=source, period="day", stdout=open("/dev/null", "w")
            )
        )
        runs.append(
            {"seconds": seconds, "rows_per_second": rows / seconds, "peak_growth_mb": growth}
        )
    imported = KpiRecord.objects.filter(period="day", source=source).count()
    KpiRecord.objects.filter(period="day", source=source).delete()
    return {"rows": rows, "imported": imported, "first": runs[0], "again": runs[1]}


def kpi_api(rows: str) -> dict:
    """The API's bulk upload (`POST /api/v1/key-figures/bulk/`): `rows` daily records of the demo's
    agents in one request, through an integration token, as new rows and then unchanged."""
    from django.test import Client

    from api import services as api_services
    from kpis.models import KpiRecord
    from people.models import User

    from .kpi_file import api_records

    records = api_records(int(rows))
    body = json.dumps({"source": "Bench API", "period": "day", "records": records})
    admin = User.objects.filter(is_superuser=True).first()
    secret = api_services.integration_token_create(
        actor=admin,
        name="bench",
        access_level="read_write",
        scopes=["kpis"],
        teams=[],
        expires_at=None,
    ).secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    # A running server has its URLs imported and the token's use recorded before an upload arrives:
    # one small request first, so the measurement is the upload's, not the process's first request.
    assert client.get("/api/v1/key-figures/", {"page_size": 1}).status_code == 200
    answer: dict = {}

    def work():
        response = client.post("/api/v1/key-figures/bulk/", body, content_type="application/json")
        assert response.status_code == 200, response.content[:500]
        answer.update(response.json())

    runs = []
    for _run in ("new", "unchanged"):
        seconds, growth = _timed(work)
        runs.append(
            {
                "seconds": seconds,
                "rows_per_second": len(records) / seconds,
                "peak_growth_mb": growth,
                "changed": answer["changed"],
            }
        )
    KpiRecord.objects.filter(source="Bench API").delete()
    User.objects.filter(api_tokens__name="bench", is_service_account=True).delete()
    return {"rows": len(records), "bytes": len(body), "first": runs[0], "again": runs[1]}


def sweep() -> dict:
    """The reminder sweep: the backlog, then idle, then with 1,000 feedback windows closing."""
    from .sweep import measure_sweep

    return measure_sweep(_timed)


def data_copy(email: str) -> dict:
    """A copy of one person's personal data as the background task produces it: the document through
    the policy (JSON), then the PDF; the web request that asks for it only queues the task."""
    import json as json_module

    from django.utils import translation

    from people.models import User
    from privacy import personal_data

    person = User.objects.get(email=email)
    made: dict = {}

    def document():
        made["document"] = personal_data.export_document(person)
        made["json"] = json_module.dumps(made["document"], ensure_ascii=False, default=str)

    def pdf():
        made["pdf"] = personal_data.render_pdf(made["document"])

    with translation.override("de"):
        json_seconds, _growth = _timed(document)
        pdf_seconds, pdf_growth = _timed(pdf)
    records = sum(len(c["records"]) for c in made["document"]["categories"])
    return {
        "person": email,
        "records": records,
        "document_seconds": json_seconds,
        "pdf_seconds": pdf_seconds,
        "seconds": json_seconds + pdf_seconds,
        "pdf_peak_growth_mb": pdf_growth,
        "json_bytes": len(made["json"].encode()),
        "pdf_bytes": len(made["pdf"]),
    }


JOBS = {
    "export": export,
    "kpi_import": kpi_import,
    "kpi_api": kpi_api,
    "sweep": sweep,
    "data_copy": data_copy,
}

if __name__ == "__main__":
    main(*sys.argv[1:])
