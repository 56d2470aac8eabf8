# Digital dåbsattest: a certificate per pupil after the class visit (issue 9).
certificates-link = Digitale dåbsattester
certificates-heading = Digitale dåbsattester
certificates-back = Tilbage til klassen
certificates-attended = Der er en attest til hver elev, der er markeret som mødt på besøgsdagen.
certificates-in-advance = Ingen elever er markeret som mødt endnu. Derfor er der en attest til alle elever i klassen, så skolen kan udskrive dem på forhånd.
certificates-count = { $count ->
    [one] 1 attest.
   *[other] { $count } attester.
}
certificates-no-pupils = Klassen har ingen elever endnu, så der er ingen attester. Indlæs klasselisten først.
certificates-none-attended = Ingen elever er markeret som mødt, så der er ingen attester.
certificates-download = Hent alle attester som PDF
certificates-download-hint = Én side pr. elev, klar til at udskrive eller sende videre.
certificates-print-hint = Når du udskriver siden, kommer hver attest på sin egen side.
certificates-list-label = Attesterne
certificates-pdf-title = Digitale dåbsattester, { $class }, { $school }
certificates-file-name = digitale-daabsattester
certificate-title = Digital dåbsattest
certificate-given-to = Denne attest gives til
certificate-took-part = for at have deltaget i
certificate-with-class = med { $class } på { $school }.
certificate-learned = Du har lært om MitID, Digital Post og om at passe godt på dig selv og dine oplysninger på nettet.
certificate-date = Dato: { $date }
certificate-date-blank = Dato: ______________
certificate-regards = Med venlig hilsen
certificate-programme = Digital dåb og dannelse
api-no-certificates = Klassen har ingen elever, der skal have en attest: enten er klasselisten ikke indlæst, eller ingen er markeret som mødt.
