//! Concepts compiled into one matcher, shared by every worker.
//!
//! Words are lower-cased and reduced to Snowball (Porter2) stems, then to integer ids, so a
//! term matches its inflections ("approve" matches "approved", "approvals"). Multi-word terms
//! are token sequences in a trie walked from each word, which keeps matching linear in the
//! text and makes phrases such as "so that" or "one-on-one" work. Where stemming would blur a
//! distinction ("designed to" and "designers to" share stems), exact terms match the words as
//! written; imperatives are exact terms that count only when they open a sentence, the way
//! instructions do ("Submit the form", not "she submits"). Regex patterns (the `regex` crate,
//! linear time) cover what words cannot, such as "within 5 days".

// foldhash: the memo and the trie are looked up once per word, where SipHash showed in profiles.
use foldhash::HashMap;

use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};

use crate::source::Span;

/// Index of a concept in the compiled rule set.
pub type ConceptId = usize;

/// Id of a stem (or, for exact terms, of a word) in the lexicon's vocabulary.
pub type StemId = u32;

/// A word the vocabulary does not know: it can never be part of a term.
pub const UNKNOWN: StemId = StemId::MAX;

/// Words that negate what follows them within a few words ("there is *no* formal process").
const NEGATORS: &[&str] = &[
    "no", "not", "never", "without", "none", "nobody", "nothing", "neither", "nor", "cannot",
    "lack", "lacks",
];

/// Words that may come before an imperative and still leave it opening the sentence
/// ("Please submit", "Then email").
const IMPERATIVE_LEAD_INS: &[&str] = &[
    "please", "then", "first", "next", "finally", "also", "simply", "just", "and", "or",
];

/// How many words before a match a negator still negates it.
pub const NEGATION_WINDOW: usize = 3;

/// Upper bound of a worker's word memo, so memory stays bounded on huge vocabularies.
const MEMO_LIMIT: usize = 1 << 17;

/// A word of prose: where it is, its stem id and exact-word id, and what role it can play.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub id: StemId,
    /// Id of the word as written, for exact terms ([`UNKNOWN`] if no exact term uses it).
    pub exact: StemId,
    pub negator: bool,
    /// May stand before an imperative without taking its place at the start of the sentence.
    pub lead_in: bool,
    /// Clause punctuation (a comma, a dash, a bracket) separates this word from the one before:
    /// terms and negations do not reach across it.
    pub after_break: bool,
}

/// A term or pattern found in a run of tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermMatch {
    pub concept: ConceptId,
    pub span: Span,
    /// Index of the first token of the match.
    pub first_token: usize,
}

/// What a memoised word maps to.
#[derive(Clone, Copy)]
struct WordInfo {
    id: StemId,
    exact: StemId,
    negator: bool,
    lead_in: bool,
}

/// Per-worker scratch state: a memo from surface word to its ids.
#[derive(Default)]
pub struct Scratch {
    memo: HashMap<String, WordInfo>,
    lowered: String,
}

/// How a term is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermForm {
    /// Stemmed, anywhere.
    Stemmed,
    /// The words as written (case-insensitive), anywhere.
    Exact,
    /// The words as written, only at the start of a sentence or list item.
    Imperative,
}

/// Token sequences to the concepts they are evidence of.
#[derive(Default)]
struct Trie {
    /// `(node, word id) -> node`; node 0 is the root.
    edges: HashMap<(u32, StemId), u32>,
    /// For each node, the concepts whose term ends there and whether the term must open a sentence.
    accepts: Vec<Vec<(ConceptId, bool)>>,
    longest: usize,
}

impl Trie {
    fn insert(&mut self, ids: &[StemId], concept: ConceptId, opens_sentence: bool) {
        if self.accepts.is_empty() {
            self.accepts.push(Vec::new());
        }
        let mut node = 0u32;
        for id in ids {
            let next = self.accepts.len() as u32;
            node = *self.edges.entry((node, *id)).or_insert(next);
            if node == next {
                self.accepts.push(Vec::new());
            }
        }
        let accepts = &mut self.accepts[node as usize];
        if !accepts.contains(&(concept, opens_sentence)) {
            accepts.push((concept, opens_sentence));
        }
        self.longest = self.longest.max(ids.len());
    }

