from django.utils import translation


class UserLanguageMiddleware:
    """Serve a signed-in user in their preferred language.

    LocaleMiddleware has already chosen from the cookie or the browser; a
    signed-in user's saved preference wins, so e-mails and pages agree.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
