//! The encodings of the text files phsrule reads, as Windows writes them.
//!
//! A file may be UTF-8 with or without a byte order mark, or UTF-16 LE/BE with one
//! (what Windows PowerShell 5.1's `Out-File` and `>` write), with LF or CRLF line
//! ends. [`decode`] turns its bytes into the text every later stage works on: no
//! byte order mark, and `\n` line ends in a CRLF file (a lone `\r`, or a stray
//! CRLF in a file mostly in LF, is kept as text). Spans, lines and columns
//! are counted in that text, so a report on a UTF-16 CRLF file is the report on
//! the same file saved as UTF-8 with LF. The file's [`Layout`] is returned too, so
//! that a command that rewrites a file (`phsrule fmt`) writes it back the same way
//! ([`encode`]).
//!
//! Anything else (UTF-32, UTF-16 without a mark, a Windows code page such as 1252,
//! which `Set-Content` writes) is refused with an [`EncodingError`] that says where
//! the first byte that does not fit is and what the file probably is.

use std::fmt;

use crate::source::line_col;

/// How the bytes of a file encode its characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 after the mark `EF BB BF` (`Out-File -Encoding utf8` in PowerShell 5.1).
    Utf8Bom,
    /// UTF-16 little-endian after the mark `FF FE` (`Out-File`, `>`).
    Utf16Le,
    /// UTF-16 big-endian after the mark `FE FF` (`-Encoding BigEndianUnicode`).
    Utf16Be,
}

impl Encoding {
    /// The name a user knows it by.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with a byte order mark",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        }
    }
}

/// How lines end in a file: CRLF when most of its lines end so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    Lf,
    CrLf,
}

/// Everything about a file's bytes that is not its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub encoding: Encoding,
    pub line_end: LineEnd,
}

/// A file's text and how it was stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub layout: Layout,
}

/// Why a file's bytes are not text phsrule reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodingError {
    /// A byte (or UTF-16 unit) that is not valid in the file's encoding, at a
    /// 1-based line and column of the text before it.
    Invalid {
        encoding: Encoding,
        offset: usize,
        line: usize,
        column: usize,
        /// The offending byte, for UTF-8: a Windows code page is the usual cause.
        byte: Option<u8>,
    },
    /// UTF-16 whose byte count is odd: the last character is cut.
    Truncated { encoding: Encoding },
    /// A UTF-32 byte order mark.
    Utf32,
    /// NUL bytes every other byte and no byte order mark.
    UnmarkedUtf16,
}

impl fmt::Display for EncodingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodingError::Invalid {
                encoding,
                offset,
                line,
                column,
                byte,
            } => {
                let what = match byte {
                    Some(byte) => format!("byte 0x{byte:02X}"),
                    None => "the character".to_string(),
                };
                write!(
                    f,
                    "{what} at line {line}, column {column} (offset {offset}) is not valid {}",
                    encoding.name()
                )
            }
            EncodingError::Truncated { encoding } => write!(
                f,
                "it is {} but ends in the middle of a character",
                encoding.name()
            ),
            EncodingError::Utf32 => write!(f, "it is UTF-32, which phsrule does not read"),
            EncodingError::UnmarkedUtf16 => {
                write!(f, "it looks like UTF-16 without a byte order mark")
            }
        }
    }
}

impl EncodingError {
    /// What the user can do about it; `file` is the file's path as the user
    /// typed it, put into the PowerShell command that converts it.
    pub fn help(&self, file: &str) -> String {
        match self {
            EncodingError::Invalid { byte: Some(_), .. } => {
                // The command on a line of its own, so that it is never wrapped.
                let file = format!("'{}'", file.replace('\'', "''"));
                format!(
                    "the file is probably in a Windows code page (as `Set-Content` in Windows \
                     PowerShell 5.1 writes); save it as UTF-8, e.g. in PowerShell:\n\
                     (Get-Content {file}) | Set-Content -Encoding utf8 {file}"
                )
            }
            _ => "save the file as UTF-8, or as UTF-16 with a byte order mark \
                  (`Out-File -Encoding utf8` or `Out-File -Encoding unicode` in PowerShell)"
                .to_string(),
        }
    }
}

