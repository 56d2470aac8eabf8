# Besøgsdagen: klassearket, køreplanen og opfølgningen, når eleverne fylder 15.

sheet-link = Klasseark
sheet-heading = Klasseark
sheet-intro = Sæt flueben for hver elev, og gem nederst. Siden virker også på en tablet og med tastaturet alene.
sheet-mitid-note = MitID-feltet kan kun ændres for elever, der er fyldt 13 år.
sheet-years = år
sheet-attended = Mødt
sheet-asked = Stillede spørgsmål
sheet-mitid-created = MitID oprettet
sheet-mitid-too-young = Eleven er under 13 år og kan ikke få MitID endnu.
sheet-parent-email = Forælderens e-mail
sheet-parent-email-hint = Kun hvis forælderen vil have besked, før eleven fylder 15. Vi skriver aldrig til eleven selv.
sheet-consent = Forælderen har givet samtykke
sheet-save = Gem klassearket
notice-sheet-saved = Klassearket er gemt.
problem-consent-required = Sæt flueben i, at forælderen har givet samtykke, eller slet e-mailen.
problem-mitid-too-young = Eleven er under 13 år. Vælg Ukendt, for MitID kan først fås fra 13 år.
runsheet-link = Køreplan
runsheet-heading = Køreplan
runsheet-print-hint = Udskriv siden fra browseren. Menuen og knapperne kommer ikke med.
runsheet-when = Hvornår
runsheet-where = Hvor
runsheet-staff = Medarbejdere
runsheet-unknown = Ikke oplyst
runsheet-unstaffed = Ingen er sat på endnu
runsheet-agenda = Program
runsheet-groups = De tre grupper til sidst
runsheet-group-empty = Ingen elever i denne gruppe.
runsheet-no-mitid = Grupperne følger af elevernes alder og MitID. Selve MitID-oplysningen ser kun Borgercentret.
runsheet-group-mitid-now = MitID med Borgercentret
runsheet-group-security-practice = Sikkerhedsspørgsmål og øvelser med biblioteket
runsheet-group-turning-15 = Når du fylder 15 — med Borgercentret
followup-link = Fylder 15 snart
followup-heading = Fylder 15 snart
followup-intro = { $weeks ->
    [one] Elever i kommunen, der fylder 15 år inden for den næste uge.
   *[other] Elever i kommunen, der fylder 15 år inden for de næste { $weeks } uger.
}
followup-parents-note = Vi skriver kun til en forælder, som har givet sin e-mail og sit samtykke på besøgsdagen, en uge før fødselsdagen. Vi skriver aldrig til eleven selv.
followup-none = Ingen elever fylder 15 år i den periode.
followup-birthday = Fylder 15
followup-todo = På dagen
followup-todo-digital-post = Digital Post åbner. Eleven har MitID.
followup-todo-digital-post-and-mitid = Digital Post åbner. Eleven har ikke MitID: tilbyd at oprette det.
followup-mitid-created = MitID oprettet på besøgsdagen
followup-parent = Besked til forælder
followup-parent-none = Ingen: forælderen har ikke givet samtykke.
followup-parent-planned = Sendes { $day }.
followup-parent-sent = Sendt.
