"""Operations routes: /healthz for load balancers, /metrics in Prometheus text format."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi import APIRouter, Request, Response

from khulasa import __version__, isolation
from khulasa.errors import KhulasaError
from khulasa.store import jobs
from khulasa.store.database import reading
from khulasa.web.auth import require_key
from khulasa.web.service import service_of

router = APIRouter(tags=["operations"])


class DatabaseDown(KhulasaError):
    """The database does not answer."""

    code = "database_unavailable"
    status = 503


@router.get("/healthz", summary="Is the service up?")
def healthz(request: Request) -> dict[str, str]:
    """200 when the database answers, 503 problem details otherwise."""
    try:
        with reading(service_of(request).engine) as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        raise DatabaseDown(f"the database does not answer ({type(exc).__name__}); check KHULASA_DATABASE_URL.") from None
    return {"status": "ok", "version": __version__}


@router.get("/metrics", summary="Prometheus metrics")
def metrics(request: Request) -> Response:
    """Jobs by state, queue depth and stage durations, in Prometheus text format; needs a key unless ``metrics_public``."""
    svc = service_of(request)
    if not svc.settings.metrics_public:
        require_key(request)
    counts = jobs.counts(svc.engine)
    lines = [
        "# HELP khulasa_jobs Jobs in the job table, by state.",
        "# TYPE khulasa_jobs gauge",
        *(f'khulasa_jobs{{state="{state}"}} {n}' for state, n in counts.items()),
        "# HELP khulasa_queue_depth Jobs waiting to run.",
        "# TYPE khulasa_queue_depth gauge",
        f"khulasa_queue_depth {counts['queued']}",
        "# HELP khulasa_jobs_quarantined Jobs whose text crashed the voice or diacritizer: kept without audio, not retried.",
        "# TYPE khulasa_jobs_quarantined gauge",
        f"khulasa_jobs_quarantined {jobs.quarantined(svc.engine)}",
        "# HELP khulasa_native_crashes_total Child processes of this server that crashed or hung in native code.",
        "# TYPE khulasa_native_crashes_total counter",
        f"khulasa_native_crashes_total {isolation.crashes()}",
        "# HELP khulasa_voice_characters_total Characters sent to paid speech services (what they bill), by voice.",
        "# TYPE khulasa_voice_characters_total counter",
        *(f'khulasa_voice_characters_total{{voice="{voice}"}} {n}' for voice, n in svc.times.characters().items()),
        "# HELP khulasa_stage_seconds Time spent in each stage of the jobs this server ran.",
        "# TYPE khulasa_stage_seconds summary",
    ]
    for stage, (total, runs) in svc.times.snapshot().items():
        lines.append(f'khulasa_stage_seconds_sum{{stage="{stage}"}} {total:.6f}')
        lines.append(f'khulasa_stage_seconds_count{{stage="{stage}"}} {runs}')
    if svc.intake is not None:
        writer = svc.intake.writer
        lines += [
            "# HELP khulasa_listening_events_total Listening events taken by this server, by what became of them.",
            "# TYPE khulasa_listening_events_total counter",
            f'khulasa_listening_events_total{{outcome="written"}} {writer.written}',
            f'khulasa_listening_events_total{{outcome="unknown_article"}} {writer.ignored}',
            "# HELP khulasa_listening_events_queued Listening events waiting to be written.",
            "# TYPE khulasa_listening_events_queued gauge",
            f"khulasa_listening_events_queued {writer.queued()}",
        ]
    return Response("\n".join(lines) + "\n", media_type="text/plain; version=0.0.4; charset=utf-8")
