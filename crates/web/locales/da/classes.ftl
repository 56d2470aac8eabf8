api-unreadable-file = Filen kan ikke læses som en klasseliste. Intet er gemt.
class-file-too-large = Filen er større end 2 MB. En klasseliste fylder langt mindre: tjek, at det er den rigtige fil.
class-file-binary = Filen er ikke en tekstfil. Gem klasselisten som CSV (semikolonsepareret) eller som Unicode-tekst, og prøv igen.
class-file-no-header = Filen har ingen overskriftslinje. Den første linje skal navngive kolonnerne, fx Navn;Fødselsdato.
class-file-no-name-column = Filen har ingen kolonne med elevernes navne. Kald den Navn, eller Fornavn og Efternavn.
class-file-no-birth-date-column = Filen har ingen kolonne med fødselsdato eller CPR-nummer. Kald den Fødselsdato eller CPR.
class-line-field-count = Linjen har ikke det samme antal felter som overskriften.
class-line-unclosed-quote = Et felt med anførselstegn slutter aldrig.
class-line-name-missing = Navnet mangler.
class-line-name-too-long = Navnet er for langt.
class-line-name-invalid = Navnet indeholder tal eller tegn, der ikke hører til et navn.
class-line-birth-date-missing = Fødselsdatoen mangler.
class-line-birth-date-invalid = Fødselsdatoen kan ikke læses. Skriv den som 14.3.2011.
class-line-birth-date-out-of-range = Fødselsdatoen ligger ikke mellem år 2000 og 2100.
class-line-cpr-invalid = CPR-nummeret har ikke 10 cifre.
class-line-cpr-date-invalid = CPR-nummerets første seks cifre er ikke en dato.
class-line-duplicate = Eleven står allerede tidligere i filen.
nav-classes = Klasser
classes-heading = 9.-klasser
classes-school-year = Skoleår
classes-other-years = Andre skoleår
classes-none = Der er ingen klasser i dette skoleår, som du kan se.
classes-school = Skole
classes-class = Klasse
classes-pupils = Elever
classes-visit = Besøg
classes-back = Tilbage til klasserne
class-no-visit = Ikke planlagt endnu
class-no-pupils = Klasselisten er ikke indlæst endnu.
class-ages-on = Alder og grupper regnes på besøgsdagen, { $day }.
class-ages-today = Besøget er ikke planlagt endnu, så alder og grupper regnes i dag, { $day }.
class-birth-date = Fødselsdato
class-age = Alder
class-digital-post = Digital Post
class-group = Gruppe på dagen
digital-post-active = Har Digital Post (15 år)
digital-post-turns-15-this-year = Fylder 15 i skoleåret
digital-post-later = Senere
mitid-unknown = Ukendt
mitid-has = Har MitID
mitid-wants-at-visit = Vil have MitID på dagen
mitid-not-now = Ikke nu
visit-group-mitid-now = MitID med Borgercentret
visit-group-security-practice = Sikkerhed og øvelse med biblioteket
visit-group-turning-15 = Når du fylder 15, med Borgercentret
class-import-link = Indlæs klasseliste
class-import-heading = Indlæs klasseliste
class-back = Tilbage til klassen
class-file = Klasselisten (CSV- eller tekstfil)
class-file-hint = Én elev pr. linje med navn og fødselsdato eller CPR-nummer. Af et CPR-nummer gemmes kun fødselsdatoen. Du ser listen, før noget gemmes.
class-file-missing = Vælg filen med klasselisten.
class-replace = Erstat klassens elever (ellers føjes de til)
class-preview = Vis listen
class-preview-heading = Sådan ser listen ud
class-preview-errors = Linjer med fejl
class-preview-accepted = Elever, der gemmes
class-line = Linje
class-problem = Fejl
class-confirm-add-note = Eleverne føjes til klassens liste.
class-confirm-replace-note = Eleverne erstatter klassens nuværende liste.
class-import-another = Indlæs en anden fil
notice-pupils-saved = Klasselisten er gemt.
class-preview-accepted-count = { $count ->
    [one] 1 elev kan gemmes.
   *[other] { $count } elever kan gemmes.
}
class-preview-error-count = { $count ->
    [0] Ingen linjer har fejl.
    [one] 1 linje har fejl og gemmes ikke.
   *[other] { $count } linjer har fejl og gemmes ikke.
}
class-confirm = { $count ->
    [one] Gem 1 elev
   *[other] Gem { $count } elever
}
letter-link = Forældrebrev
letter-heading = Forældrebrev
letter-other-language = Read the letter in English
letter-print-hint = Udskriv brevet, eller kopiér teksten til Aula nedenfor.
letter-aula = Teksten til Aula
letter-title = Digital dåb og dannelse i { $class }
letter-greeting = Kære forældre i { $class } på { $school }
letter-visit = { $library } og { $citizen } besøger klassen { $when }. Eleverne lærer om deres digitale liv: MitID, Digital Post og at passe på sig selv på nettet.
letter-visit-unplanned = { $library } og { $citizen } besøger klassen i løbet af skoleåret. Skolen giver besked, når datoen er fastlagt. Eleverne lærer om deres digitale liv: MitID, Digital Post og at passe på sig selv på nettet.
letter-fifteen = Når man fylder 15 år, får man automatisk Digital Post fra det offentlige. Fra da af går brevene fra kommunen, skolen og andre myndigheder til den unge selv og ikke længere til forældrene. Cirka tre uger før fødselsdagen skriver staten til både den unge og forældrene.
letter-mitid = Elever, der er fyldt 13 år, kan få MitID på dagen. MitID er personlig: ingen kan få eller bruge den på en andens vegne, og man godkender aldrig noget, man ikke selv har startet.
letter-bring-heading = Det skal eleven have med for at få MitID
letter-bring-default = Gyldigt dansk pas eller kørekort. Har eleven ingen af dem, så to andre papirer, hvoraf mindst ét viser CPR-nummeret, fx dåbs- eller navneattest og sundhedskort.
letter-questions = Har I spørgsmål, så kontakt { $citizen }.
letter-questions-phone = Har I spørgsmål, så kontakt { $citizen } på telefon { $phone }.
letter-regards = Venlig hilsen
guidance-link = Tekst om, hvad eleverne skal have med til MitID
guidance-heading = Hvad skal eleverne have med til MitID?
guidance-intro = Teksten står i forældrebrevet til alle klasser. Hold den opdateret, når reglerne ændrer sig.
guidance-da = Tekst på dansk
guidance-en = Tekst på engelsk
notice-guidance-saved = Teksten er gemt. Den står nu i alle forældrebreve.
