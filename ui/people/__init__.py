"""人员 People page: the table of people and the person editor."""
