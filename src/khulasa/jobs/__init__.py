"""Durable jobs: the summary and audio of each article version are made in the background.

The job table is the queue (:mod:`khulasa.store.jobs`), so nothing acknowledged
is lost when the server stops; a local runner (``runner.py``) works it with a pool
of threads started with the server, and webhooks (``webhooks.py``) tell the
publisher when an item is done or failed.
"""
