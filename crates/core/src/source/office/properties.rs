//! Core properties: who made a Word or OpenDocument file, who changed it last, when, and its
//! title, as the package keeps them beside the text (`docProps/core.xml`, `meta.xml`). They
//! become [`RawField`]s named `creator`, `last-modified-by`, `modified` and `title`, which
//! `[metadata.fields]` can map to lifecycle fields (`owner = ["creator"]`).

use quick_xml::Reader;
use quick_xml::events::Event;

use super::Kind;
use super::package::{Package, PackageError};
use crate::source::{RawField, RawValue, Span};

/// The part holding the properties, and the element for each property by its local name.
fn layout(kind: Kind) -> (&'static str, &'static [(&'static str, &'static str)]) {
    match kind {
        Kind::Word => (
            "docProps/core.xml",
            &[
                ("creator", "creator"),
                ("lastModifiedBy", "last-modified-by"),
                ("modified", "modified"),
                ("title", "title"),
            ],
        ),
        // In OpenDocument `dc:creator` is whoever saved the file last.
        Kind::OpenDocument => (
            "meta.xml",
            &[
                ("initial-creator", "creator"),
                ("creator", "last-modified-by"),
                ("date", "modified"),
                ("title", "title"),
            ],
        ),
    }
}

/// The core properties of a package. A missing part or XML that does not read gives none:
/// they are extras, never a reason to refuse the document.
pub(super) fn read(package: &mut Package, kind: Kind) -> Result<Vec<RawField>, PackageError> {
    let (part, names) = layout(kind);
    let Some(xml) = package.read(part)? else {
        return Ok(Vec::new());
    };
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut fields: Vec<RawField> = Vec::new();
    let mut open: Option<&'static str> = None;
    let mut value = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                let local = start.local_name();
                open = names
                    .iter()
                    .find(|(element, _)| element.as_bytes() == local.as_ref())
                    .map(|(_, name)| *name);
                value.clear();
            }
            Ok(Event::Text(text)) if open.is_some() => {
                if let Ok(text) = text.decode() {
                    value.push_str(&text);
                }
            }
            Ok(Event::GeneralRef(reference)) if open.is_some() => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    value.push(c);
                } else if let Ok(name) = reference.decode() {
                    value.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Ok(Event::End(_)) => {
                if let Some(key) = open.take()
                    && !value.trim().is_empty()
                    && !fields.iter().any(|f| f.key == key)
                {
                    fields.push(RawField {
                        key: key.to_string(),
                        value: RawValue::Text(value.trim().to_string()),
                        span: Span::new(0, 0),
                    });
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    Ok(fields)
}
