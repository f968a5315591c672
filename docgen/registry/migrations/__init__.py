"""Alembic migrations of the registry schema, run by :meth:`docgen.Registry.init`."""
