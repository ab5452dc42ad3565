//! HTML through tree-sitter-html, whose nodes carry byte spans into the original markup, so
//! every finding points at the page's own bytes.
//!
//! `h1`–`h6` open sections. Text makes blocks where a reader sees a paragraph: `p`, `li`, `td`,
//! `th`, `blockquote`, `dt`, `dd`, `figcaption`, and text loose in any other block element
//! (`div`, `section`, ...). Text that is not the page's prose never counts: `script`, `style`,
//! `head`, `nav`, the page's own `header` and `footer` (those not inside `article`, `aside`,
//! `main`, `nav` or `section`, as ARIA defines the banner and content-info landmarks; a
//! `header` inside an article holds its title), code (`pre`, `code`, `kbd`, `samp`), deleted
//! text (`del`), form controls, embedded media, hidden elements and attribute values.
//! Comments are kept for suppression directives. Entity references (`&amp;`) are word
//! boundaries, never words: decoding them would move spans off the original bytes.

use tree_sitter::{Node, Parser};

use super::deadline::Deadline;
use super::front_matter::FrontMatter;
use super::{BlockKind, DocumentBuilder, ParseError, Span};

/// Elements whose whole subtree is never prose.
const NOT_PROSE: &[&str] = &[
    "head", "title", "script", "style", "template", "noscript", "nav", "svg", "math", "canvas",
    "iframe", "object", "embed", "audio", "video", "picture", "select", "button", "textarea",
    "datalist", "output", "progress", "meter", "pre", "code", "kbd", "samp", "del",
];

/// Elements that end the text before them and start new text: a paragraph never runs across
/// one of them.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// How deep elements may nest. tree-sitter-html keeps the open elements in the state of every
/// token it reads, so memory grows with depth times length: 10 MB of `<a>` nested ever deeper
/// took over 2 GB before the time limit. Pages written by people or editors nest a few dozen
/// deep.
pub(crate) const MAX_DEPTH: usize = 100;

/// Elements that hold no others, or that the next of their kind or their parent's end closes
/// (`<p>`, `<li>`, `<td>` are often left open): they add no depth to count.
const ADD_NO_DEPTH: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
];

/// Elements inside which a `header` or `footer` belongs to the content, not to the page.
const SECTIONING: &[&str] = &["article", "aside", "main", "nav", "section"];

/// ARIA roles of page furniture.
const NOT_PROSE_ROLES: &[&str] = &["navigation", "banner", "contentinfo"];

/// An open block element and what it makes of the text inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Container {
    Heading(u8),
    List { ordered: bool },
    ListItem { ordered: bool },
    Cell,
    Quote,
    Sectioning,
    Other,
}

/// Parse `text` into `out`, giving up at `deadline`.
pub(crate) fn parse(
    text: &str,
    out: &mut DocumentBuilder,
    deadline: Deadline,
) -> Result<Option<FrontMatter>, ParseError> {
    parse_ranges(text, &[], out, deadline)?;
    Ok(None)
}

/// Parse the HTML in `range` of a document in another format (a block of HTML in Markdown)
/// into `out`, with spans in the document's own offsets.
pub(crate) fn parse_embedded(
    text: &str,
    range: tree_sitter::Range,
    out: &mut DocumentBuilder,
    deadline: Deadline,
) -> Result<(), ParseError> {
    parse_ranges(text, &[range], out, deadline)
}

/// Parse `ranges` of `text` (all of it when empty) into `out`.
fn parse_ranges(
    text: &str,
    ranges: &[tree_sitter::Range],
    out: &mut DocumentBuilder,
    deadline: Deadline,
) -> Result<(), ParseError> {
    let scanned = if ranges.is_empty() {
        text
    } else {
        &text[ranges[0].start_byte..ranges[ranges.len() - 1].end_byte]
    };
    let offset = scanned.as_ptr() as usize - text.as_ptr() as usize;
    if let Some(at) = nests_too_deep(scanned) {
        return Err(ParseError::TooDeep(offset + at));
    }
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_html::LANGUAGE.into())
        .expect("the bundled HTML grammar matches the tree-sitter ABI");
    if !ranges.is_empty() {
        parser
            .set_included_ranges(ranges)
            .expect("one range inside the text is always valid");
    }
    let tree = deadline.parse(&mut parser, text)?;
    let mut walker = Walker {
        text,
        out,
        containers: Vec::new(),
        context: Context::default(),
        run: Vec::new(),
    };
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let descend = walker.enter(cursor.node(), depth);
        if descend && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            walker.leave(depth);
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                walker.flush();
                return Ok(());
            }
            depth -= 1;
        }
    }
}

