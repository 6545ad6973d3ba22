"""The ``tidtam`` console script: Django's manage.py for this project.

A command that fails on its setup rather than on its own work — settings that refuse to load
(e.g. the development key with DEBUG off), a database that cannot be reached or is not
migrated — says so in one line on stderr and exits 1, without a traceback."""

import gc
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loading the settings is what may fail
    except ImproperlyConfigured as error:
        sys.exit(f"tidtam: {error}")
    try:
        execute_from_command_line(sys.argv)
    except DatabaseError as error:
        problem = None if sys.argv[1:2] == ["migrate"] else database_problem(error)
        if problem is None:
            raise
        sys.exit(f"tidtam: {problem}")
    finally:
        # The command is done and the process ends: the garbage collector's passes at shutdown
        # would walk every object of every loaded module (~0.15 s CPU of a one-off
        # `tidtam print_form`, measured) to free what exit frees anyway. Frozen objects are
        # skipped; atexit handlers, flushing and closing still run.
        gc.freeze()


def database_problem(error: Exception) -> str | None:
    """One line on why the database failed a command, or None when it is not the setup."""
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    connection.close()
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        first_line = (str(error).strip() or type(error).__name__).splitlines()[0]
        return f"the database cannot be used ({first_line})"
    if pending:
        return (
            f"the database is not migrated ({len(pending)} migrations to apply): "
            "run `tidtam migrate` first"
        )
    return None


if __name__ == "__main__":
    main()
