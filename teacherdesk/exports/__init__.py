"""What leaves the app: the IEP packet, the recap, letters, the calendar, Markdown and HTML."""
