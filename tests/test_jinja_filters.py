"""The public templates' `date` and `truncatechars` give what Django's filters give: they take
quicker paths for numeric dates and ASCII text, and must never read differently."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from newscenter import jinja2 as environment

SUMMARIES = [
    "",
    "Short.",
    "x" * 180,
    "x" * 181,
    "Hydrogen " * 40,
    "氢能源站点建设 " * 40,
    "Cafe\u0301 au lait " * 30,  # combining accents: not counted as characters
    "e\u0301" * 200,
]
MOMENTS = [
    datetime(2020, 11, 20, 12, 0, tzinfo=UTC),
    datetime(2020, 11, 20, 16, 30, 5, tzinfo=UTC),  # after midnight in Asia/Shanghai
    datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
]
FORMATS = ["Y.m.d", "Y-m-d", "Y-m-d H:i:s", "d/m/Y", "N j, Y", "DATE_FORMAT", None]


def django_filter(expression, value):
    return Template("{{ value|" + expression + " }}").render(Context({"value": value}))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("length", [0, 1, 10, 180])
@pytest.mark.parametrize("text", SUMMARIES)
def test_truncatechars_reads_as_djangos(text, length, language):
    with translation.override(language):
        expected = django_filter(f"truncatechars:{length}", text)
        assert environment.truncatechars(text, length) == expected


@pytest.mark.parametrize("format_string", FORMATS)
@pytest.mark.parametrize("moment", MOMENTS)
def test_date_reads_as_djangos_in_local_time(moment, format_string, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    with timezone.override("Asia/Shanghai"):
        expression = "date" if format_string is None else f'date:"{format_string}"'
        assert environment.date(moment, format_string) == django_filter(expression, moment)


@pytest.mark.parametrize(
    "format_string", ["Y.m.d", "Y-m-d", "d/m/Y", "N j, Y", "DATE_FORMAT", None]
)
def test_date_of_a_date_reads_as_djangos(format_string):
    day = date(2020, 1, 2)  # the cards' dates
    expression = "date" if format_string is None else f'date:"{format_string}"'
    assert environment.date(day, format_string) == django_filter(expression, day)


def test_date_of_a_date_and_of_nothing():
    assert environment.date(date(2020, 1, 2), "Y.m.d") == "2020.01.02"
    assert environment.date(None, "Y.m.d") == ""
