//! Word (.docx, WordprocessingML) paragraphs.
//!
//! The main document part, found through the package relationships, is read in order.
//! Headings come from the paragraph's outline level, else its style chain: an outline level,
//! or the names Word stores in every language (`heading 1`..`heading 9`, `Title`). When the
//! document uses the Title style, the title is level 1 and `heading N` is level N+1.
//! Numbered paragraphs (directly or through their style) are list items, numbered unless
//! their numbering format is a bullet. Table cells, text boxes, content controls,
//! hyperlinks, field results and tracked insertions count. Tracked deletions and moves away,
//! field codes, the old properties of tracked changes, the fallback copies of drawings and
//! the table of contents (its `TOC` styles) do not. Footnotes, endnotes, comments, headers
//! and footers live in parts of their own, which are never read.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::package::{Package, PackageError};
use super::{
    OpenTable, Paragraph, Role, Structure, attribute, reference_text, settle_levels, walk,
};
use crate::source::deadline::Deadline;

/// The name errors give the format.
pub(super) const FORMAT: &str = "a Word document";

/// WordprocessingML's namespace, transitional and strict.
const MAIN: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MARKUP_COMPATIBILITY: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
const RELATIONSHIPS: &[u8] = b"http://schemas.openxmlformats.org/package/2006/relationships";

/// Elements whose content is never the document's text.
const SKIPPED: &[&[u8]] = &[
    b"del",
    b"moveFrom",
    b"delText",
    b"instrText",
    b"delInstrText",
    b"pPrChange",
    b"rPrChange",
    b"sectPrChange",
    b"tblPrChange",
    b"trPrChange",
    b"tcPrChange",
    b"tblGridChange",
    b"numberingChange",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ns {
    Main,
    MarkupCompatibility,
    Relationships,
}

fn namespace(uri: &[u8]) -> Option<Ns> {
    if MAIN.contains(&uri) {
        Some(Ns::Main)
    } else if uri == MARKUP_COMPATIBILITY {
        Some(Ns::MarkupCompatibility)
    } else if uri == RELATIONSHIPS {
        Some(Ns::Relationships)
    } else {
        None
    }
}

pub(super) fn read(
    package: &mut Package,
    deadline: Deadline,
) -> Result<Vec<Paragraph>, PackageError> {
    let main = match package.read("_rels/.rels")? {
        Some(xml) => relationships("_rels/.rels", &xml, "", deadline)?
            .into_iter()
            .find(|(kind, _)| kind.ends_with("/officeDocument"))
            .map(|(_, target)| target),
        None => None,
    }
    .unwrap_or_else(|| "word/document.xml".to_string());
    let document = package.require(&main, FORMAT)?;
    let folder = main.rsplit_once('/').map_or("", |(folder, _)| folder);
    let file = main
        .rsplit_once('/')
        .map_or(main.as_str(), |(_, file)| file);
    let rels_part = format!("{folder}/_rels/{file}.rels");
    let related = match package.read(&rels_part)? {
        Some(xml) => relationships(&rels_part, &xml, folder, deadline)?,
        None => Vec::new(),
    };
    let part_of = |kind: &str, default: &str| {
        related
            .iter()
            .find(|(k, _)| k.ends_with(kind))
            .map_or_else(|| join(folder, default), |(_, target)| target.clone())
    };
    let styles_part = part_of("/styles", "styles.xml");
    let styles = match package.read(&styles_part)? {
        Some(xml) => Styles::read(&styles_part, &xml, deadline)?,
        None => Styles::default(),
    };
    let numbering_part = part_of("/numbering", "numbering.xml");
    let numbering = match package.read(&numbering_part)? {
        Some(xml) => Numbering::read(&numbering_part, &xml, deadline)?,
        None => Numbering::default(),
    };
    body(&main, &document, &styles, &numbering, deadline)
}

/// The (type, target part) of each internal relationship of a part in `folder`.
fn relationships(
    part: &str,
    xml: &[u8],
    folder: &str,
    deadline: Deadline,
) -> Result<Vec<(String, String)>, PackageError> {
    let mut found = Vec::new();
    walk(part, xml, deadline, namespace, |_, ns, event| {
        if let (Some(Ns::Relationships), Event::Start(e) | Event::Empty(e)) = (ns, &event)
            && e.local_name().as_ref() == b"Relationship"
            && attribute(e, b"TargetMode").as_deref() != Some("External")
            && let (Some(kind), Some(target)) = (attribute(e, b"Type"), attribute(e, b"Target"))
        {
            found.push((kind.into_owned(), join(folder, &target)));
        }
        Ok(())
    })?;
    Ok(found)
}

/// A relationship target as a part name: absolute targets from the package root, relative
/// ones from `folder`, with `..` resolved.
fn join(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            piece => parts.push(piece),
        }
    }
    parts.join("/")
}

