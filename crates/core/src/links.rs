//! Links between the documents of a folder: where a document links to, what a linked file
//! holds, and the heading anchors GitHub would give it.
//!
//! A document's links are Markdown inline links (`[text](path#heading)`) in its prose blocks,
//! so links shown inside code are not read. A link is internal when it has no scheme and is
//! not rooted (`/...`): a path relative to the document, a `#heading` in the document itself,
//! or both. What a linked file holds is read once per run by the [`Folder`], shared by every
//! worker, whatever order files are linted in: its bytes' hash (so a cached result that relied
//! on it is used again only while it is unchanged), its anchors, whether it is retired, and
//! the figures it states, which documents' figures are compared with.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use regex::Regex;
use xxhash_rust::xxh3::xxh3_128;

use crate::figures::Claim;
use crate::metadata::{FieldNames, Metadata};
use crate::source::{Document, Format, MarkdownParser, Span, heading_attributes};

/// A link to somewhere in the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The file part, percent-decoded; empty for a link within the document.
    pub path: String,
    /// The heading anchor after `#`, if any.
    pub fragment: Option<String>,
    /// The destination as written.
    pub span: Span,
}

fn inline_link() -> &'static Regex {
    static LINK: OnceLock<Regex> = OnceLock::new();
    LINK.get_or_init(|| {
        Regex::new(r#"\]\(\s*<?([^()\s<>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)"#)
            .expect("the link pattern compiles")
    })
}

/// The internal links of a Markdown document, in order: one pass over the text, keeping the
/// links whose text is prose (so none inside code), whatever the nesting of the blocks.
pub fn internal_links(doc: &Document) -> Vec<Link> {
    if doc.format != Format::Markdown {
        return Vec::new();
    }
    let mut links = Vec::new();
    for found in inline_link().captures_iter(&doc.text) {
        let (Some(whole), Some(destination)) = (found.get(0), found.get(1)) else {
            continue;
        };
        if !ends_prose(doc, whole.start()) {
            continue;
        }
        let span = Span::new(destination.start(), destination.end());
        if let Some(link) = internal(destination.as_str(), span) {
            links.push(link);
        }
    }
    links
}

/// Whether prose (a link's text) ends at byte `at`, the link's closing `]`.
fn ends_prose(doc: &Document, at: usize) -> bool {
    let after = doc.prose.partition_point(|span| span.start < at);
    after > 0 && doc.prose[after - 1].end >= at
}

/// The link a destination makes, when it points into the folder.
fn internal(destination: &str, span: Span) -> Option<Link> {
    let scheme = destination
        .split_once(':')
        .is_some_and(|(head, _)| !head.contains(['/', '#', '?']));
    // An e-mail address written without `mailto:` is not a path either.
    let email = destination.contains('@') && !destination.contains('/');
    if scheme || email || destination.starts_with('/') {
        return None;
    }
    let (path, fragment) = match destination.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (destination, None),
    };
    // `page.md/` is served as `page.md`.
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    Some(Link {
        path: decode(path),
        fragment: fragment.filter(|f| !f.is_empty()).map(decode),
        span,
    })
}

/// The anchors a document offers: the ones GitHub gives its headings (lower case, punctuation
/// dropped, spaces as `-`, and `-1`, `-2` ... after a repeated one), the ids that heading
/// attribute lists give them (`{#leave}`, which kramdown, Pandoc and Hugo honour), and the
/// `id` or `name` of HTML elements (`<a id="leave"></a>`, which GitHub keeps).
pub fn anchors(doc: &Document) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut anchors: Vec<String> = (1..doc.sections.len())
        .filter_map(|section| doc.heading_text(section))
        .map(|heading| {
            let base: String = heading
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect();
            let count = seen.entry(base.clone()).or_insert(0);
            let anchor = if *count == 0 {
                base
            } else {
                format!("{base}-{count}")
            };
            *count += 1;
            anchor
        })
        .collect();
    if doc.format == Format::Markdown {
        let heading_ids = (1..doc.sections.len()).filter_map(|section| {
            // The heading's block ends before its attribute list: read its whole first line.
            let start = doc.heading_span(section)?.start;
            let line = doc.text[start..].lines().next()?;
            heading_attributes::explicit_id(line)
        });
        let html_ids = html_id()
            .captures_iter(&doc.text)
            .filter_map(|found| found.get(1).or_else(|| found.get(2)).map(|id| id.as_str()));
        anchors.extend(heading_ids.chain(html_ids).map(str::to_lowercase));
    }
    anchors
}

/// The `id` or `name` attribute of an HTML element.
fn html_id() -> &'static Regex {
    static ID: OnceLock<Regex> = OnceLock::new();
    ID.get_or_init(|| {
        Regex::new(r#"<[A-Za-z][A-Za-z0-9-]*\s[^<>]*?\b(?:id|name)\s*=\s*(?:"([^"]+)"|'([^']+)')"#)
            .expect("the id pattern compiles")
    })
}

