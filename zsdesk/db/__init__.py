"""Storage: SQLAlchemy models, the engine, migrations and change capture."""
