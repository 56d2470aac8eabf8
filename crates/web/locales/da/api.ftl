# Texts of the API contract and list pagination (issue 6, points 9, 13, 15).

api-method-not-allowed = Adressen tager ikke imod den metode.
error-method-not-allowed-title = Det kan du ikke gøre her
error-method-not-allowed-text = Siden kan ikke bruges på den måde. Gå tilbage, og prøv igen.
problem-date-out-of-range = Datoen skal ligge mellem år 2000 og 2100.
problem-duplicate = Du har valgt det samme to gange. Vælg hvert kun én gang.
problem-out-of-range = Tallet eller antallet er uden for det tilladte.
page-first = Første side
page-next = Næste side
pages-sessions = Sider med arrangementer
pages-participants = Sider i deltagerlisten
pages-waiting = Sider i ventelisten
pages-audit = Sider i loggen
waiting-heading = Venteliste
waiting-none = Ingen er på ventelisten.
pages-outbox = Sider med udgående e-mail
