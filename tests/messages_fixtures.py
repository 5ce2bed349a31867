"""Fixtures and helpers for the online_messages tests: import what a module needs from here."""

import itertools
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from online_messages import spam
from online_messages.models import Message

# The fixtures; a test module takes them all with `from .messages_fixtures import *`.
__all__ = ["handler", "handler_client", "make_message"]

FORM_URL = reverse("online_messages:create")
THANKS_URL = reverse("online_messages:thanks")

_sequence = itertools.count(1)


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


@pytest.fixture
def make_message(db):
    """Create a message; received a minute ago and new unless told otherwise."""

    def make(age=timedelta(minutes=1), **fields):
        n = next(_sequence)
        fields.setdefault("name", f"Sender {n}")
        fields.setdefault("email", f"sender{n}@example.com")
        fields.setdefault("content", f"Message number {n}.")
        fields.setdefault("created_at", timezone.now() - age)
        return Message.objects.create(**fields)

    return make


@pytest.fixture
def handler(django_user_model):
    """A staff user in the Message handlers group, as the data migration sets it up."""
    user = django_user_model.objects.create_user("handler", password="handler-pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Message handlers"))
    return user


@pytest.fixture
def handler_client(client, handler):
    client.force_login(handler)
    return client
