from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from steering.imports import roster
from steering.imports.reading import RosterFileError, check_size, read_rows


class Command(BaseCommand):
    help = (
        "Import a steering-group roster (CSV with ; or , in UTF-8, or XLSX; Danish or English "
        "column names, see steering/imports/columns.py). All-or-nothing; importing the same "
        "file again changes nothing. Prints one line per data row: row N: outcome, then its "
        "problems."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what each row would do; write nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            check_size(file.stat().st_size)
            rows = read_rows(file.read_bytes(), file.name)
        except RosterFileError as error:
            raise CommandError(str(error)) from None
        # The command speaks English, its rows' outcomes and problems included.
        with translation.override("en"):
            result = roster.run_import(actor=None, rows=rows, dry_run=dry_run)
            self._report(result, dry_run=dry_run)

    def _report(self, result, *, dry_run: bool) -> None:
        for row in result.rows:
            self.stdout.write(f"row {row.number}: {roster.OUTCOME_LABELS[row.outcome]}")
            for column, message in row.errors + row.notes:
                self.stdout.write(f"    {column or '-'}: {message}")
        if result.has_errors:
            raise CommandError("The roster has errors; nothing was imported.")
        verb = "would be imported (dry run)" if dry_run else "imported"
        self.stdout.write(self.style.SUCCESS(f"{len(result.rows)} rows {verb}."))
