"""`teacherdesk serve`: the app in a browser through textual-serve, behind a secret (issue 18).

Here, not in cli/, because textual-serve draws with rich: only ui/ may import textual or rich.
"""
