//! The languages Samvirke speaks: Danish first, English too.

/// A reader's language: of a page, and of the e-mails to a citizen, who
/// gets them in the language they signed up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    Da,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Da, Language::En];

    /// The code stored and sent: `da`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Da => "da",
            Language::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_danish_is_the_default() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Some(l));
        }
        assert_eq!(Language::parse("de"), None);
        assert_eq!(Language::default(), Language::Da);
    }
}
