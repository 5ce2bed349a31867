"""Media in an S3 bucket, for tests: moto's S3 server in its server mode (real HTTP, on a free
loopback port, in this process) and the settings that put the site's uploads in a bucket on it.

The settings come from newscenter.media_settings as from the environment, so the tests use what a
production host with AWS_STORAGE_BUCKET_NAME uses. What is in a bucket is read with boto3 itself,
not through Django's storage: a test sees what the bucket holds, not what the site thinks it holds.
"""

import io
import itertools
import json
import logging
from urllib.parse import unquote

import boto3
from moto.server import ThreadedMotoServer

from newscenter.media_settings import media_storage
from newscenter.security import allow_images_from

REGION = "us-east-1"
ACCESS_KEY, SECRET_KEY = "tests-only-key", "tests-only-secret"
_bucket_numbers = itertools.count(1)


class S3Server:
    """moto's S3 server on 127.0.0.1, on a port the system picks."""

    def __init__(self):
        # werkzeug logs every request the server answers; the tests look at the bucket instead.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)

    def start(self):
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )
        return self

    def stop(self):
        self.server.stop()

    def new_bucket(self):
        """A new, empty bucket whose objects anyone may read, as README's Several hosts asks."""
        name = f"news-media-{next(_bucket_numbers)}"
        self.client.create_bucket(Bucket=name)
        public_read = {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{name}/*",
        }
        policy = {"Version": "2012-10-17", "Statement": [public_read]}
        self.client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
        return Bucket(self.client, name, f"{self.endpoint}/{name}/")

    def environment(self, bucket_name):
        """The variables a host sets to keep its media in bucket `bucket_name` on this server."""
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket_name,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }


def from_environment(variables):
    """media_storage()'s answer for these variables, read as django-environ's `env` reads."""
    return media_storage(lambda name, default="": variables.get(name, default))


def use_bucket(settings, server, bucket):
    """Point the settings at `bucket` as settings.py does for a host with its variables: the
    default storage, and images allowed from the bucket's origin in the pages' policy."""
    storage, origin = from_environment(server.environment(bucket.name))
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_ORIGIN = origin
    settings.CONTENT_SECURITY_POLICY = allow_images_from(settings.CONTENT_SECURITY_POLICY, origin)
    settings.CONTENT_SECURITY_POLICY_EDITOR = allow_images_from(
        settings.CONTENT_SECURITY_POLICY_EDITOR, origin
    )


class Bucket:
    """One bucket on the server as the tests look into it, named as the storage names files;
    the same questions as tests.media.LocalMedia answers about MEDIA_ROOT."""

    def __init__(self, client, name, public_url):
        self.client, self.name, self.public_url = client, name, public_url

    def names(self):
        """The names of every object in the bucket, sorted."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def read(self, name):
        return self.client.get_object(Bucket=self.name, Key=name)["Body"].read()

    def open(self, name):
        return io.BytesIO(self.read(name))

    def exists(self, name):
        return name in self.names()

    def metadata(self, name):
        """The object's HTTP headers as the bucket answers a HEAD for it."""
        return self.client.head_object(Bucket=self.name, Key=name)

    def name_of(self, url):
        """The name of the object at public `url`, which must be a plain address in the bucket."""
        assert url.startswith(self.public_url) and "?" not in url, url
        return unquote(url.removeprefix(self.public_url))

    def remove(self):
        for name in self.names():
            self.client.delete_object(Bucket=self.name, Key=name)
        self.client.delete_bucket(Bucket=self.name)
