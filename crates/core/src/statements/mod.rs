//! Statements: what a sentence does, read from its words in order and their parts of speech.
//!
//! A word alone is not evidence. "Open by default" says nothing about how work gets done and
//! "Contact center" is a name, while "Ask your lead for the days; they reply within the week"
//! is a procedure with no process word in it. A pack's `[roles.*]` say which shapes of sentence
//! (frames) play a role, such as a purpose or a step, and its `[cues.*]` which words a frame
//! looks for. A concept with `role = "..."` is evidenced by the sentences that play it.
//!
//! Each sentence is read once: the lexicon's matches of cue words, then, only where a frame
//! needs them, the parts of speech from [`tagger`]. Procedures are then composed from steps
//! across sentences: a list of steps, steps in neighbouring sentences, or a step under a
//! condition.

pub mod frames;
pub mod tagger;

use crate::rules::ConceptId;
use crate::source::Span;

pub use frames::Frame;
pub use tagger::Tag;

/// Index of a role in [`Grammar::roles`].
pub type RoleId = usize;

/// How many sentences of prose make a document's opening, where a reason is the document's own.
pub const OPENING_SENTENCES: usize = 5;

/// Sentences longer than this many words are not read for statements: no sentence a person
/// writes is that long, and frames compare cue matches pairwise.
pub const MAX_STATEMENT_WORDS: usize = 150;

/// How many sentences of a section under a matching heading a heading frame reads.
pub const SENTENCES_UNDER_HEADING: usize = 3;

/// What a sentence can do.
#[derive(Debug)]
pub struct Role {
    pub name: String,
    pub label: String,
    pub description: Option<String>,
    pub frames: Vec<Frame>,
    /// Set for a role made of other statements: a procedure of steps.
    pub procedure: Option<Procedure>,
}

/// How a procedure is composed of steps.
#[derive(Debug)]
pub struct Procedure {
    pub steps: RoleId,
    pub conditions: Option<ConceptId>,
    /// Cues of time and order ("then", "within"): steps in one sentence make a procedure only
    /// with one of them ("ask ...; they reply within the week; then add ..."), not a string
    /// of advice ("communicate, ask for help, document").
    pub order: Option<ConceptId>,
}

/// Frames of a step that tells someone to act, rather than describing what someone does.
const DIRECTED: &[&str] = &["imperative", "actor-modal-action"];

/// Frames of a step that says how things are to be done, rather than what someone does: told
/// to someone ("Submit the form", "the chair will open the vote") or said of the thing done
/// ("requests are reviewed within a week"). "The engineer reviews code" describes a job.
const PRESCRIBED: &[&str] = &["imperative", "actor-modal-action", "passive-action"];

/// Prescribed steps in this many sentences, wherever they stand, together say who does what.
const PRESCRIBED_STEPS_IN_DOCUMENT: usize = 3;

/// The statement roles of the loaded packs and the concepts they evidence.
#[derive(Debug, Default)]
pub struct Grammar {
    pub roles: Vec<Role>,
    /// For each concept id, whether it is a cue list (never evidence of its own).
    pub cue: Vec<bool>,
    /// Concepts evidenced by a role's statements.
    pub evidences: Vec<(ConceptId, RoleId)>,
}

impl Grammar {
    pub fn is_cue(&self, concept: ConceptId) -> bool {
        self.cue.get(concept).copied().unwrap_or(false)
    }

    pub fn role_by_name(&self, name: &str) -> Option<RoleId> {
        self.roles.iter().position(|r| r.name == name)
    }
}

/// A sentence playing a role, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub sentence: usize,
    pub role: RoleId,
    /// The frame that matched, by name (`imperative`, `steps in a list`, ...).
    pub frame: &'static str,
    /// The cue words that decided it, with their tags where they were read.
    pub cues: Vec<Cue>,
    /// Which cue is the word the statement is evidence by (see [`Frame::evidence_cue`]).
    pub evidence_cue: usize,
}

impl Statement {
    /// Where the statement shows as evidence: its evidence cue, else its whole sentence.
    pub fn evidence_span(&self, sentence: Span) -> Span {
        self.cues
            .get(self.evidence_cue)
            .map_or(sentence, |c| c.span)
    }
}

