//! The demo's quiz: "Digital borger i Dragør", seven questions for the end
//! of "010101 Dit digitale liv", written for today's digital Denmark.

use crate::Core;
use crate::error::Result;
use samvirke_domain::quiz::QuestionInput;
use samvirke_store::{Scope, quiz as q, sessions};

pub const QUIZ_TITLE: &str = "Digital borger i Dragør";

/// (question, explanation, options with the correct one first in the tuple's
/// index), each in Danish and English.
struct DemoQuestion {
    text: (&'static str, &'static str),
    explanation: (&'static str, &'static str),
    options: &'static [(&'static str, &'static str)],
    correct: usize,
}

const QUESTIONS: &[DemoQuestion] = &[
    DemoQuestion {
        text: (
            "Din telefon viser en MitID-anmodning, som du ikke selv har sat i gang. Hvad gør du?",
            "Your phone shows a MitID request that you did not start yourself. What do you do?",
        ),
        explanation: (
            "Godkend aldrig en anmodning, du ikke selv har startet. Det kan være en svindler, der prøver at logge ind som dig. Afvis den, og ring til MitID-support, hvis du er i tvivl.",
            "Never approve a request you did not start yourself. It may be a fraudster trying to log in as you. Reject it, and call MitID support if in doubt.",
        ),
        options: &[
            (
                "Jeg godkender den, så den forsvinder",
                "I approve it so it goes away",
            ),
            (
                "Jeg afviser den og godkender den ikke",
                "I reject it and do not approve it",
            ),
            (
                "Jeg ringer til det nummer, der står i beskeden",
                "I call the number in the message",
            ),
        ],
        correct: 1,
    },
    DemoQuestion {
        text: (
            "Fra hvilken alder kan man få sit eget MitID?",
            "From what age can you get your own MitID?",
        ),
        explanation: (
            "Du kan få MitID fra du er 13 år. Borgercentret hjælper med at oprette det.",
            "You can get MitID from the age of 13. Borgercentret helps you set it up.",
        ),
        options: &[
            ("7 år", "7 years"),
            ("13 år", "13 years"),
            ("18 år", "18 years"),
            ("21 år", "21 years"),
        ],
        correct: 1,
    },
    DemoQuestion {
        text: (
            "Fra du fylder 15 år, får du automatisk Digital Post fra det offentlige. Hvor læser du den?",
            "From the age of 15 you automatically get Digital Post from the public sector. Where do you read it?",
        ),
        explanation: (
            "Du læser Digital Post i appen Digital Post eller på borger.dk. Du kan få besked på sms eller e-mail, når der er ny post, men selve brevet læser du der.",
            "You read Digital Post in the Digital Post app or on borger.dk. You can get a text or an e-mail when there is new post, but you read the letter itself there.",
        ),
        options: &[
            (
                "I appen Digital Post eller på borger.dk",
                "In the Digital Post app or on borger.dk",
            ),
            ("I min almindelige e-mail", "In my ordinary e-mail"),
            (
                "Den kommer med posten som et brev",
                "It comes by post as a letter",
            ),
        ],
        correct: 0,
    },
    DemoQuestion {
        text: (
            "Du får en sms: \"Din pakke venter. Betal 12 kr. i gebyr her\" og et link. Hvad gør du?",
            "You get a text: \"Your parcel is waiting. Pay a 12 kr. fee here\" and a link. What do you do?",
        ),
        explanation: (
            "Det er svindel (phishing). Klik ikke på links i uventede sms'er og e-mails, og skriv aldrig dit kort eller MitID ind fra sådan et link. Slet beskeden.",
            "It is a scam (phishing). Do not click links in unexpected texts and e-mails, and never enter your card or MitID from such a link. Delete the message.",
        ),
        options: &[
            ("Jeg betaler, det er kun 12 kr.", "I pay, it is only 12 kr."),
            (
                "Jeg svarer og spørger, hvem de er",
                "I reply and ask who they are",
            ),
            (
                "Jeg sletter den uden at klikke på linket",
                "I delete it without clicking the link",
            ),
        ],
        correct: 2,
    },
    DemoQuestion {
        text: (
            "Du vil se din årsopgørelse og rette din forskudsopgørelse. Hvor gør du det?",
            "You want to see your annual tax statement and change your preliminary income assessment. Where do you do that?",
        ),
        explanation: (
            "Skat har sin egen side: skat.dk, hvor du logger ind med MitID. På borger.dk finder du det meste andet selvbetjening, fx flytning, pension og sundhedskort. Skriv selv adressen i stedet for at klikke på links i e-mails.",
            "The tax agency has its own site, skat.dk, where you log in with MitID. On borger.dk you find most other self-service, such as moving, pension and health card. Type the address yourself rather than clicking links in e-mails.",
        ),
        options: &[
            ("På borger.dk", "On borger.dk"),
            ("På skat.dk", "On skat.dk"),
            (
                "Via et link i en e-mail fra Skat",
                "Through a link in an e-mail from the tax agency",
            ),
        ],
        correct: 1,
    },
    DemoQuestion {
        text: (
            "Hvad skal du bruge for at se film på Filmstriben og låne e-bøger på eReolen?",
            "What do you need to watch films on Filmstriben and borrow e-books on eReolen?",
        ),
        explanation: (
            "Filmstriben og eReolen er gratis med dit login til biblioteket. Spørg på Dragør Bibliotek, hvis du ikke har et login.",
            "Filmstriben and eReolen are free with your library login. Ask at Dragør Bibliotek if you have no login.",
        ),
        options: &[
            ("Et betalingskort", "A payment card"),
            ("Mit login til biblioteket", "My library login"),
            (
                "Et abonnement på en streamingtjeneste",
                "A subscription to a streaming service",
            ),
        ],
        correct: 1,
    },
    DemoQuestion {
        text: (
            "Hvor kan du få hjælp til det digitale i Dragør?",
            "Where can you get help with digital things in Dragør?",
        ),
        explanation: (
            "Dragør Bibliotek hjælper fx med apps, e-bøger og digital sikkerhed, og Borgercentret hjælper med MitID, Digital Post og borger.dk. Du er velkommen begge steder.",
            "Dragør Bibliotek helps with apps, e-books and digital security, for instance, and Borgercentret helps with MitID, Digital Post and borger.dk. You are welcome at both.",
        ),
        options: &[
            (
                "På biblioteket og i Borgercentret",
                "At the library and at Borgercentret",
            ),
            ("Kun hos min bank", "Only at my bank"),
            (
                "Ingen steder, jeg må klare det selv",
                "Nowhere, I must manage on my own",
            ),
        ],
        correct: 0,
    },
];

/// Seeds the quiz on the seniors' programme unless it has one.
pub(super) async fn seed(core: &Core, scope: Scope, programme_title: &str) -> Result<()> {
    let Some(p) = sessions::programme_by_title(&core.db.read, scope, programme_title).await? else {
        return Ok(());
    };
    if !q::quizzes_of_programme(&core.db.read, scope, p.id)
        .await?
        .is_empty()
    {
        return Ok(());
    }
    let txn = core.db.begin_write().await?;
    let quiz_id = q::create_quiz(&txn, scope, p.id, QUIZ_TITLE, core.now()).await?;
    for d in QUESTIONS {
        let input = QuestionInput {
            text_da: d.text.0.into(),
            text_en: d.text.1.into(),
            explanation_da: d.explanation.0.into(),
            explanation_en: d.explanation.1.into(),
            options: d
                .options
                .iter()
                .map(|(da, en)| ((*da).into(), (*en).into()))
                .collect(),
            correct: Some(d.correct),
        };
        let question = input
            .check()
            .map_err(|_| crate::ServiceError::Internal("a demo question is invalid".into()))?;
        q::add_question(&txn, scope, quiz_id, &question).await?;
    }
    txn.commit().await?;
    Ok(())
}
