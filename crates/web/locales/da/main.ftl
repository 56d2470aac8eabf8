# Samvirke – dansk (standard). Skriv som borger.dk: "du", korte sætninger, hverdagsord.

skip-to-content = Gå til sidens indhold
login = Log ind
logout = Log ud
nav-label = Menu for medarbejdere
footer-tagline = Biblioteket og Borgerservice – hver for sig og sammen.
footer-phone = Ring til os:
footer-accessibility = Tilgængelighedserklæring
footer-privacy = Sådan passer vi på dine oplysninger
choose-language = Vælg sprog
error-prefix = Fejl:
back-to-front = Gå til forsiden
save = Gem
edit = Ret
form-has-errors = Der er fejl i formularen. Ret de markerede felter, og prøv igen.

front-title = Forside
front-heading = Få hjælp til dit digitale liv
front-lead = Biblioteket og Borgerservice arbejder sammen, så du kan få hjælp der, hvor det passer dig.
front-seniors-heading = 010101 Dit digitale liv
front-seniors-text = Arrangementer for seniorer om digital sikkerhed, digitale spor, Skat.dk og borger.dk – med kaffe, snak ved bordene og en quiz til sidst.
front-pupils-heading = Digital dåb og dannelse
front-pupils-text = Undervisning for alle 9. klasser om MitID, Digital Post og at passe på sin digitale identitet.
front-help-heading = Hvor kan du få hjælp?
front-help-library = På biblioteket kan du få hjælp til selvbetjening, MitID-appen, Filmstriben og eReolen.
front-help-citizen = I Borgerservice på rådhuset kan du få hjælp til sager, der kræver en myndighed, for eksempel at få MitID.
front-call = Vil du hellere ringe? Ring på

a11y-heading = Tilgængelighedserklæring
a11y-lead = Samvirke skal kunne bruges af alle. Siderne skal leve op til WCAG 2.1 niveau A og AA, som loven om tilgængelighed kræver.
a11y-status-heading = Hvordan lever siderne op til kravene?
a11y-status-text = Vi tester hver side automatisk i en rigtig browser med værktøjet axe. Siderne kan bruges med tastatur og skærmlæser, og de virker uden JavaScript. Kender du til en side, der ikke virker for dig, vil vi gerne høre om det.
a11y-how-heading = Hvad gør vi?
a11y-how-text = Vi bruger Det Fælles Designsystem, som også bruges på borger.dk. Tekst og knapper er store, og hver side har én opgave.
a11y-contact-heading = Kontakt os
a11y-contact-text = Skriv eller ring til kommunen, hvis du ikke kan bruge en side, eller hvis du har brug for oplysningerne i en anden form.
a11y-complaint-heading = Klag over tilgængeligheden
a11y-complaint-text = Er du ikke tilfreds med vores svar, kan du klage til Digitaliseringsstyrelsen, som fører tilsyn med offentlige myndigheders hjemmesider.

privacy-heading = Sådan passer vi på dine oplysninger
privacy-lead = Vi gemmer så få oplysninger om dig som muligt, og kun så længe vi har brug for dem.
privacy-least = Vi beder kun om de oplysninger, vi skal bruge, for eksempel dit navn og en måde at kontakte dig på.
privacy-cpr = Vi gemmer aldrig dit CPR-nummer.
privacy-log = Hver gang en medarbejder ser dine oplysninger, bliver det skrevet i en log. Du kan spørge, hvornår dine oplysninger er blevet set.
privacy-delete = Vi sletter dine oplysninger, når vi ikke længere har brug for dem.
privacy-apart = Biblioteket og Borgerservice har hver deres oplysninger. De deler kun det, der skal til for at hjælpe dig.

login-heading = Log ind som medarbejder
login-lead = Log ind med din e-mail og adgangskode. Siden er for medarbejdere. Borgere skal ikke logge ind.
field-email = E-mail
field-password = Adgangskode
login-failed = E-mail eller adgangskode er forkert. Prøv igen.
login-throttled = Der har været for mange forsøg på at logge ind. Vent { $minutes } minutter, og prøv igen.

nav-dashboard = Overblik
nav-staff = Medarbejdere
nav-organisations = Organisationer
nav-outbox = Udgående post
nav-audit = Adgangslog
nav-tokens = API-nøgler

dash-greeting = Velkommen, { $name }.
dash-staff-text = Se og ret din organisations medarbejdere og deres kompetencer.
dash-orgs-text = Organisationerne i samarbejdet.
dash-outbox-text = E-mails, der er sendt eller venter på at blive sendt.
dash-audit-text = Hvem har set personoplysninger, og hvornår.
dash-tokens-text = Nøgler til at bruge Samvirke fra andre programmer.
dash-roles-heading = Dine roller

staff-heading = Medarbejdere
staff-new = Opret medarbejder
staff-edit-heading = Ret medarbejder
back-to-staff = Tilbage til medarbejdere
field-name = Navn
field-phone = Telefon (valgfri)
field-phone-short = Telefon
field-phone-hint = Dansk nummer med 8 cifre eller et udenlandsk nummer, der starter med +.
field-role = Rolle
field-competences = Kompetencer
field-competences-hint = Vælg det, personen kan. Nogle kompetencer hører kun til én slags organisation.
field-status = Status
field-active = Aktiv – personen kan logge ind
field-first-password = Adgangskode til første login
field-first-password-hint = Mindst 12 tegn. Giv adgangskoden til personen på en sikker måde. Den bliver ikke sendt med e-mail.
status-active = Aktiv
status-inactive = Ikke aktiv

