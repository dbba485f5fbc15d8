"""Turning what users hand us (text, HTML, URLs, feeds) into an Article."""
