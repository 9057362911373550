"""`codegen pull`: write spec files for an existing database, or for a folder of SQL
migrations applied to the embedded PostgreSQL first (how a project with hand-written
migrations adopts codegen). Then `codegen baseline` records the spec as applied.

Exit codes: 0 written, 2 invalid configuration or usage, an unusable database, a migration
that fails, or spec files that would be overwritten without --force (nothing written).
"""

from __future__ import annotations

from pathlib import Path

import click

from codegen.cli.common import config_option, load_config
from codegen.cli.fs import write_files
from codegen.cli.verify import DATABASE_URL_ENV, fail_live


@click.command(name="pull")
@config_option
@click.option("--database-url", envvar=DATABASE_URL_ENV, metavar="URL",
              help=f"The database to read (read-only). Also ${DATABASE_URL_ENV}.")
@click.option("--from-migrations", "migrations_dir", metavar="DIR",
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Apply these SQL files (in name order) to the embedded PostgreSQL, then pull.")
@click.option("--schema", "schemas", multiple=True, metavar="S",
              help="A schema to pull (repeatable; default public).")
@click.option("--force", is_flag=True, help="Overwrite spec files that already exist.")
def pull_command(config_file: Path | None, database_url: str | None,
                 migrations_dir: Path | None, schemas: tuple[str, ...], force: bool) -> None:
    """Write spec files (one per schema) for an existing database.

    What the spec cannot express is listed as a warning with the object's name. Next:
    `codegen baseline` (the database already has this schema), then `codegen generate`.
    """
    from codegen.live.apply import MigrationFailed
    from codegen.live.errors import LiveError
    from codegen.live.pull import pull_database, pull_migrations
    from codegen.live.server import scratch_server

    if (database_url is None) == (migrations_dir is None):
        raise click.UsageError("give exactly one of --database-url or --from-migrations")
    config = load_config(config_file)
    spec_dir = config.root / config.schema
    existing = sorted(p.relative_to(config.root).as_posix() for p in spec_dir.glob("*.yaml")) \
        if spec_dir.is_dir() else []
    if existing and not force:
        fail_live(f"{', '.join(existing)} already exist(s): pull writes a new spec; move the "
                  "existing spec files away, or pass --force to overwrite")
    wanted = list(schemas) or ["public"]
    try:
        if database_url is not None:
            pulled = pull_database(database_url, wanted)
        else:
            assert migrations_dir is not None
            files = sorted(p for p in migrations_dir.glob("*.sql") if p.is_file())
            with scratch_server() as server:
                pulled = pull_migrations(server, [(p.as_posix(), p.read_text(encoding="utf-8"))
                                                  for p in files], wanted)
    except LiveError as err:
        fail_live(str(err))
        return
    except MigrationFailed as err:
        fail_live(f"migration failed: {err}")
        return
    for warning in pulled.warnings:
        click.echo(f"{click.style('warning', fg='yellow')}: {warning}", err=True)
    if not pulled.files:
        fail_live("nothing to pull: no tables, enums, functions or views in schema(s) "
                  f"{', '.join(wanted)}")
    others = [p for p in existing if Path(p).name not in pulled.files]
    for path in write_files(spec_dir, pulled.files):
        click.echo(f"wrote {(Path(config.schema) / path).as_posix()}")
    for path in others:
        click.echo(f"{click.style('warning', fg='yellow')}: {path} was left as it was and is "
                   "part of the spec too", err=True)
    owned = [t for t in pulled.schema.tables if not t.external]
    triggers = sum(len(t.triggers) for t in pulled.schema.tables)
    click.echo(f"pulled {len(owned)} table(s), {len(pulled.schema.enums)} enum(s), "
               f"{len(pulled.schema.functions)} function(s), {triggers} trigger(s), "
               f"{len(pulled.schema.views)} view(s), {len(pulled.schema.buckets)} bucket(s); "
               "next: `codegen baseline`, then `codegen generate`")
