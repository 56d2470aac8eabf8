## Cancel links that can no longer change anything
cancel-closed-title = You cannot cancel here
cancel-session-cancelled = The event has been cancelled. You do not need to do anything.
cancel-session-started = The event has begun, so you can no longer cancel.
api-session-cancelled = The session was cancelled; nothing changed.
api-session-started = The session has started; nothing changed.

## A series sign-up
problem-too-many = You chose too many. Choose at most 20 other dates.
problem-not-in-series = Choose only among the other dates of the same event below.
