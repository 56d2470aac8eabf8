## Privacy notice (GDPR article 13)
privacy-controller-heading = Hvem har ansvaret for dine oplysninger?
privacy-controller-text = { $municipality } er dataansvarlig for de oplysninger, du giver her.
privacy-controller-address = Adresse:
privacy-controller-phone = Telefon:
privacy-dpo-heading = Databeskyttelsesrådgiver
privacy-dpo-text = Har du spørgsmål til, hvordan vi bruger dine oplysninger, kan du skrive til kommunens databeskyttelsesrådgiver:
privacy-purpose-heading = Hvad bruger vi oplysningerne til?
privacy-purpose-signup = Når du tilmelder dig et arrangement, bruger vi dit navn og din e-mail eller dit telefonnummer til at holde styr på pladserne, sende dig en bekræftelse og en påmindelse, og give dig besked, hvis noget ændrer sig.
privacy-purpose-needs = Skriver du, at du har brug for for eksempel teleslynge eller plads til kørestol, bruger vi det kun til at indrette arrangementet.
privacy-purpose-staff = For medarbejdere gemmer vi navn, e-mail, telefon og kompetencer, så arbejdet kan planlægges.
privacy-basis-heading = Hvilken ret har vi til at bruge oplysningerne?
privacy-basis-text = Vi bruger oplysningerne for at løse kommunens opgaver med at hjælpe borgere, jf. databeskyttelsesforordningens artikel 6, stk. 1, litra e. Oplysninger om dine behov giver du frivilligt, og vi bruger dem med dit samtykke, jf. artikel 9, stk. 2, litra a. Du kan altid trække samtykket tilbage.
privacy-recipients-heading = Hvem ser dine oplysninger?
privacy-recipients-text = Kun medarbejdere i den organisation, der holder arrangementet, og i de partnere, der hjælper med at holde det, kan se deltagerlisten. Andre organisationer ser kun, at arrangementet findes. E-mails sendes gennem kommunens mailserver. Vi giver ikke dine oplysninger videre til andre.
privacy-retention-heading = Hvor længe gemmer vi oplysningerne?
privacy-retention-participants = Dit navn, din e-mail, dit telefonnummer og dine behov slettes { $days } dage efter arrangementet. Tilbage er kun et tal, der viser, at der var en deltager.
privacy-retention-mail = Teksten i de e-mails, vi sender dig, slettes hos os, når e-mailen er sendt.
privacy-retention-eml = Hvis e-mails gemmes som filer i stedet for at blive sendt, slettes filerne efter { $days } dage.
privacy-retention-audit = Loggen over, hvem der har set oplysninger, gemmes i { $days } dage.
privacy-retention-logins = Medarbejderes login udløber efter 10 timer.
privacy-rights-heading = Dine rettigheder
privacy-rights-text = Du har ret til at se de oplysninger, vi har om dig, og til at få at vide, hvornår de er blevet set. Du kan få rettet forkerte oplysninger, få oplysninger slettet, begrænse brugen af dem og gøre indsigelse mod brugen. Kontakt kommunen for at bruge dine rettigheder.
privacy-complaint-heading = Klage til Datatilsynet
privacy-complaint-text = Er du utilfreds med, hvordan vi bruger dine oplysninger, kan du klage til Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, telefon 33 19 32 00, e-mail dt@datatilsynet.dk.
privacy-complaint-link = Datatilsynets hjemmeside

## Accessibility statement
a11y-date = Erklæringen er udarbejdet 30.11.2026 og bliver gennemgået mindst én gang om året.
a11y-known-heading = Kendte problemer
a11y-known-print = Automatiske test finder ikke alle problemer. Vi har ikke fået siderne testet af brugere med skærmlæser endnu.
a11y-known-ics = Kalenderfiler (.ics) vises af dit eget kalenderprogram. Hvor tilgængelige de er, afhænger af det program.
a11y-report-heading = Fortæl os om et problem
a11y-report-text = Oplever du et problem med tilgængeligheden, så ring eller skriv til kommunen. Fortæl, hvilken side det drejer sig om, og hvad der ikke virker. Vi svarer inden for 14 dage.
a11y-report-email = E-mail:
a11y-published = Den officielle tilgængelighedserklæring ligger på Digitaliseringsstyrelsens side
a11y-published-link = was.digst.dk
