from . import recorder


class AuditMiddleware:
    """Writes the access events a request collected, once, after a successful response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        recorder.flush(request, response)
        return response
