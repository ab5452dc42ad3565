//! Which kind a document is (a code, a role description, ...), and why.
//!
//! Front matter `kind:` wins, then a configured override, then the kind whose path globs,
//! title words and heading words (compared as singular words, not stems) fit best; a document nothing claims gets the pack's default
//! kind. The reason is kept so `policylint inspect` can say why.

use serde::{Deserialize, Serialize};

use crate::evidence::Evidence;
use crate::rules::lexicon::{Piece, for_each_word};
use crate::rules::{KindId, RuleSet, StemId};
use crate::source::{BlockKind, Document, Span};

/// A page with no statement is a reference page when at least this share of its sentences
/// are in lists and tables (an index, a link hub, a statistics table).
const REFERENCE_LIST_SHARE: f64 = 0.6;
/// A page with more evidence than this (rules, measures, care) says something: it is judged.
const REFERENCE_MAX_EVIDENCE: usize = 3;
/// A page that is mostly a list of at least this many items, most of them links, is a link
/// hub whatever its introduction says.
const LINK_HUB_MIN_ITEMS: usize = 5;
const LINK_HUB_SHARE: f64 = 0.85;
/// A page whose blocks are mostly definitions ("**Escalation** - handing an incident to ..."),
/// at least this many, is a glossary whatever its title says.
const GLOSSARY_MIN_TERMS: usize = 5;
const GLOSSARY_SHARE: f64 = 0.6;
/// A defined term is a name, not a sentence.
const GLOSSARY_MAX_TERM_WORDS: usize = 8;

/// Points a kind earns for each kind of cue; a kind needs [`MIN_SCORE`] to win.
/// Where a team files a document is its strongest statement of what the document is; its title
/// says more than any number of headings ("Terms of Service" with a heading "Account
/// Requirements" is terms, not a role).
const PATH_SCORE: u32 = 5;
const TITLE_SCORE: u32 = 3;
const HEADING_SCORE: u32 = 1;
const MAX_HEADING_CUES: u32 = 3;
const MIN_SCORE: u32 = 2;
/// A heading names its section in a few words ("Responsibilities", "Level 2: Senior"); a
/// longer one is a sentence ("Reliability must be observable against service level targets"),
/// whose words say nothing of the page's kind.
const MAX_HEADING_CUE_WORDS: usize = 5;

/// A document's kind and the reason for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindDecision {
    pub kind: Option<KindId>,
    pub reason: String,
}