/// A word that filled a frame's slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    pub span: Span,
    /// Its part of speech, when the frame read it (`Some(None)`: read, but the tagger does not
    /// know the word).
    pub tag: Option<Option<Tag>>,
}

/// A cue-list match inside one sentence, by token index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    pub concept: ConceptId,
    pub first: usize,
    /// One past the last token.
    pub end: usize,
}

/// One sentence as the frames see it.
pub struct SentenceView<'a> {
    pub text: &'a str,
    /// Word spans, in order.
    pub words: &'a [Span],
    /// Clause punctuation before each word (a comma, a semicolon, a dash).
    pub breaks: &'a [bool],
    pub cues: &'a [CueMatch],
    /// The heading of the section the sentence is in, as stem ids.
    pub heading: &'a [crate::rules::StemId],
    /// How many sentences of its section come before it.
    pub index_in_section: usize,
    /// How many sentences of prose (headings aside) come before it in the document.
    pub index_in_document: usize,
    lowered: std::cell::OnceCell<Vec<String>>,
    tags: std::cell::OnceCell<Vec<Option<Tag>>>,
}

impl<'a> SentenceView<'a> {
    pub fn new(
        text: &'a str,
        words: &'a [Span],
        breaks: &'a [bool],
        cues: &'a [CueMatch],
        heading: &'a [crate::rules::StemId],
        (index_in_section, index_in_document): (usize, usize),
    ) -> Self {
        SentenceView {
            text,
            words,
            breaks,
            cues,
            heading,
            index_in_section,
            index_in_document,
            lowered: std::cell::OnceCell::new(),
            tags: std::cell::OnceCell::new(),
        }
    }

    /// The words in lower case, made on first use.
    fn lowered(&self) -> &[String] {
        self.lowered.get_or_init(|| {
            self.words
                .iter()
                .map(|w| self.text[w.range()].to_lowercase())
                .collect()
        })
    }

    /// Parts of speech, tagged on first use.
    pub fn tags(&self) -> &[Option<Tag>] {
        self.tags.get_or_init(|| {
            let lowered: Vec<&str> = self.lowered().iter().map(String::as_str).collect();
            let written = self.words.iter().map(|word| &self.text[word.range()]);
            let mut tags = tagger::starting_tags(written, &lowered);
            tagger::apply_patches(&lowered, &mut tags);
            tags
        })
    }

    pub fn tag(&self, index: usize) -> Option<Tag> {
        self.tags().get(index).copied().flatten()
    }

    /// The lower-case word at `index`.
    pub fn word(&self, index: usize) -> &str {
        &self.lowered()[index]
    }

    /// Matches of a cue list, in order.
    pub fn matches(&self, concept: ConceptId) -> impl Iterator<Item = &CueMatch> + '_ {
        self.cues.iter().filter(move |m| m.concept == concept)
    }

    /// The match of a cue list that starts at `index`, if any.
    pub fn match_at(&self, concept: ConceptId, index: usize) -> Option<&CueMatch> {
        self.cues
            .iter()
            .find(|m| m.concept == concept && m.first == index)
    }

    /// Where the question a sentence ends with begins: after the last colon, semicolon or dash
    /// before its question mark ("Time-bound: when does it need to be completed?"), else at
    /// the sentence's start. `None` when the sentence asks nothing, or quotes or sets aside the
    /// question it ends with ("Ask \"What's wrong?\"" is an instruction).
    pub fn question_start(&self) -> Option<usize> {
        let (first, last) = (self.words.first()?, self.words.last()?);
        let sentence = &self.text[first.start..last.end];
        let asks = self.text[last.end..]
            .trim_start_matches(['*', '_', '`'])
            .starts_with('?');
        let quoted = sentence.contains(['"', '\u{201c}', '\u{201d}', '\u{2018}', '('])
            || sentence.contains(" '");
        if !asks || quoted {
            return None;
        }
        let clause = [":", ";", " - ", " \u{2013} ", " \u{2014} "]
            .iter()
            .filter_map(|mark| sentence.rfind(mark).map(|at| at + mark.len()))
            .max()
            .unwrap_or(0);
        Some(first.start + clause)
    }

    /// The span of tokens `first..end`.
    pub fn span(&self, first: usize, end: usize) -> Span {
        Span::new(self.words[first].start, self.words[end - 1].end)
    }

    /// A cue covering tokens `first..end`, with the tag of its first word.
    pub fn cue(&self, first: usize, end: usize, tagged: bool) -> Cue {
        Cue {
            span: self.span(first, end),
            tag: tagged.then(|| self.tag(first)),
        }
    }
}

