//! Figures a document states about something: a deadline ("within 30 days"), an amount
//! ("up to £50"), a share ("at least 20%"), each with the relation it sets and the thing it
//! constrains, so figures of two documents can be compared.
//!
//! A figure counts only with an explicit relation before it ("within", "up to", "at least",
//! "over" ...) or after it ("or less"): a number alone says nothing that another document could
//! contradict. Its subject is the content nouns of its sentence (of its clause when the
//! sentence states several figures), as the part-of-speech tagger reads them, reduced to their
//! Snowball stems so "claims" and "claim" agree. Units are normalised so "2 weeks" and
//! "14 days" are one figure; working days, calendar time, months, each currency and
//! percentages are separate quantities that are never compared with each other.

use std::sync::OnceLock;

use regex::{Captures, Regex};
use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

use crate::rules::lexicon::{Piece, for_each_word};
use crate::source::{Document, LineIndex, Span};
use crate::statements::tagger::{self, Tag};

/// What a figure measures; figures of different quantities are never compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quantity {
    /// Minutes, hours, days and weeks, counted in minutes.
    CalendarTime,
    /// Working or business days (a working week is five).
    WorkingDays,
    /// Months and years, counted in months: a month is no fixed number of days.
    Months,
    /// An amount of money in one currency (ISO code).
    Money(Currency),
    Percent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Currency {
    Gbp,
    Usd,
    Eur,
}

/// How a figure bounds its subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relation {
    /// "within 30 days", "no later than".
    Deadline,
    /// "up to", "no more than", "must not exceed", "or less".
    AtMost,
    /// "at least", "no less than", "or more".
    AtLeast,
    /// A threshold above which something applies: "over £50", "more than".
    Above,
    /// A threshold below which something applies: "under £50", "less than".
    Below,
}

/// A figure stated about a subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The relation's words and the figure, as written: "within 30 days".
    pub span: Span,
    pub quantity: Quantity,
    /// In hundredths of the quantity's unit, so "£50" and "£50.00" agree.
    pub amount: u64,
    pub relation: Relation,
    /// Stems of the content nouns, sorted and without repeats.
    pub subject: Vec<String>,
    /// The stem of the verb the figure bounds ("submitted within 30 days"), when there is one
    /// that says more than "is" or "has".
    pub action: Option<String>,
    /// The span's text on one line, for messages.
    pub written: String,
    /// 1-based line and column (in characters) of the span's start and end.
    pub start: (usize, usize),
    pub end: (usize, usize),
}

impl Claim {
    /// Whether `other` states a figure of the same kind about the same thing: same quantity,
    /// same relation, the same action ("claims are *paid* within" is not "claims are
    /// *submitted* within"), and subjects sharing at least half of their stems, and at least
    /// [`MIN_SHARED_STEMS`] of them.
    pub fn same_thing(&self, other: &Claim) -> bool {
        if self.quantity != other.quantity
            || self.relation != other.relation
            || self.action != other.action
        {
            return false;
        }
        let shared = self
            .subject
            .iter()
            .filter(|stem| other.subject.binary_search(stem).is_ok())
            .count();
        let union = self.subject.len() + other.subject.len() - shared;
        shared >= MIN_SHARED_STEMS && shared * 2 >= union
    }
}

/// One shared noun ("request", "action") is too little to tell that two sentences speak of the
/// same thing: on real handbooks it paired deadlines for different requests.
const MIN_SHARED_STEMS: usize = 2;

/// Nouns that say nothing about what a figure constrains: units, the relation itself, and the
/// people every policy addresses.
const NOT_SUBJECTS: &str = "minute hour day week month year business working calendar pound \
    dollar euro percent cent gbp usd eur limit maximum minimum max min threshold amount total \
    value sum number time period date employee staff member colleague worker people person you \
    company organisation organization policy procedure case event rule may must shall will can";