role-coordinator = Koordinator
role-staff = Medarbejder
role-school-contact = Skolekontakt
role-municipality-admin = Kommunens administrator

orgs-heading = Organisationer
orgs-lead = Organisationerne i kommunens samarbejde. Hver organisation ejer sine egne oplysninger.
orgs-new = Opret organisation
orgs-create = Opret organisation
orgs-first-coordinator = Organisationens første koordinator
back-to-orgs = Tilbage til organisationer
field-org-name = Organisationens navn
field-org-kind = Slags organisation

kind-library = Bibliotek
kind-citizen-service = Borgerservice
kind-school = Skole
kind-partner = Samarbejdspartner
kind-social-services = Socialafdeling
kind-administration = Kommunens administration

tokens-heading = API-nøgler
tokens-lead = Med en API-nøgle kan et andet program bruge Samvirke på dine vegne. Nøglen kan det samme som dig.
tokens-created = Din nye API-nøgle
tokens-copy-now = Kopiér nøglen nu. Den bliver kun vist denne ene gang.
tokens-create-heading = Lav en ny nøgle
tokens-create = Lav nøgle
field-token-name = Hvad skal nøglen bruges til?
field-token-name-hint = For eksempel "Rapporter i regneark".
tokens-list-heading = Dine nøgler
tokens-none = Du har ingen nøgler endnu.
tokens-created-at = Lavet
tokens-last-used = Sidst brugt
tokens-never = Aldrig
tokens-revoked = Slået fra
tokens-revoke = Slå fra

audit-heading = Adgangslog
audit-lead = Her kan du se, hvornår medarbejdere i din organisation har set personoplysninger.
audit-none = Der er ingen opslag endnu.
audit-when = Hvornår
audit-who = Medarbejder
audit-purpose = Formål
audit-whose = Hvis oplysninger
purpose-staff-list = Så listen over medarbejdere
purpose-staff-edit = Åbnede en medarbejder for at rette
purpose-outbox-list = Så udgående post
subject-organisation = Organisation
subject-staff = Medarbejder

outbox-heading = Udgående post
outbox-lead = E-mails fra din organisation og om de er sendt.
outbox-none = Der er ingen e-mails endnu.
outbox-created = Oprettet
outbox-to = Til
outbox-subject = Emne
outbox-attempts = Forsøg
outbox-state-pending = Venter
outbox-state-sent = Sendt
outbox-state-failed = Kunne ikke sendes

notice-staff-created = Medarbejderen er oprettet.
notice-staff-saved = Ændringerne er gemt.
notice-org-created = Organisationen er oprettet.
notice-token-revoked = Nøglen er slået fra.
notice-logged-out = Du er logget ud.

problem-required = Feltet skal udfyldes.
problem-too-long = Teksten er for lang. Gør den kortere.
problem-control-characters = Teksten indeholder tegn, der ikke kan bruges. Skriv den igen.
problem-invalid-email = Skriv en e-mail som navn@eksempel.dk.
problem-invalid-phone = Skriv et dansk telefonnummer med 8 cifre eller et udenlandsk nummer, der starter med +.
problem-password-too-short = Adgangskoden skal være på mindst 12 tegn.
problem-email-taken = Der findes allerede en medarbejder med den e-mail.
problem-name-taken = Navnet er allerede brugt. Vælg et andet.
problem-invalid-choice = Vælg en af mulighederne.

error-not-found-title = Siden findes ikke
error-not-found-text = Vi kan ikke finde den side, du leder efter. Måske er den flyttet, eller adressen er skrevet forkert.
error-forbidden-title = Du har ikke adgang
error-forbidden-text = Du har ikke adgang til det, du prøvede. Kom du fra en formular, så gå tilbage, hent siden igen, og prøv igen.
error-too-large-title = Det, du sendte, er for stort
error-too-large-text = Gør teksten eller filen mindre, og prøv igen.
error-too-many-title = For mange forsøg
error-too-many-text = Vent lidt, og prøv igen.
error-bad-request-title = Noget gik galt
error-bad-request-text = Vi kunne ikke forstå det, du sendte. Gå tilbage, og prøv igen.
error-internal-title = Der skete en fejl hos os
error-internal-text = Det er ikke din skyld. Prøv igen om lidt. Hjælper det ikke, så ring til os.

api-unauthorized = Log ind med en gyldig API-nøgle.
api-forbidden = Du har ikke adgang til det.
api-not-found = Findes ikke.
api-invalid = Der er fejl i de sendte felter.
api-too-many-requests = For mange forsøg. Vent, og prøv igen.
api-internal = Der skete en fejl hos os.
api-unsupported-media-type = Send data som JSON med Content-Type: application/json.
api-invalid-json = JSON-dokumentet har ikke de rigtige felter.
api-malformed-json = JSON-dokumentet kan ikke læses.
api-too-large = Det sendte er for stort.
error-conflict-title = Det kan ikke lade sig gøre lige nu
error-conflict-text = Det, du prøvede, passer ikke med, hvordan tingene står nu. Gå tilbage, hent siden igen, og prøv igen.
error-gone-title = Det er allerede sket
error-gone-text = Linket er allerede brugt eller er ikke længere gyldigt.
problem-contact-required = Skriv din e-mail eller dit telefonnummer, eller sæt kryds i, at du ikke har nogen af delene.
api-gone = Findes ikke længere, eller linket er allerede brugt.
api-registration-not-open = Der er ikke åbent for tilmelding.
api-already-registered = Personen er allerede tilmeldt.
api-full = Der er ikke flere pladser.
