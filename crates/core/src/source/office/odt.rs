//! OpenDocument text (.odt) paragraphs.
//!
//! `content.xml` is read in order: `text:h` is a heading at its outline level; `text:p` is a
//! paragraph, a list item inside `text:list-item` (numbered when its list style numbers that
//! level) or a table cell; a paragraph in the Title style is level 1 and moves headings one
//! level down, as in Word. Text frames count. Footnotes and endnotes (`text:note`), comments
//! (`office:annotation`), the tracked-changes log that keeps deleted text, indexes and tables
//! of contents, and image titles and descriptions do not. Headers and footers live in
//! `styles.xml`, which is read for its styles alone. A manifest that lists encrypted parts
//! means a password-protected file.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::package::{Package, PackageError};
use super::{
    OpenTable, Paragraph, Role, Structure, attribute, reference_text, settle_levels, walk,
};
use crate::source::deadline::Deadline;

/// The name errors give the format.
pub(super) const FORMAT: &str = "an OpenDocument text document";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ns {
    Text,
    Table,
    Office,
    Style,
    Svg,
}

fn namespace(uri: &[u8]) -> Option<Ns> {
    match uri {
        b"urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Some(Ns::Text),
        b"urn:oasis:names:tc:opendocument:xmlns:table:1.0" => Some(Ns::Table),
        b"urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Some(Ns::Office),
        b"urn:oasis:names:tc:opendocument:xmlns:style:1.0" => Some(Ns::Style),
        b"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" => Some(Ns::Svg),
        _ => None,
    }
}

/// Text elements whose content is never the document's text.
const SKIPPED_TEXT: &[&[u8]] = &[
    b"note",
    b"tracked-changes",
    b"table-of-content",
    b"alphabetical-index",
    b"illustration-index",
    b"table-index",
    b"object-index",
    b"user-index",
    b"bibliography",
    b"sequence-decls",
    b"variable-decls",
    b"user-field-decls",
    b"dde-connection-decls",
];

pub(super) fn read(
    package: &mut Package,
    deadline: Deadline,
) -> Result<Vec<Paragraph>, PackageError> {
    if let Some(manifest) = package.read("META-INF/manifest.xml")?
        && manifest
            .windows(b"encryption-data".len())
            .any(|w| w == b"encryption-data")
    {
        return Err(PackageError::Encrypted);
    }
    let mut reader = Reader::default();
    if let Some(xml) = package.read("styles.xml")? {
        reader.read_part("styles.xml", &xml, false, deadline)?;
    }
    let content = package.require("content.xml", FORMAT)?;
    reader.read_part("content.xml", &content, true, deadline)?;
    Ok(settle_levels(reader.done))
}

/// Paragraph and list styles, as far as structure goes.
#[derive(Debug, Default)]
struct Styles {
    parent: HashMap<String, String>,
    /// Lower-case names, display names where the style has one.
    names: HashMap<String, String>,
    /// (list style, level) to "numbered".
    numbered: HashMap<(String, usize), bool>,
}

impl Styles {
    fn is_title(&self, style: &str) -> bool {
        let mut next = Some(style);
        for _ in 0..16 {
            let Some(style) = next else {
                return false;
            };
            if self.names.get(style).is_some_and(|name| name == "title") {
                return true;
            }
            next = self.parent.get(style).map(String::as_str);
        }
        false
    }
}

/// A structure a paragraph can sit in.
#[derive(Clone, Debug)]
enum Frame {
    List { style: Option<String> },
    Item,
    Table(OpenTable),
}

/// A paragraph being read: its heading level (for `text:h`) and style.
struct OpenParagraph {
    paragraph: Paragraph,
    heading: Option<usize>,
    style: Option<String>,
    list_item: Option<bool>,
}

#[derive(Default)]
struct Reader {
    styles: Styles,
    /// The list style whose levels are being read.
    list_style: Option<String>,
    frames: Vec<Frame>,
    open: Vec<OpenParagraph>,
    tables_seen: usize,
    done: Vec<(Paragraph, Structure)>,
}

