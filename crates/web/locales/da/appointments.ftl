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

nav-appointments-public = Book en tid
nav-appointments = Aftaler
appointments-title = Book en tid
appointments-intro = Få hjælp af en bibliotekar eller af Borgercentret. Det er gratis.
appointments-question = Hvad skal du have hjælp til?
appointments-topic-digital-post = Digital Post
appointments-topic-mitid = MitID
appointments-topic-skat = Skat
appointments-topic-borger-dk = Blanketter på borger.dk
appointments-topic-ebooks-films = E-bøger og film
appointments-topic-device = Min telefon eller tablet
appointments-topic-other = Noget andet
appointments-services-heading = Alle tider du kan booke
appointments-minutes = { $minutes } minutter
appointments-back = Tilbage til Book en tid
appointments-times-title = Ledige tider
appointments-times-range = Ledige tider fra { $from } til { $to }.
appointments-choose-time = Vælg en tid
appointments-no-times = Der er ingen ledige tider i disse dage. Se næste uge.
appointments-no-times-day = Der er ingen ledige tider den dag.
appointments-weeks = Andre uger
appointments-previous-week = Forrige uge
appointments-next-week = Næste uge
appointments-other-time = Vælg en anden tid
appointments-book-title = Book tiden
appointments-contact-hint = Skriv din e-mail eller dit telefonnummer, så vi kan give dig besked.
appointments-email-hint = Så sender vi en bekræftelse og en påmindelse dagen før.
appointments-optional = (valgfri)
appointments-book-button = Book tiden
appointments-receipt-title = Din tid er booket
appointments-receipt-emailed = Vi har sendt en bekræftelse til din e-mail med et link, hvor du kan aflyse eller flytte tiden.
appointments-receipt-not-emailed = Gem linket herunder. Du skal bruge det, hvis du vil aflyse eller flytte tiden.
appointments-cancel-or-move = Aflys eller flyt tiden
appointments-cancel-title = Din tid
appointments-cancel-button = Aflys tiden
appointments-move-heading = Flyt tiden
appointments-move-button = Flyt til den valgte tid
appointments-is-cancelled = Tiden er aflyst.
appointments-book-new = Book en ny tid
appointments-too-late = Fristen for at aflyse eller flytte er overskredet. Ring til os, hvis du ikke kan komme.
notice-appointment-cancelled = Tiden er aflyst.
notice-appointment-moved = Tiden er flyttet. Du får en ny bekræftelse på e-mail.
notice-appointment-marked = Aftalen er markeret.
notice-appointment-booked = Tiden er booket.
appointments-day-title = Dagens aftaler
appointments-days = Andre dage
appointments-previous-day = Dagen før
appointments-next-day = Dagen efter
appointments-mine = Kun mine aftaler
appointments-everyone = Alle aftaler i organisationen
appointments-date = Dato
appointments-show-day = Vis dagen
appointments-show-times = Vis ledige tider
appointments-none-today = Ingen aftaler denne dag.
appointments-col-time = Tid
appointments-col-citizen = Borger
appointments-col-service = Ydelse
appointments-col-status = Status
appointments-status-booked = Booket
appointments-status-cancelled = Aflyst
appointments-status-done = Gennemført
appointments-status-no-show = Udeblev
appointments-mark-done = Gennemført
appointments-mark-no-show = Udeblev
appointments-forgotten = (oplysningerne er slettet)
appointments-new-title = Book for en borger
appointments-new-intro = Book en tid for en borger ved skranken eller i telefonen. Samvirke vælger en ledig medarbejder.
appointments-no-services = Din organisation har ingen ydelser, der kan bookes.
