## Appointments: "book a librarian" and the citizen service's appointments.

notice-appointment-booked-subject = Din tid er booket: { $title }
notice-appointment-booked-body =
    Hej { $name }

    Du har fået en tid hos { $org }: { $title }.
    Hvornår: { $when }
    Hvor: { $place }

    Kan du ikke komme, eller vil du flytte tiden? Brug dette link:
    { $cancel }

    I vedhæftningen ligger tiden til din kalender.

notice-appointment-reminder-subject = Påmindelse: { $title } i morgen
notice-appointment-reminder-body =
    Hej { $name }

    Husk din tid hos { $org }: { $title }.
    Hvornår: { $when }
    Hvor: { $place }

    Vil du aflyse eller flytte tiden, så brug linket i den første e-mail, vi sendte dig.

api-slot-taken = Der er ikke længere nogen ledig på det tidspunkt. Vælg en anden tid.
api-cancel-deadline-passed = Fristen for at aflyse er overskredet. Ring til os, hvis du ikke kan komme.
