"""Template tag libraries of the web pages."""
