## Cancel links that can no longer change anything
cancel-closed-title = Du kan ikke afmelde dig her
cancel-session-cancelled = Arrangementet er aflyst. Du behøver ikke gøre noget.
cancel-session-started = Arrangementet er begyndt, så du kan ikke længere afmelde dig.
api-session-cancelled = Arrangementet er aflyst; intet er ændret.
api-session-started = Arrangementet er begyndt; intet er ændret.

## A series sign-up
problem-too-many = Du har valgt for mange. Vælg højst 20 andre datoer.
problem-not-in-series = Vælg kun blandt de andre datoer for det samme arrangement herunder.

## Forms sent with errors
error-title-prefix = Fejl
error-summary-heading = Ret det her, før du sender igen:

## The confirmation after a sign-up
done-place = Du er nummer { $place } på ventelisten.
done-waitlisted-emailed = Får du en plads, skriver vi til dig.
done-waitlisted-phoned = Får du en plads, ringer vi til dig.
done-waitlisted-call = Vi kan ikke give dig besked, hvis du får en plads. Ring til os dagen før og hør, om du har fået en plads:
done-waitlisted-call-no-number = Vi kan ikke give dig besked, hvis du får en plads. Kom forbi dagen før og hør, om du har fået en plads.
done-cancel-text-series = Gem linkene herunder. Med dem kan du afmelde dig en dag ad gangen, så en anden kan få din plads.
done-cancel-email = Du finder også linket i e-mailen.

## A cancelled session
event-cancelled-heading = Arrangementet er aflyst
event-cancelled-text = Du kan ikke tilmelde dig. Var du tilmeldt, behøver du ikke gøre noget.
session-cancelled-staff = Ingen kan tilmeldes. Ring til dem på ringelisten, som ikke har fået en e-mail.

## Staff sign in from the footer, so citizens never think they must
footer-staff-login = For medarbejdere

## Phone sign-up by staff, like the public form
field-needs-staff = Har borgeren brug for noget særligt?
field-also-staff = Tilmeld også til de andre datoer
notice-signed-up-series = Borgeren er tilmeldt, også til de andre valgte datoer. Se listerne for hver dato.

## The participant list on the day
participants-search = Find en deltager
participants-search-button = Søg
participants-search-clear = Vis alle
participants-search-result = Deltagere, hvis navn indeholder "{ $name }":
participants-search-more = Der er flere. Skriv mere af navnet.
participants-needs-staff = Behov
participants-maybe-twice = Måske tilmeldt to gange: samme navn, og mindst én af dem uden e-mail og telefon.
waiting-place = Nr. { $place }

## Reading the audit log
audit-filter-who = Medarbejder
audit-filter-everyone = Alle
audit-filter-what = Hvad blev set
audit-filter-all-kinds = Alt
audit-filter-from = Fra dato
audit-filter-to = Til og med dato
audit-filter-date-hint = Som 1.12.2026
audit-filter-button = Vis
audit-filter-clear = Vis hele loggen

## The footer where the municipality is not known (error pages)
footer-tagline-plain = Hver for sig – sammen.

## Errors on staff forms, about the citizen
problem-staff-required = Skriv borgerens navn.
problem-staff-invalid-email = Skriv borgerens e-mail som navn@eksempel.dk, eller lad feltet være tomt.
problem-staff-invalid-phone = Skriv borgerens telefonnummer med 8 cifre, eller et udenlandsk nummer, der starter med +.
problem-staff-contact-required = Skriv borgerens e-mail eller telefonnummer, eller sæt kryds i, at borgeren ikke har nogen af delene.