/// A paragraph style, as far as structure goes.
#[derive(Clone, Debug, Default)]
struct Style {
    /// Lower case: `heading 1`, `title`, `toc 1`, `list bullet`.
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbering: Option<String>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn read(part: &str, xml: &[u8], deadline: Deadline) -> Result<Styles, PackageError> {
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        walk(part, xml, deadline, namespace, |_, ns, event| {
            match (ns, event) {
                (Some(Ns::Main), Event::Start(e)) if e.local_name().as_ref() == b"style" => {
                    current = (attribute(&e, b"type").as_deref() == Some("paragraph"))
                        .then(|| attribute(&e, b"styleId"))
                        .flatten()
                        .map(|id| (id.into_owned(), Style::default()));
                }
                (Some(Ns::Main), Event::Start(e) | Event::Empty(e)) => {
                    if let Some((_, style)) = &mut current {
                        let value = || attribute(&e, b"val").map(|v| v.into_owned());
                        match e.local_name().as_ref() {
                            b"name" => style.name = value().unwrap_or_default().to_lowercase(),
                            b"basedOn" => style.based_on = value(),
                            b"outlineLvl" => style.outline = value().and_then(|v| v.parse().ok()),
                            b"numId" => style.numbering = value(),
                            _ => {}
                        }
                    }
                }
                (Some(Ns::Main), Event::End(e)) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, style)) = current.take() {
                        styles.by_id.insert(id, style);
                    }
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(styles)
    }

    /// A style and the styles it is based on, nearest first, at most [`MAX_CHAIN`] of them. A
    /// style missing from the styles part is read from its id (`Heading1` is `heading 1`). A
    /// style met again (`basedOn` itself, or a loop) ends the chain.
    fn chain(&self, id: Option<&str>) -> Vec<Cow<'_, Style>> {
        let mut chain: Vec<Cow<'_, Style>> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut next = id.map(str::to_string);
        while let Some(id) = next.take() {
            if chain.len() >= MAX_CHAIN || seen.contains(&id) {
                break;
            }
            let style = match self.by_id.get(&id) {
                Some(style) => Cow::Borrowed(style),
                None => Cow::Owned(Style {
                    name: name_from_id(&id),
                    ..Style::default()
                }),
            };
            next = style.based_on.clone();
            seen.push(id);
            chain.push(style);
        }
        chain
    }

    /// What the chain of style `id` says about structure; worked out once per style and kept
    /// in `known`, so a document of many paragraphs in one style reads the chain once.
    fn facts<'k>(
        &self,
        id: Option<&str>,
        known: &'k mut HashMap<String, StyleFacts>,
    ) -> Cow<'k, StyleFacts> {
        let Some(id) = id else {
            return Cow::Owned(StyleFacts::of(&self.chain(None)));
        };
        if !known.contains_key(id) {
            known.insert(id.to_string(), StyleFacts::of(&self.chain(Some(id))));
        }
        known
            .get(id)
            .map_or_else(|| Cow::Owned(StyleFacts::default()), Cow::Borrowed)
    }
}

/// The longest `basedOn` chain followed: Word itself allows a handful of levels.
const MAX_CHAIN: usize = 16;

/// What a style chain makes of the paragraphs in the style, short of their own properties.
#[derive(Clone, Debug, Default)]
struct StyleFacts {
    /// A table-of-contents style.
    contents: bool,
    /// The first outline level in the chain.
    outline: Option<u8>,
    /// A title or heading by the name of the first style in the chain that has such a name.
    named: Option<Structure>,
    /// The first numbering in the chain.
    numbering: Option<String>,
    /// `list number` (true) or `list bullet` (false) as the style's own name.
    list: Option<bool>,
}

