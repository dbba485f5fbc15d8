"""The app factory: ``create_app(settings)`` builds the FastAPI app and does nothing else.

Opening the database (and migrating it), the blob store and the job runner
happen in the app's lifespan, when a server starts it, so importing this
module or building an app costs nothing and touches no files.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from khulasa import __version__
from khulasa.config import Settings
from khulasa.jobs.metrics import StageTimes
from khulasa.jobs.poller import Poller
from khulasa.jobs.runner import Runner
from khulasa.store import database
from khulasa.store.blobs import open_blob_store
from khulasa.web import (
    articles,
    editor,
    feeds,
    hooks,
    lexicon,
    listening,
    media,
    openapi,
    ops,
    player,
    problems,
    review,
    sources,
    stats,
)
from khulasa.web.encoding import SafeJSONResponse
from khulasa.web.limits import BodyLimit
from khulasa.web.service import ItemCache, Service

DESCRIPTION = (
    "Arabic news summaries you can listen to: send each article when it is published or edited; "
    "Khulasa makes the «الملخص» box and its audio in the background. Errors are RFC 9457 problem details."
)


def create_app(settings: Settings, *, run_jobs: bool = True) -> FastAPI:
    """The Khulasa service for ``settings``; ``run_jobs=False`` (or ``settings.run_jobs`` off) serves the API only.

    An API-only server neither works the queue nor sends webhooks nor polls
    feeds: `khulasa worker` processes sharing its database do that.
    """
    run_jobs = run_jobs and settings.run_jobs

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = database.connect(settings)
        blobs = open_blob_store(settings)
        svc = Service(settings, engine, blobs, StageTimes(), ItemCache(settings.response_cache_seconds))
        if run_jobs:
            svc.runner = Runner(engine, blobs, settings, svc.times, on_change=svc.cache.forget)
            svc.runner.start()
        if run_jobs and settings.source_polling:
            svc.poller = Poller(engine, settings, on_upsert=svc.stored)
            svc.poller.start()
        if settings.analytics:
            writer = listening.EventWriter(engine, settings)
            writer.start()
            svc.intake = listening.Intake(settings, writer)
        app.state.service = svc
        try:
            yield
        finally:
            if svc.intake is not None:
                svc.intake.writer.stop()
            if svc.poller is not None:
                svc.poller.stop()
            if svc.runner is not None:
                svc.runner.stop()
            engine.dispose()

    app = FastAPI(
        title="Khulasa",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        default_response_class=SafeJSONResponse,  # stored text UTF-8 cannot carry is shown mended, never a 500
    )
    problems.install(app)
    openapi.install(app)
    app.add_middleware(listening.EventsEndpoint)  # readers' beacons, answered without routing; inside the body limit and CORS
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:  # the player on a newsroom's page reads items and audio from another origin
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "HEAD", "PUT", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Range", "If-None-Match"],
            expose_headers=["Content-Range", "Accept-Ranges", "ETag", "Content-Length"],
            max_age=86400,
        )
    app.include_router(media.router)  # before articles: /v1/articles/{id}/summary.mp3 is not an article id
    app.include_router(editor.router)  # before articles too: /v1/articles/{id}/text; and the /review page
    app.include_router(review.router)  # before articles: /v1/articles/{id}/summary is not an article id
    app.include_router(articles.router)
    app.include_router(hooks.router)
    app.include_router(sources.router)
    app.include_router(lexicon.router)
    app.include_router(feeds.router)
    app.include_router(ops.router)
    app.include_router(player.router)  # /player.js, the demo page at /, and what they call
    app.include_router(listening.router)
    app.include_router(stats.router)
    return app