    /// Matches starting at `start`, walking word ids chosen by `id_of`.
    fn walk(
        &self,
        tokens: &[Token],
        start: usize,
        id_of: fn(&Token) -> StemId,
        opens_sentence: bool,
        found: &mut impl FnMut(TermMatch),
    ) {
        let mut node = 0u32;
        for (offset, token) in tokens[start..].iter().take(self.longest).enumerate() {
            if offset > 0 && token.after_break {
                return;
            }
            match self.edges.get(&(node, id_of(token))) {
                Some(&next) => node = next,
                None => return,
            }
            for &(concept, needs_start) in &self.accepts[node as usize] {
                if !needs_start || opens_sentence {
                    found(TermMatch {
                        concept,
                        span: Span::new(tokens[start].span.start, tokens[start + offset].span.end),
                        first_token: start,
                    });
                }
            }
        }
    }
}

/// The compiled matcher.
pub struct Lexicon {
    stemmer: Stemmer,
    stems: HashMap<String, StemId>,
    words: HashMap<String, StemId>,
    /// Singular lower-case words of kind cues, which stems would blur ("engineer" and
    /// "engineering" share a stem; a role title and a department do not).
    folded: HashMap<String, StemId>,
    stemmed: Trie,
    exact: Trie,
    patterns: Vec<(ConceptId, Regex)>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("stems", &self.stems.len())
            .field("words", &self.words.len())
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon {
            stemmer: Stemmer::create(Algorithm::English),
            stems: HashMap::default(),
            words: HashMap::default(),
            folded: HashMap::default(),
            stemmed: Trie::default(),
            exact: Trie::default(),
            patterns: Vec::new(),
        }
    }
}

impl Lexicon {
    /// Add a term (one or more words) for a concept. Returns `false` when the term has no words.
    pub fn add_term(&mut self, concept: ConceptId, term: &str, form: TermForm) -> bool {
        match form {
            TermForm::Stemmed => {
                let ids = self.intern_phrase(term);
                self.stemmed.insert(&ids, concept, false);
                !ids.is_empty()
            }
            TermForm::Exact | TermForm::Imperative => {
                let mut ids = Vec::new();
                for_each_word(term, Span::new(0, term.len()), |piece| {
                    if let Piece::Word(span) = piece {
                        let next = self.words.len() as StemId;
                        ids.push(
                            *self
                                .words
                                .entry(normalise(&term[span.range()]))
                                .or_insert(next),
                        );
                    }
                });
                self.exact
                    .insert(&ids, concept, form == TermForm::Imperative);
                !ids.is_empty()
            }
        }
    }

    /// Add a compiled pattern for a concept.
    pub fn add_pattern(&mut self, concept: ConceptId, regex: Regex) {
        self.patterns.push((concept, regex));
    }

    /// Stem ids of a phrase, adding unknown stems to the vocabulary. Used while compiling terms
    /// and heading phrases, never on documents.
    pub fn intern_phrase(&mut self, phrase: &str) -> Vec<StemId> {
        let mut ids = Vec::new();
        for_each_word(phrase, Span::new(0, phrase.len()), |piece| {
            if let Piece::Word(span) = piece {
                let stem = self
                    .stemmer
                    .stem(&normalise(&phrase[span.range()]))
                    .into_owned();
                let next = self.stems.len() as StemId;
                ids.push(*self.stems.entry(stem).or_insert(next));
            }
        });
        ids
    }

    /// Folded word ids of a phrase, adding new words. Used while compiling kind cues.
    pub fn intern_folded(&mut self, phrase: &str) -> Vec<StemId> {
        let mut ids = Vec::new();
        for_each_word(phrase, Span::new(0, phrase.len()), |piece| {
            if let Piece::Word(span) = piece {
                let next = self.folded.len() as StemId;
                ids.push(
                    *self
                        .folded
                        .entry(fold(&phrase[span.range()]))
                        .or_insert(next),
                );
            }
        });
        ids
    }

    /// Folded word ids of a title or heading from a document.
    pub fn folded_ids(&self, text: &str) -> Vec<StemId> {
        let mut ids = Vec::new();
        for_each_word(text, Span::new(0, text.len()), |piece| {
            if let Piece::Word(span) = piece {
                ids.push(
                    self.folded
                        .get(&fold(&text[span.range()]))
                        .copied()
                        .unwrap_or(UNKNOWN),
                );
            }
        });
        ids
    }

