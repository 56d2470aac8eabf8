# Passwords, login limits and API-key lifetimes.

login-busy = Der er mange, der logger ind lige nu. Vent et øjeblik, og prøv igen.
nav-account = Din konto

account-heading = Din konto
account-password-heading = Skift adgangskode
account-password-lead = Skriv din nuværende adgangskode og den nye to gange. Når du har skiftet, bliver du logget ud alle andre steder.
field-current-password = Nuværende adgangskode
field-new-password = Ny adgangskode
field-new-password-hint = Mindst 12 tegn. Brug gerne nogle ord, du kan huske.
field-new-password-repeat = Gentag den nye adgangskode
account-password-submit = Skift adgangskode
account-tokens-heading = API-nøgler og kalender
account-tokens-text = Nøgler til andre programmer og et link til din egen kalender.
account-tokens-link = Gå til API-nøgler og kalender

notice-password-changed = Din adgangskode er skiftet. Du er logget ud alle andre steder.
notice-password-set = Din adgangskode er gemt. Log ind med den nye adgangskode.
notice-password-link-sent = Der er sendt en e-mail med et link til at vælge adgangskode.

problem-wrong-password = Adgangskoden er forkert. Skriv den adgangskode, du bruger nu.
problem-password-mismatch = De to adgangskoder er ikke ens. Skriv den samme begge steder.
problem-invalid-lifetime = Vælg en levetid på 1 til 365 dage.

set-password-heading = Vælg adgangskode
set-password-lead = Vælg en ny adgangskode til Samvirke, { $name }.
set-password-submit = Gem adgangskode
set-password-gone-heading = Linket virker ikke længere
set-password-gone-text = Linket er allerede brugt, eller der er gået mere end 24 timer. Bed din koordinator om at sende et nyt.

password-link-heading = Adgangskode
password-link-text = Send medarbejderen en e-mail med et link, så de selv kan vælge en ny adgangskode. Linket virker én gang i 24 timer. Den nuværende adgangskode virker, indtil den nye er valgt.
password-link-send = Send link til at vælge adgangskode
password-link-mail-subject = Vælg din adgangskode til Samvirke
password-link-mail-body =
    Hej { $name }

    Du kan nu vælge en ny adgangskode til Samvirke hos { $org }.
    Brug linket herunder. Det virker én gang og i { $hours } timer:

    { $url }

    Har du ikke ventet denne e-mail, så kan du se bort fra den. Din nuværende adgangskode virker, indtil du vælger en ny.

    Venlig hilsen
    Samvirke

field-token-lifetime = Hvor længe skal nøglen virke?
field-token-lifetime-hint = Når tiden er gået, holder nøglen op med at virke, og du kan lave en ny.
tokens-lifetime-days = { $days } dage
tokens-expires = Udløber
tokens-expired = Udløbet
tokens-expires-on = Nøglen udløber { $date }.
