"""Cofio's web pages: templates, static files and JS sources."""
