# E-mails til borgere og medarbejdere. Korte: hvad er sket, hvornår, hvor, og hvad du kan gøre.

field-mail-language = E-mails til borgeren på
field-mail-language-da = Dansk
field-mail-language-en = Engelsk

notice-when = { $date } { $time }
notice-place = { $name }, { $address }
notice-no-place = sted ikke oplyst

notice-confirmed-subject = Du er tilmeldt: { $title }
notice-confirmed-body =
    Hej { $name }

    Du er tilmeldt { $title }.
    Hvornår: { $when }
    Hvor: { $place }

    Kan du ikke komme? Afmeld dig her, så får en anden din plads:
    { $cancel }

    I vedhæftningen ligger arrangementet til din kalender.

notice-waitlisted-subject = Du er på venteliste: { $title }
notice-waitlisted-body =
    Hej { $name }

    Der er ikke flere pladser til { $title } { $when }, så du er skrevet på ventelisten som nummer { $position }.
    Får du en plads, skriver vi til dig.

    Vil du af ventelisten, så klik her:
    { $cancel }

notice-promoted-subject = Du har fået en plads: { $title }
notice-promoted-body =
    Hej { $name }

    Der er blevet en plads ledig, og den er din: Du er nu tilmeldt { $title }.
    Hvornår: { $when }
    Hvor: { $place }

    Kan du alligevel ikke komme, så brug linket i den første e-mail, vi sendte dig.

notice-reminder-subject = Påmindelse: { $title }
notice-reminder-body =
    Hej { $name }

    Husk { $title }.
    Hvornår: { $when }
    Hvor: { $place }

    Kan du ikke komme, så brug linket i den første e-mail, vi sendte dig. Så kan en anden få din plads.

    Vi glæder os til at se dig.

notice-cancelled-subject = Aflyst: { $title }
notice-cancelled-body =
    Hej { $name }

    Vi må desværre aflyse { $title } { $when }.
    Du behøver ikke gøre noget. Vi beklager.

notice-changed-subject = Ny tid eller nyt sted: { $title }
notice-changed-body =
    Hej { $name }

    { $title } er flyttet.
    Ny tid: { $when }
    Nyt sted: { $place }

    Før: { $old-when }, { $old-place }

    { $standing ->
        [seat] Din plads gælder stadig.
       *[waiting] Du står stadig på ventelisten.
    } Kan du ikke komme på det nye tidspunkt, så brug linket i den første e-mail, vi sendte dig.

notice-staff-created-subject = Du er oprettet i Samvirke
notice-staff-created-body =
    Hej { $name }

    Du er nu oprettet som medarbejder hos { $org } i Samvirke.
    Du logger ind med din e-mail { $email } og den adgangskode, du har fået af din koordinator:
    { $login }

    Venlig hilsen
    Samvirke
