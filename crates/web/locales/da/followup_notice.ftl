# Brevet til en forælder, der på besøgsdagen gav sin e-mail og sit samtykke. Aldrig til eleven selv.

notice-turning-15-subject = { $pupil } fylder 15 år { $birthday }
notice-turning-15-body =
    Kære forælder

    Du gav os din e-mail, da vi besøgte klassen med Digital dåb og dannelse. Nu fylder { $pupil } 15 år { $birthday }.

    Det sker på dagen:
    - { $pupil } får Digital Post fra det offentlige. Brevene fra kommunen, skolen og andre myndigheder går derefter til { $pupil } selv og ikke længere til jer.
    - Har { $pupil } ikke MitID endnu, er det en god tid at få det. MitID er personlig: man viser selv billed-id, fx pas eller kørekort.

    Har I spørgsmål, så kontakt { $citizen }.

    Venlig hilsen
    { $citizen }