    /// The token for one word of a document.
    pub fn token(&self, text: &str, span: Span, scratch: &mut Scratch) -> Token {
        let word = &text[span.range()];
        scratch.lowered.clear();
        if word.is_ascii() {
            scratch.lowered.push_str(word);
            scratch.lowered.make_ascii_lowercase();
        } else {
            scratch.lowered.push_str(&normalise(word));
        }
        let info = match scratch.memo.get(scratch.lowered.as_str()) {
            Some(&known) => known,
            None => {
                let lowered = scratch.lowered.as_str();
                let info = WordInfo {
                    id: self
                        .stems
                        .get(self.stemmer.stem(lowered).as_ref())
                        .copied()
                        .unwrap_or(UNKNOWN),
                    exact: self.words.get(lowered).copied().unwrap_or(UNKNOWN),
                    negator: NEGATORS.contains(&lowered) || lowered.ends_with("n't"),
                    lead_in: IMPERATIVE_LEAD_INS.contains(&lowered),
                };
                if scratch.memo.len() >= MEMO_LIMIT {
                    scratch.memo.clear();
                }
                scratch.memo.insert(scratch.lowered.clone(), info);
                info
            }
        };
        Token {
            span,
            id: info.id,
            exact: info.exact,
            negator: info.negator,
            lead_in: info.lead_in,
            after_break: false,
        }
    }

    /// Every term occurrence in one sentence's tokens, in order of position.
    pub fn match_terms(&self, tokens: &[Token], mut found: impl FnMut(TermMatch)) {
        let opening = tokens.iter().take_while(|t| t.lead_in).count();
        for start in 0..tokens.len() {
            let token = &tokens[start];
            if token.id != UNKNOWN {
                self.stemmed
                    .walk(tokens, start, |t| t.id, false, &mut found);
            }
            if token.exact != UNKNOWN {
                self.exact
                    .walk(tokens, start, |t| t.exact, start == opening, &mut found);
            }
        }
    }

    /// Every pattern match inside one prose span.
    pub fn match_patterns(&self, text: &str, span: Span, mut found: impl FnMut(ConceptId, Span)) {
        let slice = &text[span.range()];
        for (concept, regex) in &self.patterns {
            for m in regex.find_iter(slice) {
                if !m.is_empty() {
                    found(
                        *concept,
                        Span::new(span.start + m.start(), span.start + m.end()),
                    );
                }
            }
        }
    }
}

/// Whether the `window` tokens before `first` (within `tokens`) hold a negator.
pub fn is_negated(tokens: &[Token], first: usize) -> bool {
    let mut at = first;
    while at > 0 && first - at < NEGATION_WINDOW && !tokens[at].after_break {
        at -= 1;
        if tokens[at].negator {
            return true;
        }
    }
    false
}

/// Lower case with typographic apostrophes made plain.
fn normalise(word: &str) -> String {
    word.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")
}

