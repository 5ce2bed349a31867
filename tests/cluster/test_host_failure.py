"""A host killed in the middle of traffic: nothing accepted is lost or stored twice, nginx leaves
the dead host out until it is back."""

import http.client
import os
import signal
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.cluster.conftest import wait_until
from tests.cluster.site import accepted, filled_message, served_message_forms, stored_messages

pytestmark = pytest.mark.cluster

POSTS = 50
# Posts answered before host A is killed: the rest are queued, running or not yet sent.
KILL_AFTER = 10


def test_killing_host_a_during_fifty_message_posts_loses_and_duplicates_nothing(cluster):
    # Each post from an address of its own: nginx appends it, and the rate limit (5 per
    # address) does not come into it.
    visitors = [cluster.browser(source=f"127.0.0.{10 + number}") for number in range(POSTS)]
    forms = served_message_forms(visitors)
    marker = uuid.uuid4().hex
    contents = [f"Failover {marker} #{number}" for number in range(POSTS)]

    answered = threading.Semaphore(0)
    start = threading.Barrier(POSTS + 1)

    def send(number):
        start.wait()
        try:
            return visitors[number].post(
                "/message/", filled_message(forms[number], contents[number])
            )
        except (OSError, http.client.HTTPException) as error:
            return error
        finally:
            answered.release()

    host_a = f"127.0.0.1:{cluster.port('host-a')}"
    with ThreadPoolExecutor(max_workers=POSTS) as pool:
        results = [pool.submit(send, number) for number in range(POSTS)]
        start.wait()
        for _answer in range(KILL_AFTER):
            answered.acquire()
        os.killpg(cluster.host_pid("a"), signal.SIGKILL)  # what `scripts/cluster stop-host a` does
        responses = [result.result() for result in results]

    stored = stored_messages(cluster, marker)
    taken = [
        content
        for content, response in zip(contents, responses, strict=True)
        if is_thanks(response)
    ]
    failed = [content for content in contents if content not in taken]
    statuses = Counter(
        getattr(response, "status", type(response).__name__) for response in responses
    )
    print(
        f"\nkill test: {len(taken)} accepted, {len(failed)} errors "
        f"({sum(content in stored for content in failed)} of them stored anyway), "
        f"{sum(count > 1 for count in stored.values())} duplicates; answers {dict(statuses)}"
    )
    assert taken, "no post got the thanks page"
    assert {content: stored.get(content, 0) for content in taken} == dict.fromkeys(taken, 1)
    assert all(count == 1 for count in stored.values())

    # Host A is out of rotation: every request is answered, by host B (the last host nginx
    # tried, should it try A again once its fail_timeout is over).
    browser = cluster.browser()
    host_b = f"127.0.0.1:{cluster.port('host-b')}"
    for _request in range(20):
        response = browser.get("/news/")
        assert response.status == 200
        assert response.upstream.split(", ")[-1] == host_b

    cluster.command("start-host", "a")
    wait_until(
        lambda: browser.get("/news/").upstream == host_a,
        seconds=30,
        message="host A did not rejoin the rotation after it restarted",
    )


def is_thanks(response):
    return not isinstance(response, Exception) and accepted(response)
