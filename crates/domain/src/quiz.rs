//! The "7 rigtige" quiz: what a question must hold, the states of a run,
//! join codes, nicknames, paper sheets and the score distribution.

use crate::validate::{FieldErrors, FieldProblem, optional_line, optional_text, required_line};

/// Where a run of a quiz is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunStatus {
    /// Players join; no question yet.
    Waiting,
    /// One question is current; answers to it count.
    Question,
    /// After the last question: the scores stand.
    Finished,
}

impl RunStatus {
    pub const ALL: [RunStatus; 3] = [RunStatus::Waiting, RunStatus::Question, RunStatus::Finished];

    pub const fn as_str(self) -> &'static str {
        match self {
            RunStatus::Waiting => "waiting",
            RunStatus::Question => "question",
            RunStatus::Finished => "finished",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Where `advance` moves a run at `position` (0 while waiting) of `count` questions.
pub fn advance(status: RunStatus, position: i32, count: i32) -> Option<(RunStatus, i32)> {
    match status {
        RunStatus::Finished => None,
        _ if position >= count => Some((RunStatus::Finished, position)),
        _ => Some((RunStatus::Question, position + 1)),
    }
}

pub const OPTIONS_MIN: usize = 2;
pub const OPTIONS_MAX: usize = 4;
pub const QUESTION_MAX: usize = 500;
pub const EXPLANATION_MAX: usize = 1000;
pub const OPTION_MAX: usize = 200;
/// The most questions one quiz holds.
pub const QUESTIONS_MAX: usize = 30;
pub const NICKNAME_MAX: usize = 30;
/// Letters of the options, in order: A to D.
pub const LETTERS: [char; OPTIONS_MAX] = ['A', 'B', 'C', 'D'];

/// A question as typed by a coordinator, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionInput {
    pub text_da: String,
    pub text_en: String,
    pub explanation_da: String,
    pub explanation_en: String,
    /// Up to four options (Danish, English); empty ones are left out.
    pub options: Vec<(String, String)>,
    /// The index in `options` of the correct one.
    pub correct: Option<usize>,
}

/// A checked question: 2–4 options, exactly one correct, Danish texts present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub text_da: String,
    pub text_en: Option<String>,
    pub explanation_da: String,
    pub explanation_en: Option<String>,
    /// (Danish, English, correct).
    pub options: Vec<(String, Option<String>, bool)>,
}

/// The field names in problems: `text_da`, `option_1_da`, `correct`, …
pub fn option_field(i: usize, lang: &str) -> &'static str {
    const DA: [&str; OPTIONS_MAX] = ["option_1_da", "option_2_da", "option_3_da", "option_4_da"];
    const EN: [&str; OPTIONS_MAX] = ["option_1_en", "option_2_en", "option_3_en", "option_4_en"];
    if lang == "en" { EN[i] } else { DA[i] }
}

impl QuestionInput {
    pub fn check(&self) -> Result<Question, FieldErrors> {
        let mut e = FieldErrors::default();
        let text_da = e.check("text_da", required_line(&self.text_da, QUESTION_MAX));
        let text_en = e.check("text_en", optional_line(&self.text_en, QUESTION_MAX));
        let explanation_da = e.check(
            "explanation_da",
            optional_text(&self.explanation_da, EXPLANATION_MAX)
                .and_then(|v| v.ok_or(FieldProblem::Required)),
        );
        let explanation_en = e.check(
            "explanation_en",
            optional_text(&self.explanation_en, EXPLANATION_MAX),
        );
        if self.options.len() > OPTIONS_MAX {
            e.add("options", FieldProblem::TooMany);
        }
        let mut options = Vec::new();
        let mut correct_kept = false;
        for (i, (da, en)) in self.options.iter().take(OPTIONS_MAX).enumerate() {
            let da = e.check(option_field(i, "da"), optional_line(da, OPTION_MAX));
            let en = e.check(option_field(i, "en"), optional_line(en, OPTION_MAX));
            if let (Some(Some(da)), Some(en)) = (da, en) {
                let correct = self.correct == Some(i);
                correct_kept |= correct;
                options.push((da, en, correct));
            } else if self.correct == Some(i) {
                e.add(option_field(i, "da"), FieldProblem::Required);
            }
        }
        if options.len() < OPTIONS_MIN && e.get(option_field(0, "da")).is_none() {
            let field = if self.options.first().is_some_and(|o| !o.0.trim().is_empty()) {
                option_field(1, "da")
            } else {
                option_field(0, "da")
            };
            e.add(field, FieldProblem::Required);
        }
        if !correct_kept && e.get("correct").is_none() && self.correct.is_none() {
            e.add("correct", FieldProblem::Required);
        }
        match (text_da, text_en, explanation_da, explanation_en) {
            (Some(text_da), Some(text_en), Some(explanation_da), Some(explanation_en))
                if e.is_empty() =>
            {
                Ok(Question {
                    text_da,
                    text_en,
                    explanation_da,
                    explanation_en,
                    options,
                })
            }
            _ => Err(e),
        }
    }
}

/// A nickname: optional, one line, at most 30 characters.
pub fn nickname(input: &str) -> Result<Option<String>, FieldProblem> {
    optional_line(input, NICKNAME_MAX)
}