/// Lower case and singular: "Responsibilities" and "responsibility" fold alike, "engineering"
/// and "engineer" do not.
fn fold(word: &str) -> String {
    let word = normalise(word);
    let word = word.strip_suffix("'s").unwrap_or(&word);
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{stem}y")
    } else if word.ends_with("ss") || word.ends_with("us") || word.len() <= 3 {
        word.to_string()
    } else if let Some(stem) = word.strip_suffix('s') {
        stem.to_string()
    } else {
        word.to_string()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Whether a whitespace-separated chunk is a URL or an e-mail address, which are never prose.
fn is_address(chunk: &str) -> bool {
    chunk.contains("://")
        || chunk.starts_with("www.")
        || chunk
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

/// What [`for_each_word`] reports, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    Word(Span),
    /// Clause punctuation between the last word reported and the next.
    Break,
    /// The sentence ends after the last word reported.
    SentenceEnd,
}

/// Walk the words of `span` in `text`, reporting where sentences end. Words are runs of letters
/// and digits joined by inner apostrophes ("don't"); hyphens split words; URLs and e-mail
/// addresses are skipped whole, though a full stop after one still ends the sentence.
pub fn for_each_word(text: &str, span: Span, mut report: impl FnMut(Piece)) {
    let slice = &text[span.range()];
    // End of the last word reported, relative to `slice`.
    let mut last_end: Option<usize> = None;
    let mut chunk_start = None;
    let chunks = slice
        .char_indices()
        .chain(std::iter::once((slice.len(), ' ')))
        .filter_map(|(i, c)| {
            if c.is_whitespace() {
                chunk_start.take().map(|s| (s, i))
            } else {
                if chunk_start.is_none() {
                    chunk_start = Some(i);
                }
                None
            }
        });
    // Whether a sentence has words and no end yet.
    let mut in_sentence = false;
    for (start, end) in chunks {
        let chunk = &slice[start..end];
        if is_address(chunk) {
            if chunk.ends_with(['.', '!', '?']) {
                report(Piece::SentenceEnd);
                in_sentence = false;
            }
            continue;
        }
        // "1." or "(b)" opening a clause numbers it; it is not a word of it.
        if !in_sentence && is_clause_number(chunk) {
            continue;
        }
        let next = slice[end..].trim_start();
        let mut words = words_in_chunk(chunk).peekable();
        // Punctuation standing alone ends the sentence of the words before it, in this span
        // or an earlier one: "see [the guide](guide.md). Then ..." leaves ")." after the link.
        if words.peek().is_none() {
            if ends_sentence(chunk, 0, 0, next) {
                report(Piece::SentenceEnd);
                in_sentence = false;
            }
            continue;
        }
        while let Some((ws, we)) = words.next() {
            if last_end.is_some_and(|end| separates_clauses(slice, end, start + ws)) {
                report(Piece::Break);
            }
            last_end = Some(start + we);
            report(Piece::Word(Span::new(
                span.start + start + ws,
                span.start + start + we,
            )));
            in_sentence = true;
            if words.peek().is_none() && ends_sentence(chunk, ws, we, next) {
                report(Piece::SentenceEnd);
                in_sentence = false;
            }
        }
    }
}

/// Byte ranges of words inside a chunk without whitespace.
fn words_in_chunk(chunk: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = chunk.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_word_char(c))?;
        let mut end = chunk.len();
        while let Some(&(i, c)) = chars.peek() {
            if is_word_char(c) {
                chars.next();
                continue;
            }
            if is_apostrophe(c) {
                let after = chunk[i + c.len_utf8()..].chars().next();
                if after.is_some_and(is_word_char) {
                    chars.next();
                    continue;
                }
            }
            end = i;
            break;
        }
        Some((start, end))
    })
}

/// Whether the gap `slice[end..next]` between two words holds clause punctuation. A colon
/// between digits belongs to a time or a ratio ("10:30", "weekly 1:1s"), not to the clause.
fn separates_clauses(slice: &str, end: usize, next: usize) -> bool {
    let gap = &slice[end..next];
    let digit_before = slice[..end].ends_with(|c: char| c.is_ascii_digit());
    let digit_after = slice[next..].starts_with(|c: char| c.is_ascii_digit());
    gap.contains(CLAUSE_PUNCTUATION) && !(gap == ":" && digit_before && digit_after)
}

/// Punctuation that separates clauses: a term never spans it.
const CLAUSE_PUNCTUATION: &[char] = &[
    ',', ';', ':', '(', ')', '[', ']', '{', '}', '"', '\u{201c}', '\u{201d}', '\u{2014}',
    '\u{2013}', '|', '.', '!', '?',
];

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "no", "st", "approx", "incl", "cf", "ltd",
    "inc", "corp", "co", "sec", "art", "para", "fig", "pp", "prof", "dept", "jr", "sr", "viz",
    "al",
];

