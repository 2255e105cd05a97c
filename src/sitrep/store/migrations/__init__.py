"""Alembic migrations of the store, shipped with the package (applied by ``Store`` on open)."""
