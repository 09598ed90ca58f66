"""排班 Roster page: plan a week (see `ui.planning.page`)."""
