//! Word (.docx) and OpenDocument (.odt) files: zip packages of XML.
//!
//! Each format's reader turns its main XML part into [`Paragraph`]s: text with a role
//! (heading, list item, body) and the table cell it sits in. [`unpack`] lays the paragraphs
//! out as the document's text, one paragraph with text a line, so line `N` of the extracted
//! text is paragraph `N`, and records a [`Place`] for each.

mod docx;
mod odt;
mod package;
mod properties;

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

pub use package::PackageError;
use package::{Limits, Package};

use super::deadline::Deadline;
use super::{BlockKind, DocumentBuilder, Format, Place, RawField, Span, TableCell};

/// The deepest elements may nest. Real documents nest tables in text boxes in tables a few
/// levels deep; hundreds of thousands of levels make every namespace lookup walk them all.
const MAX_DEPTH: usize = 1_000;

/// The most namespace declarations in scope at once: each one lengthens every lookup of a
/// prefix declared before it. Documents declare a few dozen, on their root element.
const MAX_NAMESPACES: usize = 1_000;

/// Events read between two looks at the clock.
const EVENTS_PER_CHECK: u32 = 1 << 12;

/// What a paragraph is to the document's structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Heading(u8),
    ListItem { ordered: bool },
    Body,
}

/// One paragraph as a format reader found it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Paragraph {
    role: Role,
    cell: Option<TableCell>,
    /// Whitespace already collapsed to single spaces.
    text: String,
}

impl Paragraph {
    fn new(cell: Option<TableCell>) -> Self {
        Paragraph {
            role: Role::Body,
            cell,
            text: String::new(),
        }
    }

    /// Append text, collapsing every run of whitespace (line breaks and tabs included) to
    /// one space so that the paragraph stays one line.
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }
}

/// A table being read and the cell reached in it.
#[derive(Clone, Copy, Debug)]
struct OpenTable {
    number: usize,
    row: usize,
    column: usize,
}

impl OpenTable {
    fn cell(&self) -> Option<TableCell> {
        (self.row > 0 && self.column > 0).then_some(TableCell {
            table: self.number,
            row: self.row,
            column: self.column,
        })
    }
}

/// The package formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    OpenDocument,
}

impl Kind {
    pub(super) fn of(format: Format) -> Option<Kind> {
        match format {
            Format::Docx => Some(Kind::Word),
            Format::Odt => Some(Kind::OpenDocument),
            _ => None,
        }
    }
}

/// Read a package of `kind` into `out`; returns the extracted text and its places.
/// Reading gives up once `deadline` has passed.
pub(super) fn unpack(
    kind: Kind,
    bytes: &[u8],
    out: &mut DocumentBuilder,
    deadline: Deadline,
) -> Result<(String, Vec<Place>, Vec<RawField>), PackageError> {
    let (paragraphs, properties) = match kind {
        Kind::Word => {
            let mut package = Package::open(bytes, docx::FORMAT, Limits::DEFAULT)?;
            let paragraphs = docx::read(&mut package, deadline)?;
            (paragraphs, properties::read(&mut package, kind)?)
        }
        Kind::OpenDocument => {
            let mut package = Package::open(bytes, odt::FORMAT, Limits::DEFAULT)?;
            let paragraphs = odt::read(&mut package, deadline)?;
            (paragraphs, properties::read(&mut package, kind)?)
        }
    };
    let (text, places) = lay_out(paragraphs, out);
    Ok((text, places, properties))
}

/// The extracted text (one paragraph with text a line) and the place of each paragraph; the
/// blocks and sections go to `out`.
fn lay_out(paragraphs: Vec<Paragraph>, out: &mut DocumentBuilder) -> (String, Vec<Place>) {
    let mut text = String::new();
    let mut places = Vec::new();
    for paragraph in paragraphs {
        let content = paragraph.text.trim();
        if content.is_empty() {
            continue;
        }
        let start = text.len();
        text.push_str(content);
        let span = Span::new(start, text.len());
        text.push('\n');
        places.push(Place {
            start,
            paragraph: places.len() + 1,
            cell: paragraph.cell,
        });
        let kind = match paragraph.role {
            Role::Heading(level) => {
                out.open_section(level);
                BlockKind::Heading
            }
            Role::ListItem { ordered } => BlockKind::ListItem { ordered },
            Role::Body if paragraph.cell.is_some() => BlockKind::TableCell,
            Role::Body => BlockKind::Paragraph,
        };
        out.push_block(kind, span, [span]);
    }
    (text, places)
}

