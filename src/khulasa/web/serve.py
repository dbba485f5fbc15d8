"""Run the service with uvicorn: what ``khulasa serve`` calls."""

from __future__ import annotations

from khulasa.config import Settings
from khulasa.errors import MissingDependency


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, *, access_log: bool = False) -> None:
    """Serve the API on ``host:port`` until interrupted (Ctrl-C or SIGTERM stop it cleanly)."""
    try:
        import uvicorn
    except ImportError:
        raise MissingDependency("the service needs uvicorn: pip install 'khulasa'.") from None
    from khulasa.store import database
    from khulasa.store.blobs import open_blob_store
    from khulasa.web.app import create_app

    # a wrong database or bucket setting ends `khulasa serve` here, with the one sentence the command line
    # prints, rather than as a traceback from inside uvicorn's start-up; the app opens both again when it starts
    database.connect(settings).dispose()
    open_blob_store(settings)
    from khulasa.web.deadline import with_header_timeout

    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        access_log=access_log,
        log_level="info",
        http=with_header_timeout(settings.http_header_timeout),
        timeout_keep_alive=min(5, max(1, int(settings.http_header_timeout))),  # idle after an answer: the shorter wait
    )
