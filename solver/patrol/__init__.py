"""Peak-hour patrols: loops planned with the OR-Tools routing solver, their independent check,
and response times to every school (the "1、3、5" rule). Plain data in and out."""
