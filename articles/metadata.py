"""What an article page tells search engines and link previews: its canonical address, the
title and description they show, Open Graph and a schema.org NewsArticle (JSON-LD)."""

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import to_locale


def article_metadata(request, article, tag_links=()):
    """A dict for the article page's <head>; `tag_links` are the view's (tag, href) pairs."""
    absolute = request.build_absolute_uri
    canonical = absolute(article.get_absolute_url())
    title = article.seo_title or article.title
    description = article.seo_description or article.summary or article.title
    published = article.publish_at
    # A significant change made before the article came out is not news to its readers.
    modified = max(published, article.updated_significantly_at or published)
    image = None
    if article.cover_page:
        image = {
            "url": absolute(article.cover_page.url),
            "width": article.cover_page_width,
            "height": article.cover_page_height,
            "alt": article.cover_alt,
        }
    company = settings.COMPANIES.get(article.language, settings.COMPANY)["name"]
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description,
        "datePublished": iso(published),
        "dateModified": iso(modified),
        "author": {"@type": "Organization", "name": article.source or company},
        "publisher": {
            "@type": "Organization",
            "name": company,
            "logo": {"@type": "ImageObject", "url": absolute(static("img/logo.svg"))},
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "articleSection": article.category.display_name,
        "inLanguage": language_tag(article.language),
    }
    if image:
        json_ld["image"] = [image["url"]]
    if tag_links:
        json_ld["keywords"] = [tag.name for tag, _href in tag_links]
    return {
        "canonical_url": canonical,
        "title": title,
        "description": description,
        "published_time": iso(published),
        "modified_time": iso(modified),
        "image": image,
        "json_ld": json_ld,
    }


def language_tag(code):
    """The BCP 47 tag of a language: en, zh-Hans."""
    return to_locale(code).replace("_", "-")


def iso(moment):
    """ISO 8601 in the site's time zone, to the second: 2020-11-20T12:00:00+08:00."""
    return timezone.localtime(moment).isoformat(timespec="seconds")
