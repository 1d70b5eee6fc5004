"""teacherdesk: a teacher's terminal desk for the partnership with every student's family."""

__version__ = "0.1.0"
