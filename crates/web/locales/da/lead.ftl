## Cancel links that can no longer change anything
cancel-closed-title = Du kan ikke afmelde dig her
cancel-session-cancelled = Arrangementet er aflyst. Du behøver ikke gøre noget.
cancel-session-started = Arrangementet er begyndt, så du kan ikke længere afmelde dig.
api-session-cancelled = Arrangementet er aflyst; intet er ændret.
api-session-started = Arrangementet er begyndt; intet er ændret.

## A series sign-up
problem-too-many = Du har valgt for mange. Vælg højst 20 andre datoer.
problem-not-in-series = Vælg kun blandt de andre datoer for det samme arrangement herunder.