/// What a file of the folder holds, as far as other documents go: links to it, and figures
/// compared with it. Reading it costs a hash and its front matter; its headings and its figures
/// are read only when first asked for.
#[derive(Debug, Default)]
pub struct Target {
    /// The hash of its bytes; `None` when it is not a file that can be read.
    pub content: Option<u128>,
    /// Whether something (a file or a folder) is there.
    pub exists: bool,
    /// Whether its metadata says it is retired or superseded.
    pub retired: bool,
    /// Where it is and the largest size read, when it is a file; it is read again when its
    /// anchors or figures are first asked for, so no text is kept meanwhile.
    file: Option<(PathBuf, u64)>,
    anchors: OnceLock<Option<Vec<String>>>,
    figures: OnceLock<Stated>,
}

/// The figures a document states, when it is in force (not a draft, not retired).
#[derive(Debug)]
pub struct Stated {
    pub claims: Vec<Claim>,
    /// A hash of what the claims say, wherever they are: a document compared with this one
    /// and not contradicted by it holds its findings while it is the same, though other words
    /// of this one changed.
    pub digest: u128,
}

impl Stated {
    fn new(claims: Vec<Claim>) -> Stated {
        let said: Vec<_> = claims
            .iter()
            .map(|c| (c.quantity, c.amount, c.relation, &c.subject, &c.action))
            .collect();
        let digest = xxh3_128(&postcard::to_stdvec(&said).unwrap_or_default());
        Stated { claims, digest }
    }
}

impl Target {
    /// Its headings' anchors, for a Markdown file.
    pub fn anchors(&self) -> Option<&[String]> {
        self.anchors
            .get_or_init(|| {
                let (path, max_file_size) = self.file.as_ref()?;
                if Format::of_file(path) != Format::Markdown {
                    return None;
                }
                let bytes = crate::read::read_document(path, *max_file_size).ok()?;
                let doc = crate::source::parse(
                    path.display().to_string(),
                    Format::Markdown,
                    crate::source::decode(bytes).ok()?.text,
                    &mut MarkdownParser::default(),
                )
                .ok()?;
                Some(anchors(&doc))
            })
            .as_deref()
    }

    /// The figures it states, none when it is not in force or cannot be read.
    pub fn figures(&self, names: &FieldNames) -> &Stated {
        self.figures.get_or_init(|| {
            self.file
                .as_ref()
                .and_then(|(path, max_file_size)| stated(path, *max_file_size, names))
                .unwrap_or_else(|| Stated::new(Vec::new()))
        })
    }
}

/// The figures the document at `path` states, when it is in force.
fn stated(path: &Path, max_file_size: u64, names: &FieldNames) -> Option<Stated> {
    let bytes = crate::read::read_document(path, max_file_size).ok()?;
    let format = Format::of_file(path);
    let name = path.display().to_string();
    let compared = |metadata: &Metadata| metadata.declared && metadata.is_active();
    let doc = if format.is_package() {
        crate::source::unpack(name, format, &bytes).ok()?
    } else {
        let text = crate::source::decode(bytes).ok()?.text;
        // Only documents under lifecycle management are compared: their front matter says so
        // before the text is parsed.
        let front = crate::source::front_matter_at_start(&text);
        if !compared(&Metadata::of(front.as_ref(), &[], names))
            || !crate::figures::may_state_figures(&text)
        {
            return None;
        }
        crate::source::parse(name, format, text, &mut MarkdownParser::default()).ok()?
    };
    compared(&Metadata::read(&doc, names)).then(|| Stated::new(crate::figures::claims(&doc)))
}

/// The files of the folder that documents link to or are compared with, each read once and
/// shared.
#[derive(Debug)]
pub struct Folder {
    names: FieldNames,
    max_file_size: u64,
    targets: Mutex<HashMap<PathBuf, Arc<OnceLock<Arc<Target>>>>>,
    /// The documents of this run under these settings, whose figures are compared.
    documents: OnceLock<Vec<PathBuf>>,
    /// Those of them that state figures, read once per run: each document is compared with
    /// these alone.
    stating: OnceLock<Vec<(String, Arc<Target>)>>,
}

impl Folder {
    pub fn new(names: FieldNames, max_file_size: u64) -> Folder {
        Folder {
            names,
            max_file_size,
            targets: Mutex::new(HashMap::new()),
            documents: OnceLock::new(),
            stating: OnceLock::new(),
        }
    }

    /// Name the documents of the run under these settings (once, before linting): each
    /// document's figures are compared with theirs.
    pub fn set_documents(&self, documents: Vec<PathBuf>) {
        // A second call would change what results were judged against: the first holds.
        let _ = self.documents.set(documents);
    }