/// The words before a figure that set its relation. Longer cues are tried first.
const CUES_BEFORE: &[(&str, Relation)] = &[
    ("within", Relation::Deadline),
    ("no later than", Relation::Deadline),
    ("not later than", Relation::Deadline),
    ("up to", Relation::AtMost),
    ("no more than", Relation::AtMost),
    ("not more than", Relation::AtMost),
    ("no greater than", Relation::AtMost),
    ("maximum of", Relation::AtMost),
    ("maximum", Relation::AtMost),
    ("at most", Relation::AtMost),
    ("not exceed", Relation::AtMost),
    ("not to exceed", Relation::AtMost),
    ("not exceeding", Relation::AtMost),
    ("limit of", Relation::AtMost),
    ("limit is", Relation::AtMost),
    ("limited to", Relation::AtMost),
    ("capped at", Relation::AtMost),
    ("at least", Relation::AtLeast),
    ("minimum of", Relation::AtLeast),
    ("minimum", Relation::AtLeast),
    ("no less than", Relation::AtLeast),
    ("not less than", Relation::AtLeast),
    ("no fewer than", Relation::AtLeast),
    ("not fewer than", Relation::AtLeast),
    ("over", Relation::Above),
    ("more than", Relation::Above),
    ("above", Relation::Above),
    ("exceeding", Relation::Above),
    ("exceeds", Relation::Above),
    ("in excess of", Relation::Above),
    ("greater than", Relation::Above),
    ("under", Relation::Below),
    ("less than", Relation::Below),
    ("fewer than", Relation::Below),
    ("below", Relation::Below),
];

/// The words after a figure that set its relation.
const CUES_AFTER: &[(&str, Relation)] = &[
    ("or less", Relation::AtMost),
    ("or fewer", Relation::AtMost),
    ("or under", Relation::AtMost),
    ("or more", Relation::AtLeast),
    ("or longer", Relation::AtLeast),
];

const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fourteen", 14),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("sixty", 60),
    ("ninety", 90),
];

fn duration() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?P<n>\d{1,4}(?:\.\d{1,2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|sixty|ninety)(?:\s*\(\d{1,4}\))?[\s-]+(?:(?P<working>working|business)\s+|(?:calendar|clear)\s+)?(?P<unit>minute|hour|day|week|month|year)s?(?-u:\b)",
        )
        .expect("the duration pattern compiles")
    })
}

fn money() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:(?P<sym>[£$€])\s?|(?-u:\b)(?P<code>gbp|usd|eur)\s?)(?P<n>\d[\d,]*(?:\.\d{1,2})?)(?P<k>\s?k(?-u:\b))?|(?-u:\b)(?P<n2>\d[\d,]*(?:\.\d{1,2})?)\s?(?P<word>gbp|usd|eur|pounds?|dollars?|euros?)(?-u:\b)",
        )
        .expect("the money pattern compiles")
    })
}

fn percent() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)(?-u:\b)(?P<n>\d{1,3}(?:\.\d{1,2})?)\s?(?:%|per\s?cent(?-u:\b))")
            .expect("the percent pattern compiles")
    })
}

// Word boundaries are ASCII ones (`(?-u:\b)`): a Unicode `\b` keeps the regex engine off its
// fast paths on any text that is not ASCII, and figures and units are ASCII words.

/// Whether `text` may state a figure at all: a cheap test before parsing a document.
pub fn may_state_figures(text: &str) -> bool {
    duration().is_match(text) || money().is_match(text) || percent().is_match(text)
}

/// A figure found in the text, before its relation and subject are read.
#[derive(Clone, Copy)]
struct Figure {
    span: Span,
    quantity: Quantity,
    amount: u64,
}

