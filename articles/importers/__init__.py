"""What `import_news` and `export_news` do besides reading their arguments.

`jsonl` is the JSON Lines record format, `legacy` reads an article out of a page of the old
site, `lines` reads an import file; `records` and `pages` import each kind of file, with what
they share in `saving`.
"""
