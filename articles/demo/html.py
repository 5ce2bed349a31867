"""Small builders for the demo bodies, so their texts read as prose and are escaped once."""

from django.utils.html import escape


def p(text):
    return f"<p>{escape(text)}</p>"


def h2(text):
    return f"<h2>{escape(text)}</h2>"


def ul(*items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def quote(text):
    return f"<blockquote><p>{escape(text)}</p></blockquote>"


def table(header, *rows):
    head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def body(*blocks):
    return "\n".join(blocks)
