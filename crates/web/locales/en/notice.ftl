# E-mails to citizens and staff. Short: what happened, when, where, and what you can do.

field-mail-language = E-mails to the citizen in
field-mail-language-da = Danish
field-mail-language-en = English

notice-when = { $date }, { $time }
notice-place = { $name }, { $address }
notice-no-place = place not given

notice-confirmed-subject = You are signed up: { $title }
notice-confirmed-body =
    Hello { $name }

    You are signed up for { $title }.
    When: { $when }
    Where: { $place }

    Can't come? Cancel here, so someone else gets your seat:
    { $cancel }

    The attachment adds the event to your calendar.

notice-waitlisted-subject = You are on the waiting list: { $title }
notice-waitlisted-body =
    Hello { $name }

    There are no more seats for { $title } on { $when }, so you are on the waiting list as number { $position }.
    If you get a seat, we will write to you.

    To leave the waiting list, click here:
    { $cancel }

notice-promoted-subject = You have a seat: { $title }
notice-promoted-body =
    Hello { $name }

    A seat has become free, and it is yours: you are now signed up for { $title }.
    When: { $when }
    Where: { $place }

    If you can't come after all, use the link in the first e-mail we sent you.

notice-reminder-subject = Reminder: { $title }
notice-reminder-body =
    Hello { $name }

    Remember { $title }.
    When: { $when }
    Where: { $place }

    If you can't come, use the link in the first e-mail we sent you. Then someone else can have your seat.

    We look forward to seeing you.

notice-cancelled-subject = Cancelled: { $title }
notice-cancelled-body =
    Hello { $name }

    We are sorry, but { $title } on { $when } is cancelled.
    You don't need to do anything. We apologise.

notice-changed-subject = New time or place: { $title }
notice-changed-body =
    Hello { $name }

    { $title } has moved.
    New time: { $when }
    New place: { $place }

    Before: { $old-when }, { $old-place }

    { $standing ->
        [seat] Your seat still holds.
       *[waiting] You are still on the waiting list.
    } If you can't come at the new time, use the link in the first e-mail we sent you.

notice-staff-created-subject = Your Samvirke account
notice-staff-created-body =
    Hello { $name }

    You are now a staff member of { $org } in Samvirke.
    You log in with your e-mail { $email } and the password your coordinator gave you:
    { $login }

    Kind regards
    Samvirke
