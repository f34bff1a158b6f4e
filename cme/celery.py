"""The Celery application.

Tasks are plain functions in each app's ``tasks.py``; they take ids, are
idempotent and are queued with ``delay_on_commit`` so a task never runs
against a transaction that was rolled back. Without CELERY_BROKER_URL the
settings make every task run eagerly in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cme.settings")

app = Celery("cme", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