/// Whether a chunk numbers a clause: "1.", "2)", "(3)", "a.", "(b)", "iv)", "3.2".
fn is_clause_number(chunk: &str) -> bool {
    let inner = chunk.strip_prefix('(').unwrap_or(chunk);
    let dotted = |label: &str| {
        label.contains('.')
            && label
                .split('.')
                .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let Some(label) = inner.strip_suffix(['.', ')']) else {
        return dotted(inner);
    };
    let short_letters =
        label.len() <= 3 && label.chars().all(|c| c.is_ascii_lowercase()) && !label.is_empty();
    let digits = !label.is_empty()
        && label.len() <= 3
        && label
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    digits || (short_letters && (label.len() == 1 || label.chars().all(|c| "ivx".contains(c))))
}

/// Whether the punctuation after the last word of a chunk ends a sentence; `next` is the text
/// after the chunk. A full stop before a lower-case word or a number other than a clause's
/// ("Acme Ltd. in London", "Sec. 4.2") continues the sentence.
fn ends_sentence(chunk: &str, word_start: usize, word_end: usize, next: &str) -> bool {
    let tail = &chunk[word_end..];
    let Some(mark) = tail.chars().find(|c| matches!(c, '.' | '!' | '?')) else {
        return false;
    };
    if mark != '.' {
        return true;
    }
    let next_chunk = next.split(char::is_whitespace).next().unwrap_or("");
    let continues = next_chunk
        .trim_start_matches(['(', '"', '\'', '\u{201c}', '\u{2018}'])
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    // "3.2 Users must ..." numbers the next clause; "Sec. 4.2 of the Act" refers to one.
    let numbers_next_clause = is_clause_number(next_chunk)
        && next[next_chunk.len()..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(char::is_uppercase);
    if continues && !numbers_next_clause {
        return false;
    }
    let word = chunk[..word_end]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lowered = word.to_lowercase();
    let single_letter =
        word_end - word_start == 1 && chunk[word_start..word_end].chars().all(char::is_alphabetic);
    !(single_letter || ABBREVIATIONS.contains(&lowered.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool)> {
        let mut out: Vec<(&str, bool)> = Vec::new();
        for_each_word(text, Span::new(0, text.len()), |piece| match piece {
            Piece::Word(s) => out.push((&text[s.range()], false)),
            Piece::SentenceEnd => out.last_mut().unwrap().1 = true,
            Piece::Break => {}
        });
        out
    }

    fn tokens(lexicon: &Lexicon, text: &str) -> Vec<Token> {
        let mut scratch = Scratch::default();
        let mut tokens = Vec::new();
        for_each_word(text, Span::new(0, text.len()), |piece| {
            if let Piece::Word(s) = piece {
                tokens.push(lexicon.token(text, s, &mut scratch));
            }
        });
        tokens
    }

    /// The tokens of `text`, each marked when clause punctuation stands before it.
    fn tokens_with_breaks(lexicon: &Lexicon, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut scratch = Scratch::default();
        let mut after_break = false;
        for_each_word(text, Span::new(0, text.len()), |piece| match piece {
            Piece::Word(s) => {
                let mut token = lexicon.token(text, s, &mut scratch);
                token.after_break = std::mem::take(&mut after_break);
                tokens.push(token);
            }
            Piece::Break => after_break = true,
            Piece::SentenceEnd => {}
        });
        tokens
    }

    /// The sentences of `text`, each as its words joined by spaces.
    fn sentences(text: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        for_each_word(text, Span::new(0, text.len()), |piece| match piece {
            Piece::Word(s) => {
                let last = out.last_mut().unwrap();
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(&text[s.range()]);
            }
            Piece::SentenceEnd => out.push(String::new()),
            Piece::Break => {}
        });
        out.retain(|s| !s.is_empty());
        out
    }

    #[test]
    fn abbreviations_lower_case_and_section_numbers_continue_a_sentence() {
        assert_eq!(
            sentences("Ask Ms. Okafor at Acme Ltd. in Leeds. See Sec. 4.2 of the Act. Then stop."),
            [
                "Ask Ms Okafor at Acme Ltd in Leeds",
                "See Sec 4 2 of the Act",
                "Then stop"
            ]
        );
    }

    #[test]
    fn numbered_clauses_are_sentences_and_their_numbers_are_not_words() {
        assert_eq!(
            sentences("1. Open the portal. 2. Submit the form. (b) Wait for the reply. iv) Pay."),
            [
                "Open the portal",
                "Submit the form",
                "Wait for the reply",
                "Pay"
            ]
        );
        // A number inside a sentence stays a word of it.
        assert_eq!(
            sentences("Claims over 5. are checked."),
            ["Claims over 5 are checked"]
        );
    }

    #[test]
    fn punctuation_alone_ends_the_sentence_before_it() {
        // What is left of "see [the guide](guide.md). Please report it." once the link's
        // destination is taken out of the prose.
        assert_eq!(
            words("see the guide ). Please report it ) and stop"),
            vec![
                ("see", false),
                ("the", false),
                ("guide", true),
                ("Please", false),
                ("report", false),
                ("it", false),
                ("and", false),
                ("stop", false),
            ]
        );
    }

    #[test]
    fn splits_words_and_sentences() {
        assert_eq!(
            words("We don't share it, e.g. passwords. See https://x.org/purpose or a@b.com! Done"),
            vec![
                ("We", false),
                ("don't", false),
                ("share", false),
                ("it", false),
                ("e", false),
                ("g", false),
                ("passwords", true),
                ("See", false),
                ("or", true),
                ("Done", false),
            ]
        );
        assert_eq!(
            words("one-on-one (weekly)."),
            vec![
                ("one", false),
                ("on", false),
                ("one", false),
                ("weekly", true)
            ]
        );
        assert_eq!(
            words("Version 2.1 applies"),
            vec![
                ("Version", false),
                ("2", false),
                ("1", false),
                ("applies", false)
            ]
        );
    }

    #[test]
    fn terms_match_inflections_and_phrases() {
        let mut lexicon = Lexicon::default();
        lexicon.add_term(0, "approve", TermForm::Stemmed);
        lexicon.add_term(1, "so that", TermForm::Stemmed);
        lexicon.add_term(2, "one-on-one", TermForm::Stemmed);
        let text = "Managers approved it so that we meet in one-on-ones.";
        let mut found = Vec::new();
        lexicon.match_terms(&tokens(&lexicon, text), |m| {
            found.push((m.concept, &text[m.span.range()]))
        });
        assert_eq!(
            found,
            vec![(0, "approved"), (1, "so that"), (2, "one-on-ones")]
        );
    }

    #[test]
    fn exact_terms_and_imperatives_keep_their_form() {
        let mut lexicon = Lexicon::default();
        lexicon.add_term(0, "designed to", TermForm::Exact);
        lexicon.add_term(1, "submit", TermForm::Imperative);
        let mut found = Vec::new();
        let text =
            "Please submit it. She submits it; designers to review, designed to help. Submitting";
        lexicon.match_terms(&tokens(&lexicon, text)[..3], |m| {
            found.push((m.concept, &text[m.span.range()]))
        });
        lexicon.match_terms(&tokens(&lexicon, text)[3..], |m| {
            found.push((m.concept, &text[m.span.range()]))
        });
        assert_eq!(found, vec![(1, "submit"), (0, "designed to")]);
    }

    /// Where the one stemmed `term` matches in `text`, clause breaks included.
    fn spans_of_term(term: &str, text: &str) -> Vec<Span> {
        let mut lexicon = Lexicon::default();
        lexicon.add_term(0, term, TermForm::Stemmed);
        let tokens = tokens_with_breaks(&lexicon, text);
        let mut found = Vec::new();
        lexicon.match_terms(&tokens, |m| found.push(m.span));
        found
    }

    #[test]
    fn terms_do_not_span_clause_punctuation() {
        let text = "legitimate reasons \u{2014} for instance, reasons for it";
        let found: Vec<&str> = spans_of_term("reasons for", text)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(found, vec!["reasons for"]);
    }

    #[test]
    fn a_colon_between_digits_joins_a_term() {
        let text = "Raise it in weekly 1:1s, not in step 1: 1s are for later.";
        let found: Vec<usize> = spans_of_term("1:1s", text)
            .iter()
            .map(|s| s.start)
            .collect();
        assert_eq!(found, vec![text.find("1:1s").unwrap()]);
    }

    #[test]
    fn folding_makes_plurals_singular_and_keeps_derivations_apart() {
        assert_eq!(fold("Responsibilities"), "responsibility");
        assert_eq!(fold("Engineers"), "engineer");
        assert_eq!(fold("Engineering"), "engineering");
        assert_eq!(fold("process"), "process");
        assert_eq!(fold("bus"), "bus");
    }

    #[test]
    fn negation_looks_back_a_few_words() {
        let mut lexicon = Lexicon::default();
        lexicon.add_term(0, "process", TermForm::Stemmed);
        let text = "There is no formal process. We have a process.";
        let tokens = tokens(&lexicon, text);
        assert!(is_negated(&tokens, 4));
        assert!(!is_negated(&tokens, 8));
    }
}