/// Read the XML part `part` event by event. `namespace` names the namespaces a format cares
/// about, so elements are known by namespace and local name whatever their prefix; `handle`
/// gets each event with its element's namespace (`None` for other namespaces and for text),
/// and the reader, to skip an element's content with `read_to_end`.
///
/// Nesting deeper than [`MAX_DEPTH`] or more than [`MAX_NAMESPACES`] declarations in scope is
/// an error at that element, and reading stops once `deadline` has passed.
fn walk<'x, N: Copy>(
    part: &str,
    xml: &'x [u8],
    deadline: Deadline,
    namespace: impl Fn(&[u8]) -> Option<N>,
    mut handle: impl FnMut(&mut NsReader<&'x [u8]>, Option<N>, Event<'x>) -> quick_xml::Result<()>,
) -> Result<(), PackageError> {
    let mut reader = NsReader::from_reader(xml);
    // Namespace declarations of each open element, outermost first.
    let mut declared: Vec<usize> = Vec::new();
    let mut in_scope = 0;
    let mut events = 0u32;
    loop {
        events = events.wrapping_add(1);
        if events.is_multiple_of(EVENTS_PER_CHECK) && deadline.passed() {
            return Err(PackageError::OutOfTime);
        }
        let at = reader.buffer_position();
        let result = match reader.read_resolved_event() {
            Ok((_, Event::Eof)) => return Ok(()),
            Ok((ns, event)) => {
                match &event {
                    Event::Start(e) => {
                        let declarations = e
                            .attributes()
                            .flatten()
                            .filter(|a| a.key.as_namespace_binding().is_some())
                            .count();
                        declared.push(declarations);
                        in_scope += declarations;
                        let problem = if declared.len() > MAX_DEPTH {
                            Some(format!("elements nested more than {MAX_DEPTH} deep"))
                        } else if in_scope > MAX_NAMESPACES {
                            Some(format!(
                                "more than {MAX_NAMESPACES} namespace declarations in scope"
                            ))
                        } else {
                            None
                        };
                        if let Some(reason) = problem {
                            return Err(PackageError::Xml {
                                part: part.to_string(),
                                offset: at,
                                reason,
                            });
                        }
                    }
                    Event::End(_) => in_scope -= declared.pop().unwrap_or(0),
                    _ => {}
                }
                let ns = match ns {
                    ResolveResult::Bound(uri) => namespace(uri.as_ref()),
                    _ => None,
                };
                let skipping = matches!(event, Event::Start(_));
                let before = reader.buffer_position();
                let handled = handle(&mut reader, ns, event);
                // A handler that skipped the element's content read its end tag too.
                if skipping && reader.buffer_position() != before && handled.is_ok() {
                    in_scope -= declared.pop().unwrap_or(0);
                }
                handled
            }
            Err(err) => Err(err),
        };
        if let Err(err) = result {
            // A syntax error knows its place; an error met while handling an element (a bad
            // end tag found by skipping, text that does not decode) is placed where it began.
            let offset = match reader.error_position() {
                0 => at,
                known => known,
            };
            return Err(PackageError::Xml {
                part: part.to_string(),
                offset,
                reason: err.to_string(),
            });
        }
    }
}

/// A deadline no test input reaches.
#[cfg(test)]
fn no_deadline() -> Deadline {
    Deadline::after(crate::limits::DEFAULT_MAX_PARSE_TIME)
}

/// The value of the attribute with local name `local` (any prefix).
fn attribute<'a>(element: &'a BytesStart, local: &[u8]) -> Option<Cow<'a, str>> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
}

/// The text a character or predefined entity reference stands for (`&amp;`, `&#8217;`).
fn reference_text(reference: &BytesRef) -> Option<String> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = reference.decode().ok()?;
    quick_xml::escape::resolve_xml_entity(&name).map(str::to_string)
}

/// What a paragraph's properties make of it, before title levels are settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Structure {
    Title,
    Heading(usize),
    Role(Role),
    /// A table-of-contents entry: never read.
    Contents,
}

/// Final roles: a title makes level 1 its own and moves headings one level down.
fn settle_levels(done: Vec<(Paragraph, Structure)>) -> Vec<Paragraph> {
    let below_title = usize::from(done.iter().any(|(_, s)| *s == Structure::Title));
    done.into_iter()
        .filter_map(|(mut paragraph, structure)| {
            paragraph.role = match structure {
                Structure::Contents => return None,
                Structure::Title => heading(1),
                Structure::Heading(level) => heading(level + below_title),
                Structure::Role(role) => role,
            };
            Some(paragraph)
        })
        .collect()
}

/// Heading levels below 6 are level 6: the document model has six.
fn heading(level: usize) -> Role {
    Role::Heading(level.clamp(1, 6) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_so_a_paragraph_is_one_line() {
        let mut paragraph = Paragraph::new(None);
        paragraph.push_text("  Submit\n the\tform ");
        paragraph.push_text(" today");
        assert_eq!(paragraph.text, "Submit the form today");
    }

    #[test]
    fn line_n_of_the_extracted_text_is_paragraph_n() {
        let cell = Some(TableCell {
            table: 1,
            row: 1,
            column: 2,
        });
        let paragraphs = vec![
            Paragraph {
                role: Role::Heading(1),
                cell: None,
                text: "Travel".into(),
            },
            Paragraph {
                role: Role::Body,
                cell: None,
                text: " ".into(),
            },
            Paragraph {
                role: Role::Body,
                cell,
                text: "Approver".into(),
            },
        ];
        let mut builder = DocumentBuilder::default();
        let (text, places) = lay_out(paragraphs, &mut builder);
        assert_eq!(text, "Travel\nApprover\n");
        assert_eq!(
            places,
            [
                Place {
                    start: 0,
                    paragraph: 1,
                    cell: None
                },
                Place {
                    start: 7,
                    paragraph: 2,
                    cell
                }
            ]
        );
        let (sections, blocks, _, _) = builder.finish();
        assert_eq!(sections.len(), 2);
        assert_eq!(blocks[1].kind, BlockKind::TableCell);
    }
}
