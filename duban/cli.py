"""`duban`: a thin command line over the workbook API. Errors print one line and exit 1."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from duban.infra.errors import DubanError
from duban.infra.i18n import _
from duban.splitter.command import split_command
from duban.vocabulary import IMPORT_CHANGES, USER_ROLES

DB_GIVEN = "duban.db"  # Context.meta key: the --db a command was given (None: the default)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    """Keep --db where the error handler of `Commands` finds it (meta is shared by contexts)."""
    ctx.meta[DB_GIVEN] = value
    return value


db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="DUBAN_DB",
    callback=_remember_db,
    help="SQLite file (default: DUBAN_DB, then duban.toml, then data/duban.sqlite in the project).",
)
user_option = click.option(
    "--user",
    envvar="DUBAN_USER",
    default="admin",
    show_default=True,
    help="Acting user, recorded in the audit trail.",
)


def _db_path(db: Path | None) -> Path:
    from duban.infra.config import load_settings

    return db or load_settings().db


def _existing_db(db: Path | None) -> Path:
    """The database path, which must exist already."""
    path = _db_path(db)
    if not path.exists():
        raise click.ClickException(f"{path} does not exist: run `duban init` or `duban demo` first")
    return path


class Commands(click.Group):
    """The `duban` group: what any command may meet on purpose (the workbook's errors, a bad
    value, a file it cannot use, a database file that is not one) ends it with one line,
    `Error: …`, and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (DubanError, ValueError, OSError) as error:
            raise click.ClickException(str(error)) from None
        except sqlite3.DatabaseError as error:
            raise click.ClickException(_database_error(error, ctx.meta.get(DB_GIVEN))) from None


def _database_error(error: sqlite3.DatabaseError, db: Path | None) -> str:
    """An SQLite error as one line naming the database file."""
    path = _db_path(db)
    if error.sqlite_errorname in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return _(
            "{path} is not a Duban database, or it is damaged ({error}): check --db, or put "
            "a backup back with duban restore"
        ).format(path=path, error=error)
    return f"{path}: {error}"


@click.group(cls=Commands)
@click.version_option(package_name="duban")
def main() -> None:
    """Duban (督办): meetings, directives and tasks tracked to closure."""


main.add_command(split_command, name="split")


password_stdin = click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from stdin (its first line; asked twice, hidden, on a terminal).",
)


