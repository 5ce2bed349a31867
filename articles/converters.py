class UnicodeSlugConverter:
    """Letters (any script), digits, `-` and `_`: what `slugify(allow_unicode=True)` produces."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