/// Join codes are six digits: easy to type on a phone's number pad.
pub const JOIN_CODE_LEN: usize = 6;

/// True when `code` has the shape of a join code (it may still not exist).
pub fn is_join_code(code: &str) -> bool {
    code.len() == JOIN_CODE_LEN && code.bytes().all(|b| b.is_ascii_digit())
}

/// A join code from a random number: its last six decimal digits.
pub fn join_code_from(random: u32) -> String {
    format!("{:06}", random % 1_000_000)
}

/// What a code as typed becomes: spaces and dashes dropped ("123 456").
pub fn normalise_join_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .take(JOIN_CODE_LEN + 1)
        .collect()
}

/// One cell of a typed paper sheet: a letter A–D, or empty (not answered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetCell {
    Blank,
    /// The index of the option (A = 0).
    Option(usize),
}

/// A typed cell for a question of `options` options: `a`, `B`, `` or ` `.
pub fn sheet_cell(input: &str, options: usize) -> Result<SheetCell, FieldProblem> {
    let v = input.trim();
    if v.is_empty() || v == "-" {
        return Ok(SheetCell::Blank);
    }
    let mut chars = v.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Err(FieldProblem::InvalidChoice);
    };
    LETTERS
        .iter()
        .take(options)
        .position(|l| l.eq_ignore_ascii_case(&c))
        .map(SheetCell::Option)
        .ok_or(FieldProblem::InvalidChoice)
}

/// The count of players with each score from 0 to `questions`.
pub fn score_distribution(scores: &[u32], questions: u32) -> Vec<u64> {
    let mut counts = vec![0u64; questions as usize + 1];
    for &s in scores {
        counts[s.min(questions) as usize] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> QuestionInput {
        QuestionInput {
            text_da: "Hvornår får man MitID?".into(),
            explanation_da: "Fra 13 år.".into(),
            options: vec![
                ("Fra 13 år".into(), "".into()),
                ("Fra 18 år".into(), "".into()),
            ],
            correct: Some(0),
            ..Default::default()
        }
    }

    #[test]
    fn a_question_needs_two_options_and_one_correct() {
        let q = input().check().unwrap();
        assert_eq!(q.options.iter().filter(|o| o.2).count(), 1);
        let mut one = input();
        one.options.truncate(1);
        assert_eq!(
            one.check().unwrap_err().get("option_2_da"),
            Some(FieldProblem::Required)
        );
        let mut none = input();
        none.correct = None;
        assert_eq!(
            none.check().unwrap_err().get("correct"),
            Some(FieldProblem::Required)
        );
        let mut blank_correct = input();
        blank_correct.options.push(("".into(), "".into()));
        blank_correct.correct = Some(2);
        assert!(blank_correct.check().is_err());
        let mut five = input();
        five.options = vec![("x".into(), "".into()); 5];
        assert_eq!(
            five.check().unwrap_err().get("options"),
            Some(FieldProblem::TooMany)
        );
        let mut no_text = input();
        no_text.text_da = " ".into();
        assert_eq!(
            no_text.check().unwrap_err().get("text_da"),
            Some(FieldProblem::Required)
        );
    }

    #[test]
    fn advance_walks_the_questions_then_finishes() {
        assert_eq!(
            advance(RunStatus::Waiting, 0, 7),
            Some((RunStatus::Question, 1))
        );
        assert_eq!(
            advance(RunStatus::Question, 6, 7),
            Some((RunStatus::Question, 7))
        );
        assert_eq!(
            advance(RunStatus::Question, 7, 7),
            Some((RunStatus::Finished, 7))
        );
        assert_eq!(advance(RunStatus::Finished, 7, 7), None);
        assert_eq!(
            advance(RunStatus::Waiting, 0, 0),
            Some((RunStatus::Finished, 0))
        );
    }

    #[test]
    fn join_codes_and_cells() {
        assert_eq!(join_code_from(42), "000042");
        assert!(is_join_code("012345"));
        assert!(!is_join_code("12345") && !is_join_code("12345a"));
        assert_eq!(normalise_join_code(" 123 456 "), "123456");
        assert_eq!(sheet_cell("b", 4), Ok(SheetCell::Option(1)));
        assert_eq!(sheet_cell("", 4), Ok(SheetCell::Blank));
        assert_eq!(sheet_cell("D", 3), Err(FieldProblem::InvalidChoice));
        assert_eq!(sheet_cell("AB", 4), Err(FieldProblem::InvalidChoice));
        assert_eq!(nickname(&"x".repeat(31)), Err(FieldProblem::TooLong));
    }

    #[test]
    fn the_distribution_has_a_count_for_every_score() {
        assert_eq!(
            score_distribution(&[0, 7, 7, 3], 7),
            vec![1, 0, 0, 1, 0, 0, 0, 2]
        );
        assert_eq!(score_distribution(&[], 2), vec![0, 0, 0]);
    }

    #[test]
    fn statuses_round_trip() {
        for s in RunStatus::ALL {
            assert_eq!(RunStatus::parse(s.as_str()), Some(s));
        }
    }
}