const UTF8_MARK: &[u8] = &[0xef, 0xbb, 0xbf];
const UTF16LE_MARK: &[u8] = &[0xff, 0xfe];
const UTF16BE_MARK: &[u8] = &[0xfe, 0xff];
const UTF32LE_MARK: &[u8] = &[0xff, 0xfe, 0, 0];
const UTF32BE_MARK: &[u8] = &[0, 0, 0xfe, 0xff];

/// The text of a file's bytes, its byte order mark dropped and CRLF made LF.
///
/// # Errors
/// Bytes that are not UTF-8 or marked UTF-16 (see [`EncodingError`]).
pub fn decode(bytes: &[u8]) -> Result<Decoded, EncodingError> {
    if bytes.starts_with(UTF32LE_MARK) || bytes.starts_with(UTF32BE_MARK) {
        return Err(EncodingError::Utf32);
    }
    let (encoding, text) = if let Some(rest) = bytes.strip_prefix(UTF8_MARK) {
        (
            Encoding::Utf8Bom,
            utf8(rest, UTF8_MARK.len(), Encoding::Utf8Bom)?,
        )
    } else if let Some(rest) = bytes.strip_prefix(UTF16LE_MARK) {
        (Encoding::Utf16Le, utf16(rest, Encoding::Utf16Le)?)
    } else if let Some(rest) = bytes.strip_prefix(UTF16BE_MARK) {
        (Encoding::Utf16Be, utf16(rest, Encoding::Utf16Be)?)
    } else if looks_like_unmarked_utf16(bytes) {
        return Err(EncodingError::UnmarkedUtf16);
    } else {
        (Encoding::Utf8, utf8(bytes, 0, Encoding::Utf8)?)
    };
    // Mostly CRLF: a CRLF file (a mixed one is written back all CRLF). A file
    // mostly in LF is left as it is: a stray CRLF (in a `"""` block) is its text.
    let crlf_lines = text.matches("\r\n").count();
    let line_end = if crlf_lines * 2 > text.matches('\n').count() {
        LineEnd::CrLf
    } else {
        LineEnd::Lf
    };
    let text = match line_end {
        LineEnd::CrLf => text.replace("\r\n", "\n"),
        LineEnd::Lf => text,
    };
    Ok(Decoded {
        text,
        layout: Layout { encoding, line_end },
    })
}

/// The bytes of `text` (with `\n` line ends) stored with `layout`.
pub fn encode(text: &str, layout: Layout) -> Vec<u8> {
    let text = match layout.line_end {
        LineEnd::Lf => std::borrow::Cow::Borrowed(text),
        LineEnd::CrLf => std::borrow::Cow::Owned(text.replace('\n', "\r\n")),
    };
    match layout.encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [UTF8_MARK, text.as_bytes()].concat(),
        Encoding::Utf16Le => {
            let units = text.encode_utf16().flat_map(u16::to_le_bytes);
            UTF16LE_MARK.iter().copied().chain(units).collect()
        }
        Encoding::Utf16Be => {
            let units = text.encode_utf16().flat_map(u16::to_be_bytes);
            UTF16BE_MARK.iter().copied().chain(units).collect()
        }
    }
}

fn utf8(bytes: &[u8], skipped: usize, encoding: Encoding) -> Result<String, EncodingError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let valid = e.valid_up_to();
            let (line, column) = line_col(&String::from_utf8_lossy(bytes), valid);
            Err(EncodingError::Invalid {
                encoding,
                offset: skipped + valid,
                line,
                column,
                byte: bytes.get(valid).copied(),
            })
        }
    }
}

fn utf16(bytes: &[u8], encoding: Encoding) -> Result<String, EncodingError> {
    if bytes.len() % 2 != 0 {
        return Err(EncodingError::Truncated { encoding });
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair.first().copied(), pair.get(1).copied()].map(Option::unwrap_or_default);
        match encoding {
            Encoding::Utf16Be => u16::from_be_bytes(pair),
            _ => u16::from_le_bytes(pair),
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut unit_index = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                unit_index += c.len_utf16();
                text.push(c);
            }
            Err(_) => {
                let (line, column) = line_col(&text, text.len());
                return Err(EncodingError::Invalid {
                    encoding,
                    offset: 2 + 2 * unit_index,
                    line,
                    column,
                    byte: None,
                });
            }
        }
    }
    Ok(text)
}

