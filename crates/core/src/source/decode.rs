//! Bytes to text. Never fails on odd input: invalid UTF-8 is replaced and reported,
//! UTF-16 with a byte-order mark is decoded, and binary content is refused with a reason.
//! Lone CR line endings (old Mac files) read as LF, byte for byte, so every span stays where
//! it was and every reader of the text (codespan counts LF only) agrees on line numbers.

/// Decoded text and what, if anything, the reader should know about the decoding.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Why a file's bytes are not a document.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A NUL byte at this offset: the file is binary.
    #[error("binary file (NUL byte at offset {offset}), skipped")]
    Binary { offset: usize },
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decode a file's bytes. A UTF-8 byte-order mark is dropped so columns count from the first
/// visible character.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let decoded = decode_text(bytes)?;
    Ok(Decoded {
        text: lone_cr_as_lf(decoded.text),
        warning: decoded.warning,
    })
}

/// `\r` not followed by `\n` made `\n`: one ASCII byte for another, offsets unchanged.
fn lone_cr_as_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    let mut next = 0u8;
    for byte in bytes.iter_mut().rev() {
        let original = *byte;
        if original == b'\r' && next != b'\n' {
            *byte = b'\n';
        }
        next = original;
    }
    String::from_utf8(bytes).expect("replacing an ASCII byte keeps UTF-8 valid")
}

fn decode_text(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(decode_utf16(rest, u16::from_le_bytes, "UTF-16LE"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(decode_utf16(rest, u16::from_be_bytes, "UTF-16BE"));
    }
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let bom = bytes.starts_with(UTF8_BOM);
    let bytes = if bom {
        bytes[UTF8_BOM.len()..].to_vec()
    } else {
        bytes
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            warning: None,
        }),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to() + if bom { UTF8_BOM.len() } else { 0 };
            let bytes = err.into_bytes();
            let invalid = count_invalid_sequences(&bytes);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok(Decoded {
                text,
                warning: Some(format!(
                    "invalid UTF-8 at byte offset {offset} ({invalid} invalid sequence{}); replaced with U+FFFD",
                    if invalid == 1 { "" } else { "s" }
                )),
            })
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn count_invalid_sequences(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .filter(|chunk| !chunk.invalid().is_empty())
        .count()
}

fn decode_utf16(bytes: &[u8], read: fn([u8; 2]) -> u16, name: &str) -> Decoded {
    let units = bytes.chunks_exact(2).map(|pair| read([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    let mut invalid = 0usize;
    for unit in char::decode_utf16(units) {
        text.push(unit.unwrap_or_else(|_| {
            invalid += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    let odd = bytes.len() % 2 == 1;
    let warning = (invalid > 0 || odd).then(|| {
        format!(
            "{name} text with {invalid} unpaired surrogate{}{}; replaced with U+FFFD",
            if invalid == 1 { "" } else { "s" },
            if odd { " and a trailing odd byte" } else { "" }
        )
    });
    Decoded { text, warning }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_passes_through() {
        let d = decode("héllo".as_bytes().to_vec()).unwrap();
        assert_eq!(d.text, "héllo");
        assert_eq!(d.warning, None);
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let d = decode(b"\xEF\xBB\xBFabc".to_vec()).unwrap();
        assert_eq!(d.text, "abc");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let d = decode(b"ab\xFFcd\xFE".to_vec()).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}");
        assert_eq!(
            d.warning.as_deref(),
            Some("invalid UTF-8 at byte offset 2 (2 invalid sequences); replaced with U+FFFD")
        );
    }

    #[test]
    fn lone_cr_line_endings_read_as_lf_and_crlf_stays() {
        let d = decode(b"a\rb\r\nc\r\r".to_vec()).unwrap();
        assert_eq!(d.text, "a\nb\r\nc\n\n");
    }

    #[test]
    fn nul_byte_means_binary() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00".to_vec()),
            Err(DecodeError::Binary { offset: 4 })
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Zweck: ä".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le).unwrap().text, "Zweck: ä");
        let mut be = vec![0xFE, 0xFF];
        be.extend("why".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap().text, "why");
    }
}
