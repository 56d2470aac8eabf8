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
