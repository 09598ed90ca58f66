"""学校 Schools page: the table of schools and the school editor."""
