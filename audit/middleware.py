from . import recorder
from .models import AccessEvent
from .receivers import admin_read_subjects


class AuditMiddleware:
    """Writes the access events a request collected, once, after a successful response; notes what
    a page of the Django admin showed about other people (their records opened or listed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        recorder.flush(request, response)
        return response

    def process_template_response(self, request, response):
        subjects, object_id = admin_read_subjects(request, response)
        if subjects:
            recorder.record_many(request, subjects, AccessEvent.Record.ADMIN, object_id=object_id)
        return response
