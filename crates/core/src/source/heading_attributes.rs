//! Attribute lists that close a Markdown heading — `{#id}`, `{.class}`, `{: .class}`,
//! `{:target="_blank"}`, as Pandoc, kramdown and Python-Markdown's `attr_list` write them — are
//! markup for the rendered page, not words of the heading: they never reach a title, a
//! section name or the evidence.

/// Where the attribute list that ends `heading` starts, when it ends with one after a space.
pub fn trailing_attributes(heading: &str) -> Option<usize> {
    let trimmed = heading.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    if !heading[..open].ends_with(char::is_whitespace) {
        return None;
    }
    let list = &inner[open + 1..];
    let valid = match list.strip_prefix(':') {
        // kramdown and attr_list: `{: ...}` may also name an attribute definition by a word.
        Some(list) => attributes(list, true).is_some(),
        None => attributes(list, false).is_some_and(|count| count > 0),
    };
    valid.then_some(open)
}

/// The id that the attribute list ending `heading` gives it (`{#leave}`, `{: #leave .wide}`).
pub fn explicit_id(heading: &str) -> Option<&str> {
    let open = trailing_attributes(heading)?;
    let list = heading[open..]
        .trim_end()
        .strip_prefix('{')?
        .strip_suffix('}')?;
    list.trim_start_matches(':')
        .split_whitespace()
        .find_map(|attribute| attribute.strip_prefix('#'))
}

/// How many attributes `list` holds, or `None` when it is not an attribute list: `#id`,
/// `.class`, `key=value` with the value bare or quoted, `-` (Pandoc's unnumbered), and with
/// `words`, bare words.
fn attributes(list: &str, words: bool) -> Option<usize> {
    let mut rest = list.trim_start();
    let mut count = 0;
    while !rest.is_empty() {
        rest = if let Some(after) = rest.strip_prefix(['#', '.']) {
            name(after).filter(|&n| n > 0).map(|n| &after[n..])?
        } else if let Some(after) = rest.strip_prefix('-') {
            after
        } else {
            let key = name(rest).filter(|&n| n > 0)?;
            match rest[key..].strip_prefix('=') {
                Some(value) => after_value(value)?,
                None if words => &rest[key..],
                None => return None,
            }
        };
        if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            return None;
        }
        rest = rest.trim_start();
        count += 1;
    }
    Some(count)
}

/// The length of the identifier that opens `text`.
fn name(text: &str) -> Option<usize> {
    let is_name = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.');
    Some(text.find(|c: char| !is_name(c)).unwrap_or(text.len()))
}

/// What follows an attribute's value: quoted in `"` or `'`, or bare up to a space.
fn after_value(value: &str) -> Option<&str> {
    match value.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let close = value[1..].find(quote)?;
            Some(&value[1 + close + 1..])
        }
        _ => {
            let end = value.find(char::is_whitespace).unwrap_or(value.len());
            (end > 0).then(|| &value[end..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{explicit_id, trailing_attributes};

    fn stripped(heading: &str) -> &str {
        trailing_attributes(heading).map_or(heading, |at| heading[..at].trim_end())
    }

    #[test]
    fn attribute_lists_of_every_dialect_are_found() {
        assert_eq!(stripped("Leave {#leave}"), "Leave");
        assert_eq!(stripped("Leave {.wide}"), "Leave");
        assert_eq!(stripped("Leave {: .wide}"), "Leave");
        assert_eq!(stripped("Leave {:target=\"_blank\"}"), "Leave");
        assert_eq!(stripped("Leave {#a .b key=v title='x y'}  "), "Leave");
        assert_eq!(stripped("Leave {-}"), "Leave");
        assert_eq!(stripped("Leave {: #leave data-x=\"1\" }"), "Leave");
        assert_eq!(stripped("Leave {:refname}"), "Leave");
    }

    #[test]
    fn an_id_in_the_list_is_the_heading_s_own_anchor() {
        assert_eq!(explicit_id("## Leave {#leave}"), Some("leave"));
        assert_eq!(
            explicit_id("## Leave {: .wide #time-off }"),
            Some("time-off")
        );
        assert_eq!(explicit_id("## Leave {.wide}"), None);
        assert_eq!(explicit_id("## Leave {#a b}"), None);
    }

    #[test]
    fn braces_that_are_words_stay() {
        for heading in [
            "Leave {name}",
            "Leave{#leave}",
            "{#leave}",
            "Leave {#}",
            "Leave {#a b}",
            "Leave {key=\"open}",
            "Leave {}",
            "Leave {#a} more",
            "Leave {x=}",
        ] {
            assert_eq!(stripped(heading), heading, "{heading}");
        }
    }
}
