"""Reading an import file as numbered UTF-8 lines, one line in memory at a time."""

import codecs


class NotUTF8Error(ValueError):
    def __init__(self, line, byte):
        super().__init__(line, byte)
        self.line, self.byte = line, byte


def first_character(file):
    """The first non-blank character of binary `file` ("" if none), leaving it at its start."""
    data = file.read(1 << 16).removeprefix(codecs.BOM_UTF8)
    while data and not data.strip():
        data = file.read(1 << 16)
    file.seek(0)
    data = data.lstrip()
    return chr(data[0]) if data else ""


def count_lines(file):
    count = sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 20), b""))
    file.seek(0)
    return count


def read_lines(file):
    """(number, text) for each line of binary `file`; NotUTF8Error names the first bad line."""
    for number, raw in enumerate(file, 1):
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise NotUTF8Error(number, error.start + 1) from None