/// Text in UTF-16 without a mark: in its first bytes, every other byte is NUL
/// (ASCII characters), and the others are not.
fn looks_like_unmarked_utf16(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(64) & !1).unwrap_or_default();
    if head.len() < 4 {
        return false;
    }
    let pairs = || head.chunks_exact(2);
    let le = pairs().all(|p| p.get(1) == Some(&0) && p.first() != Some(&0));
    let be = pairs().all(|p| p.first() == Some(&0) && p.get(1) != Some(&0));
    le || be
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(encoding: Encoding, line_end: LineEnd) -> Layout {
        Layout { encoding, line_end }
    }

    #[test]
    fn every_marked_encoding_reads_as_the_same_text() {
        let text = "format: phs-facts/1\nname: Zoë 😀\n";
        for encoding in [
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
        ] {
            for line_end in [LineEnd::Lf, LineEnd::CrLf] {
                let bytes = encode(text, layout(encoding, line_end));
                let decoded = decode(&bytes).unwrap();
                assert_eq!(decoded.text, text, "{encoding:?} {line_end:?}");
                assert_eq!(decoded.layout, layout(encoding, line_end));
                assert_eq!(encode(&decoded.text, decoded.layout), bytes);
            }
        }
    }

    #[test]
    fn marks_and_line_ends_are_the_bytes_windows_writes() {
        let crlf = layout(Encoding::Utf16Le, LineEnd::CrLf);
        assert_eq!(encode("a\n", crlf), b"\xff\xfea\0\r\0\n\0");
        let be = layout(Encoding::Utf16Be, LineEnd::Lf);
        assert_eq!(encode("a", be), b"\xfe\xff\0a");
        let bom = layout(Encoding::Utf8Bom, LineEnd::CrLf);
        assert_eq!(encode("a\n", bom), b"\xef\xbb\xbfa\r\n");
    }

    #[test]
    fn a_lone_carriage_return_is_kept() {
        assert_eq!(decode(b"a\rb\r\nc").unwrap().text, "a\rb\nc");
        // A file mostly in LF keeps its stray CRLF (a `"""` block's text).
        let mostly_lf = decode(b"a\nb\r\nc\n").unwrap();
        assert_eq!(mostly_lf.layout.line_end, LineEnd::Lf);
        assert_eq!(mostly_lf.text, "a\nb\r\nc\n");
        assert_eq!(decode(b"").unwrap().text, "");
        assert_eq!(decode(b"\r\n").unwrap().layout.line_end, LineEnd::CrLf);
    }

    #[test]
    fn a_code_page_byte_is_named_with_its_line_and_column() {
        // "Zoë" as Windows-1252 writes it (`Set-Content` in PowerShell 5.1).
        let err = decode(b"a: 1\r\nname: Zo\xeb\r\n").unwrap_err();
        assert_eq!(
            err,
            EncodingError::Invalid {
                encoding: Encoding::Utf8,
                offset: 14,
                line: 2,
                column: 9,
                byte: Some(0xeb)
            }
        );
        assert_eq!(
            err.to_string(),
            "byte 0xEB at line 2, column 9 (offset 14) is not valid UTF-8"
        );
        assert!(err.help("o'brien.yaml").ends_with(
            "\n(Get-Content 'o''brien.yaml') | Set-Content -Encoding utf8 'o''brien.yaml'"
        ));
    }

    #[test]
    fn broken_utf16_is_refused_with_its_place() {
        assert_eq!(
            decode(b"\xff\xfea\0\n\0b\0\x00\xd8"),
            Err(EncodingError::Invalid {
                encoding: Encoding::Utf16Le,
                offset: 8,
                line: 2,
                column: 2,
                byte: None
            })
        );
        assert_eq!(
            decode(b"\xfe\xff\0a\0"),
            Err(EncodingError::Truncated {
                encoding: Encoding::Utf16Be
            })
        );
    }

    #[test]
    fn utf32_and_unmarked_utf16_are_named() {
        assert_eq!(decode(b"\xff\xfe\0\0a\0\0\0"), Err(EncodingError::Utf32));
        assert_eq!(decode(b"a\0b\0c\0"), Err(EncodingError::UnmarkedUtf16));
        assert_eq!(decode(b"\0a\0b\0c"), Err(EncodingError::UnmarkedUtf16));
        assert_eq!(decode(b"ab\0").unwrap().text, "ab\0");
    }
}
