//! Is a document in the language of the packs that judge it? A pack's words and frames are
//! English; on a policy in German they would find nothing and report everything missing.
//!
//! English prose is dense with a few function words ("the", "and", "to", "of"): in any
//! paragraph about a third of the words are among them, while in other languages they are
//! rare. A list of facts in English ("Bank name: ...") has few of them too, but its words are
//! English words: a text is foreign when both its function words are rare and most of its
//! words are unknown to the tagger's English dictionary.

use crate::evidence::Evidence;
use crate::source::{BlockKind, Document};

/// The most frequent English function words.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "and", "of", "to", "a", "in", "is", "are", "you", "that", "for", "it", "with", "on",
    "be", "this", "we", "your", "or", "as", "our", "will", "can", "not", "by", "at", "from",
    "have", "if", "an", "they", "their", "which", "when", "what", "do", "has", "was", "who",
    "should", "must", "any", "may", "all", "more", "about", "how", "there", "been", "would",
];

/// Below this share of function words, prose may not be English ...
const MIN_ENGLISH_SHARE: f64 = 0.12;
/// ... and it is not when fewer than this share of its words are English words.
const MIN_KNOWN_SHARE: f64 = 0.5;

/// Fewer words than this are too few to tell.
const MIN_WORDS: usize = 40;

/// Whether the document's paragraphs are English; `None` when there is too little running
/// prose to tell (lists of names, links and figures have few function words in any language).
pub fn is_english(doc: &Document, evidence: &Evidence) -> Option<bool> {
    let words = || {
        evidence
            .sentences
            .iter()
            .filter(|s| {
                matches!(
                    doc.blocks[s.block].kind,
                    BlockKind::Paragraph | BlockKind::Quote
                )
            })
            .flat_map(|sentence| {
                doc.text[sentence.span.range()]
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            })
    };
    let (mut total, mut common) = (0usize, 0usize);
    for word in words() {
        total += 1;
        common += usize::from(
            ENGLISH_FUNCTION_WORDS
                .iter()
                .any(|f| f.eq_ignore_ascii_case(word)),
        );
    }
    if total < MIN_WORDS {
        return None;
    }
    if common as f64 >= MIN_ENGLISH_SHARE * total as f64 {
        return Some(true);
    }
    // Only prose short of function words is looked up in the dictionary, word by word.
    let known = words()
        .filter(|w| crate::statements::tagger::base_tag(&w.to_lowercase()).is_some())
        .count();
    Some(known as f64 >= MIN_KNOWN_SHARE * total as f64)
}
