"""Reminders, alarms, timers and calendar events: what is scheduled (the book), when each
comes next (occurrences), the scheduler that delivers them exactly once, and iCalendar."""
