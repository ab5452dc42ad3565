//! The zip package of a Word or OpenDocument file, read with limits so that no file can make
//! policylint hang or exhaust memory.
//!
//! A part is inflated in chunks and refused as a possible zip bomb once it inflates more than
//! [`Limits::max_ratio`] times its compressed size (after a small grace, as Apache POI does),
//! or once all parts read so far pass [`Limits::max_total`]; declared sizes are checked first
//! but never trusted. Password-protected Office files are not zip packages at all but OLE
//! compound files, and are named as such.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

/// How much a package may inflate.
#[derive(Clone, Copy, Debug)]
pub(super) struct Limits {
    /// Most bytes a part may inflate to per compressed byte.
    pub max_ratio: u64,
    /// Bytes a part may inflate to before the ratio is checked: small parts compress well.
    pub ratio_grace: u64,
    /// Most bytes all parts read from one package may inflate to.
    pub max_total: u64,
}

impl Limits {
    /// Twice Apache POI's ratio, which long, repetitive document XML can pass; a deflate bomb
    /// inflates close to 1,000 times. 256 MiB is room for the XML of the longest document.
    pub const DEFAULT: Limits = Limits {
        max_ratio: 200,
        ratio_grace: 1 << 20,
        max_total: 256 << 20,
    };
}

/// The first bytes of an OLE compound file: a password-protected Office file or a legacy
/// binary document (.doc).
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The stream an encrypted Office file keeps its key data in, as its UTF-16 name appears in
/// the compound file's directory.
const ENCRYPTION_INFO: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";

/// Why a Word or OpenDocument file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    /// Encrypted with a password (an OLE compound file, or encrypted parts in the zip).
    #[error("password-protected (encrypted) document; save a copy without the password to lint it")]
    Encrypted,
    /// An OLE compound file without encryption: a Word 97–2003 `.doc` or similar.
    #[error(
        "an OLE compound file (a Word 97-2003 .doc or similar), not a zip package; save it as \
         .docx or .odt to lint it"
    )]
    LegacyBinary,
    /// Not a zip package at all; `format` is what it should have been ("a Word document").
    #[error("not a zip package, so not {format} (or a damaged one)")]
    NotZip { format: &'static str },
    /// A zip package that cannot be read.
    #[error(
        "corrupt zip package: {}{reason}",
        .part.as_ref().map(|part| format!("cannot inflate {part}: ")).unwrap_or_default()
    )]
    Corrupt {
        part: Option<String>,
        reason: String,
    },
    /// A part every file of the format has.
    #[error("no {part} in the zip package, so not {format} (or a damaged one)")]
    MissingPart { part: String, format: &'static str },
    /// Inflating would pass the total size limit.
    #[error(
        "{part} inflates past the limit of {} MiB for a package; refused as a possible zip bomb",
        .limit >> 20
    )]
    TooLarge { part: String, limit: u64 },
    /// A part inflates far more than documents do.
    #[error(
        "{part} inflates more than {max_ratio} times its compressed size; refused as a \
         possible zip bomb"
    )]
    Bomb { part: String, max_ratio: u64 },
    /// Reading took longer than `max-parse-time`.
    #[error("gave up reading at max-parse-time")]
    OutOfTime,
    /// A part is not well-formed XML.
    #[error("malformed XML in {part} at byte {offset}: {reason}")]
    Xml {
        part: String,
        offset: u64,
        reason: String,
    },
}

/// An open package and what is left of its inflation budget.
pub(super) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    inflated: u64,
}

impl<'a> Package<'a> {
    /// Open the package in `bytes`; `format` names the document kind in errors ("a Word
    /// document").
    pub fn open(
        bytes: &'a [u8],
        format: &'static str,
        limits: Limits,
    ) -> Result<Self, PackageError> {
        if bytes.starts_with(OLE_MAGIC) {
            let encrypted = bytes
                .windows(ENCRYPTION_INFO.len())
                .any(|w| w == ENCRYPTION_INFO);
            return Err(if encrypted {
                PackageError::Encrypted
            } else {
                PackageError::LegacyBinary
            });
        }
        if !bytes.starts_with(b"PK") {
            return Err(PackageError::NotZip { format });
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|err| corrupt(None, &err))?;
        Ok(Package {
            archive,
            limits,
            inflated: 0,
        })
    }