/// Where the elements of `html` first nest deeper than [`MAX_DEPTH`], by a count of start and
/// end tags in one pass: comments and the text of `script` and `style` hold no tags, and a tag
/// runs to its `>` or to the next `<`, whichever comes first.
fn nests_too_deep(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|b| *b == b'<') {
        let open = at + found;
        let rest = &html[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            at = comment
                .find("-->")
                .map_or(bytes.len(), |end| open + 4 + end + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = open + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            at = open + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = bytes[name_start + name_len..]
            .iter()
            .position(|b| *b == b'>' || *b == b'<')
            .map_or(bytes.len(), |end| name_start + name_len + end);
        let self_closing =
            tag_end > 0 && bytes.get(tag_end) == Some(&b'>') && bytes[tag_end - 1] == b'/';
        at = if bytes.get(tag_end) == Some(&b'>') {
            tag_end + 1
        } else {
            tag_end
        };
        if closing {
            depth = depth.saturating_sub(usize::from(!ADD_NO_DEPTH.contains(&name.as_str())));
            continue;
        }
        if self_closing || ADD_NO_DEPTH.contains(&name.as_str()) {
            continue;
        }
        if name == "script" || name == "style" {
            let end = format!("</{name}");
            at = (at..bytes.len())
                .find(|&i| {
                    bytes[i] == b'<'
                        && bytes.len() - i >= end.len()
                        && bytes[i..i + end.len()].eq_ignore_ascii_case(end.as_bytes())
                })
                .unwrap_or(bytes.len());
            continue;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            return Some(open);
        }
    }
    None
}

struct Walker<'a> {
    text: &'a str,
    out: &'a mut DocumentBuilder,
    /// Open block elements with the depth of their node, outermost first.
    containers: Vec<(usize, Container)>,
    context: Context,
    /// Text since the last block boundary.
    run: Vec<Span>,
}

/// What the open containers make of text inside them, kept up to date as they open and
/// close, so that no question walks the stack (pages can nest thousands deep).
#[derive(Default)]
struct Context {
    heading: Option<u8>,
    sectioning: usize,
    /// Whether each open list is numbered, innermost last.
    lists: Vec<bool>,
    /// The kinds open list items, cells and quotes give their text, innermost last.
    kinds: Vec<BlockKind>,
}

impl Context {
    fn open(&mut self, container: Container) {
        match container {
            Container::Heading(level) => self.heading = Some(level),
            Container::List { ordered } => self.lists.push(ordered),
            Container::ListItem { ordered } => self.kinds.push(BlockKind::ListItem { ordered }),
            Container::Cell => self.kinds.push(BlockKind::TableCell),
            Container::Quote => self.kinds.push(BlockKind::Quote),
            Container::Sectioning => self.sectioning += 1,
            Container::Other => {}
        }
    }

    fn close(&mut self, container: Container) {
        match container {
            Container::Heading(_) => self.heading = None,
            Container::List { .. } => {
                self.lists.pop();
            }
            Container::ListItem { .. } | Container::Cell | Container::Quote => {
                self.kinds.pop();
            }
            Container::Sectioning => self.sectioning -= 1,
            Container::Other => {}
        }
    }
}

