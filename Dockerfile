# The production image: one image, three roles (web, worker, beat) chosen by command.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# Pango and fonts for WeasyPrint's PDF returns.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN STATIC_MANIFEST=true SECRET_KEY=build-only python manage.py collectstatic --noinput -v0 \
 && useradd --system --home /app cme && mkdir -p /app/var && chown -R cme /app/var
USER cme
EXPOSE 8000
CMD ["gunicorn", "cme.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
