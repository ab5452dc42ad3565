//! Front matter: a YAML (`---`) or TOML (`+++`) block at the top of a file.
//!
//! YAML is read with `saphyr-parser`'s event stream (a YAML 1.2 parser that reports where each
//! node is, and never recurses, so no nesting overflows the stack); TOML with the `toml`
//! crate. policylint itself reads `kind`, `title` and `policylint.disable`; every other
//! top-level key with a scalar or a list of scalars is kept as a [`RawField`] for the
//! document's metadata (owner, review dates and the like, typed by [`crate::metadata`]).
//! Pages generated from data keep their text in YAML (criteria of a career framework as a
//! list of strings): strings of several words that are items of a block list are read as
//! prose. Values under keys (`description: ...`) are metadata, not the page's text.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde::{Deserialize, Serialize};

use super::{BlockKind, DocumentBuilder, Span};

/// How many words a YAML string needs to be read as prose rather than as a name or a value.
const PROSE_WORDS: usize = 5;

/// The parts of a front-matter block policylint uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The whole block, fences included.
    pub span: Span,
    pub kind: Option<String>,
    pub kind_span: Option<Span>,
    pub title: Option<String>,
    /// The first line of the title's value: where findings about the whole document point.
    pub title_span: Option<Span>,
    /// Rules switched off for the whole file by `policylint: { disable: [...] }`, each with
    /// its span (`all` switches off every rule).
    pub disable: Vec<(String, Span)>,
    /// Every other top-level key with a value, in file order.
    pub fields: Vec<RawField>,
    /// Why the block could not be read to its end (not valid YAML or TOML), and where.
    pub problem: Option<(Span, String)>,
}

/// A key and its value as written, before it is given a meaning and a type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawField {
    pub key: String,
    pub value: RawValue,
    /// The value, or the key when the value has no place of its own.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RawValue {
    /// A scalar as text: a string, a number, a boolean, a YAML date.
    Text(String),
    /// A TOML date or date-time, as written.
    Date(String),
    /// A list of scalars.
    List(Vec<String>),
}

/// The span of a front-matter block at the very start of `text`, fences included.
pub fn detect(text: &str) -> Option<Span> {
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let mut lines = line_spans(text);
    let first = lines.next()?;
    if text[first.range()].trim_end() != fence {
        return None;
    }
    lines
        .find(|line| text[line.range()].trim_end() == fence)
        .map(|closing| Span::new(0, closing.end))
}

/// The front matter at the start of `text`, if any, with its prose added to `out`.
pub(crate) fn read(text: &str, out: &mut DocumentBuilder) -> Option<FrontMatter> {
    let span = detect(text)?;
    let (front, prose) = parse_with_prose(text, span);
    push_prose(out, &prose);
    Some(front)
}

/// The front matter at the start of `text`, if any, read without the rest of the document.
pub fn at_start(text: &str) -> Option<FrontMatter> {
    Some(parse_with_prose(text, detect(text)?).0)
}

/// The front matter spanning `span` in `text`, with its prose added to `out`.
pub(crate) fn read_at(text: &str, span: Span, out: &mut DocumentBuilder) -> FrontMatter {
    let (front, prose) = parse_with_prose(text, span);
    push_prose(out, &prose);
    front
}

fn push_prose(out: &mut DocumentBuilder, prose: &[Span]) {
    for &span in prose {
        out.push_block(BlockKind::ListItem { ordered: false }, span, [span]);
    }
}

/// The block's keys, and the spans of its strings that are prose.
fn parse_with_prose(text: &str, span: Span) -> (FrontMatter, Vec<Span>) {
    let mut front = FrontMatter {
        span,
        ..FrontMatter::default()
    };
    let block = &text[span.range()];
    let Some(body_start) = block.find('\n').map(|i| span.start + i + 1) else {
        return (front, Vec::new());
    };
    // The closing fence is the block's last line.
    let body_end = text[body_start..span.end]
        .rfind('\n')
        .map_or(body_start, |i| body_start + i + 1);
    let body = Span::new(body_start, body_end);
    let mut prose = Vec::new();
    if block.starts_with("+++") {
        read_toml(text, body, &mut front);
    } else {
        YamlReader::new(text, body, &mut front, &mut prose).run();
    }
    (front, prose)
}

/// Lines as spans without their line terminator.
fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = Span::new(start, end);
        start = end + 1;
        let trimmed_end = if text[line.range()].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Some(Span::new(line.start, trimmed_end))
    })
}

/// Where a node sits: the keys leading to it from the top, and whether it is an item of a
/// list (and of a block list, written with `- `).
#[derive(Clone, Debug)]
struct Place {
    keys: Vec<String>,
    in_list: bool,
    in_block_list: bool,
}

