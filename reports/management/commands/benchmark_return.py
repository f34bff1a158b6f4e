from django.core.management.base import BaseCommand, CommandError

from reports.benchmarks import return_benchmark


class Command(BaseCommand):
    help = (
        "Seed a scratch database with a large LA (250,000 children, 25,000 cases by default) and time "
        "generating the monthly return. Never run it on real data: it refuses a database with other children."
    )

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=250_000)
        parser.add_argument("--cases", type=int, default=25_000)

    def handle(self, *args, children, cases, **options):
        if cases > children:
            raise CommandError("There cannot be more cases than children (one case per child)")
        try:
            result = return_benchmark.run(children=children, cases=cases, stdout=self.stdout)
        except return_benchmark.NotAScratchDatabase as error:
            raise CommandError(str(error))
        style = self.style.SUCCESS if result["ratio"] < 1 else self.style.ERROR
        self.stdout.write(style(f"Ratio to the 10-second target: {result['ratio']:.2f}"))