/// A number as written, in hundredths: "1,500" is 150000, "12.5" is 1250, "thirty" 3000.
fn hundredths(written: &str) -> Option<u64> {
    let lower = written.to_lowercase();
    if let Some((_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some(n * 100);
    }
    let digits = lower.replace(',', "");
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let whole: u64 = whole.parse().ok()?;
    let fraction: u64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u64>().ok()? * 10,
        _ => fraction.get(..2)?.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(fraction)
}

fn duration_figure(c: &Captures) -> Option<(Quantity, u64)> {
    let n = hundredths(&c["n"])?;
    let unit = c["unit"].to_lowercase();
    if c.name("working").is_some() {
        let per = match unit.as_str() {
            "day" => 1,
            "week" => 5,
            _ => return None,
        };
        return Some((Quantity::WorkingDays, n.checked_mul(per)?));
    }
    let (quantity, per) = match unit.as_str() {
        "minute" => (Quantity::CalendarTime, 1),
        "hour" => (Quantity::CalendarTime, 60),
        "day" => (Quantity::CalendarTime, 60 * 24),
        "week" => (Quantity::CalendarTime, 60 * 24 * 7),
        "month" => (Quantity::Months, 1),
        _ => (Quantity::Months, 12),
    };
    Some((quantity, n.checked_mul(per)?))
}

fn money_figure(c: &Captures) -> Option<(Quantity, u64)> {
    let (n, currency) = match (c.name("n"), c.name("n2")) {
        (Some(n), _) => {
            let mark = c
                .name("sym")
                .or_else(|| c.name("code"))
                .map(|m| m.as_str().to_lowercase())?;
            (n.as_str(), mark)
        }
        (None, Some(n)) => (n.as_str(), c["word"].to_lowercase()),
        _ => return None,
    };
    let currency = match currency.as_str() {
        "£" | "gbp" | "pound" | "pounds" => Currency::Gbp,
        "$" | "usd" | "dollar" | "dollars" => Currency::Usd,
        _ => Currency::Eur,
    };
    let thousands = if c.name("k").is_some() { 1000 } else { 1 };
    Some((
        Quantity::Money(currency),
        hundredths(n)?.checked_mul(thousands)?,
    ))
}

/// The figures in `text[range]`, in order, none overlapping. One pass of each pattern over
/// the document: running them per sentence costs several times more.
fn figures_in(text: &str, range: Span) -> Vec<Figure> {
    let slice = &text[range.range()];
    let mut found: Vec<Figure> = Vec::new();
    let mut add = |re: &Regex, read: &dyn Fn(&Captures) -> Option<(Quantity, u64)>| {
        for c in re.captures_iter(slice) {
            let Some(whole) = c.get(0) else { continue };
            if let Some((quantity, amount)) = read(&c) {
                found.push(Figure {
                    span: Span::new(range.start + whole.start(), range.start + whole.end()),
                    quantity,
                    amount,
                });
            }
        }
    };
    add(duration(), &duration_figure);
    add(money(), &money_figure);
    add(percent(), &|c| {
        Some((Quantity::Percent, hundredths(&c["n"])?))
    });
    found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut kept: Vec<Figure> = Vec::new();
    for figure in found {
        if kept.last().is_none_or(|k| k.span.end <= figure.span.start) {
            kept.push(figure);
        }
    }
    kept
}

/// Whether `text` ends with the phrase `cue` as whole words.
fn ends_with_words(text: &str, cue: &str) -> bool {
    text.strip_suffix(cue)
        .is_some_and(|head| !head.ends_with(|c: char| c.is_alphanumeric()))
}

/// The relation set by the words around a figure, and where its words start.
fn relation(text: &str, sentence: Span, figure: Span) -> Option<(Relation, usize)> {
    let before = text[sentence.start..figure.start].trim_end().to_lowercase();
    let mut cues: Vec<&(&str, Relation)> = CUES_BEFORE.iter().collect();
    cues.sort_by_key(|(cue, _)| std::cmp::Reverse(cue.len()));
    if let Some((cue, relation)) = cues
        .into_iter()
        .find(|(cue, _)| ends_with_words(&before, cue))
    {
        // Lower case keeps byte lengths for the ASCII cues, so the start maps back.
        let start = sentence.start + before.len() - cue.len();
        return text.is_char_boundary(start).then_some((*relation, start));
    }
    let after = text[figure.end..sentence.end].trim_start().to_lowercase();
    CUES_AFTER
        .iter()
        .find(|(cue, _)| {
            after
                .strip_prefix(cue)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
        })
        .map(|(_, relation)| (*relation, figure.start))
}

/// A sentence's words, each with the clause it is in.
struct Sentence {
    words: Vec<(Span, usize)>,
}

impl Sentence {
    /// Its extent, widened to the marks written against its first and last words ("£50",
    /// "20%").
    fn extent(&self, text: &str, limit: Span) -> Option<Span> {
        let first = self.words.first()?.0.start;
        let last = self.words.last()?.0.end;
        let start = text[limit.start..first]
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .last()
            .map_or(first, |(i, _)| limit.start + i);
        let end = last
            + text[last..limit.end]
                .find(char::is_whitespace)
                .unwrap_or(limit.end - last);
        Some(Span::new(start, end))
    }
}

/// The sentences of a block's prose.
fn sentences(doc: &Document, block: &crate::source::Block) -> Vec<(Sentence, Span)> {
    let mut out = Vec::new();
    for &span in doc.block_prose(block) {
        let mut current = Sentence { words: Vec::new() };
        let mut clause = 0;
        let mut finish = |current: &mut Sentence, clause: &mut usize| {
            if !current.words.is_empty() {
                let sentence = std::mem::replace(current, Sentence { words: Vec::new() });
                out.push((sentence, span));
            }
            *clause = 0;
        };
        for_each_word(&doc.text, span, |piece| match piece {
            Piece::Word(word) => current.words.push((word, clause)),
            Piece::Break => clause += 1,
            Piece::SentenceEnd => finish(&mut current, &mut clause),
        });
        finish(&mut current, &mut clause);
    }
    out
}

/// The stems of [`NOT_SUBJECTS`].
fn not_subjects() -> &'static Vec<String> {
    static STEMS: OnceLock<Vec<String>> = OnceLock::new();
    STEMS.get_or_init(|| {
        NOT_SUBJECTS
            .split_whitespace()
            .map(|word| stemmer().stem(word).into_owned())
            .collect()
    })
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The figures a document states with a relation, in order.
pub fn claims(doc: &Document) -> Vec<Claim> {
    let found = figures_in(&doc.text, Span::new(0, doc.text.len()));
    if found.is_empty() {
        return Vec::new();
    }
    // The figures that start in `span`, whole in it.
    let figures_in_span = |span: Span| -> &[Figure] {
        let first = found.partition_point(|f| f.span.start < span.start);
        let end = found.partition_point(|f| f.span.start < span.end);
        let end = (first..end)
            .find(|&i| found[i].span.end > span.end)
            .unwrap_or(end);
        &found[first..end]
    };
    let lines = LineIndex::new(&doc.text);
    let mut claims = Vec::new();
    for block in &doc.blocks {
        if block.kind == crate::source::BlockKind::Heading || figures_in_span(block.span).is_empty()
        {
            continue;
        }
        for (sentence, limit) in sentences(doc, block) {
            let Some(extent) = sentence.extent(&doc.text, limit) else {
                continue;
            };
            let figures = figures_in_span(extent);
            if figures.is_empty() {
                continue;
            }
            let words: Vec<&str> = sentence
                .words
                .iter()
                .map(|(span, _)| &doc.text[span.range()])
                .collect();
            let tags = tagger::tag(&words);
            for figure in figures {
                let Some((relation, start)) = relation(&doc.text, extent, figure.span) else {
                    continue;
                };
                // With several figures in the sentence, each is about its own clause.
                let clause = (figures.len() > 1)
                    .then(|| {
                        sentence
                            .words
                            .iter()
                            .find(|(w, _)| w.start >= figure.span.start)
                            .map(|(_, c)| *c)
                    })
                    .flatten();
                let subject = subject(&doc.text, &sentence, &tags, figures, clause);
                if subject.is_empty() {
                    continue;
                }
                let action = action(&doc.text, &sentence, &tags, figure.span);
                let span = Span::new(start, figure.span.end);
                claims.push(Claim {
                    span,
                    quantity: figure.quantity,
                    amount: figure.amount,
                    relation,
                    subject,
                    action,
                    written: written(&doc.text, span),
                    start: lines.line_col(&doc.text, span.start),
                    end: lines.line_col(&doc.text, span.end),
                });
            }
        }
    }
    claims
}

/// The stems of the content nouns of a sentence (or of one of its clauses), leaving out the
/// figures' own words.
fn subject(
    text: &str,
    sentence: &Sentence,
    tags: &[Option<Tag>],
    figures: &[Figure],
    clause: Option<usize>,
) -> Vec<String> {
    let mut stems: Vec<String> = sentence
        .words
        .iter()
        .zip(tags)
        .filter(|((_, c), _)| clause.is_none_or(|clause| *c == clause))
        .filter(|(_, tag)| matches!(tag, Some(Tag::Noun | Tag::Propn)))
        .filter(|((span, _), _)| {
            !figures
                .iter()
                .any(|f| f.span.start < span.end && span.start < f.span.end)
        })
        .map(|((span, _), _)| text[span.range()].to_lowercase())
        .filter(|word| word.len() > 2 && !word.chars().any(|c| c.is_ascii_digit()))
        .map(|word| stemmer().stem(&word).into_owned())
        .filter(|stem| !not_subjects().contains(stem))
        .collect();
    stems.sort();
    stems.dedup();
    stems
}

/// Verbs that say nothing of what is done.
const LIGHT_VERBS: &[&str] = &["be", "have", "do", "get"];

/// The stem of the verb nearest before the figure in its sentence, else nearest after it.
fn action(text: &str, sentence: &Sentence, tags: &[Option<Tag>], figure: Span) -> Option<String> {
    let verbs: Vec<(Span, String)> = sentence
        .words
        .iter()
        .zip(tags)
        .filter(|(_, tag)| **tag == Some(Tag::Verb))
        .map(|((span, _), _)| (*span, text[span.range()].to_lowercase()))
        .filter(|(_, word)| !LIGHT_VERBS.contains(&stemmer().stem(word).as_ref()))
        .collect();
    let before = verbs
        .iter()
        .rev()
        .find(|(span, _)| span.end <= figure.start);
    let after = verbs.iter().find(|(span, _)| span.start >= figure.end);
    before
        .or(after)
        .map(|(_, word)| stemmer().stem(word).into_owned())
}

/// How a figure reads in a message: as written, on one line.
fn written(text: &str, span: Span) -> String {
    text.get(span.range())
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, MarkdownParser};

    fn read(text: &str) -> Vec<(String, Relation, u64, Vec<String>)> {
        let doc = crate::source::parse(
            "a.md".into(),
            Format::Markdown,
            text.into(),
            &mut MarkdownParser::default(),
        )
        .unwrap();
        claims(&doc)
            .into_iter()
            .map(|c| (c.written, c.relation, c.amount, c.subject))
            .collect()
    }

    #[test]
    fn figures_are_read_with_their_relation_and_subject() {
        let found = read(
            "# Expenses\n\nExpense claims must be submitted within 30 days of travel.\n\nGifts from suppliers worth up to £50 may be accepted.\n",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "within 30 days");
        assert_eq!(found[0].1, Relation::Deadline);
        assert_eq!(found[0].2, 30 * 24 * 60 * 100);
        assert_eq!(found[0].3, ["claim", "expens", "travel"]);
        assert_eq!(found[1].0, "up to £50");
        assert_eq!(found[1].1, Relation::AtMost);
        assert_eq!(found[1].3, ["gift", "supplier"]);
    }

    #[test]
    fn units_are_normalised_and_working_days_kept_apart() {
        let weeks = read("Claims are paid within 2 weeks.\n");
        let days = read("Claims are paid within fourteen days.\n");
        assert_eq!(weeks[0].2, days[0].2);
        let working = read("Claims are paid within 10 working days.\n");
        let doc = |text: &str| {
            crate::source::parse(
                "a.md".into(),
                Format::Markdown,
                text.into(),
                &mut MarkdownParser::default(),
            )
            .unwrap()
        };
        assert_eq!(working[0].2, 1000);
        let a = &claims(&doc("Claims are paid within 10 working days.\n"))[0];
        let b = &claims(&doc("Claims are paid within 14 days.\n"))[0];
        assert!(!a.same_thing(b));
    }

    #[test]
    fn a_number_without_a_relation_is_no_claim() {
        assert!(read("The office has 30 desks and opened 12 years ago.\n").is_empty());
        assert!(read("We spent £50 on cake.\n").is_empty());
    }
}