/// A mapping or a list being read.
enum Open {
    Mapping {
        place: Place,
        /// The key read and waiting for its value.
        key: Option<(String, Span)>,
    },
    List {
        place: Place,
        block: bool,
        /// Its scalar items, for a top-level key's list.
        items: Vec<String>,
        span: Span,
    },
}

/// Reads a YAML body from the parser's events, with an explicit stack of open nodes.
struct YamlReader<'a> {
    text: &'a str,
    body: Span,
    /// The byte offset of each character of the body, and the body's end: the parser counts
    /// characters.
    offsets: Vec<usize>,
    front: &'a mut FrontMatter,
    prose: &'a mut Vec<Span>,
    stack: Vec<Open>,
}

impl<'a> YamlReader<'a> {
    fn new(
        text: &'a str,
        body: Span,
        front: &'a mut FrontMatter,
        prose: &'a mut Vec<Span>,
    ) -> Self {
        let source = &text[body.range()];
        let offsets = source
            .char_indices()
            .map(|(i, _)| body.start + i)
            .chain([body.end])
            .collect();
        YamlReader {
            text,
            body,
            offsets,
            front,
            prose,
            stack: Vec::new(),
        }
    }

    fn byte(&self, chars: usize) -> usize {
        self.offsets[chars.min(self.offsets.len() - 1)]
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        Span::new(self.byte(span.start.index()), self.byte(span.end.index()))
    }

    fn run(mut self) {
        let source = &self.text[self.body.range()];
        for event in Parser::new_from_str(source) {
            let (event, span) = match event {
                Ok(event) => event,
                Err(err) => {
                    let at = self.byte(err.marker().index());
                    let end = self.text[at..self.body.end]
                        .find('\n')
                        .map_or(self.body.end, |i| at + i);
                    self.front.problem = Some((
                        Span::new(at, end.max(at)),
                        format!("front matter is not valid YAML: {}", err.info()),
                    ));
                    return;
                }
            };
            let span = self.span(span);
            match event {
                Event::Scalar(value, style, _, _) => self.scalar(value, style, span),
                Event::MappingStart(..) => {
                    let place = self.place_of_value();
                    self.stack.push(Open::Mapping { place, key: None });
                }
                Event::SequenceStart(..) => {
                    let place = self.place_of_value();
                    let block = !self.text[span.start..].starts_with('[');
                    self.stack.push(Open::List {
                        place,
                        block,
                        items: Vec::new(),
                        span,
                    });
                }
                Event::MappingEnd => {
                    self.stack.pop();
                    self.value_done();
                }
                Event::SequenceEnd => {
                    let list_end = span.end;
                    if let Some(Open::List {
                        place, items, span, ..
                    }) = self.stack.pop()
                        && let [key] = place.keys.as_slice()
                        && !place.in_list
                        && key != "policylint"
                    {
                        self.front.fields.push(RawField {
                            key: key.clone(),
                            value: RawValue::List(items),
                            span: Span::new(span.start, list_end.max(span.start)),
                        });
                    }
                    self.value_done();
                }
                Event::Alias(_) => self.value_done(),
                _ => {}
            }
        }
    }

    /// Where the next value goes: under the waiting key of the open mapping, or into the
    /// open list.
    fn place_of_value(&self) -> Place {
        match self.stack.last() {
            None => Place {
                keys: Vec::new(),
                in_list: false,
                in_block_list: false,
            },
            Some(Open::Mapping { place, key }) => {
                let mut keys = place.keys.clone();
                keys.push(key.as_ref().map_or_else(String::new, |(k, _)| k.clone()));
                Place {
                    keys,
                    in_list: false,
                    in_block_list: false,
                }
            }
            Some(Open::List { place, block, .. }) => Place {
                keys: place.keys.clone(),
                in_list: true,
                in_block_list: *block,
            },
        }
    }

    /// A value was read whole: the open mapping waits for its next key.
    fn value_done(&mut self) {
        if let Some(Open::Mapping { key, .. }) = self.stack.last_mut() {
            *key = None;
        }
    }

    fn scalar(&mut self, value: Cow<'_, str>, style: ScalarStyle, span: Span) {
        if let Some(Open::Mapping {
            key: key @ None, ..
        }) = self.stack.last_mut()
        {
            *key = Some((value.into_owned(), span));
            return;
        }
        let place = self.place_of_value();
        let value = value.trim().to_string();
        let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
        if place.in_list {
            if let Some(Open::List { items, .. }) = self.stack.last_mut() {
                items.push(value.clone());
            }
            if place.keys == ["policylint", "disable"] {
                self.front.disable.push((value, span));
            } else if place.in_block_list
                && (quoted || style == ScalarStyle::Plain)
                && value.split_whitespace().count() >= PROSE_WORDS
            {
                let inner = if quoted {
                    Span::new(
                        span.start + 1,
                        span.end.saturating_sub(1).max(span.start + 1),
                    )
                } else {
                    span
                };
                self.prose.push(inner);
            }
        } else if !value.is_empty() {
            match place.keys.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                ["kind"] => {
                    self.front.kind = Some(value);
                    self.front.kind_span = Some(span);
                }
                ["title"] => {
                    self.front.title_span = Some(first_line(self.text, span));
                    self.front.title = Some(value);
                }
                ["policylint", "disable"] => self.front.disable.push((value, span)),
                [key] => self.front.fields.push(RawField {
                    key: key.to_string(),
                    value: RawValue::Text(value),
                    span,
                }),
                _ => {}
            }
        }
        self.value_done();
    }
}