impl StyleFacts {
    fn of(chain: &[Cow<'_, Style>]) -> StyleFacts {
        let first = chain.first().map(|s| s.name.as_str());
        StyleFacts {
            contents: first.is_some_and(|name| name.starts_with("toc ") || name == "toc heading"),
            outline: chain.iter().find_map(|s| s.outline),
            named: chain.iter().find_map(|style| {
                if style.name == "title" {
                    return Some(Structure::Title);
                }
                style
                    .name
                    .strip_prefix("heading ")
                    .and_then(|n| n.parse::<usize>().ok())
                    .map(Structure::Heading)
            }),
            numbering: chain.iter().find_map(|s| s.numbering.clone()),
            list: match first {
                Some(name) if name.starts_with("list number") => Some(true),
                Some(name) if name.starts_with("list bullet") => Some(false),
                _ => None,
            },
        }
    }
}

/// The name an English style id stands for: `Heading1` is `heading 1`, `ListBullet` is
/// `list bullet`, `TOCHeading` is `toc heading`.
fn name_from_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let mut name = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(&previous) = i.checked_sub(1).map(|p| &chars[p]) {
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = (previous.is_lowercase() && c.is_uppercase())
                || (previous.is_uppercase() && c.is_uppercase() && next_is_lower)
                || (previous.is_alphabetic() && c.is_ascii_digit());
            if boundary {
                name.push(' ');
            }
        }
        name.extend(c.to_lowercase());
    }
    name
}

/// Which numbering definitions are numbered rather than bulleted, per list level.
#[derive(Debug, Default)]
struct Numbering {
    /// `w:num` id to its abstract definition.
    abstract_of: HashMap<String, String>,
    /// (abstract definition, level) to "numbered".
    numbered: HashMap<(String, u8), bool>,
}

