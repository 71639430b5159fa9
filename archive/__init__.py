"""The archive's domain: models, services (writes) and selectors (reads)."""
