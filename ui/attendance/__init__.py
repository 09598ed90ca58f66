"""出勤 Attendance page: a day's (or a sign-in sheet's) duties, recorded by keyboard."""