impl Reader {
    /// Read the styles of a part, and its paragraphs when `with_text`.
    fn read_part(
        &mut self,
        part: &str,
        xml: &[u8],
        with_text: bool,
        deadline: Deadline,
    ) -> Result<(), PackageError> {
        walk(part, xml, deadline, namespace, |reader, ns, event| {
            match (ns, &event) {
                (Some(Ns::Style | Ns::Text), Event::Start(e) | Event::Empty(e))
                    if self.style(ns, e) => {}
                _ if !with_text => {}
                (Some(Ns::Text), Event::Start(e))
                    if SKIPPED_TEXT.contains(&e.local_name().as_ref()) =>
                {
                    reader.read_to_end(e.name())?;
                }
                (Some(Ns::Office), Event::Start(e)) if e.local_name().as_ref() == b"annotation" => {
                    reader.read_to_end(e.name())?;
                }
                (Some(Ns::Svg), Event::Start(e))
                    if matches!(e.local_name().as_ref(), b"title" | b"desc") =>
                {
                    reader.read_to_end(e.name())?;
                }
                (Some(ns @ (Ns::Text | Ns::Table)), Event::Start(e)) => self.start(ns, e),
                (Some(ns @ (Ns::Text | Ns::Table)), Event::Empty(e)) => {
                    self.start(ns, e);
                    self.end(ns, e.local_name().as_ref());
                }
                (Some(ns @ (Ns::Text | Ns::Table)), Event::End(e)) => {
                    self.end(ns, e.local_name().as_ref());
                }
                (_, Event::Text(text)) => self.push_text(&text.decode()?),
                (_, Event::CData(text)) => self.push_text(&text.decode()?),
                (_, Event::GeneralRef(reference)) => {
                    if let Some(text) = reference_text(reference) {
                        self.push_text(&text);
                    }
                }
                _ => {}
            }
            Ok(())
        })
    }

    /// Record a style definition; `false` when `e` is not one.
    fn style(&mut self, ns: Option<Ns>, e: &BytesStart) -> bool {
        let name = || attribute(e, b"name").map(|n| n.into_owned());
        match (ns, e.local_name().as_ref()) {
            (Some(Ns::Style), b"style") => {
                if let Some(name) = name() {
                    if let Some(parent) = attribute(e, b"parent-style-name") {
                        self.styles.parent.insert(name.clone(), parent.into_owned());
                    }
                    let shown =
                        attribute(e, b"display-name").map_or(name.clone(), |d| d.into_owned());
                    self.styles.names.insert(name, shown.to_lowercase());
                }
                true
            }
            (Some(Ns::Text), b"list-style") => {
                self.list_style = name();
                true
            }
            (
                Some(Ns::Text),
                kind @ (b"list-level-style-number"
                | b"list-level-style-bullet"
                | b"list-level-style-image"),
            ) => {
                let level = attribute(e, b"level")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(1);
                if let Some(style) = &self.list_style {
                    self.styles
                        .numbered
                        .insert((style.clone(), level), kind == b"list-level-style-number");
                }
                true
            }
            _ => false,
        }
    }

