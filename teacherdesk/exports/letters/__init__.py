"""Letters home in the family's language (issue 19): the messages (`messages.py`), their
catalogs (`po/*.po`, and the school's own in `letters/` beside the data file: `catalogs.py`),
one language's words (`translate.py`), and a letter printed alone or bilingual (`letter.py`)."""