impl Numbering {
    fn read(part: &str, xml: &[u8], deadline: Deadline) -> Result<Numbering, PackageError> {
        let mut numbering = Numbering::default();
        let mut abstract_id = String::new();
        let mut level = 0u8;
        let mut num_id: Option<String> = None;
        walk(part, xml, deadline, namespace, |reader, ns, event| {
            let (Some(Ns::Main), Event::Start(e) | Event::Empty(e)) = (ns, &event) else {
                return Ok(());
            };
            match e.local_name().as_ref() {
                // Overrides restate levels of a definition; its own levels are enough.
                b"lvlOverride" if matches!(event, Event::Start(_)) => {
                    reader.read_to_end(e.name())?;
                }
                b"abstractNum" => {
                    abstract_id = attribute(e, b"abstractNumId")
                        .unwrap_or_default()
                        .into_owned();
                    num_id = None;
                }
                b"lvl" => {
                    level = attribute(e, b"ilvl")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                }
                b"numFmt" => {
                    let format = attribute(e, b"val").unwrap_or_default();
                    numbering.numbered.insert(
                        (abstract_id.clone(), level),
                        !matches!(format.as_ref(), "bullet" | "none"),
                    );
                }
                b"num" => num_id = attribute(e, b"numId").map(|v| v.into_owned()),
                b"abstractNumId" => {
                    if let (Some(num), Some(value)) = (&num_id, attribute(e, b"val")) {
                        numbering
                            .abstract_of
                            .insert(num.clone(), value.into_owned());
                    }
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(numbering)
    }

    fn is_numbered(&self, num_id: &str, level: u8) -> bool {
        self.abstract_of
            .get(num_id)
            .and_then(|a| self.numbered.get(&(a.clone(), level)))
            .copied()
            .unwrap_or(false)
    }
}

/// A paragraph being read, with the properties that decide its structure.
struct OpenParagraph {
    paragraph: Paragraph,
    style: Option<String>,
    outline: Option<u8>,
    num_id: Option<String>,
    level: u8,
}

/// The reading state of the main document part.
#[derive(Default)]
struct Body {
    /// Open paragraphs, innermost last (a text box's paragraphs sit inside a paragraph).
    open: Vec<OpenParagraph>,
    tables: Vec<OpenTable>,
    tables_seen: usize,
    in_properties: bool,
    in_text: bool,
    done: Vec<(Paragraph, Structure)>,
    /// Style facts by style id, as [`Styles::facts`] keeps them.
    style_facts: HashMap<String, StyleFacts>,
}

fn body(
    part: &str,
    xml: &[u8],
    styles: &Styles,
    numbering: &Numbering,
    deadline: Deadline,
) -> Result<Vec<Paragraph>, PackageError> {
    let mut state = Body::default();
    walk(part, xml, deadline, namespace, |reader, ns, event| {
        match (ns, event) {
            (Some(Ns::Main), Event::Start(e)) => {
                if SKIPPED.contains(&e.local_name().as_ref()) {
                    reader.read_to_end(e.name())?;
                } else {
                    state.start(&e);
                }
            }
            (Some(Ns::Main), Event::Empty(e)) => {
                state.start(&e);
                state.end(e.local_name().as_ref(), styles, numbering);
            }
            (Some(Ns::Main), Event::End(e)) => {
                state.end(e.local_name().as_ref(), styles, numbering)
            }
            (Some(Ns::MarkupCompatibility), Event::Start(e))
                if e.local_name().as_ref() == b"Fallback" =>
            {
                reader.read_to_end(e.name())?;
            }
            (_, Event::Text(text)) if state.in_text => state.push_text(&text.decode()?),
            (_, Event::CData(text)) if state.in_text => state.push_text(&text.decode()?),
            (_, Event::GeneralRef(reference)) if state.in_text => {
                if let Some(text) = reference_text(&reference) {
                    state.push_text(&text);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(settle_levels(state.done))
}

impl Body {
    fn start(&mut self, e: &BytesStart) {
        let value = || attribute(e, b"val").map(|v| v.into_owned());
        match e.local_name().as_ref() {
            b"p" => {
                let cell = self.tables.last().and_then(OpenTable::cell);
                self.open.push(OpenParagraph {
                    paragraph: Paragraph::new(cell),
                    style: None,
                    outline: None,
                    num_id: None,
                    level: 0,
                });
            }
            b"pPr" => self.in_properties = true,
            b"t" => self.in_text = true,
            b"tbl" => {
                self.tables_seen += 1;
                self.tables.push(OpenTable {
                    number: self.tables_seen,
                    row: 0,
                    column: 0,
                });
            }
            b"tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.row += 1;
                    table.column = 0;
                }
            }
            b"tc" => {
                if let Some(table) = self.tables.last_mut() {
                    table.column += 1;
                }
            }
            name => {
                let Some(open) = self.open.last_mut() else {
                    return;
                };
                if self.in_properties {
                    match name {
                        b"pStyle" => open.style = value(),
                        b"outlineLvl" => open.outline = value().and_then(|v| v.parse().ok()),
                        b"numId" => open.num_id = value(),
                        b"ilvl" => open.level = value().and_then(|v| v.parse().ok()).unwrap_or(0),
                        _ => {}
                    }
                } else {
                    match name {
                        b"tab" | b"ptab" | b"br" | b"cr" => open.paragraph.push_text(" "),
                        b"noBreakHyphen" => open.paragraph.push_text("-"),
                        _ => {}
                    }
                }
            }
        }
    }

    fn end(&mut self, name: &[u8], styles: &Styles, numbering: &Numbering) {
        match name {
            b"p" => {
                if let Some(open) = self.open.pop() {
                    let facts = styles.facts(open.style.as_deref(), &mut self.style_facts);
                    let structure = structure(&open, &facts, numbering);
                    self.done.push((open.paragraph, structure));
                }
            }
            b"pPr" => self.in_properties = false,
            b"t" => self.in_text = false,
            b"tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(open) = self.open.last_mut() {
            open.paragraph.push_text(text);
        }
    }
}

/// What a paragraph's own properties and the facts of its style chain make of it.
fn structure(open: &OpenParagraph, facts: &StyleFacts, numbering: &Numbering) -> Structure {
    if facts.contents {
        return Structure::Contents;
    }
    match open.outline.or(facts.outline) {
        Some(level) if level < 9 => return Structure::Heading(usize::from(level) + 1),
        // Level 9 is Word's "body text": a style that says so is not a heading.
        Some(_) => {}
        None => {
            if let Some(named) = facts.named {
                return named;
            }
        }
    }
    let numbered = match open.num_id.as_deref() {
        // Numbering id 0 removes the numbering a style gives.
        Some("0") => None,
        Some(id) => Some((id, open.level)),
        None => facts
            .numbering
            .as_deref()
            .filter(|id| *id != "0")
            .map(|id| (id, 0)),
    };
    if let Some((id, level)) = numbered {
        return Structure::Role(Role::ListItem {
            ordered: numbering.is_numbered(id, level),
        });
    }
    match facts.list {
        Some(ordered) => Structure::Role(Role::ListItem { ordered }),
        None => Structure::Role(Role::Body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::TableCell;
    use crate::source::office::no_deadline;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    /// (role, text) of each paragraph of a body read with these styles and numbering.
    fn read(body_xml: &str, styles_xml: &str, numbering_xml: &str) -> Vec<(Role, String)> {
        let styles = Styles::read(
            "styles",
            format!("<w:styles {W}>{styles_xml}</w:styles>").as_bytes(),
            no_deadline(),
        )
        .unwrap();
        let numbering = Numbering::read(
            "numbering",
            format!("<w:numbering {W}>{numbering_xml}</w:numbering>").as_bytes(),
            no_deadline(),
        )
        .unwrap();
        let document = format!(
            "<w:document {W} xmlns:mc=\"{}\"><w:body>{body_xml}</w:body></w:document>",
            std::str::from_utf8(MARKUP_COMPATIBILITY).unwrap()
        );
        body(
            "document",
            document.as_bytes(),
            &styles,
            &numbering,
            no_deadline(),
        )
        .unwrap()
        .into_iter()
        .filter(|p| !p.text.is_empty())
        .map(|p| (p.role, p.text))
        .collect()
    }

    fn p(properties: &str, text: &str) -> String {
        format!("<w:p><w:pPr>{properties}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn headings_come_from_style_names_in_any_language_and_outline_levels() {
        // A German Word names its heading style id "berschrift1" but keeps the English name.
        let styles = r#"<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Policy section"/><w:basedOn w:val="berschrift1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Outlined"><w:name w:val="Outlined"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="BodyLevel"><w:name w:val="Body level"/><w:basedOn w:val="berschrift1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>"#;
        let body = [
            p(r#"<w:pStyle w:val="berschrift1"/>"#, "Zweck"),
            p(r#"<w:pStyle w:val="Custom"/>"#, "Inherited"),
            p(r#"<w:pStyle w:val="Outlined"/>"#, "Outline three"),
            p(r#"<w:outlineLvl w:val="1"/>"#, "Direct two"),
            p(r#"<w:pStyle w:val="BodyLevel"/>"#, "Body text level"),
            p(r#"<w:pStyle w:val="Heading8"/>"#, "Undefined eight"),
        ]
        .concat();
        assert_eq!(
            read(&body, styles, ""),
            [
                (Role::Heading(1), "Zweck".into()),
                (Role::Heading(1), "Inherited".into()),
                (Role::Heading(3), "Outline three".into()),
                (Role::Heading(2), "Direct two".into()),
                (Role::Body, "Body text level".into()),
                (Role::Heading(6), "Undefined eight".into()),
            ]
        );
    }

    #[test]
    fn a_title_moves_headings_down_a_level() {
        let body = [
            p(r#"<w:pStyle w:val="Title"/>"#, "Handbook"),
            p(r#"<w:pStyle w:val="Heading1"/>"#, "Purpose"),
            p(r#"<w:pStyle w:val="Heading6"/>"#, "Deep"),
        ]
        .concat();
        assert_eq!(
            read(&body, "", ""),
            [
                (Role::Heading(1), "Handbook".into()),
                (Role::Heading(2), "Purpose".into()),
                (Role::Heading(6), "Deep".into()),
            ]
        );
    }

    #[test]
    fn numbering_makes_list_items_and_id_zero_removes_it() {
        let numbering = r#"<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>
            <w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:lvlOverride></w:num>"#;
        let styles = r#"<w:style w:type="paragraph" w:styleId="Steps"><w:name w:val="Steps"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>"#;
        let body = [
            p(
                r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>"#,
                "Bullet",
            ),
            p(
                r#"<w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>"#,
                "Lettered",
            ),
            p(r#"<w:pStyle w:val="Steps"/>"#, "From the style"),
            p(
                r#"<w:pStyle w:val="Steps"/><w:numPr><w:numId w:val="0"/></w:numPr>"#,
                "Removed",
            ),
            p(r#"<w:pStyle w:val="ListNumber"/>"#, "By name"),
        ]
        .concat();
        let bullet = Role::ListItem { ordered: false };
        let numbered = Role::ListItem { ordered: true };
        assert_eq!(
            read(&body, styles, numbering),
            [
                (bullet, "Bullet".into()),
                (numbered, "Lettered".into()),
                (bullet, "From the style".into()),
                (Role::Body, "Removed".into()),
                (numbered, "By name".into()),
            ]
        );
    }

    #[test]
    fn contents_moves_fallbacks_and_old_properties_never_count() {
        let body = [
            p(r#"<w:pStyle w:val="TOC1"/>"#, "Purpose 1"),
            p(r#"<w:pStyle w:val="TOCHeading"/>"#, "Contents"),
            "<w:p><w:r><w:t xml:space=\"preserve\">Kept </w:t></w:r><w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>moved here</w:t></w:r></w:moveTo></w:p>".into(),
            "<w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr></w:pPrChange><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>Was</w:t><w:tab/><w:t>a heading</w:t></w:r></w:p>".into(),
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed once</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed once</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Anchor</w:t></w:r></w:p>".into(),
        ]
        .concat();
        assert_eq!(
            read(&body, "", ""),
            [
                (Role::Body, "Kept moved here".into()),
                (Role::Body, "Was a heading".into()),
                (Role::Body, "Boxed once".into()),
                (Role::Body, "Anchor".into()),
            ]
        );
    }

    #[test]
    fn a_style_based_on_itself_is_read_once() {
        let styles = Styles::read(
            "styles",
            format!(
                "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"Loop\">\
                 <w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Loop\"/></w:style></w:styles>"
            )
            .as_bytes(),
            no_deadline(),
        )
        .unwrap();
        assert_eq!(styles.chain(Some("Loop")).len(), 1);
        let body =
            "<w:p><w:pPr><w:pStyle w:val=\"Loop\"/></w:pPr><w:r><w:t>Looped</w:t></w:r></w:p>";
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let paragraphs = super::body(
            "d",
            document.as_bytes(),
            &styles,
            &Numbering::default(),
            no_deadline(),
        )
        .unwrap();
        assert_eq!(paragraphs[0].role, Role::Heading(2));
    }

    #[test]
    fn nested_tables_number_their_cells() {
        let body = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Outer</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>Inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>After</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        let styles = Styles::default();
        let numbering = Numbering::default();
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let cells: Vec<(String, Option<TableCell>)> =
            super::body("d", document.as_bytes(), &styles, &numbering, no_deadline())
                .unwrap()
                .into_iter()
                .filter(|p| !p.text.is_empty())
                .map(|p| (p.text, p.cell))
                .collect();
        let cell = |table, row, column| Some(TableCell { table, row, column });
        assert_eq!(
            cells,
            [
                ("Outer".to_string(), cell(1, 1, 1)),
                ("Inner".to_string(), cell(2, 1, 2)),
                ("After".to_string(), cell(1, 1, 1)),
            ]
        );
    }

    #[test]
    fn style_ids_read_as_names() {
        assert_eq!(name_from_id("Heading1"), "heading 1");
        assert_eq!(name_from_id("ListBullet"), "list bullet");
        assert_eq!(name_from_id("TOC2"), "toc 2");
        assert_eq!(name_from_id("TOCHeading"), "toc heading");
        assert_eq!(name_from_id("Title"), "title");
    }

    #[test]
    fn relationship_targets_become_part_names() {
        assert_eq!(join("word", "styles.xml"), "word/styles.xml");
        assert_eq!(join("", "/word/document.xml"), "word/document.xml");
        assert_eq!(join("word/sub", "../numbering.xml"), "word/numbering.xml");
    }
}
