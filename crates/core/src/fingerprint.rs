//! What identifies a finding across edits: its rule, its path and the normalised text it is
//! anchored to — never its line, so text inserted elsewhere in the file changes nothing.
//!
//! The baseline matches findings by these parts; SARIF `partialFingerprints`, GitLab Code
//! Quality `fingerprint` and the JSON output carry them hashed into one stable string.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::evidence::Sentence;
use crate::finding::Finding;
use crate::results::FileResult;

/// The text a finding is anchored to: the sentence its primary span starts in, else the text
/// of the span itself, with whitespace collapsed.
pub fn anchor(result: &FileResult, finding: &Finding) -> String {
    let span = sentence_of(&result.anchors, finding).map_or(finding.primary.span, |s| s.span);
    collapse(&result.source.text[span.range()])
}

/// The sentence a finding's primary span starts in, if any.
fn sentence_of<'a>(sentences: &'a [Sentence], finding: &Finding) -> Option<&'a Sentence> {
    let start = finding.primary.span.start;
    let at = sentences.partition_point(|s| s.span.start <= start);
    at.checked_sub(1)
        .map(|i| &sentences[i])
        .filter(|s| start < s.span.end.max(s.span.start + 1))
}

/// Of a document's sentences `all`, those on which [`anchor`] gives each of `findings` the
/// anchor it gives with all of them: the ones the findings start in, or all sentences in the
/// odd document where those alone would answer differently (checked, not assumed). What a
/// [`FileResult`] keeps for fingerprints, fresh or cached alike.
pub fn anchor_sentences(all: &[Sentence], findings: &[Finding]) -> Vec<Sentence> {
    let mut anchors: Vec<Sentence> = findings
        .iter()
        .filter_map(|finding| sentence_of(all, finding))
        .cloned()
        .collect();
    anchors.sort_by_key(|s| (s.span.start, s.span.end));
    anchors.dedup();
    let same = |finding: &Finding| sentence_of(&anchors, finding) == sentence_of(all, finding);
    if findings.iter().all(same) {
        anchors
    } else {
        all.to_vec()
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A fingerprint: 32 hex digits of SHA-256 over the rule, the path, the anchor and the
/// occurrence (0 for the first finding of this rule on this anchor in the file, 1 for the
/// next, ...), so that two findings on identical sentences stay distinct.
pub fn fingerprint(rule: &str, path: &str, anchor: &str, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    for part in [rule, path, anchor, &occurrence.to_string()] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher.finalize()[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The fingerprint of every finding of a file, in the order of its findings. `path` is the
/// file's path as the output reports it.
pub fn of_file(path: &str, result: &FileResult) -> Vec<String> {
    let mut seen: HashMap<(&str, String), usize> = HashMap::new();
    result
        .findings
        .iter()
        .map(|finding| {
            let anchor = anchor(result, finding);
            let occurrence = seen
                .entry((finding.rule.as_str(), anchor.clone()))
                .or_insert(0);
            let print = fingerprint(&finding.rule, path, &anchor, *occurrence);
            *occurrence += 1;
            print
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_fixed_hashes_of_their_parts() {
        let print = fingerprint("purpose-missing", "a.md", "# Expenses", 0);
        assert_eq!(print.len(), 32);
        assert!(print.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(
            print,
            fingerprint("purpose-missing", "a.md", "# Expenses", 0)
        );
        assert_ne!(
            print,
            fingerprint("purpose-missing", "a.md", "# Expenses", 1)
        );
        assert_ne!(
            print,
            fingerprint("purpose-missing", "b.md", "# Expenses", 0)
        );
        assert_ne!(
            print,
            fingerprint("process-missing", "a.md", "# Expenses", 0)
        );
        // Parts are separated, so moving text between them changes the hash.
        assert_ne!(
            fingerprint("ab", "c", "d", 0),
            fingerprint("a", "bc", "d", 0)
        );
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(collapse("  Staff\n  must\tsign. "), "Staff must sign.");
    }
}
