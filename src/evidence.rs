//! Finding evidence: every sentence of a document's prose, matched against the lexicon.
//!
//! Evidence is counted per sentence: a sentence that says "process" three times is one piece
//! of process evidence. A match within a few words after a negator ("there is *no* formal
//! process") is kept aside as negated and never counts.

use serde::{Deserialize, Serialize};

use crate::rules::lexicon::{self, ConceptId, Piece, Scratch, StemId, Token, is_negated};
use crate::rules::{Lexicon, RuleSet};
use crate::source::{Document, Span};

/// A sentence of prose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub block: usize,
}

/// One piece of evidence: a concept found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub concept: ConceptId,
    pub sentence: usize,
    /// The words that matched.
    pub span: Span,
}

/// All evidence of one document.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    pub sentences: Vec<Sentence>,
    /// Counted evidence, at most one per sentence and concept, in document order.
    pub hits: Vec<Hit>,
    /// Matches cancelled by a negator, in document order.
    pub negated: Vec<Hit>,
    /// Further matches of a concept in a sentence that already counts it, in document order:
    /// they never count, but a rule that forbids a term reports every occurrence.
    pub repeats: Vec<Hit>,
    /// Stem ids of each section's heading (empty for the root), for heading rules and kinds.
    pub headings: Vec<Vec<StemId>>,
}

impl Evidence {
    /// Counted hits of `concept` in blocks `blocks`.
    pub fn count_in(&self, concept: ConceptId, blocks: std::ops::Range<usize>) -> usize {
        self.hits_in(blocks)
            .filter(|h| h.concept == concept)
            .count()
    }

    /// Counted hits in a range of blocks, in document order.
    pub fn hits_in(&self, blocks: std::ops::Range<usize>) -> impl Iterator<Item = &Hit> + '_ {
        let start = self
            .hits
            .partition_point(|h| self.sentences[h.sentence].block < blocks.start);
        self.hits[start..]
            .iter()
            .take_while(move |h| self.sentences[h.sentence].block < blocks.end)
    }

    /// The block a hit is in.
    pub fn block_of(&self, hit: &Hit) -> usize {
        self.sentences[hit.sentence].block
    }
}

/// Scan every block of `doc` for the concepts of `rules`.
pub fn scan(doc: &Document, rules: &RuleSet, scratch: &mut Scratch) -> Evidence {
    let lexicon = &rules.lexicon;
    let mut evidence = Evidence {
        headings: vec![Vec::new(); doc.sections.len()],
        ..Evidence::default()
    };
    let mut tokens: Vec<Token> = Vec::new();
    // Token index where each sentence of the current block starts.
    let mut sentence_starts: Vec<usize> = Vec::new();
    let mut block_hits: Vec<(Hit, bool)> = Vec::new();
    for (block_index, block) in doc.blocks.iter().enumerate() {
        tokens.clear();
        sentence_starts.clear();
        block_hits.clear();
        let mut open_sentence = true;
        let mut after_break = false;
        for &span in doc.block_prose(block) {
            lexicon::for_each_word(&doc.text, span, |piece| match piece {
                Piece::Word(word) => {
                    if open_sentence {
                        sentence_starts.push(tokens.len());
                        open_sentence = false;
                    }
                    let mut token = lexicon.token(&doc.text, word, scratch);
                    token.after_break = std::mem::take(&mut after_break);
                    tokens.push(token);
                }
                Piece::Break => after_break = true,
                Piece::SentenceEnd => open_sentence = true,
            });
        }
        if tokens.is_empty() {
            continue;
        }
        if block.kind == crate::source::BlockKind::Heading {
            // A heading block belongs to the section it opens.
            evidence.headings[block.section] = tokens.iter().map(|t| t.id).collect();
        }
        let first_sentence = evidence.sentences.len();
        for (i, &start) in sentence_starts.iter().enumerate() {
            let end = sentence_starts.get(i + 1).copied().unwrap_or(tokens.len());
            let sentence = first_sentence + i;
            evidence.sentences.push(Sentence {
                span: sentence_span(
                    &doc.text,
                    tokens[start].span.start,
                    tokens[end - 1].span.end,
                ),
                block: block_index,
            });
            let words = &tokens[start..end];
            lexicon.match_terms(words, |m| {
                let hit = Hit {
                    concept: m.concept,
                    sentence,
                    span: m.span,
                };
                block_hits.push((hit, is_negated(words, m.first_token)));
            });
        }
        for &span in doc.block_prose(block) {
            scan_patterns(
                lexicon,
                doc,
                span,
                &tokens,
                &sentence_starts,
                first_sentence,
                &mut block_hits,
            );
        }
        keep_first_per_sentence(&mut block_hits, &mut evidence);
    }
    evidence
}

/// Pattern matches in one prose span, attributed to the sentence they start in.
fn scan_patterns(
    lexicon: &Lexicon,
    doc: &Document,
    span: Span,
    tokens: &[Token],
    sentence_starts: &[usize],
    first_sentence: usize,
    out: &mut Vec<(Hit, bool)>,
) {
    lexicon.match_patterns(&doc.text, span, |concept, found| {
        // The first token at or after the match, and the sentence holding it.
        let token = tokens.partition_point(|t| t.span.end <= found.start);
        let local = sentence_starts
            .partition_point(|&s| s <= token)
            .saturating_sub(1);
        let sentence_start = sentence_starts.get(local).copied().unwrap_or(0);
        let negated =
            token < tokens.len() && is_negated(&tokens[sentence_start..], token - sentence_start);
        out.push((
            Hit {
                concept,
                sentence: first_sentence + local,
                span: found,
            },
            negated,
        ));
    });
}

/// Keep one counted hit per sentence and concept (the earliest); negated ones go aside.
fn keep_first_per_sentence(block_hits: &mut [(Hit, bool)], evidence: &mut Evidence) {
    block_hits.sort_by_key(|(h, negated)| (h.sentence, h.concept, *negated, h.span.start));
    let counted_from = evidence.hits.len();
    let negated_from = evidence.negated.len();
    let repeats_from = evidence.repeats.len();
    let mut previous: Option<(usize, ConceptId)> = None;
    // Sorted so that, per sentence and concept, a counted hit comes before negated ones.
    for &(hit, negated) in block_hits.iter() {
        let key = (hit.sentence, hit.concept);
        if previous == Some(key) {
            evidence.repeats.push(hit);
            continue;
        }
        previous = Some(key);
        if negated {
            evidence.negated.push(hit);
        } else {
            evidence.hits.push(hit);
        }
    }
    evidence.hits[counted_from..].sort_by_key(|h| (h.span.start, h.concept));
    evidence.negated[negated_from..].sort_by_key(|h| (h.span.start, h.concept));
    evidence.repeats[repeats_from..].sort_by_key(|h| (h.span.start, h.concept));
}

/// A sentence from its first word to its closing punctuation, if any.
fn sentence_span(text: &str, start: usize, last_word_end: usize) -> Span {
    let tail = &text[last_word_end..];
    let punct = tail
        .char_indices()
        .take_while(|(_, c)| {
            matches!(
                c,
                '.' | '!' | '?' | ')' | '"' | '\'' | '\u{201d}' | '*' | '_'
            )
        })
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    Span::new(start, last_word_end + punct)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_span_takes_closing_punctuation() {
        let text = "We must do it (always). Next";
        assert_eq!(
            &text[sentence_span(text, 0, 21).range()],
            "We must do it (always)."
        );
    }
}
