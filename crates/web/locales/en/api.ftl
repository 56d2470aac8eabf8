# Texts of the API contract and list pagination (issue 6, points 9, 13, 15).

api-method-not-allowed = This address does not take that method.
error-method-not-allowed-title = You cannot do that here
error-method-not-allowed-text = The page cannot be used that way. Go back and try again.
problem-date-out-of-range = The date must be between the years 2000 and 2100.
problem-duplicate = You chose the same thing twice. Choose each only once.
problem-out-of-range = The number or count is outside what is allowed.
page-first = First page
page-next = Next page
pages-sessions = Pages of sessions
pages-participants = Pages of the participant list
pages-waiting = Pages of the waiting list
pages-audit = Pages of the log
waiting-heading = Waiting list
waiting-none = No one is on the waiting list.
pages-outbox = Pages of outgoing e-mail