/// The first line of a value that may span several (a folded `>` or literal `|` block, a
/// quoted string broken over lines): where a finding about it points. A block's indicator
/// line is skipped.
fn first_line(text: &str, span: Span) -> Span {
    let mut start = span.start;
    for line in text[span.range()].split_inclusive('\n') {
        let content = line.trim();
        let indicator = content.starts_with(['|', '>'])
            && content
                .chars()
                .skip(1)
                .all(|c| c.is_ascii_digit() || c == '+' || c == '-');
        if content.is_empty() || indicator {
            start += line.len();
            continue;
        }
        let leading = line.len() - line.trim_start().len();
        let end = start + line.trim_end().len();
        return Span::new(start + leading, end.min(span.end));
    }
    span
}

fn read_toml(text: &str, body: Span, front: &mut FrontMatter) {
    let table = match toml::de::DeTable::parse(&text[body.range()]) {
        Ok(table) => table,
        Err(err) => {
            let at = err.span().map_or(body.start, |s| body.start + s.start);
            let end = err.span().map_or(at, |s| body.start + s.end);
            let message = err.message().trim_end().to_string();
            front.problem = Some((
                Span::new(at, end),
                format!("front matter is not valid TOML: {message}"),
            ));
            return;
        }
    };
    let located =
        |range: std::ops::Range<usize>| Span::new(body.start + range.start, body.start + range.end);
    for (key, value) in table.get_ref() {
        let key = key.get_ref().as_ref();
        if key == "policylint"
            && let toml::de::DeValue::Table(settings) = value.get_ref()
            && let Some(disable) = settings.get("disable")
            && let toml::de::DeValue::Array(items) = disable.get_ref()
        {
            front.disable = items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    toml::de::DeValue::String(name) => {
                        Some((name.to_string(), located(item.span())))
                    }
                    _ => None,
                })
                .collect();
            continue;
        }
        let value_span = located(value.span());
        let raw = match value.get_ref() {
            toml::de::DeValue::Array(items) => RawValue::List(
                items
                    .iter()
                    .filter_map(|item| toml_scalar(item.get_ref()))
                    .collect(),
            ),
            toml::de::DeValue::Datetime(date) => RawValue::Date(date.to_string()),
            other => match toml_scalar(other) {
                Some(text) => RawValue::Text(text),
                None => continue,
            },
        };
        match (key, raw) {
            ("kind", RawValue::Text(kind)) => {
                front.kind = Some(kind);
                front.kind_span = Some(value_span);
            }
            ("title", RawValue::Text(title)) => {
                front.title = Some(title);
                front.title_span = Some(first_line(text, value_span));
            }
            ("kind" | "title", _) => {}
            (key, value) => front.fields.push(RawField {
                key: key.to_string(),
                value,
                span: value_span,
            }),
        }
    }
}

