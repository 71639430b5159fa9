"""Cofio settings: base (shared), local (demo/dev), test and production."""