impl Walker<'_> {
    /// Handle a node on the way down; `true` to visit its children.
    fn enter(&mut self, node: Node, depth: usize) -> bool {
        match node.kind() {
            "document" | "ERROR" => true,
            "text" => {
                self.run.push(Span::new(node.start_byte(), node.end_byte()));
                false
            }
            "comment" => {
                self.out
                    .comments
                    .push(Span::new(node.start_byte(), node.end_byte()));
                false
            }
            "element" => self.enter_element(node, depth),
            // Tags, attribute values, entities, doctype, script and style.
            _ => false,
        }
    }

    fn enter_element(&mut self, node: Node, depth: usize) -> bool {
        let Some(tag) = node.child(0).filter(|t| t.kind().ends_with("tag")) else {
            return true;
        };
        let name = tag_name(self.text, tag).to_ascii_lowercase();
        let name = name.as_str();
        if NOT_PROSE.contains(&name) || self.is_page_furniture(name, tag) {
            return false;
        }
        let heading = heading_level(name);
        if heading.is_none() && !BLOCK_ELEMENTS.contains(&name) {
            // Inline elements (a, em, span, ...) continue the current text.
            return true;
        }
        if self.context.heading.is_some() {
            // A heading stays one block whatever it wraps.
            return true;
        }
        let container = if let Some(level) = heading {
            Container::Heading(level)
        } else {
            match name {
                "ol" => Container::List { ordered: true },
                "ul" | "menu" | "dir" => Container::List { ordered: false },
                "li" => Container::ListItem {
                    ordered: self.context.lists.last() == Some(&true),
                },
                "td" | "th" => Container::Cell,
                "blockquote" => Container::Quote,
                _ if SECTIONING.contains(&name) => Container::Sectioning,
                _ => Container::Other,
            }
        };
        self.flush();
        self.containers.push((depth, container));
        self.context.open(container);
        true
    }

    /// Page-level header and footer, navigation by role, and hidden elements.
    fn is_page_furniture(&self, name: &str, tag: Node) -> bool {
        if matches!(name, "header" | "footer") && self.context.sectioning == 0 {
            return true;
        }
        attributes(self.text, tag).any(|(name, value)| {
            name.eq_ignore_ascii_case("hidden")
                || (name.eq_ignore_ascii_case("aria-hidden") && value == "true")
                || (name.eq_ignore_ascii_case("role")
                    && NOT_PROSE_ROLES
                        .iter()
                        .any(|role| role.eq_ignore_ascii_case(value)))
        })
    }

    /// Handle leaving the node at `depth`: a block element ends its text.
    fn leave(&mut self, depth: usize) {
        if self.containers.last().is_some_and(|(d, _)| *d == depth) {
            self.flush();
            if let Some((_, container)) = self.containers.pop() {
                self.context.close(container);
            }
        }
    }

    /// Turn the text since the last boundary into a block of the kind its containers give it.
    fn flush(&mut self) {
        let (Some(first), Some(last)) = (self.run.first(), self.run.last()) else {
            return;
        };
        let span = Span::new(first.start, last.end);
        let kind = if let Some(level) = self.context.heading {
            self.out.open_section(level);
            BlockKind::Heading
        } else {
            self.context
                .kinds
                .last()
                .copied()
                .unwrap_or(BlockKind::Paragraph)
        };
        self.out.push_block(kind, span, self.run.drain(..));
    }
}

/// What a reader sees between two prose spans of a block, for showing headings and titles:
/// entity references decoded and tags dropped (`<br>` is a space). A gap that holds other
/// text (code, deleted text) reads as a space.
pub(super) fn gap_text(gap: &str) -> String {
    let mut out = String::new();
    let mut rest = gap;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            out.push(' ');
            rest = &rest[c.len_utf8()..];
        } else if let Some(tag) = rest.strip_prefix('<') {
            let Some(end) = tag.find('>') else {
                return " ".into();
            };
            let name = tag[..end]
                .trim_start_matches('/')
                .split([' ', '/', '\t'])
                .next();
            if name.is_some_and(|n| n.eq_ignore_ascii_case("br")) {
                out.push(' ');
            }
            rest = &tag[end + 1..];
        } else if let Some(reference) = rest.strip_prefix('&') {
            let decoded = reference
                .find(';')
                .filter(|&end| end <= 32)
                .and_then(|end| Some((entity(&reference[..end])?, end)));
            let Some((decoded, end)) = decoded else {
                return " ".into();
            };
            out.push(decoded);
            rest = &reference[end + 1..];
        } else {
            return " ".into();
        }
    }
    out
}

