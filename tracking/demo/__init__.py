"""Demo data for the tracking app: the demo LA's schools, then ~300 children
with cases in every category and status. Safe to run again."""

from . import children, schools


def seed(stdout):
    schools.seed(stdout)
    children.seed(stdout)