def _read_password(prompt: str) -> str:
    """A password from stdin: asked twice, hidden, on a terminal; else its first line. It is
    never echoed."""
    if sys.stdin.isatty():
        return click.prompt(prompt, hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@main.command()
@db_option
@password_stdin
def init(db: Path | None, password_stdin: bool) -> None:
    """Create (or migrate) the database, with its first user `admin` and their password
    (asked on a terminal, read with --password-stdin, else a one-time one is printed). A
    database whose admin has a password keeps it."""
    from duban.infra.passwords import one_time_password
    from duban.service.workbook import open_workbook

    wb = open_workbook(_db_path(db), user="admin")
    click.echo(f"Database ready: {wb.store.path}")
    if wb.users().set_index("login").loc["admin", "has_password"]:
        return
    if password_stdin or sys.stdin.isatty():
        wb.set_password("admin", _read_password("Password for admin"))
        click.echo("admin's password set")
        return
    password = one_time_password()
    wb.set_password("admin", password)
    click.echo(f"admin's one-time password: {password} (change it: duban users password admin)")


@main.command()
@db_option
@click.option(
    "--if-missing", is_flag=True, help="Do nothing when the database file already exists."
)
def demo(db: Path | None, if_missing: bool) -> None:
    """Build a demo database: a fictional district over the last half year. Its users share
    a one-time password, printed and kept in demo-sign-in.txt beside it (mode 0600)."""
    from duban.demo import CLERK, build_demo, reporter_login, sign_in_file
    from duban.infra.passwords import one_time_password

    path = _db_path(db)
    if path.exists():
        if if_missing:
            kept = sign_in_file(path)
            click.echo(f"Using the existing database {path}")
            if kept.exists():
                click.echo(f"Its demo logins and password are kept in {kept}")
            return
        raise click.ClickException(f"{path} already exists: give a new --db path for the demo")
    password = one_time_password()
    wb = build_demo(path, password=password)
    counts = {
        t: wb.store.db[t].count
        for t in ("units", "meetings", "directives", "tasks", "progress_reports")
    }
    click.echo(f"Demo database {path}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    logins = ", ".join((CLERK, "leader", "analyst", "admin", reporter_login("Chang'an Street")))
    click.echo(f"Sign in as {logins} (a reporter; one per unit) with the password {password}")
    click.echo(f"Logins and password kept in {sign_in_file(path)} (readable by you only)")


@main.command()
@db_option
@click.option("--port", default=8866, show_default=True)
@click.option(
    "--ip",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (put a TLS reverse proxy in front; see README, Deploy).",
)
@click.option("--open-browser", is_flag=True, help="Open the home page in a browser.")
def serve(db: Path | None, port: int, ip: str, open_browser: bool) -> None:
    """Serve the pages with Voila, behind sign-in (configuration: voila.json, duban.toml).

    The process becomes Voila (exec), so a signal sent to it (Ctrl-C, SIGTERM from a service
    manager) stops the server itself: no child is left holding the port. While it serves, a
    small process beside it takes the daily backup ([backup] keep in duban.toml).
    """
    from duban.db import Store
    from duban.infra.config import PROJECT_ROOT, load_settings
    from duban.serving import start_daily_backups, voila_command, voila_environment

    path = _existing_db(db)
    Store(path).close()  # migrated once, here; a file that is no database is refused here
    click.echo(f"Serving {path} on http://{ip}:{port}/ (Ctrl-C stops)")
    command = voila_command(port, open_browser, ip=ip)
    start_daily_backups(path, load_settings().backup.keep)
    sys.stdout.flush()  # exec drops what Python has not written yet
    os.chdir(PROJECT_ROOT)
    os.execve(command[0], command, voila_environment(path))


@main.command()
@db_option
@click.option(
    "--to",
    "dest",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Archive to write, never an existing file (default: backups/ beside the database).",
)
def backup(db: Path | None, dest: Path | None) -> None:
    """Write one zip archive: a consistent copy of the database (taken while it is in use),
    every file kept beside it (evidence, notices, bulletins, reminders) and a manifest with
    their checksums. Put it back with `duban restore`."""
    from duban.db import Store
    from duban.service.archive import write_archive

    store = Store(_existing_db(db))
    try:
        click.echo(_("Backup written: {path}").format(path=write_archive(store, dest)))
    finally:
        store.close()


@main.command()
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option("--force", is_flag=True, help="Replace an existing database and its files.")
def restore(archive: Path, db: Path | None, force: bool) -> None:
    """Put back the database and files of a backup ARCHIVE, once the whole archive is checked
    (manifest, checksums, integrity, schema); refuses an existing database without --force.
    The database is replaced in one rename, then opened and migrated as usual."""
    from duban.db import Store
    from duban.service.archive import restore_archive

    restored = restore_archive(archive, _db_path(db), force=force)
    Store(restored.db).close()
    click.echo(
        _("Restored {db} from {archive}: the database and {count} files").format(
            db=restored.db, archive=archive, count=restored.files
        )
    )


@main.command()
@db_option
@user_option
@click.option(
    "--to",
    "dest",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("ledger.xlsx"),
    show_default=True,
)
def export(db: Path | None, user: str, dest: Path) -> None:
    """Write the task ledger (台账) as XLSX: a summary sheet and one sheet per meeting."""
    from duban.documents.ledger import export_ledger
    from duban.service.workbook import open_workbook

    path = _existing_db(db)
    click.echo(f"Ledger written: {export_ledger(open_workbook(path, user=user), dest)}")


@main.group()
def units() -> None:
    """Manage units."""


@units.command("import")
@db_option
@user_option
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--preview", is_flag=True, help="Say what importing would change; write nothing.")
def import_units(db: Path | None, user: str, source: Path, preview: bool) -> None:
    """Add units from a CSV or XLSX file (columns: name, kind[, aliases, groups]).

    Nothing is imported while any row is bad; every bad row is named by its number.
    """
    from duban.service.workbook import open_workbook

    wb = open_workbook(_db_path(db), user=user)
    if not preview:
        click.echo(f"{wb.import_units(source)} units added")
        return
    found = wb.preview_units_import(source)
    counts = ", ".join(f"{len(found.changing(c))} {c}" for c in IMPORT_CHANGES)
    click.echo(f"{counts}; {len(found.bad)} bad rows")
    if not found.ok:
        raise found.error()


@main.group()
def evidence() -> None:
    """Evidence files kept beside the database."""


@evidence.command("sweep")
@db_option
@user_option
def sweep_evidence(db: Path | None, user: str) -> None:
    """Remove evidence files no report refers to, and temporaries a crash left behind."""
    from duban.service.workbook import open_workbook

    removed = open_workbook(_existing_db(db), user=user).sweep_evidence()
    for path in removed:
        click.echo(f"removed {path}")
    click.echo(f"{len(removed)} files removed")


@main.group()
def users() -> None:
    """Manage users."""


@users.command("add")
@db_option
@user_option
@click.argument("login")
@click.argument("display_name")
@click.argument("role", type=click.Choice(USER_ROLES.values))
@click.option("--unit", help="The unit of a reporter (name or alias).")
@password_stdin
def add_user(
    db: Path | None,
    user: str,
    login: str,
    display_name: str,
    role: str,
    unit: str | None,
    password_stdin: bool,
) -> None:
    """Add a user: LOGIN "DISPLAY NAME" ROLE [--unit UNIT] [--password-stdin]; without a
    password they cannot sign in until `duban users password LOGIN`."""
    from duban.service.workbook import open_workbook

    wb = open_workbook(_existing_db(db), user=user)
    password = _read_password(f"Password for {login}") if password_stdin else None
    wb.add_user(login, display_name, role, unit, password)
    click.echo(f"User {login} ({role}) added" + ("" if password else ", with no password yet"))


def _shown(value: Any) -> str:
    """A table cell as text: "-" for none (NULL, which pandas reads as None or NaN)."""
    return "-" if value is None or value != value else str(value)


USER_COLUMNS = ("login", "name", "role", "unit", "active", "password", "locked until")


@users.command("list")
@db_option
@user_option
def list_users(db: Path | None, user: str) -> None:
    """Every user: login, name, role, unit, active, has a password, locked until."""
    from duban.service.workbook import open_workbook

    table = open_workbook(_existing_db(db), user=user).users()
    rows = [
        (
            row.login,
            row.display_name,
            row.role,
            _shown(row.unit),
            "yes" if row.active else "no",
            "yes" if row.has_password else "no",
            _shown(row.locked_until),
        )
        for row in table.itertuples()
    ]
    for line in (USER_COLUMNS, *rows):
        click.echo("\t".join(line))


@users.command("password")
@db_option
@user_option
@click.argument("login")
def set_password(db: Path | None, user: str, login: str) -> None:
    """Set LOGIN's password, read from stdin (asked twice, hidden, on a terminal); their
    sessions end."""
    from duban.service.workbook import open_workbook

    wb = open_workbook(_existing_db(db), user=user)
    wb.set_password(login, _read_password(f"New password for {login}"))
    click.echo(f"Password of {login} changed; their sessions have ended")


@users.command("disable")
@db_option
@user_option
@click.argument("login")
def disable_user(db: Path | None, user: str, login: str) -> None:
    """LOGIN can no longer sign in; their sessions end."""
    from duban.service.workbook import open_workbook

    open_workbook(_existing_db(db), user=user).disable_user(login)
    click.echo(f"User {login} disabled; their sessions have ended")


@main.group()
def holidays() -> None:
    """The office's working-day calendar: holidays and make-up working days."""


@holidays.command("import")
@db_option
@user_option
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_holidays(db: Path | None, user: str, source: Path) -> None:
    """Enter days from a CSV file (columns date,kind,name; kind holiday/workday, or 休/班).

    Every row is checked first: one bad row imports nothing. The same file again changes
    nothing.
    """
    from duban.service.workbook import open_workbook

    plan = open_workbook(_db_path(db), user=user).import_holidays(source.read_bytes())
    click.echo(plan.imported_text())


@holidays.command("show")
@db_option
@user_option
@click.argument("year", type=int)
def show_holidays(db: Path | None, user: str, year: int) -> None:
    """The days of YEAR the office entered, and whether the chinesecalendar package knows it."""
    from duban.service.workbook import open_workbook
    from duban.vocabulary import HOLIDAY_KINDS

    wb = open_workbook(_existing_db(db), user=user)
    click.echo(wb.calendar_note(year))
    for row in wb.holidays(year).itertuples():
        click.echo(f"{row.date}  {HOLIDAY_KINDS.label(row.kind)}  {row.name}")


@main.command()
@db_option
@user_option
@click.argument("start", metavar="FROM")
@click.argument("days", metavar="N")
def workdays(db: Path | None, user: str, start: str, days: str) -> None:
    """Print the date N working days after FROM (2027-02-05 or 2027年2月5日); a second line,
    on stderr, warns when the date is provisional (a year the calendar does not know)."""
    from duban.service.workbook import open_workbook

    result = open_workbook(_existing_db(db), user=user).working_days_from(start, days)
    click.echo(result.date.isoformat())
    if result.warning:
        click.echo(result.warning, err=True)
