"""Every output (PDF, XLSX, CSV, JSON) leaves through one door: ``(filename, content_type,
bytes)`` in, an attachment out, with the file name encoded so that Thai survives."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(filename: str, content_type: str, content: bytes | str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response
