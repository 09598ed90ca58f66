"""Attendance of published rosters (到岗 / 迟到 / 缺岗 / 请假 / 替岗), turnout (到岗率) reports,
volunteer service hours, and what the planner learns from them.

- `duties`: the published duties attendance is recorded against, and what was recorded;
- `codes`: the short code on each sign-in sheet (post, week, version);
- `record`: recording (one transaction per action, audited), a day's or a sheet's duties;
- `sheet_import`: a filled sign-in spreadsheet (XLSX/CSV), all or nothing;
- `reports`, `hours`: turnout and service hours, computed when asked;
- `output`: the reports and hour statements as PDF, XLSX and CSV;
- `learn`: turnout of the last weeks per person, and the real load for fairness.
"""
