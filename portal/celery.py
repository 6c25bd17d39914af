"""The project's Celery app (cookiecutter-django's config/celery_app.py is the model).

Settings come from Django's settings with the CELERY_ prefix; with no REDIS_URL tasks run
eagerly in-process, so the embedded default needs no broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
