//! Front matter: a YAML (`---`) or TOML (`+++`) block at the top of a file.
//!
//! policylint reads a few keys (`kind`, `title`, `policylint.disable`). YAML is read line by
//! line for top-level scalars, which is all those keys need; TOML front matter goes through the
//! `toml` crate. Pages generated from data keep their text in YAML (criteria of a career
//! framework as a list of strings): strings of several words that are items of a list are read
//! as prose. Values under keys (`description: ...`) are metadata, not the page's text.

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
    pub title_span: Option<Span>,
    /// Rules switched off for the whole file by `policylint: { disable: [...] }`, each with
    /// its span (`all` switches off every rule).
    pub disable: Vec<(String, Span)>,
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
    let front = parse(text, detect(text)?);
    push_prose(text, &front, out);
    Some(front)
}

/// Add the strings of a YAML front-matter block that are prose to `out`, as list items.
pub(crate) fn push_prose(text: &str, front: &FrontMatter, out: &mut DocumentBuilder) {
    if !text[front.span.range()].starts_with("---") {
        return;
    }
    for line in line_spans(&text[..front.span.end]).skip(1) {
        let content = text[line.range()].trim_start();
        // A bare string in a list is an item of text; a value under a key is metadata
        // ("description: ...") or a name.
        let Some(value) = content.strip_prefix("- ").filter(|rest| !has_key(rest)) else {
            continue;
        };
        let value_start = line.end - value.len();
        let Some((unquoted, span)) = yaml_scalar(value, value_start) else {
            continue;
        };
        if unquoted.split_whitespace().count() < PROSE_WORDS {
            continue;
        }
        let quoted = text[span.range()].starts_with(['"', '\'']);
        let inner = if quoted {
            Span::new(span.start + 1, span.end - 1)
        } else {
            span
        };
        out.push_block(BlockKind::ListItem { ordered: false }, inner, [inner]);
    }
}

/// Whether a list entry opens with a mapping key ("name: ..."): a word of letters, digits,
/// `_` or `-`, then a colon.
fn has_key(entry: &str) -> bool {
    entry.split_once(": ").is_some_and(|(key, _)| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

/// Read the keys policylint knows from a front-matter block spanning `span` in `text`.
pub fn parse(text: &str, span: Span) -> FrontMatter {
    let mut front = FrontMatter {
        span,
        ..FrontMatter::default()
    };
    let block = &text[span.range()];
    if block.starts_with("+++") {
        read_toml(text, span, &mut front);
    } else {
        read_yaml_scalars(text, span, &mut front);
    }
    front
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

fn read_yaml_scalars(text: &str, span: Span, front: &mut FrontMatter) {
    let lines: Vec<Span> = line_spans(&text[..span.end]).skip(1).collect();
    for (index, &line) in lines.iter().enumerate() {
        let raw = &text[line.range()];
        if raw.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, value)) = raw.split_once(':') else {
            continue;
        };
        let value_start = line.start + key.len() + 1;
        if key.trim() == "policylint" {
            front.disable = yaml_disable_list(text, value_start, &lines[index + 1..]);
            continue;
        }
        let Some((value, value_span)) = yaml_scalar(value, value_start) else {
            continue;
        };
        match key.trim() {
            "kind" => {
                front.kind = Some(value);
                front.kind_span = Some(value_span);
            }
            "title" => {
                front.title = Some(value);
                front.title_span = Some(value_span);
            }
            _ => {}
        }
    }
}

/// The `disable` list of the `policylint` key, in flow form (`{ disable: [a, b] }`) on the
/// key's line, or in block form on the indented lines after it (`disable: [a]` or `- a` items).
fn yaml_disable_list(text: &str, value_start: usize, following: &[Span]) -> Vec<(String, Span)> {
    let line_end = text[value_start..]
        .find('\n')
        .map_or(text.len(), |i| value_start + i);
    let inline = &text[value_start..line_end];
    if let Some(at) = inline.find("disable") {
        let after = value_start + at + "disable".len();
        let colon = text[after..line_end]
            .find(':')
            .map_or(after, |i| after + i + 1);
        return yaml_items(text, Span::new(colon, line_end));
    }
    let mut items = Vec::new();
    let mut in_disable = false;
    for &line in following {
        let raw = &text[line.range()];
        if !raw.starts_with([' ', '\t']) {
            break;
        }
        let content = raw.trim_start();
        if let Some(rest) = content.strip_prefix("disable:") {
            in_disable = true;
            items.extend(yaml_items(text, Span::new(line.end - rest.len(), line.end)));
        } else if let Some(item) = content.strip_prefix("- ").filter(|_| in_disable) {
            items.extend(yaml_items(text, Span::new(line.end - item.len(), line.end)));
        } else if !content.starts_with('#') {
            in_disable = false;
        }
    }
    items
}

/// Scalars of a flow list (`[a, "b"]`), or the single scalar, within `span`.
fn yaml_items(text: &str, span: Span) -> Vec<(String, Span)> {
    let raw = &text[span.range()];
    let raw = raw.split(" #").next().unwrap_or(raw);
    let (inner, inner_start) = match (raw.find('['), raw.rfind(']')) {
        (Some(open), Some(close)) if open < close => (&raw[open + 1..close], span.start + open + 1),
        _ => (raw.trim_end_matches(['}', ' ']), span.start),
    };
    let mut items = Vec::new();
    let mut at = 0;
    for part in inner.split(',') {
        let part_start = inner_start + at;
        at += part.len() + 1;
        if let Some((value, value_span)) = yaml_scalar(part, part_start) {
            items.push((value, value_span));
        }
    }
    items
}

/// A plain or quoted YAML scalar and its span; `None` for empty values and nested structures.
fn yaml_scalar(raw: &str, offset: usize) -> Option<(String, Span)> {
    let leading = raw.len() - raw.trim_start().len();
    let value = raw.trim();
    if value.is_empty() || value.starts_with(['{', '[', '|', '>', '&', '*']) {
        return None;
    }
    let start = offset + leading;
    let span = Span::new(start, start + value.len());
    let unquoted = if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        inner.replace("\\\"", "\"")
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value
            .split(" #")
            .next()
            .unwrap_or(value)
            .trim_end()
            .to_string()
    };
    (!unquoted.trim().is_empty()).then_some((unquoted.trim().to_string(), span))
}

fn read_toml(text: &str, span: Span, front: &mut FrontMatter) {
    let block = &text[span.range()];
    let Some(body_start) = block.find('\n').map(|i| i + 1) else {
        return;
    };
    let body_end = block.trim_end().len().saturating_sub(3).max(body_start);
    let body = &block[body_start..body_end];
    let Ok(table) = toml::de::DeTable::parse(body) else {
        return;
    };
    let offset = span.start + body_start;
    let located =
        |range: std::ops::Range<usize>| Span::new(offset + range.start, offset + range.end);
    for (key, value) in table.get_ref() {
        if key.get_ref().as_ref() == "policylint"
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
        let toml::de::DeValue::String(string) = value.get_ref() else {
            continue;
        };
        let value_span = located(value.span());
        match key.get_ref().as_ref() {
            "kind" => {
                front.kind = Some(string.to_string());
                front.kind_span = Some(value_span);
            }
            "title" => {
                front.title = Some(string.to_string());
                front.title_span = Some(value_span);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
