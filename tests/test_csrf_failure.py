"""A form sent with an expired or missing security token is explained, and loses nothing."""

from django.test import Client
from django.urls import reverse

from online_messages.models import Message

from .messages import form_data


def test_message_sent_without_a_valid_token_comes_back_with_the_text(db):
    browser = Client(enforce_csrf_checks=True)
    typed = form_data(name="Zhang Wei", content="Please call me about the HX-150 order.")

    response = browser.post(reverse("online_messages:create"), typed)

    assert response.status_code == 403
    page = response.content.decode()
    assert "Please send your message again" in page
    assert "Zhang Wei" in page
    assert "Please call me about the HX-150 order." in page
    assert 'name="csrfmiddlewaretoken"' in page  # a fresh token, so sending again works
    assert not Message.objects.exists()


def test_other_forms_get_the_sites_own_explanation(db):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(reverse("admin:login"), {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert "reload the page and send the form again" in response.content.decode()
