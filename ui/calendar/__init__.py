"""日历 Calendar page: terms and vacations, the month view, and calendar exceptions."""
