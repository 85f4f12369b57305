//! Export files as text: UTF-8 with or without a byte order mark, or UTF-16 LE/BE
//! with one (what Windows PowerShell 5.1's `Out-File`, `>` and `-Encoding Unicode`
//! write). CRLF line ends are left to the parsers, which accept them.

/// Why bytes are not text of an encoding phsrule reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingError {
    /// `UTF-8` or `UTF-16 LE` / `UTF-16 BE`.
    pub encoding: &'static str,
    /// Byte offset of the first byte that is not valid in it.
    pub offset: usize,
}

/// The text of a file, its byte order mark dropped.
pub fn decode(bytes: &[u8]) -> Result<String, EncodingError> {
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, u16::from_le_bytes, "UTF-16 LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, u16::from_be_bytes, "UTF-16 BE");
    }
    utf8(bytes, 0)
}

fn utf8(bytes: &[u8], skipped: usize) -> Result<String, EncodingError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| EncodingError {
        encoding: "UTF-8",
        offset: skipped + e.utf8_error().valid_up_to(),
    })
}

fn utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    encoding: &'static str,
) -> Result<String, EncodingError> {
    let pairs = bytes.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        // An odd byte at the end (after the two of the mark).
        return Err(EncodingError {
            encoding,
            offset: bytes.len() + 1,
        });
    }
    // `chunks_exact(2)` yields only pairs.
    let units = pairs
        .filter_map(|pair| <[u8; 2]>::try_from(pair).ok())
        .map(unit);
    let mut out = String::with_capacity(bytes.len() / 2);
    // Counted in 16-bit units: a character past U+FFFF takes two.
    let mut unit_index = 0;
    for c in char::decode_utf16(units) {
        let Ok(c) = c else {
            return Err(EncodingError {
                encoding,
                offset: 2 + 2 * unit_index,
            });
        };
        unit_index += c.len_utf16();
        out.push(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_windows_encoding_with_a_mark_is_read() {
        assert_eq!(decode(b"\xef\xbb\xbfId\r\n").unwrap(), "Id\r\n");
        assert_eq!(decode(b"\xff\xfeI\0d\0").unwrap(), "Id");
        assert_eq!(decode(b"\xfe\xff\0I\0d").unwrap(), "Id");
        assert_eq!(decode(b"Id").unwrap(), "Id");
    }

    #[test]
    fn broken_text_names_the_encoding_and_offset() {
        assert_eq!(
            decode(b"Id\xff"),
            Err(EncodingError {
                encoding: "UTF-8",
                offset: 2
            })
        );
        assert_eq!(decode(b"\xff\xfeI\0d").unwrap_err().encoding, "UTF-16 LE");
        assert_eq!(
            decode(b"\xff\xfe\x00\xd8").unwrap_err().encoding,
            "UTF-16 LE"
        );
    }

    #[test]
    fn a_utf16_offset_counts_both_units_of_a_character_past_u_ffff() {
        // The mark, `😀` (two units), `I`, then a lone high surrogate at byte 8.
        let bytes = b"\xff\xfe\x3d\xd8\x00\xdeI\0\x00\xd8";
        assert_eq!(
            decode(bytes),
            Err(EncodingError {
                encoding: "UTF-16 LE",
                offset: 8
            })
        );
    }
}