/// Decide a document's kind. `forced` is a kind set by configuration, with its reason.
pub fn classify(
    doc: &Document,
    evidence: &Evidence,
    rules: &RuleSet,
    forced: Option<(KindId, String)>,
) -> KindDecision {
    if let Some(front) = &doc.front_matter
        && let Some(name) = &front.kind
        && let Some(kind) = rules.kind_by_name(name)
    {
        return KindDecision {
            kind: Some(kind),
            reason: format!("front matter says `kind: {name}`"),
        };
    }
    if let Some((kind, reason)) = forced {
        return KindDecision {
            kind: Some(kind),
            reason,
        };
    }
    let title = doc.title().map(|t| t.text).unwrap_or_default();
    let title_ids = rules.lexicon.folded_ids(&title);
    let heading_ids: Vec<Vec<StemId>> = (0..doc.sections.len())
        .map(|s| {
            doc.heading_text(s)
                .map(|h| rules.lexicon.folded_ids(&h))
                .unwrap_or_default()
        })
        .collect();
    let mut best: Option<(u32, KindId, Vec<String>)> = None;
    for (id, kind) in rules.kinds.iter().enumerate() {
        let mut score = 0;
        let mut cues = Vec::new();
        if let Some(glob) = kind.glob_set.matches(&doc.path).first() {
            score += PATH_SCORE;
            cues.push(format!("path matches `{}`", kind.globs[*glob]));
        }
        let in_title = kind.titles.iter().find(|p| p.occurs_in(&title_ids));
        let ending_title = || {
            kind.titles_last
                .iter()
                .find(|p| p.ends(&title_ids) && !names_an_audience(&title, p.ids.len()))
        };
        if let Some(phrase) = in_title.or_else(ending_title) {
            score += TITLE_SCORE;
            cues.push(format!("title contains \"{}\"", phrase.text));
        }
        let headings: Vec<usize> = (1..doc.sections.len())
            .filter(|&s| heading_ids[s].len() <= MAX_HEADING_CUE_WORDS)
            .filter(|&s| kind.headings.iter().any(|p| p.occurs_in(&heading_ids[s])))
            .take(MAX_HEADING_CUES as usize)
            .collect();
        if !headings.is_empty() {
            score += HEADING_SCORE * headings.len() as u32;
            let names: Vec<String> = headings
                .iter()
                .filter_map(|&s| doc.heading_text(s))
                .map(|h| format!("\"{h}\""))
                .collect();
            cues.push(format!(
                "heading{} {}",
                if names.len() == 1 { "" } else { "s" },
                names.join(", ")
            ));
        }
        if score >= MIN_SCORE && best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best = Some((score, id, cues));
        }
    }
    // A list of links is a hub whatever its title says; only where it is filed says otherwise.
    let by_words_alone = best
        .as_ref()
        .is_none_or(|(score, _, _)| *score < PATH_SCORE);
    if by_words_alone
        && let Some(kind) = rules.reference_kind
        && let Some(why) =
            reads_as_link_hub(doc, evidence).or_else(|| reads_as_glossary(doc, evidence))
    {
        return KindDecision {
            kind: Some(kind),
            reason: format!(
                "no kind's paths matched, and {why}: the reference kind `{}`",
                rules.kinds[kind].name
            ),
        };
    }
    if let Some((_, kind, cues)) = best {
        return KindDecision {
            kind: Some(kind),
            reason: format!("{} (kinds.{})", cues.join("; "), rules.kinds[kind].name),
        };
    }
    if let Some(kind) = rules.reference_kind
        && let Some(why) = reads_as_reference(doc, evidence, rules)
    {
        return KindDecision {
            kind: Some(kind),
            reason: format!(
                "no kind's paths, title or headings matched, and {why}: the reference kind `{}`",
                rules.kinds[kind].name
            ),
        };
    }
    let unknown_front_kind = doc
        .front_matter
        .as_ref()
        .and_then(|f| f.kind.as_deref())
        .map(|name| format!("front matter `kind: {name}` is not a kind of the loaded packs; "))
        .unwrap_or_default();
    KindDecision {
        kind: rules.default_kind,
        reason: match rules.default_kind {
            Some(kind) => format!(
                "{unknown_front_kind}no kind's paths, title or headings matched: the default kind `{}`",
                rules.kinds[kind].name
            ),
            None => {
                format!("{unknown_front_kind}no kind matched and the packs set no default kind")
            }
        },
    }
}

/// Whether the last `words` words of a title follow a "for": "Guidance for Managers" is written
/// for managers, while "Engineering Manager" is the job. The title is split into words as the
/// lexicon splits it, so `words` counts the same words.
fn names_an_audience(title: &str, words: usize) -> bool {
    let mut title_words = Vec::new();
    for_each_word(title, Span::new(0, title.len()), |piece| {
        if let Piece::Word(span) = piece {
            title_words.push(&title[span.range()]);
        }
    });
    title_words[..title_words.len().saturating_sub(words)]
        .iter()
        .any(|w| w.eq_ignore_ascii_case("for"))
}

/// Why a page reads as reference material rather than a policy or a role: it states nothing
/// (no sentence plays a statement role of the balance, hardly any evidence) and is mostly
/// lists and tables.
fn reads_as_reference(doc: &Document, evidence: &Evidence, rules: &RuleSet) -> Option<String> {
    let said = evidence
        .hits
        .iter()
        .filter(|h| {
            let concept = &rules.concepts[h.concept];
            concept.dimension.is_some() && !concept.hidden
        })
        .count();
    // A statement counts unless it is only evidence of concepts outside the balance: a page
    // of links headed "Announcements" still states nothing.
    let outside_the_balance = |role| {
        let mut concepts = rules.grammar.evidences.iter().filter(|(_, r)| *r == role);
        concepts.clone().next().is_some()
            && concepts.all(|(c, _)| rules.concepts[*c].dimension.is_none())
    };
    let states = evidence
        .statements
        .iter()
        .any(|s| !outside_the_balance(s.role));
    if states || said > REFERENCE_MAX_EVIDENCE {
        return None;
    }
    let prose: Vec<&BlockKind> = evidence
        .sentences
        .iter()
        .map(|s| &doc.blocks[s.block].kind)
        .filter(|kind| **kind != BlockKind::Heading)
        .collect();
    let listed = prose
        .iter()
        .filter(|kind| matches!(kind, BlockKind::ListItem { .. } | BlockKind::TableCell))
        .count();
    if !prose.is_empty() && listed as f64 >= REFERENCE_LIST_SHARE * prose.len() as f64 {
        Some(format!(
            "it states no purpose and no step, and {listed} of its {} sentences are in lists and tables",
            prose.len()
        ))
    } else {
        None
    }
}

