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

## The coordinators' pages: services and where the guided question leads.

appointment-services-title = Ydelser til aftaler
appointment-services-tile = Det, borgerne kan booke en tid til: længde, sted, hvem der giver dem og reglerne.
appointment-services-lead = Det, borgerne kan booke en tid til hos jer og de andre organisationer i kommunen.
appointment-services-new = Opret en ydelse
appointment-services-none = Der er ingen ydelser endnu.
appointment-services-col-organisation = Organisation
appointment-services-col-minutes = Minutter
appointment-services-col-givers = Medarbejdere
appointment-services-back = Tilbage til ydelserne
appointment-service-new-title = Ny ydelse
appointment-service-edit-title = Ret ydelsen
appointment-service-view-title = Ydelsen
appointment-service-read-only = Kun koordinatorer i organisationen kan rette ydelsen.
appointment-service-what = Hvad og hvor
field-service-title = Navn på ydelsen
appointment-service-title-hint = Det, borgeren ser, for eksempel "Digital hjælp – book en bibliotekar".
field-service-minutes = Varighed i minutter
appointment-service-minutes-hint = Hvor lang tid en aftale varer, fra 5 til 240 minutter.
field-service-site = Sted
appointment-service-no-site = Intet fast sted
field-service-staff = Hvem giver ydelsen?
appointment-service-staff-hint = Vælg blandt organisationens medarbejdere. Borgerne kan booke de tider, hvor mindst én af dem er ledig.
appointment-service-no-staff = Organisationen har ingen aktive medarbejdere.
appointment-service-staff-not-own = Vælg kun medarbejdere fra organisationen bag ydelsen.
appointment-service-rules = Regler for booking
field-service-buffer-minutes = Pause mellem aftaler i minutter
appointment-service-buffer-hint = Holdes fri før og efter hver aftale, fra 0 til 120 minutter.
field-service-notice-hours = Varsel i timer
appointment-service-notice-hint = Hvor længe før en borger senest kan booke en tid, fra 0 til 336 timer.
field-service-horizon-days = Hvor langt frem i dage
appointment-service-horizon-hint = Hvor mange dage frem borgerne kan booke, fra 1 til 180 dage.
field-service-cancel-hours = Frist for at aflyse i timer
appointment-service-cancel-hint = Borgeren kan aflyse eller flytte via linket indtil så mange timer før tiden, fra 0 til 168.
field-service-questions = Spørgsmål til borgeren (valgfri)
appointment-service-questions-hint = Ét spørgsmål på hver linje, højst { $max }. Borgeren svarer, når tiden bookes.
appointment-service-questions-too-many = Skriv højst { $max } spørgsmål, ét på hver linje.
appointment-service-question-too-long = Hvert spørgsmål må højst være { $max } tegn.
field-service-active = Aktiv – borgerne kan booke ydelsen
appointment-service-active-yes = Aktiv
appointment-service-active-no = Ikke aktiv
appointment-service-number-between = Skriv et helt tal fra { $min } til { $max }.
appointment-service-save = Gem ydelsen
appointment-service-cancel = Fortryd
notice-appointment-service-saved = Ydelsen er gemt.

appointment-topics-title = Emner i "Book en tid"
appointment-topics-tile = Vælg, hvilken ydelse hvert svar på "Hvad skal du have hjælp til?" fører borgeren til.
appointment-topics-lead = Vælg for hvert svar, hvilken ydelse borgeren bliver sendt videre til, når de bruger "Book en tid". Det kan være en ydelse fra enhver organisation i kommunen.
appointment-topics-nowhere = Ikke med – svaret bliver ikke vist
appointment-topics-save = Gem
appointment-topics-read-only = Kun koordinatorer kan ændre, hvor svarene fører hen.
notice-appointment-topics-saved = Det er gemt, hvor svarene fører hen.
appointments-for-referral = Tiden bookes til borgeren fra henvisning { $id }. Navn og kontakt er udfyldt fra henvisningen.
