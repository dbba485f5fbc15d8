"""The HTTP service: a FastAPI app built by :func:`khulasa.web.app.create_app` from settings.

Routes only parse requests and call the store, the job queue and the
pipeline; every error becomes an RFC 9457 problem-details answer in
``problems.py``.
"""
