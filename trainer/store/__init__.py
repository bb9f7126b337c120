"""Persistence: models, sessions, migrations, backups."""
