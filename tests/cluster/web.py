"""A small HTTP client for the cluster tests: one visitor, as a browser would send its requests.

The standard library's http.client, because a test must choose the client's source address
(127.0.0.x) and see every redirect and error as it comes, not followed or raised.
"""

import http.client
import json
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)

    @property
    def location(self):
        return urlsplit(self.headers.get("Location", "")).path

    @property
    def upstream(self):
        """The app host that answered through nginx (the last one it tried), as host:port."""
        tried = self.headers.get("X-Upstream", "")
        return tried.split(",")[-1].strip() if tried else None


class Browser:
    """One visitor of one address (nginx or a host): keeps its cookies, follows no redirect.

    `forwarded_for` is the X-Forwarded-For that nginx would have sent to a host addressed
    directly; `source` is the loopback address the connections come from.
    """

    def __init__(self, port, forwarded_for=None, source="127.0.0.1", cookies=None):
        self.port = port
        self.forwarded_for = forwarded_for
        self.source = source
        self.cookies = dict(cookies or {})

    def get(self, path, headers=None):
        return self.request("GET", path, None, headers or {})

    def post(self, path, fields, files=None, headers=None):
        """POST `fields` (pairs or a dict), as multipart/form-data when there are `files`."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        headers = dict(headers or {})
        if files:
            boundary = uuid.uuid4().hex
            body = multipart(pairs, files, boundary)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urlencode(pairs).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request("POST", path, body, headers)

    def request(self, method, path, body, headers):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.source, 0)
        )
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            result = Response(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in result.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return result

    def log_in(self, username, password):
        """Log in through the admin's login form; the response to the form's POST."""
        form = form_with(self.get("/admin/login/").text, "password")
        form.update({"username": username, "password": password})
        return self.post("/admin/login/?next=/admin/", form.pairs())


def multipart(pairs, files, boundary):
    """A multipart/form-data body: `pairs` of fields, `files` as {name: (filename, bytes, type)}."""
    parts = []
    for name, value in pairs:
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, (filename, content, content_type) in files.items():
        disposition = f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'
        head = f"--{boundary}\r\n{disposition}\r\nContent-Type: {content_type}\r\n\r\n"
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)


class Form:
    """The fields a browser would send for a form, in order, with their initial values."""

    def __init__(self, attributes):
        self.action = attributes.get("action") or ""
        self.fields = []

    def names(self):
        return {name for name, _value in self.fields}

    def update(self, values):
        """Replace the values of these fields (adding those the form lacks)."""
        self.fields = [(name, value) for name, value in self.fields if name not in values]
        self.fields += list(values.items())

    def pairs(self):
        return list(self.fields)


class FormParser(HTMLParser):
    """Every <form> of a page, with what a browser would submit before anyone types."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.form = None
        self.textarea = None  # [name, text] while inside one
        self.select = None  # [name, multiple, options as (value, selected)]
        self.option = None  # [value or None, text, selected] while inside one

    def handle_starttag(self, tag, attrs):
        attributes = {name: "" if value is None else value for name, value in attrs}
        if tag == "form":
            self.form = Form(attributes)
            self.forms.append(self.form)
        if self.form is None or "disabled" in attributes:
            return
        name = attributes.get("name")
        kind = attributes.get("type", "text").lower()
        if tag == "input" and name and kind not in ("submit", "button", "image", "reset", "file"):
            if kind not in ("checkbox", "radio") or "checked" in attributes:
                default = "on" if kind in ("checkbox", "radio") else ""
                self.form.fields.append((name, attributes.get("value", default)))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = [name, "multiple" in attributes, []]
        elif tag == "option" and self.select is not None:
            self.option = [attributes.get("value"), "", "selected" in attributes]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        if self.option is not None:
            self.option[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline that may follow the opening tag.
            name, text = self.textarea
            self.form.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "option" and self.option is not None:
            value, text, selected = self.option
            self.select[2].append((text.strip() if value is None else value, selected))
            self.option = None
        elif tag == "select" and self.select is not None:
            name, multiple, options = self.select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            self.form.fields += [(name, value) for value in chosen]
            self.select = None
        elif tag == "form":
            self.form = None


def form_with(html, field):
    """The page's form that has a field of this name."""
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        if field in form.names():
            return form
    raise AssertionError(f"No form with a {field!r} field on the page")
