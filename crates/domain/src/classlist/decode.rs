//! Text from the bytes schools and Excel write: UTF-8 (with or without a
//! BOM), UTF-16 with a BOM ("Unicode text"), else Windows-1252.

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// Windows-1252's 0x80–0x9F; `None` for the five bytes it leaves undefined.
/// The other bytes are Latin-1 (the same code point).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201C}'),
    Some('\u{201D}'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

fn windows_1252(bytes: &[u8]) -> Option<String> {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => Some(char::from(b)),
        })
        .collect()
}

fn utf16(bytes: &[u8], little_endian: bool) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|p| {
        if little_endian {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// Control characters other than tab and line ends mean binary data.
fn is_text(s: &str) -> bool {
    !s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The text of `bytes` and its encoding, or `None` for binary data.
pub fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    let (text, enc) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (String::from_utf8(rest.to_vec()).ok()?, Encoding::Utf8)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(rest, true)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(rest, false)?, Encoding::Utf16Be)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_owned(), Encoding::Utf8)
    } else {
        (windows_1252(bytes)?, Encoding::Windows1252)
    };
    is_text(&text).then_some((text, enc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoding() {
        let s = "Fødselsdato;Æble Åse €";
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom8), Some((s.into(), Encoding::Utf8)));
        assert_eq!(decode(s.as_bytes()), Some((s.into(), Encoding::Utf8)));
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le), Some((s.into(), Encoding::Utf16Le)));
        assert_eq!(decode(&be), Some((s.into(), Encoding::Utf16Be)));
        let cp: Vec<u8> = b"F\xF8dselsdato;\xC6ble \xC5se \x80".to_vec();
        assert_eq!(decode(&cp), Some((s.into(), Encoding::Windows1252)));
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"Navn\0;x"), None);
        assert_eq!(
            decode(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]),
            None
        );
        assert_eq!(decode(&[b'a', 0x81, b'b']), None, "undefined in 1252");
        assert_eq!(decode(&[0xFF, 0xFE, 0x41]), None, "odd UTF-16");
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]),
            None,
            "lone surrogate"
        );
        assert_eq!(
            decode(&[0xEF, 0xBB, 0xBF, 0xC3]),
            None,
            "bad UTF-8 after a BOM"
        );
    }
}