/// A TOML scalar as text; `None` for tables and arrays.
fn toml_scalar(value: &toml::de::DeValue) -> Option<String> {
    match value {
        toml::de::DeValue::String(s) => Some(s.to_string()),
        toml::de::DeValue::Integer(i) => Some(i.to_string()),
        toml::de::DeValue::Float(f) => Some(f.to_string()),
        toml::de::DeValue::Boolean(b) => Some(b.to_string()),
        toml::de::DeValue::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, span: Span) -> FrontMatter {
        parse_with_prose(text, span).0
    }

    #[test]
    fn yaml_front_matter_gives_kind_and_title() {
        let text =
            "---\ntitle: \"Parental leave\"\nkind: role # set by HR\nother: [1]\n---\n# Body\n";
        let span = detect(text).unwrap();
        assert_eq!(
            &text[span.range()],
            "---\ntitle: \"Parental leave\"\nkind: role # set by HR\nother: [1]\n---"
        );
        let front = parse(text, span);
        assert_eq!(front.title.as_deref(), Some("Parental leave"));
        assert_eq!(front.kind.as_deref(), Some("role"));
        assert_eq!(
            &text[front.title_span.unwrap().range()],
            "\"Parental leave\""
        );
    }

    #[test]
    fn toml_front_matter_gives_kind_and_title() {
        let text = "+++\ntitle = \"Code of conduct\"\nkind = \"code\"\n+++\nBody\n";
        let front = parse(text, detect(text).unwrap());
        assert_eq!(front.title.as_deref(), Some("Code of conduct"));
        assert_eq!(front.kind.as_deref(), Some("code"));
        assert_eq!(&text[front.kind_span.unwrap().range()], "\"code\"");
    }

    #[test]
    fn policylint_disable_lists_are_read_in_every_form() {
        let names = |text: &str| -> Vec<String> {
            let front = parse(text, detect(text).unwrap());
            front
                .disable
                .iter()
                .map(|(name, span)| {
                    assert!(text[span.range()].contains(name.as_str()));
                    name.clone()
                })
                .collect()
        };
        assert_eq!(
            names("---\npolicylint: { disable: [a, \"b\"] }\n---\n"),
            ["a", "b"]
        );
        assert_eq!(
            names("---\npolicylint:\n  disable: [a]\ntitle: x\n---\n"),
            ["a"]
        );
        assert_eq!(
            names("---\npolicylint:\n  disable:\n    - a\n    - 'b'\nkind: role\n---\n"),
            ["a", "b"]
        );
        assert_eq!(
            names("+++\n[policylint]\ndisable = [\"a\", \"b\"]\n+++\n"),
            ["a", "b"]
        );
    }

    #[test]
    fn unterminated_or_absent_front_matter_is_none() {
        assert_eq!(detect("---\ntitle: x\n"), None);
        assert_eq!(detect("# Title\n---\n"), None);
        assert_eq!(detect("----\nx\n----\n"), None);
    }

    #[test]
    fn crlf_front_matter_is_read() {
        let text = "---\r\nkind: code\r\n---\r\nBody";
        let front = parse(text, detect(text).unwrap());
        assert_eq!(front.kind.as_deref(), Some("code"));
    }

    #[test]
    fn multi_line_titles_give_their_text_and_first_line() {
        let cases = [
            (
                "---\ntitle: >\n  Travel and\n  expenses\nkind: code\n---\n",
                "Travel and expenses",
                "Travel and",
            ),
            (
                "---\ntitle: |\n  Travel\n  rules\n---\n",
                "Travel\nrules",
                "Travel",
            ),
            (
                "---\ntitle: \"Travel and\n  expenses\"\n---\n",
                "Travel and expenses",
                "\"Travel and",
            ),
            (
                "---\ntitle: Travel and\n  expenses\n---\n",
                "Travel and expenses",
                "Travel and",
            ),
        ];
        for (text, title, line) in cases {
            let front = parse(text, detect(text).unwrap());
            assert_eq!(front.title.as_deref(), Some(title), "{text:?}");
            assert_eq!(&text[front.title_span.unwrap().range()], line, "{text:?}");
        }
    }

    #[test]
    fn other_keys_are_kept_as_raw_fields_with_their_place() {
        let text = "---\nOwner: Dana Reyes\nreviewed: 2025-01-31\naudience: [staff, contractors]\nnested: { a: 1 }\n---\n";
        let front = parse(text, detect(text).unwrap());
        let fields: Vec<(&str, &RawValue, &str)> = front
            .fields
            .iter()
            .map(|f| (f.key.as_str(), &f.value, &text[f.span.range()]))
            .collect();
        assert_eq!(
            fields,
            [
                ("Owner", &RawValue::Text("Dana Reyes".into()), "Dana Reyes"),
                (
                    "reviewed",
                    &RawValue::Text("2025-01-31".into()),
                    "2025-01-31"
                ),
                (
                    "audience",
                    &RawValue::List(vec!["staff".into(), "contractors".into()]),
                    "[staff, contractors]"
                ),
            ]
        );
        let text = "+++\nowner = \"Dana\"\nreviewed = 2025-01-31\n+++\n";
        let front = parse(text, detect(text).unwrap());
        assert_eq!(front.fields[1].value, RawValue::Date("2025-01-31".into()));
        assert_eq!(&text[front.fields[1].span.range()], "2025-01-31");
    }

    #[test]
    fn invalid_front_matter_is_a_located_problem() {
        let text = "---\ntitle: ok\nowner: [unclosed\n---\n";
        let front = parse(text, detect(text).unwrap());
        let (span, message) = front.problem.unwrap();
        assert!(
            message.starts_with("front matter is not valid YAML"),
            "{message}"
        );
        assert!(span.start > text.find("owner").unwrap(), "{span:?}");
        let text = "+++\ntitle = \n+++\n";
        let front = parse(text, detect(text).unwrap());
        assert!(
            front
                .problem
                .unwrap()
                .1
                .starts_with("front matter is not valid TOML")
        );
    }
}