/// Whether a page is a list of definitions: most of its blocks open with a term in bold, a
/// separator (`**Term** - ...`, `**Term**: ...`, `**Term:** ...`) and a definition.
fn reads_as_glossary(doc: &Document, evidence: &Evidence) -> Option<String> {
    let mut blocks: Vec<usize> = evidence
        .sentences
        .iter()
        .map(|s| s.block)
        .filter(|&b| doc.blocks[b].kind != BlockKind::Heading)
        .collect();
    blocks.dedup();
    let defined = blocks
        .iter()
        .filter(|&&b| {
            doc.text
                .get(doc.blocks[b].span.range())
                .is_some_and(opens_with_definition)
        })
        .count();
    let glossary =
        defined >= GLOSSARY_MIN_TERMS && defined as f64 >= GLOSSARY_SHARE * blocks.len() as f64;
    glossary.then(|| format!("{defined} of its {} blocks define a term", blocks.len()))
}

/// Whether a block's text (list marker and all) opens with a bold term and a separator.
fn opens_with_definition(text: &str) -> bool {
    let text = text.trim_start();
    // A list marker is followed by a space; `**` opens bold.
    let item = text
        .strip_prefix(['-', '*', '+'])
        .or_else(|| {
            let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
            (digits > 0).then(|| text[digits..].strip_prefix(['.', ')']))?
        })
        .filter(|rest| rest.starts_with(char::is_whitespace));
    let text = item.map_or(text, str::trim_start);
    let Some((marker, rest)) = ["**", "__"]
        .iter()
        .find_map(|m| text.strip_prefix(m).map(|rest| (*m, rest)))
    else {
        return false;
    };
    let Some((term, after)) = rest.split_once(marker) else {
        return false;
    };
    let words = term.split_whitespace().count();
    let definition = if term.trim_end().ends_with(':') {
        Some(after)
    } else {
        after
            .trim_start()
            .strip_prefix(['-', '\u{2013}', '\u{2014}', ':'])
    };
    (1..=GLOSSARY_MAX_TERM_WORDS).contains(&words) && definition.is_some_and(reads_as_defining)
}

/// Whether text after a term defines it ("a recorded yes from ...", "The person who ...")
/// rather than giving advice under a bold lead-in ("Try working in ...", "You can ...").
fn reads_as_defining(text: &str) -> bool {
    let text = text.trim_start();
    let first = text.split_whitespace().next().unwrap_or("");
    text.starts_with(char::is_lowercase)
        || ["a", "an", "the"]
            .iter()
            .any(|article| first.eq_ignore_ascii_case(article))
}

/// Whether a page is a list of links to other pages: most of its sentences are list items and
/// most of its list items hold a Markdown link.
fn reads_as_link_hub(doc: &Document, evidence: &Evidence) -> Option<String> {
    let prose = evidence
        .sentences
        .iter()
        .filter(|s| doc.blocks[s.block].kind != BlockKind::Heading)
        .count();
    let mut items: Vec<usize> = evidence
        .sentences
        .iter()
        .map(|s| s.block)
        .filter(|&b| matches!(doc.blocks[b].kind, BlockKind::ListItem { .. }))
        .collect();
    let listed = items.len();
    items.dedup();
    let linked = items
        .iter()
        .filter(|&&b| {
            doc.text
                .get(doc.blocks[b].span.range())
                .is_some_and(|text| text.contains("]("))
        })
        .count();
    let hub = items.len() >= LINK_HUB_MIN_ITEMS
        && listed as f64 >= REFERENCE_LIST_SHARE * prose as f64
        && linked as f64 >= LINK_HUB_SHARE * items.len() as f64;
    hub.then(|| {
        format!(
            "{linked} of its {} list items are links and {listed} of its {prose} sentences are in lists",
            items.len()
        )
    })
}