    /// The bytes of part `name`, or `None` when the package has no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, PackageError> {
        let mut file = match self.archive.by_name(name) {
            Ok(file) => file,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(err) => return Err(corrupt(Some(name), &err)),
        };
        let remaining = self.limits.max_total.saturating_sub(self.inflated);
        let too_large = || PackageError::TooLarge {
            part: name.to_string(),
            limit: self.limits.max_total,
        };
        if file.size() > remaining {
            return Err(too_large());
        }
        let ratio_limit = file
            .compressed_size()
            .max(1)
            .saturating_mul(self.limits.max_ratio)
            .max(self.limits.ratio_grace);
        let mut out = Vec::with_capacity(usize::try_from(file.size().min(1 << 20)).unwrap_or(0));
        let mut chunk = [0u8; 64 * 1024];
        loop {
            let n = match file.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => {
                    return Err(PackageError::Corrupt {
                        part: Some(name.to_string()),
                        reason: err.to_string(),
                    });
                }
            };
            out.extend_from_slice(&chunk[..n]);
            let size = out.len() as u64;
            if size > remaining {
                return Err(too_large());
            }
            if size > ratio_limit {
                return Err(PackageError::Bomb {
                    part: name.to_string(),
                    max_ratio: self.limits.max_ratio,
                });
            }
        }
        self.inflated += out.len() as u64;
        Ok(Some(out))
    }

    /// Part `name`, which every file of the format has.
    pub fn require(&mut self, name: &str, format: &'static str) -> Result<Vec<u8>, PackageError> {
        self.read(name)?.ok_or_else(|| PackageError::MissingPart {
            part: name.to_string(),
            format,
        })
    }
}

fn corrupt(part: Option<&str>, err: &ZipError) -> PackageError {
    match err {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            PackageError::Encrypted
        }
        ZipError::InvalidArchive(reason) => PackageError::Corrupt {
            part: part.map(str::to_string),
            reason: reason.to_string(),
        },
        other => PackageError::Corrupt {
            part: part.map(str::to_string),
            reason: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::{SimpleFileOptions, ZipWriter};

    fn zip_of(name: &str, content: &[u8]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file(name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(content).unwrap();
        writer.finish().unwrap().into_inner()
    }

    const SMALL: Limits = Limits {
        max_ratio: 10,
        ratio_grace: 1024,
        max_total: 64 * 1024,
    };

    #[test]
    fn parts_are_read_and_missing_parts_are_none() {
        let bytes = zip_of("word/document.xml", b"<w:document/>");
        let mut package = Package::open(&bytes, "a Word document", SMALL).unwrap();
        assert_eq!(
            package.read("word/document.xml").unwrap().unwrap(),
            b"<w:document/>"
        );
        assert_eq!(package.read("word/styles.xml").unwrap(), None);
        assert_eq!(
            package
                .require("word/styles.xml", "a Word document")
                .unwrap_err(),
            PackageError::MissingPart {
                part: "word/styles.xml".into(),
                format: "a Word document"
            }
        );
    }

    #[test]
    fn highly_compressed_parts_are_refused_as_bombs() {
        let bytes = zip_of("word/document.xml", &vec![b' '; 32 * 1024]);
        let mut package = Package::open(&bytes, "a Word document", SMALL).unwrap();
        assert_eq!(
            package.read("word/document.xml").unwrap_err(),
            PackageError::Bomb {
                part: "word/document.xml".into(),
                max_ratio: 10
            }
        );
    }

    #[test]
    fn the_total_size_limit_holds_across_parts() {
        let limits = Limits {
            max_ratio: 1_000_000,
            ..SMALL
        };
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for name in ["a.xml", "b.xml"] {
            writer
                .start_file(name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(&vec![b'x'; 40 * 1024]).unwrap();
        }
        let bytes = writer.finish().unwrap().into_inner();
        let mut package = Package::open(&bytes, "a Word document", limits).unwrap();
        assert!(package.read("a.xml").is_ok());
        assert_eq!(
            package.read("b.xml").unwrap_err(),
            PackageError::TooLarge {
                part: "b.xml".into(),
                limit: 64 * 1024
            }
        );
    }

    #[test]
    fn ole_files_and_other_bytes_are_named() {
        let mut encrypted = OLE_MAGIC.to_vec();
        encrypted.extend_from_slice(&[0; 100]);
        encrypted.extend_from_slice(ENCRYPTION_INFO);
        let legacy = [OLE_MAGIC, &[0; 100]].concat();
        let open = |bytes: &[u8]| Package::open(bytes, "a Word document", SMALL).err();
        assert_eq!(open(&encrypted), Some(PackageError::Encrypted));
        assert_eq!(open(&legacy), Some(PackageError::LegacyBinary));
        assert_eq!(
            open(b"# not a package"),
            Some(PackageError::NotZip {
                format: "a Word document"
            })
        );
        assert!(matches!(
            open(b"PK\x03\x04 truncated"),
            Some(PackageError::Corrupt { part: None, .. })
        ));
    }
}
