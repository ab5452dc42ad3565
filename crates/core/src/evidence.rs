//! Finding evidence: every sentence of a document's prose, matched against the lexicon.
//!
//! Evidence is counted per sentence: a sentence that says "process" three times is one piece
//! of process evidence. A match within a few words after a negator ("there is *no* formal
//! process") is kept aside as negated and never counts.

use serde::{Deserialize, Serialize};

use crate::rules::lexicon::{self, ConceptId, Piece, Scratch, StemId, Token, is_negated};
use crate::rules::{Lexicon, RuleSet};
use crate::source::{BlockKind, Document, Span};
use crate::statements::{self, CueMatch, Place, SentenceView, Statement};

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
    /// What the sentences do (state a purpose, take a step), in sentence order.
    pub statements: Vec<Statement>,
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
    let grammar = &rules.grammar;
    let mut cues: Vec<CueMatch> = Vec::new();
    let mut word_spans: Vec<Span> = Vec::new();
    let mut breaks: Vec<bool> = Vec::new();
    let mut places: Vec<Place> = Vec::new();
    let mut sentences_in_section = vec![0usize; doc.sections.len()];
    let mut prose_sentences = 0usize;
    let mut list: Option<(usize, bool)> = None;
    for (block_index, block) in doc.blocks.iter().enumerate() {
        list = match block.kind {
            BlockKind::ListItem { .. } | BlockKind::TableCell => {
                let previous = block_index
                    .checked_sub(1)
                    .map(|i| &doc.blocks[i])
                    .filter(|b| b.section == block.section && b.kind == block.kind);
                let ordered = !matches!(block.kind, BlockKind::ListItem { ordered: false });
                list.filter(|_| previous.is_some())
                    .or(Some((block_index, ordered)))
            }
            _ => None,
        };
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
            cues.clear();
            lexicon.match_terms(words, |m| {
                if grammar.is_cue(m.concept) {
                    let end = m.first_token
                        + words[m.first_token..]
                            .iter()
                            .position(|t| t.span.end >= m.span.end)
                            .map_or(1, |i| i + 1);
                    cues.push(CueMatch {
                        concept: m.concept,
                        first: m.first_token,
                        end,
                    });
                    return;
                }
                let hit = Hit {
                    concept: m.concept,
                    sentence,
                    span: m.span,
                };
                block_hits.push((hit, is_negated(words, m.first_token)));
            });
            let heading = block.kind == BlockKind::Heading;
            let procedures = grammar.roles.iter().filter_map(|r| r.procedure.as_ref());
            let conditional = procedures
                .clone()
                .filter_map(|p| p.conditions)
                .any(|c| cues.iter().any(|m| m.concept == c && m.first == 0));
            let ordered = procedures
                .filter_map(|p| p.order)
                .any(|c| cues.iter().any(|m| m.concept == c));
            places.push(Place {
                section: block.section,
                list,
                conditional,
                ordered,
                announces_list: announces_list(&doc.text, words),
            });
            if heading || grammar.roles.is_empty() || words.len() > statements::MAX_STATEMENT_WORDS
            {
                continue;
            }
            word_spans.clear();
            word_spans.extend(words.iter().map(|t| t.span));
            breaks.clear();
            breaks.extend(words.iter().map(|t| t.after_break));
            let view = SentenceView::new(
                &doc.text,
                &word_spans,
                &breaks,
                &cues,
                &evidence.headings[block.section],
                (sentences_in_section[block.section], prose_sentences),
            );
            sentences_in_section[block.section] += 1;
            prose_sentences += 1;
            evidence
                .statements
                .extend(statements::read_sentence(grammar, sentence, &view));
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
    if !grammar.roles.is_empty() {
        statements::compose(grammar, &mut evidence.statements, &places);
        add_statement_hits(rules, &mut evidence);
    }
    evidence
}

/// The words of one sentence that match the cue lists `cues`, for explaining why a sentence
/// that holds them plays no role.
pub fn cue_words(doc: &Document, rules: &RuleSet, sentence: Span, cues: &[ConceptId]) -> Vec<Span> {
    let mut scratch = Scratch::default();
    let mut tokens = Vec::new();
    lexicon::for_each_word(&doc.text, sentence, |piece| {
        if let Piece::Word(word) = piece {
            tokens.push(rules.lexicon.token(&doc.text, word, &mut scratch));
        }
    });
    let mut found = Vec::new();
    rules.lexicon.match_terms(&tokens, |m| {
        if cues.contains(&m.concept) && !found.contains(&m.span) {
            found.push(m.span);
        }
    });
    // Longest first at each start, then drop the matches inside another ("is expected to"
    // holds "expected to").
    found.sort_unstable_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut kept: Vec<Span> = Vec::with_capacity(found.len());
    for span in found {
        if kept.last().is_none_or(|last| span.start >= last.end) {
            kept.push(span);
        }
    }
    kept
}

/// Evidence of the concepts read from statements: one hit per sentence that plays the role,
/// at its evidence cue.
fn add_statement_hits(rules: &RuleSet, evidence: &mut Evidence) {
    let before = evidence.hits.len();
    for &(concept, role) in &rules.grammar.evidences {
        let mut last = None;
        for statement in evidence.statements.iter().filter(|s| s.role == role) {
            if last == Some(statement.sentence) {
                continue;
            }
            last = Some(statement.sentence);
            evidence.hits.push(Hit {
                concept,
                sentence: statement.sentence,
                span: statement.evidence_span(evidence.sentences[statement.sentence].span),
            });
        }
    }
    if evidence.hits.len() > before {
        let sentences = &evidence.sentences;
        evidence
            .hits
            .sort_by_key(|h| (sentences[h.sentence].block, h.span.start, h.concept));
    }
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

/// Whether a sentence announces what follows it: it ends with a colon or speaks of "the
/// following" ("Submit the following paperwork to your supervisor:").
fn announces_list(text: &str, words: &[lexicon::Token]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    let colon = text[last.span.end..]
        .trim_start_matches(['*', '_', ')', '"', '\u{201d}'])
        .starts_with(':');
    colon
        || words
            .iter()
            .any(|w| text[w.span.range()].eq_ignore_ascii_case("following"))
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