/// The character an entity reference (without `&` and `;`) stands for: numeric references
/// and the named ones policy pages use.
fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        "bull" => '\u{2022}',
        "middot" => '\u{B7}',
        "sect" => '\u{A7}',
        "copy" => '\u{A9}',
        "reg" => '\u{AE}',
        "trade" => '\u{2122}',
        "deg" => '\u{B0}',
        "euro" => '\u{20AC}',
        "pound" => '\u{A3}',
        _ => return None,
    })
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

fn tag_name<'t>(text: &'t str, tag: Node) -> &'t str {
    let mut cursor = tag.walk();
    tag.children(&mut cursor)
        .find(|c| c.kind() == "tag_name")
        .map_or("", |n| &text[n.byte_range()])
}

/// The (name, value) attributes of a start tag; a bare attribute's value is `""`.
fn attributes<'t>(text: &'t str, tag: Node<'t>) -> impl Iterator<Item = (&'t str, &'t str)> {
    let mut cursor = tag.walk();
    let attributes: Vec<Node<'t>> = tag
        .children(&mut cursor)
        .filter(|child| child.kind() == "attribute")
        .collect();
    attributes.into_iter().map(move |attribute| {
        let name = attribute.child(0).map_or("", |n| &text[n.byte_range()]);
        let value = attribute.child(2).map_or("", |v| {
            text[v.byte_range()].trim_matches(|c| c == '"' || c == '\'')
        });
        (name, value)
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::Outline;
    use super::*;

    fn parse_in_time(
        text: &str,
        out: &mut DocumentBuilder,
    ) -> Result<Option<FrontMatter>, ParseError> {
        parse(
            text,
            out,
            Deadline::after(crate::limits::DEFAULT_MAX_PARSE_TIME),
        )
    }

    fn blocks(text: &str) -> Vec<(BlockKind, String)> {
        Outline::of(text, parse_in_time).blocks
    }

    #[test]
    fn nesting_is_counted_by_elements_that_hold_others() {
        let deep = |n: usize, open: &str| open.repeat(n);
        assert_eq!(nests_too_deep(&deep(MAX_DEPTH, "<div>")), None);
        assert_eq!(
            nests_too_deep(&deep(MAX_DEPTH + 1, "<div>")),
            Some(5 * MAX_DEPTH)
        );
        // Start tags never finished by `>` open elements too.
        assert_eq!(
            nests_too_deep(&deep(MAX_DEPTH + 1, "<a ")),
            Some(3 * MAX_DEPTH)
        );
        // Closed, empty, self-closing and often unclosed elements add no depth.
        for page in [
            deep(1000, "<div>x</div>"),
            deep(1000, "<br><img src=a.png><hr/>"),
            deep(1000, "<p>para<li>item<td>cell"),
            deep(1000, "<span/>"),
        ] {
            assert_eq!(nests_too_deep(&page), None, "{}", &page[..40]);
        }
        // Comments and the text of scripts and styles hold no tags.
        let hidden = format!(
            "<!-- {} --><script>{}</SCRIPT><style>{}</style>",
            deep(200, "<div>"),
            deep(200, "<div>"),
            deep(200, "<b>")
        );
        assert_eq!(nests_too_deep(&hidden), None);
    }

    #[test]
    fn a_page_nested_too_deep_is_refused_before_it_is_parsed() {
        let page = format!("<p>Rules</p>{}", "<a>".repeat(MAX_DEPTH + 1));
        let mut out = DocumentBuilder::default();
        match parse_in_time(&page, &mut out) {
            Err(ParseError::TooDeep(at)) => assert_eq!(at, 12 + 3 * MAX_DEPTH),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn headings_paragraphs_lists_cells_and_quotes() {
        let text = "<h1>Travel <em>policy</em></h1><p>We do this so that<br>people stay safe.\
                    <ol><li>Submit <a href=\"/purpose\">the form</a><li><p>Wait</p></ol>\
                    <table><tr><th>Who<td>Approves</table><blockquote><p>Quoted</blockquote>\
                    <div>Loose text</div>";
        let ordered = BlockKind::ListItem { ordered: true };
        assert_eq!(
            blocks(text),
            [
                (BlockKind::Heading, "Travel|policy".into()),
                (
                    BlockKind::Paragraph,
                    "We do this so that|people stay safe.".into()
                ),
                (ordered, "Submit|the form".into()),
                (ordered, "Wait".into()),
                (BlockKind::TableCell, "Who".into()),
                (BlockKind::TableCell, "Approves".into()),
                (BlockKind::Quote, "Quoted".into()),
                (BlockKind::Paragraph, "Loose text".into()),
            ]
        );
    }

    #[test]
    fn page_furniture_code_and_hidden_text_never_count() {
        let text = "<!doctype html><html><head><title>Intranet</title><style>p{}</style></head>\
                    <body><header>Site banner</header><nav><a>Home</a></nav>\
                    <div role=\"navigation\">Menu</div><main><article><header><h1>Leave</h1>\
                    </header><p>Ask your manager.<code>purpose()</code></p><pre>why</pre>\
                    <p hidden>Draft</p><p>Old <del>rule</del> text</p><script>var why;</script>\
                    </article></main><footer>Copyright</footer></body></html>";
        assert_eq!(
            blocks(text),
            [
                (BlockKind::Heading, "Leave".into()),
                (BlockKind::Paragraph, "Ask your manager.".into()),
                (BlockKind::Paragraph, "Old|text".into()),
            ]
        );
    }

    #[test]
    fn entities_are_boundaries_and_comments_are_kept() {
        let text =
            "<!-- policylint-disable-next-line purpose-missing -->\n<h2>Health &amp; safety</h2>";
        let mut builder = DocumentBuilder::default();
        parse_in_time(text, &mut builder).unwrap();
        let (sections, blocks, prose, comments) = builder.finish();
        assert_eq!(sections[1].level, 2);
        let words: Vec<&str> = prose[blocks[0].prose.clone()]
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(words, ["Health", "safety"]);
        assert_eq!(comments, [Span::new(0, 53)]);
    }

    #[test]
    fn markup_too_large_to_parse_in_time_is_an_error() {
        let text = "<div><b>x</b><i>y</i></div>".repeat(5000);
        let mut builder = DocumentBuilder::default();
        assert_eq!(
            parse(&text, &mut builder, Deadline::after(Duration::ZERO)),
            Err(ParseError::OutOfTime(Duration::ZERO))
        );
    }

    #[test]
    fn headings_inside_headings_stay_one_block() {
        let outline = Outline::of("<h1>Policy <h2>inner</h2> tail</h1><p>Body", parse_in_time);
        assert_eq!(outline.headings, [(1, "Policy|inner|tail".to_string())]);
        assert_eq!(outline.blocks[1], (BlockKind::Paragraph, "Body".into()));
    }

    #[test]
    fn gaps_read_as_the_page_shows_them() {
        assert_eq!(gap_text(" &amp; "), " & ");
        assert_eq!(gap_text("</em> <b>"), " ");
        assert_eq!(gap_text("<br/>"), " ");
        assert_eq!(gap_text("&#8217;"), "\u{2019}");
        assert_eq!(gap_text("<code>x</code>"), " ");
        assert_eq!(gap_text("&unknown;"), " ");
    }

    #[test]
    fn broken_markup_still_reads() {
        let text = "<p>Unclosed <b>bold<div>Next</span></p></p><h3>Title";
        assert_eq!(
            blocks(text),
            [
                (BlockKind::Paragraph, "Unclosed|bold".into()),
                (BlockKind::Paragraph, "Next".into()),
                (BlockKind::Heading, "Title".into()),
            ]
        );
    }
}
