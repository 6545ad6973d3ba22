from django.conf import settings
from django.http import Http404
from django.utils import translation

from tidtam.core.thaiwords import keep_words_whole


class NulInPathMiddleware:
    """A path with a NUL character (``%00``) names nothing: a 404 before any view looks its
    arguments up, which PostgreSQL answers with an error (a text parameter holds no NUL)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        return self.get_response(request)


class ThaiFirstLocaleMiddleware:
    """Thai unless the person chose English with the language switch.

    The browser's Accept-Language is not consulted: office machines are often set to English,
    and the users' working language is Thai."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ThaiWordsMiddleware:
    """Every HTML page's Thai words kept whole at line ends (see ``core.thaiwords``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_page = response.get("Content-Type", "").startswith("text/html")
        if is_page and not response.streaming and not response.has_header("Content-Disposition"):
            charset = response.charset or "utf-8"
            response.content = keep_words_whole(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


# Scripts only from our own static files: no inline <script>, no on… attributes, no eval.
# Inline styles stay allowed: a few bars and charts are sized in style="".
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Every HTML page carries the policy above (Django 5.2 has no CSP of its own); files such
    as the PDF form are left alone, so that the browser's viewer may show them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