    /// The other documents of the run that state figures, in order, for the document at `path`.
    pub fn stating_others<'a>(
        &'a self,
        path: &'a str,
    ) -> impl Iterator<Item = &'a (String, Arc<Target>)> + 'a {
        self.stating
            .get_or_init(|| {
                self.documents
                    .get()
                    .into_iter()
                    .flatten()
                    .map(|document| (document.display().to_string(), self.target(document)))
                    .filter(|(_, target)| !target.figures(&self.names).claims.is_empty())
                    .collect()
            })
            .iter()
            .filter(move |(other, _)| other != path)
    }

    /// What the figures of the other documents of the run say now, as one hash: a result that
    /// compared figures holds while it is the same. Where the result's findings point into a
    /// document (`pointed_at`), that document's bytes count too, since the places must not move.
    pub fn figures_digest(&self, path: &str, pointed_at: impl Fn(&str) -> bool) -> u128 {
        let said: Vec<(&str, u128, Option<u128>)> = self
            .stating_others(path)
            .map(|(other, target)| {
                let content = if pointed_at(other) {
                    target.content
                } else {
                    None
                };
                (other.as_str(), target.figures(&self.names).digest, content)
            })
            .collect();
        xxh3_128(&postcard::to_stdvec(&said).unwrap_or_default())
    }

    /// The names metadata fields go by, to read a target's metadata.
    pub fn names(&self) -> &FieldNames {
        &self.names
    }

    /// The file a link of the document at `from` points to.
    pub fn resolve(from: &str, link: &Link) -> PathBuf {
        crate::walk::folder_of(Path::new(from)).join(&link.path)
    }

    /// What the file at `path` holds, read the first time it is asked for.
    pub fn target(&self, path: &Path) -> Arc<Target> {
        let cell = {
            let mut targets = self
                .targets
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            targets.entry(path.to_path_buf()).or_default().clone()
        };
        cell.get_or_init(|| Arc::new(self.read(path))).clone()
    }

    fn read(&self, path: &Path) -> Target {
        let exists = path.exists();
        let Ok(bytes) = crate::read::read_document(path, self.max_file_size) else {
            return Target {
                exists,
                ..Target::default()
            };
        };
        let content = Some(xxh3_128(&bytes));
        let format = Format::of_file(path);
        if format.is_package() {
            return Target {
                content,
                exists,
                file: Some((path.to_path_buf(), self.max_file_size)),
                ..Target::default()
            };
        }
        let text = crate::source::decode(bytes).map_or_else(|_| String::new(), |d| d.text);
        let front = crate::source::front_matter_at_start(&text);
        Target {
            content,
            exists,
            retired: Metadata::of(front.as_ref(), &[], &self.names).is_retired(),
            file: Some((path.to_path_buf(), self.max_file_size)),
            ..Target::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::source::parse(
            "policies/travel.md".into(),
            Format::Markdown,
            text.into(),
            &mut MarkdownParser::default(),
        )
        .unwrap()
    }

    #[test]
    fn internal_links_are_read_from_prose_only() {
        let text = "# Travel\n\nSee [leave](../hr/leave%20policy.md#how-to-ask), [site](https://x.example/a.md), [mail](mailto:a@b.c), [up](#travel) and [root](/abs.md).\n\n```\n[code](missing.md)\n```\n";
        let links: Vec<(String, Option<String>, &str)> = internal_links(&doc(text))
            .into_iter()
            .map(|l| (l.path, l.fragment, &text[l.span.range()]))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "../hr/leave policy.md".into(),
                    Some("how-to-ask".into()),
                    "../hr/leave%20policy.md#how-to-ask"
                ),
                (String::new(), Some("travel".into()), "#travel"),
            ]
        );
    }

    #[test]
    fn ids_given_in_attribute_lists_and_html_are_anchors_too() {
        let text = "# Travel\n\n## Claims {#Claiming .wide}\n\n<a id=\"fix-1\"></a>**Receipts**\n\n<div class='x' name='Old-Name'>Kept</div>\n\n<a href=\"#claims\">up</a>\n";
        assert_eq!(
            anchors(&doc(text)),
            ["travel", "claims", "claiming", "fix-1", "old-name"]
        );
    }

    #[test]
    fn anchors_are_made_as_github_makes_them() {
        let text =
            "# Travel & Expenses\n\n## Who pays? (2025)\n\n## Notes\n\n## Notes\n\n## Über_alles\n";
        assert_eq!(
            anchors(&doc(text)),
            [
                "travel--expenses",
                "who-pays-2025",
                "notes",
                "notes-1",
                "über_alles"
            ]
        );
    }
}
