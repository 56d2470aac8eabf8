//! Splitting text into records as spreadsheets write CSV: a separator,
//! fields in double quotes (with `""` for a quote and line breaks inside),
//! and `\n`, `\r\n` or `\r` between lines.

/// One record and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
    /// A quoted field ran to the end of the file.
    pub unclosed: bool,
}

impl Record {
    pub fn is_empty(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

pub fn records(text: &str, sep: char) -> Vec<Record> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut rec = Record {
        line,
        fields: Vec::new(),
        unclosed: false,
    };
    let mut field = String::new();
    let mut at_field_start = true;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => {
                    if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                rec.fields.push(std::mem::take(&mut field));
                out.push(rec);
                line += 1;
                rec = Record {
                    line,
                    fields: Vec::new(),
                    unclosed: false,
                };
                at_field_start = true;
            }
            _ if c == sep => {
                rec.fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted || !field.is_empty() || !rec.fields.is_empty() {
        rec.unclosed = quoted;
        rec.fields.push(field);
        out.push(rec);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(r: &Record) -> Vec<&str> {
        r.fields.iter().map(String::as_str).collect()
    }

    #[test]
    fn quotes_and_line_numbers() {
        let text = "a;b\r\n\"x;1\";\"say \"\"hi\"\"\"\n\n\"two\nlines\";c\rlast;\"open";
        let r = records(text, ';');
        assert_eq!(r.len(), 5);
        assert_eq!((r[0].line, fields(&r[0])), (1, vec!["a", "b"]));
        assert_eq!((r[1].line, fields(&r[1])), (2, vec!["x;1", "say \"hi\""]));
        assert!(r[2].is_empty());
        assert_eq!((r[3].line, fields(&r[3])), (4, vec!["two\nlines", "c"]));
        assert_eq!(r[4].line, 6);
        assert!(r[4].unclosed);
        assert_eq!(
            records("a;b\n", ';').len(),
            1,
            "no record after the last line end"
        );
    }
}
