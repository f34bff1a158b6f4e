from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracking.gias import GiasFileError, import_gias


class Command(BaseCommand):
    help = (
        "Import or update schools from a DfE Get Information About Schools (GIAS) "
        "establishment CSV extract. Schools are matched by URN and never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The GIAS CSV file (Windows-1252).")

    def handle(self, *args, file: Path, **options):
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}")
        try:
            report = import_gias(raw)
        except GiasFileError as error:
            raise CommandError(str(error))
        for line, urn, reason in report.skipped:
            self.stderr.write(f"Skipped line {line}" + (f" (URN {urn})" if urn else "") + f": {reason}")
        self.stdout.write(self.style.SUCCESS(f"Schools: {report.summary()}."))