/// A sentence's place, for composing procedures across sentences.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    pub section: usize,
    /// The list or table the sentence is in (its first block), if any, and whether the list
    /// is ordered (a table counts as one): steps in order are a procedure by their order.
    pub list: Option<(usize, bool)>,
    /// The sentence opens with a condition cue ("If ...", "When ...").
    pub conditional: bool,
    /// The sentence holds a cue of time or order.
    pub ordered: bool,
    /// The sentence announces what follows it ("Submit the following:").
    pub announces_list: bool,
}

/// How many sentences after a step announcing a list the list may begin.
const ANNOUNCED_LIST_WITHIN: usize = 2;

/// The roles a sentence plays by its own frames. A role that procedures are made of (a step)
/// keeps every match on a verb of its own, since one sentence can hold several steps ("ask
/// ...; they reply ...; then add ..."); any other role keeps its first. A question takes no
/// step: "When does the objective need to be completed?" asks, and prescribes nothing; "Ask
/// yourself: is it needed?" still tells the reader to ask.
pub fn read_sentence(grammar: &Grammar, sentence: usize, view: &SentenceView) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    let question_start = view.question_start();
    for (role_id, role) in grammar.roles.iter().enumerate() {
        let every_match = grammar
            .roles
            .iter()
            .any(|r| r.procedure.as_ref().is_some_and(|p| p.steps == role_id));
        for frame in &role.frames {
            for cues in frame.find(view) {
                let asked = question_start.is_some_and(|start| {
                    cues.get(frame.evidence_cue(&cues))
                        .is_some_and(|cue| cue.span.start >= start)
                });
                if every_match && asked {
                    continue;
                }
                // One step per verb: "will be reviewed" is one step, whether read by its modal
                // or as a passive.
                let evidence = cues.get(frame.evidence_cue(&cues)).map(|c| c.span);
                let seen = out.iter().any(|s| {
                    s.role == role_id
                        && (!every_match || s.cues.get(s.evidence_cue).map(|c| c.span) == evidence)
                });
                if !seen {
                    out.push(Statement {
                        sentence,
                        role: role_id,
                        frame: frame.name(),
                        evidence_cue: frame.evidence_cue(&cues),
                        cues,
                    });
                }
            }
        }
    }
    out
}

/// Two steps of one sentence that are not the same words read by two frames.
fn apart(a: &Statement, b: &Statement) -> bool {
    let last = |s: &Statement| s.cues.last().map(|c| c.span);
    match (last(a), last(b)) {
        (Some(x), Some(y)) => x.end <= y.start || y.end <= x.start,
        _ => false,
    }
}

