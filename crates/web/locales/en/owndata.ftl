# A person's own data (GDPR art. 15), issue 13.
notice-own-data-link-subject = See the information we hold about you
notice-own-data-link-body =
    Hello

    You asked to see what information Samvirke holds about this e-mail.
    Open the link and press the button to see it:
    { $link }

    The link works for { $hours } hours, and you can see the information once.
    If you did not ask for this, you can ignore this e-mail.

    Kind regards
    Samvirke
own-data-heading = See your information
own-data-lead = Write your e-mail. We then send you a link where you can see what we hold about you: sign-ups, booked times and ideas, and when a member of staff looked at them.
own-data-email = Your e-mail
own-data-email-hint = The e-mail you used when you signed up, booked a time or sent an idea.
own-data-send = Send me a link
own-data-phone = If you would rather call, call us:
own-data-sent-heading = Check your e-mail
own-data-sent-text = If we hold information about the e-mail, you can see it through the link we sent. The link works for 24 hours. If no e-mail arrives, check your spam folder.
own-data-open-heading = See your information
own-data-open-text = Press the button to see what we hold about you. You can see the information once. The link cannot be used again afterwards.
own-data-open-button = Show my information
own-data-gone-heading = The link no longer works
own-data-gone-text = The link has been used, or the 24 hours have passed. You can ask for a new link.
own-data-new-link = Ask for a new link
own-data-answer-heading = This is what we hold about you
own-data-answer-lead = Information about { $email }. Save or print the page now: the link cannot be used again.
own-data-registrations = Sign-ups
own-data-bookings = Booked times
own-data-ideas = Ideas
own-data-reads = When a member of staff looked at your information
own-data-reads-hint = Time and purpose. The name of the member of staff is not shown.
own-data-none = None.
own-data-name = Name
own-data-phone-number = Phone
own-data-needs = Needs
own-data-status = Status
own-data-when = When
own-data-signed-up = Signed up
own-data-booked = Booked
own-data-sent = Sent
own-data-target-group = Target group
own-data-deleted = Deleted under our retention rules
own-data-rights = If something is wrong, or you want it deleted, contact us.
own-data-status-confirmed = Signed up
own-data-status-waitlisted = On the waiting list
own-data-status-cancelled = Cancelled
own-data-status-booked = Booked
own-data-status-done = Done
own-data-status-no-show = Did not come
own-data-kind-participant_list = Participant list of a session
own-data-kind-appointment_day_list = The day's appointments
own-data-kind-idea_contact = E-mail of an idea
own-data-kind-own_data_desk = Your information looked up at the desk
own-data-kind-other = Other look-up
own-data-desk-heading = A citizen's information
own-data-desk-lead = Show a citizen what Samvirke holds about their e-mail. Use the page only when the citizen asks. The look-up is logged, and the citizen can see it.
own-data-desk-email = The citizen's e-mail
own-data-desk-show = Show the information
own-data-desk-tile = Show a citizen what we hold about them.
purpose-own-data-desk = Looked up a citizen's information at the desk
footer-own-data = See your information
