from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_email(self, to, subject, body):
    """Send one plain-text e-mail; retried if the mail server is unavailable."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, list(to))
    except OSError as error:
        raise self.retry(exc=error)
    return len(to)
