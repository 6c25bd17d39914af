"""Backfill (issue 11): extract the text of library files uploaded before extraction existed,
so the library search finds them by their content. Idempotent; --all re-reads every file."""

from django.core.management.base import BaseCommand

from library.extract import EXTRACTORS
from library.models import DocumentVersion
from library.services.documents import document_text_refresh


class Command(BaseCommand):
    help = "Extract the text of uploaded PDF/DOCX/XLSX library files that have none yet."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="re-extract every file, not only those without text")

    def handle(self, *args, **options):
        versions = DocumentVersion.objects.filter(content_type__in=list(EXTRACTORS)).select_related("document")
        if not options["all"]:
            versions = versions.filter(text="")
        changed = missing = 0
        for version in versions.order_by("pk").iterator(chunk_size=100):
            try:
                changed += document_text_refresh(version=version)
            except OSError:
                missing += 1  # the file is gone from storage: nothing to read
        self.stdout.write(f"{changed} document file(s) got text; {missing} file(s) missing from storage")
