"""What a visitor's browser sends to the Online Message form."""

import time

from django.urls import reverse

from online_messages import spam

FORM_URL = reverse("online_messages:create")
THANKS_URL = reverse("online_messages:thanks")


def form_data(served_seconds_ago=60, **fields):
    """A valid Online Message POST, as a person who took a minute to write it would send it."""
    data = {
        "name": "Li Wei",
        "email": "li.wei@example.com",
        "phone": "",
        "company": "Example Trading Co.",
        "content": "Please send me your product catalogue.",
        "website": "",
        "served_at": spam.make_timestamp(at=time.time() - served_seconds_ago),
    }
    data.update(fields)
    return data
