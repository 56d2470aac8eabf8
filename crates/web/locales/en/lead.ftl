## Cancel links that can no longer change anything
cancel-closed-title = You cannot cancel here
cancel-session-cancelled = The event has been cancelled. You do not need to do anything.
cancel-session-started = The event has begun, so you can no longer cancel.
api-session-cancelled = The session was cancelled; nothing changed.
api-session-started = The session has started; nothing changed.

## A series sign-up
problem-too-many = You chose too many. Choose at most 20 other dates.
problem-not-in-series = Choose only among the other dates of the same event below.

## Forms sent with errors
error-title-prefix = Error
error-summary-heading = Fix the following before you send again:

## The confirmation after a sign-up
done-place = You are number { $place } on the waiting list.
done-waitlisted-emailed = If you get a seat, we will write to you.
done-waitlisted-phoned = If you get a seat, we will call you.
done-waitlisted-call = We cannot tell you if you get a seat. Call us the day before and ask whether you have one:
done-waitlisted-call-no-number = We cannot tell you if you get a seat. Drop by the day before and ask whether you have one.
done-cancel-text-series = Keep the links below. With them you can cancel one day at a time, so someone else can have your seat.
done-cancel-email = You will also find the link in the email.

## A cancelled session
event-cancelled-heading = The event is cancelled
event-cancelled-text = You cannot sign up. If you were signed up, you do not need to do anything.
session-cancelled-staff = Nobody can be signed up. Call those on the call list, who did not get an email.

## Staff sign in from the footer, so citizens never think they must
footer-staff-login = For staff

## Phone sign-up by staff, like the public form
field-needs-staff = Does the citizen need anything special?
field-also-staff = Also sign up for the other dates
notice-signed-up-series = The citizen is signed up, also for the other dates chosen. See the list of each date.

## The participant list on the day
participants-search = Find a participant
participants-search-button = Search
participants-search-clear = Show everyone
participants-search-result = Participants whose name contains "{ $name }":
participants-search-more = There are more. Type more of the name.
participants-needs-staff = Needs
participants-maybe-twice = Maybe signed up twice: the same name, and at least one of them without email or phone.
waiting-place = No. { $place }

## Reading the audit log
audit-filter-who = Staff member
audit-filter-everyone = Everyone
audit-filter-what = What was seen
audit-filter-all-kinds = Everything
audit-filter-from = From date
audit-filter-to = To date (inclusive)
audit-filter-date-hint = As 1.12.2026
audit-filter-button = Show
audit-filter-clear = Show the whole log

## The footer where the municipality is not known (error pages)
footer-tagline-plain = Apart and together.

## Errors on staff forms, about the citizen
problem-staff-required = Enter the citizen's name.
problem-staff-invalid-email = Enter the citizen's email like name@example.com, or leave it empty.
problem-staff-invalid-phone = Enter the citizen's phone number with 8 digits, or a foreign number starting with +.
problem-staff-contact-required = Enter the citizen's email or phone number, or tick that they have neither.