    fn start(&mut self, ns: Ns, e: &BytesStart) {
        match (ns, e.local_name().as_ref()) {
            (Ns::Text, name @ (b"p" | b"h")) => {
                let heading = (name == b"h").then(|| {
                    attribute(e, b"outline-level")
                        .and_then(|l| l.parse().ok())
                        .unwrap_or(1)
                });
                self.open.push(OpenParagraph {
                    paragraph: Paragraph::new(self.cell()),
                    heading,
                    style: attribute(e, b"style-name").map(|s| s.into_owned()),
                    list_item: self.list_item(),
                });
            }
            (Ns::Text, b"list") => {
                let style = attribute(e, b"style-name")
                    .map(|s| s.into_owned())
                    .or_else(|| {
                        self.frames.iter().rev().find_map(|f| match f {
                            Frame::List { style } => style.clone(),
                            _ => None,
                        })
                    });
                self.frames.push(Frame::List { style });
            }
            (Ns::Text, b"list-item" | b"list-header") => self.frames.push(Frame::Item),
            (Ns::Text, b"s" | b"tab" | b"line-break") => self.push_text(" "),
            (Ns::Table, b"table") => {
                self.tables_seen += 1;
                self.frames.push(Frame::Table(OpenTable {
                    number: self.tables_seen,
                    row: 0,
                    column: 0,
                }));
            }
            (Ns::Table, b"table-row") => {
                if let Some(table) = self.table() {
                    table.row += 1;
                    table.column = 0;
                }
            }
            (Ns::Table, b"table-cell" | b"covered-table-cell") => {
                if let Some(table) = self.table() {
                    table.column += 1;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, ns: Ns, name: &[u8]) {
        match (ns, name) {
            (Ns::Text, b"p" | b"h") => {
                if let Some(open) = self.open.pop() {
                    let structure = self.structure(&open);
                    self.done.push((open.paragraph, structure));
                }
            }
            (Ns::Text, b"list" | b"list-item" | b"list-header") | (Ns::Table, b"table") => {
                self.frames.pop();
            }
            _ => {}
        }
    }

    fn structure(&self, open: &OpenParagraph) -> Structure {
        if let Some(level) = open.heading {
            return Structure::Heading(level);
        }
        if open
            .style
            .as_deref()
            .is_some_and(|s| self.styles.is_title(s))
        {
            return Structure::Title;
        }
        Structure::Role(match open.list_item {
            Some(ordered) => Role::ListItem { ordered },
            None => Role::Body,
        })
    }

    /// Whether a paragraph starting now is a list item (and numbered): the innermost list
    /// item or table decides.
    fn list_item(&self) -> Option<bool> {
        let innermost = self
            .frames
            .iter()
            .rposition(|f| matches!(f, Frame::Item | Frame::Table(_)))?;
        if !matches!(self.frames[innermost], Frame::Item) {
            return None;
        }
        let level = self.frames[..innermost]
            .iter()
            .filter(|f| matches!(f, Frame::List { .. }))
            .count();
        let style = self.frames[..innermost].iter().rev().find_map(|f| match f {
            Frame::List { style } => style.clone(),
            _ => None,
        });
        Some(
            style
                .and_then(|s| self.styles.numbered.get(&(s, level)).copied())
                .unwrap_or(false),
        )
    }

    fn table(&mut self) -> Option<&mut OpenTable> {
        self.frames.iter_mut().rev().find_map(|f| match f {
            Frame::Table(table) => Some(table),
            _ => None,
        })
    }

    fn cell(&self) -> Option<crate::source::TableCell> {
        self.frames.iter().rev().find_map(|f| match f {
            Frame::Table(table) => table.cell(),
            _ => None,
        })
    }

    fn push_text(&mut self, text: &str) {
        if let Some(open) = self.open.last_mut() {
            open.paragraph.push_text(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::office::no_deadline;

    const NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0""#;

    fn read(body: &str) -> Vec<(Role, String)> {
        let content = format!(
            "<office:document-content {NAMESPACES}><office:automatic-styles>\
             <text:list-style style:name=\"L1\"><text:list-level-style-bullet text:level=\"1\"/>\
             <text:list-level-style-number text:level=\"2\"/></text:list-style>\
             </office:automatic-styles><office:body><office:text>{body}</office:text></office:body>\
             </office:document-content>"
        );
        let mut reader = Reader::default();
        reader
            .read_part("content.xml", content.as_bytes(), true, no_deadline())
            .unwrap();
        settle_levels(reader.done)
            .into_iter()
            .filter(|p| !p.text.is_empty())
            .map(|p| (p.role, p.text))
            .collect()
    }

    #[test]
    fn contents_frames_spaces_and_nested_lists() {
        let body = r#"<text:table-of-content><text:index-body><text:p>Purpose 1</text:p></text:index-body></text:table-of-content>
            <text:h text:outline-level="3">Deep</text:h>
            <text:p>Two<text:s text:c="3"/>spaces<text:tab/>and<text:line-break/>breaks</text:p>
            <text:p><draw:frame><svg:title>Why we exist</svg:title><draw:text-box><text:p>In a frame</text:p></draw:text-box></draw:frame>Anchor</text:p>
            <text:list text:style-name="L1"><text:list-item><text:p>Bullet</text:p>
              <text:list><text:list-item><text:p>Numbered</text:p></text:list-item></text:list>
            </text:list-item></text:list>"#;
        assert_eq!(
            read(body),
            [
                (Role::Heading(3), "Deep".into()),
                (Role::Body, "Two spaces and breaks".into()),
                (Role::Body, "In a frame".into()),
                (Role::Body, "Anchor".into()),
                (Role::ListItem { ordered: false }, "Bullet".into()),
                (Role::ListItem { ordered: true }, "Numbered".into()),
            ]
        );
    }
}
