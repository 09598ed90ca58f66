"""Peak-hour patrols: loops planned by prize-collecting routing with time windows (PyVRP, with
OR-Tools as the measured peer), their independent check, and response times to every school
(the "1、3、5" rule). Plain data in and out."""
