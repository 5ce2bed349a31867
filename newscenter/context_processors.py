from django.conf import settings
from django.utils.translation import get_language


def site(request):
    """The site name and company details that every page's header and footer show, in the
    active language (newscenter/languages.py)."""
    language = get_language()
    return {
        "site_name": settings.SITE_NAMES.get(language, settings.SITE_NAME),
        "company": settings.COMPANIES.get(language, settings.COMPANY),
    }
