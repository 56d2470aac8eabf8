# A person's own data (GDPR art. 15), issue 13.
notice-own-data-link-subject = Se de oplysninger, vi har om dig
notice-own-data-link-body =
    Hej

    Du har bedt om at se, hvilke oplysninger Samvirke har om denne e-mail.
    Åbn linket, og tryk på knappen for at se dem:
    { $link }

    Linket virker i { $hours } timer, og du kan se oplysningerne én gang.
    Har du ikke bedt om det, kan du se bort fra denne e-mail.

    Venlig hilsen
    Samvirke
own-data-heading = Se dine oplysninger
own-data-lead = Skriv din e-mail. Så sender vi dig et link, hvor du kan se, hvad vi har gemt om dig: tilmeldinger, bestilte tider og idéer, og hvornår en medarbejder har set dem.
own-data-email = Din e-mail
own-data-email-hint = Den e-mail, du brugte, da du tilmeldte dig, bestilte tid eller sendte en idé.
own-data-send = Send mig et link
own-data-phone = Vil du hellere ringe, så ring til os:
own-data-sent-heading = Tjek din e-mail
own-data-sent-text = Hvis vi har oplysninger om e-mailen, kan du se dem via linket, vi har sendt. Linket virker i 24 timer. Kommer der ingen e-mail, så tjek din spam-mappe.
own-data-open-heading = Se dine oplysninger
own-data-open-text = Tryk på knappen for at se, hvad vi har gemt om dig. Du kan se oplysningerne én gang. Linket kan ikke bruges igen bagefter.
own-data-open-button = Vis mine oplysninger
own-data-gone-heading = Linket virker ikke længere
own-data-gone-text = Linket er brugt, eller de 24 timer er gået. Du kan bede om et nyt link.
own-data-new-link = Bed om et nyt link
own-data-answer-heading = Det har vi gemt om dig
own-data-answer-lead = Oplysninger om { $email }. Gem eller udskriv siden nu: linket kan ikke bruges igen.
own-data-registrations = Tilmeldinger
own-data-bookings = Bestilte tider
own-data-ideas = Idéer
own-data-reads = Hvornår en medarbejder har set dine oplysninger
own-data-reads-hint = Tidspunkt og formål. Navnet på medarbejderen står ikke her.
own-data-none = Ingen.
own-data-name = Navn
own-data-phone-number = Telefon
own-data-needs = Behov
own-data-status = Status
own-data-when = Hvornår
own-data-signed-up = Tilmeldt
own-data-booked = Bestilt
own-data-sent = Sendt
own-data-target-group = Målgruppe
own-data-deleted = Slettet efter vores regler for opbevaring
own-data-rights = Er noget forkert, eller vil du have det slettet, så kontakt os.
own-data-status-confirmed = Tilmeldt
own-data-status-waitlisted = På venteliste
own-data-status-cancelled = Afmeldt
own-data-status-booked = Bestilt
own-data-status-done = Gennemført
own-data-status-no-show = Udeblev
own-data-kind-participant_list = Deltagerliste til et arrangement
own-data-kind-appointment_day_list = Dagens aftaler
own-data-kind-idea_contact = E-mail på en idé
own-data-kind-own_data_desk = Dine oplysninger slået op ved skranken
own-data-kind-other = Andet opslag
own-data-desk-heading = Borgerens oplysninger
own-data-desk-lead = Vis en borger, hvad Samvirke har gemt om borgerens e-mail. Brug kun siden, når borgeren selv beder om det. Opslaget bliver logget, og borgeren kan se det.
own-data-desk-email = Borgerens e-mail
own-data-desk-show = Vis oplysningerne
own-data-desk-tile = Vis en borger, hvad vi har gemt om dem.
purpose-own-data-desk = Slog en borgers oplysninger op ved skranken
footer-own-data = Se dine oplysninger