/// Procedures made of the steps found: two or more steps in one list, in one sentence, or in
/// sentences next to each other in a section; or a step under a condition.
pub fn compose(grammar: &Grammar, statements: &mut Vec<Statement>, places: &[Place]) {
    for (role_id, role) in grammar.roles.iter().enumerate() {
        let Some(procedure) = &role.procedure else {
            continue;
        };
        let steps: Vec<&Statement> = statements
            .iter()
            .filter(|s| s.role == procedure.steps)
            .collect();
        let mut in_procedure = vec![false; steps.len()];
        let mut frame_of: Vec<&'static str> = vec![""; steps.len()];
        let mut join = |k: usize, frame: &'static str, in_procedure: &mut Vec<bool>| {
            in_procedure[k] = true;
            if frame_of[k].is_empty() {
                frame_of[k] = frame;
            }
        };
        for (i, step) in steps.iter().enumerate() {
            let place = places[step.sentence];
            if procedure.conditions.is_some() && place.conditional && DIRECTED.contains(&step.frame)
            {
                join(i, "step under a condition", &mut in_procedure);
            }
            // Only steps at most two sentences apart can be neighbours: the scan stays linear.
            for (j, other) in steps
                .iter()
                .enumerate()
                .skip(i + 1)
                .take_while(|(_, o)| o.sentence <= step.sentence + 2)
            {
                let there = places[other.sentence];
                let frame = if other.sentence == step.sentence {
                    (apart(step, other) && (procedure.order.is_none() || place.ordered))
                        .then_some("steps in one sentence")
                } else {
                    (place.section == there.section
                        && places[step.sentence..=other.sentence]
                            .iter()
                            .all(|p| p.section == place.section))
                    .then_some("steps in neighbouring sentences")
                };
                if let Some(frame) = frame {
                    join(i, frame, &mut in_procedure);
                    join(j, frame, &mut in_procedure);
                }
            }
        }
        let mut list_sizes: std::collections::HashMap<usize, usize> = Default::default();
        for (list, _) in places.iter().filter_map(|p| p.list) {
            *list_sizes.entry(list).or_default() += 1;
        }
        // A step that announces a list of what it takes: "Submit the following paperwork:"
        // and the items. The list says what the step needs, one item at a time.
        for (i, step) in steps.iter().enumerate() {
            let place = places[step.sentence];
            let announced = places
                .iter()
                .skip(step.sentence + 1)
                .take(ANNOUNCED_LIST_WITHIN)
                .take_while(|p| p.section == place.section)
                .find_map(|p| p.list);
            if place.announces_list
                && place.list.is_none()
                && DIRECTED.contains(&step.frame)
                && announced.is_some_and(|(list, _)| list_sizes[&list] >= 2)
            {
                join(i, "step with the list it announces", &mut in_procedure);
            }
        }
        // Steps in one ordered list or table: its items follow each other, and so do the
        // steps found in them. An unordered list is a procedure when steps are at least half
        // of it: "When we receive a request, we * notify the users * allow an appeal * post
        // the notice".
        let mut run_start = 0;
        for i in 1..=steps.len() {
            let list_of = |k: usize| places[steps[k].sentence].list;
            if i < steps.len() && list_of(i).is_some() && list_of(i) == list_of(run_start) {
                continue;
            }
            let items = steps[run_start..i]
                .windows(2)
                .filter(|w| w[0].sentence != w[1].sentence)
                .count()
                + 1;
            let mostly_steps = |list: (usize, bool)| list.1 || 2 * items >= list_sizes[&list.0];
            if list_of(run_start).is_some_and(mostly_steps) && i > run_start && items >= 2 {
                for k in run_start..i {
                    join(k, "steps in a list", &mut in_procedure);
                }
            }
            run_start = i;
        }
        // Who does what, stated rule by rule across a policy: "Assets shall be assigned ...",
        // "Staff shall return all assets within ...", "Requests are reviewed by ...".
        let prescribed: Vec<usize> = (0..steps.len())
            .filter(|&i| PRESCRIBED.contains(&steps[i].frame))
            .collect();
        let distinct_sentences = {
            let mut sentences: Vec<usize> = prescribed.iter().map(|&i| steps[i].sentence).collect();
            sentences.dedup();
            sentences.len()
        };
        if distinct_sentences >= PRESCRIBED_STEPS_IN_DOCUMENT {
            for i in prescribed {
                in_procedure[i] = true;
                if frame_of[i].is_empty() {
                    frame_of[i] = "steps across the document";
                }
            }
        }
        let mut composed: Vec<Statement> = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            if in_procedure[i] && composed.last().is_none_or(|s| s.sentence != step.sentence) {
                composed.push(Statement {
                    sentence: step.sentence,
                    role: role_id,
                    frame: frame_of[i],
                    cues: step.cues.clone(),
                    evidence_cue: step.evidence_cue,
                });
            }
        }
        statements.extend(composed);
    }
    statements.sort_by_key(|s| (s.sentence, s.role));
}
