"""What the admin's article add/change form sends, as a browser would."""

from articles.models import Article


def article_form(category, **fields):
    """Everything the add/change form sends for a published article."""
    data = {
        "title": "Quarterly results announced",
        "slug": "",
        "category": category.pk,
        "summary": "Revenue grew in every region.",
        "body": "<p>Revenue grew.</p>",
        "cover_alt": "The board on stage",
        "status": Article.Status.PUBLISHED,
        "publish_at_0": "2020-11-20",
        "publish_at_1": "09:30:00",
        "pinned": "on",
        "source": "Corporate Communications",
        # The date above is a backdate: keep it (a past date is otherwise made now).
        "keep_publish_date": "on",
        "_save": "Save",
    }
    data.update(fields)
    return data


def cover_form(category, cover):
    """A draft with a cover image: what an editor sends to upload one."""
    return {
        "title": "Annual report",
        "slug": "",
        "category": category.pk,
        "summary": "",
        "body": "<p>Text</p>",
        "cover": cover,
        "cover_alt": "A chart",
        "status": "draft",
        "publish_at_0": "2024-01-02",
        "publish_at_1": "09:00:00",
        "source": "",
    }
