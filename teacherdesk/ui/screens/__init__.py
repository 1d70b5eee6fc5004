"""Full screens: the six places (F2-F7), the student, help, previews and the interview."""
