from django.conf import settings


def site(request):
    """The site name and company details that every page's header and footer show."""
    return {"site_name": settings.SITE_NAME, "company": settings.COMPANY}
