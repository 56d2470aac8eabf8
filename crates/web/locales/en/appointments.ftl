## Appointments: "book a librarian" and the citizen service's appointments.

notice-appointment-booked-subject = Your appointment is booked: { $title }
notice-appointment-booked-body =
    Hello { $name }

    You have an appointment with { $org }: { $title }.
    When: { $when }
    Where: { $place }

    Cannot come, or want to move it? Use this link:
    { $cancel }

    The attachment holds the appointment for your calendar.

notice-appointment-reminder-subject = Reminder: { $title } tomorrow
notice-appointment-reminder-body =
    Hello { $name }

    Remember your appointment with { $org }: { $title }.
    When: { $when }
    Where: { $place }

    To cancel or move it, use the link in the first e-mail we sent you.

api-slot-taken = Nobody is free at that time any more. Choose another time.
api-cancel-deadline-passed = The deadline for cancelling has passed. Call us if you cannot come.

nav-appointments-public = Book a time
nav-appointments = Appointments
appointments-title = Book a time
appointments-intro = Get help from a librarian or from Borgercentret. It is free.
appointments-question = What do you need help with?
appointments-topic-digital-post = Digital Post
appointments-topic-mitid = MitID
appointments-topic-skat = Tax (Skat)
appointments-topic-borger-dk = Forms on borger.dk
appointments-topic-ebooks-films = E-books and films
appointments-topic-device = My phone or tablet
appointments-topic-other = Something else
appointments-services-heading = Everything you can book
appointments-minutes = { $minutes } minutes
appointments-back = Back to Book a time
appointments-times-title = Free times
appointments-times-range = Free times from { $from } to { $to }.
appointments-choose-time = Choose a time
appointments-no-times = There are no free times these days. See next week.
appointments-no-times-day = There are no free times that day.
appointments-weeks = Other weeks
appointments-previous-week = Previous week
appointments-next-week = Next week
appointments-other-time = Choose another time
appointments-book-title = Book the time
appointments-contact-hint = Give your e-mail or your phone number so we can reach you.
appointments-email-hint = We send a confirmation, and a reminder the day before.
appointments-optional = (optional)
appointments-book-button = Book the time
appointments-receipt-title = Your time is booked
appointments-receipt-emailed = We have sent a confirmation to your e-mail with a link to cancel or move the time.
appointments-receipt-not-emailed = Keep the link below. You need it to cancel or move the time.
appointments-cancel-or-move = Cancel or move the time
appointments-cancel-title = Your appointment
appointments-cancel-button = Cancel the time
appointments-move-heading = Move the time
appointments-move-button = Move to the chosen time
appointments-is-cancelled = The time is cancelled.
appointments-book-new = Book a new time
appointments-too-late = The deadline for cancelling or moving has passed. Call us if you cannot come.
notice-appointment-cancelled = The time is cancelled.
notice-appointment-moved = The time is moved. You will get a new confirmation by e-mail.
notice-appointment-marked = The appointment is marked.
notice-appointment-booked = The time is booked.
appointments-day-title = Today's appointments
appointments-days = Other days
appointments-previous-day = Day before
appointments-next-day = Day after
appointments-mine = Only my appointments
appointments-everyone = All the organisation's appointments
appointments-date = Date
appointments-show-day = Show the day
appointments-show-times = Show free times
appointments-none-today = No appointments this day.
appointments-col-time = Time
appointments-col-citizen = Citizen
appointments-col-service = Service
appointments-col-status = Status
appointments-status-booked = Booked
appointments-status-cancelled = Cancelled
appointments-status-done = Done
appointments-status-no-show = No-show
appointments-mark-done = Done
appointments-mark-no-show = No-show
appointments-forgotten = (the details are deleted)
appointments-new-title = Book for a citizen
appointments-new-intro = Book a time for a citizen at the desk or on the phone. Samvirke picks a free staff member.
appointments-no-services = Your organisation has no services to book.

## The coordinators' pages: services and where the guided question leads.

appointment-services-title = Appointment services
appointment-services-tile = What citizens can book a time for: length, place, who gives it and the rules.
appointment-services-lead = What citizens can book a time for with you and the other organisations of the municipality.
appointment-services-new = Create a service
appointment-services-none = There are no services yet.
appointment-services-col-organisation = Organisation
appointment-services-col-minutes = Minutes
appointment-services-col-givers = Staff
appointment-services-back = Back to the services
appointment-service-new-title = New service
appointment-service-edit-title = Edit the service
appointment-service-view-title = The service
appointment-service-read-only = Only the organisation's coordinators can edit the service.
appointment-service-what = What and where
field-service-title = Name of the service
appointment-service-title-hint = What the citizen sees, for example "Digital help – book a librarian".
field-service-minutes = Length in minutes
appointment-service-minutes-hint = How long an appointment lasts, from 5 to 240 minutes.
field-service-site = Place
appointment-service-no-site = No fixed place
field-service-staff = Who gives the service?
appointment-service-staff-hint = Choose among the organisation's staff. Citizens can book the times when at least one of them is free.
appointment-service-no-staff = The organisation has no active staff.
appointment-service-staff-not-own = Choose only staff of the organisation behind the service.
appointment-service-rules = Booking rules
field-service-buffer-minutes = Break between appointments in minutes
appointment-service-buffer-hint = Kept free before and after each appointment, from 0 to 120 minutes.
field-service-notice-hours = Notice in hours
appointment-service-notice-hint = How long before a time a citizen can book it at the latest, from 0 to 336 hours.
field-service-horizon-days = How far ahead in days
appointment-service-horizon-hint = How many days ahead citizens can book, from 1 to 180 days.
field-service-cancel-hours = Cancellation deadline in hours
appointment-service-cancel-hint = The citizen can cancel or move by the link until this many hours before the time, from 0 to 168.
field-service-questions = Questions for the citizen (optional)
appointment-service-questions-hint = One question a line, at most { $max }. The citizen answers when booking.
appointment-service-questions-too-many = Write at most { $max } questions, one a line.
appointment-service-question-too-long = Each question may be at most { $max } characters.
field-service-active = Active – citizens can book the service
appointment-service-active-yes = Active
appointment-service-active-no = Not active
appointment-service-number-between = Enter a whole number from { $min } to { $max }.
appointment-service-save = Save the service
appointment-service-cancel = Cancel
notice-appointment-service-saved = The service is saved.

appointment-topics-title = Topics in "Book a time"
appointment-topics-tile = Choose which service each answer to "What do you need help with?" leads the citizen to.
appointment-topics-lead = For each answer, choose the service citizens are sent on to when they use "Book a time". It can be a service of any organisation in the municipality.
appointment-topics-nowhere = Not included – the answer is not shown
appointment-topics-save = Save
appointment-topics-read-only = Only coordinators can change where the answers lead.
notice-appointment-topics-saved = Where the answers lead is saved.
appointments-for-referral = The time is booked for the citizen of referral { $id }. Name and contact are filled in from the referral.
