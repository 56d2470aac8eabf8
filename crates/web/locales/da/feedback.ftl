# Feedback after a session.
feedback-score-1 = 1 – Meget dårligt
feedback-score-2 = 2 – Dårligt
feedback-score-3 = 3 – Middel
feedback-score-4 = 4 – Godt
feedback-score-5 = 5 – Rigtig godt

# The thank-you e-mail the day after a session.
notice-feedback-subject = Tak fordi du kom: { $title }
notice-feedback-body =
    Hej { $name }

    Tak fordi du kom til { $title } { $date }.

    Vil du fortælle os, hvordan det var? Det tager et halvt minut:
    { $link }

    Linket virker én gang. Dit svar gemmes uden dit navn.

feedback-heading = Hvordan var det?
feedback-question = Hvordan var arrangementet?
feedback-score-required = Vælg, hvordan det var, fra 1 til 5.
feedback-text = Vil du fortælle mere? (valgfri)
feedback-text-hint = Højst { $max } tegn. Skriv ikke navne på andre.
feedback-send = Send
feedback-thanks-heading = Tak for din tilbagemelding
feedback-thanks = Vi bruger den til at gøre vores arrangementer bedre.
feedback-already-heading = Vi har allerede fået din tilbagemelding
feedback-already = Tak, vi har allerede fået din tilbagemelding fra dette link.
feedback-see-events = Se vores kommende arrangementer
feedback-results-heading = Tilbagemeldinger
feedback-answers = Antal svar
feedback-distribution = Svar pr. bedømmelse
feedback-texts = Det skrev deltagerne
feedback-no-texts = Ingen har skrevet noget endnu.
feedback-print-sheet = Udskriv QR-ark til lokalet
feedback-sheet-heading = QR-ark til tilbagemeldinger
feedback-sheet-title = Hvordan var det?
feedback-sheet-scan = Scan koden med din telefon og giv os en karakter fra 1 til 5.
feedback-qr-alt = QR-kode til formularen om, hvordan arrangementet var
feedback-sheet-or = Eller skriv adressen:
feedback-sheet-anonymous = Du skal ikke skrive dit navn. Formularen er åben fra arrangementets start og en uge frem.
feedback-sheet-print = Udskriv siden på A4 og hæng den op i lokalet.
