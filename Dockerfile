# One image for web, worker and beat (cookiecutter-django's pattern).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORTAL_PRODUCTION=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext fonts-tlwg-laksaman-ttf \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Runtime only, at the versions the tests passed with (pip-compile'd from requirements.txt); the
# test, bench and lint tools of requirements-dev.lock stay out of the image.
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
RUN SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput
RUN useradd --create-home portal && mkdir -p /app/media && chown portal /app/media
USER portal
EXPOSE 8000
# workers from the CPU count, threads, timeouts, recycling, access log: gunicorn.conf.py (issue 15)
CMD ["gunicorn", "portal.wsgi:application", "--config", "gunicorn.conf.py"]
