//! Frames: shapes of sentence that play a role. Each reads the cue words a pack names and,
//! where a word alone would mislead, its part of speech: "Contact your manager" opens with a
//! verb, "Contact center hours" with a noun.

use super::{Cue, SentenceView, Tag};
use crate::rules::{ConceptId, Phrase};

/// A frame and the cue lists it reads.
#[derive(Debug)]
pub enum Frame {
    /// The reader told to act: a clause opens with one of `verbs` used as a verb, never where
    /// one of `except` starts ("Raise your voice" speaks up; it takes no step).
    Imperative {
        verbs: ConceptId,
        except: Option<ConceptId>,
    },
    /// A clause that opens with one of `cues` and goes on with a verb: "Never share your
    /// password", "Do not accept gifts".
    Opening { cues: ConceptId },
    /// A named actor who will act: someone, then one of `modals`, then one of `verbs`
    /// ("Managers will approve", "HR must reply"), or without `verbs` any verb or adjective
    /// ("Devices must be encrypted"); never where one of `except` starts ("teams must pay
    /// attention"). With `subjects`, only those actors: "you are free to decide" gives people
    /// room, "the committee may decide" does not.
    ActorModalAction {
        modals: ConceptId,
        verbs: Option<ConceptId>,
        subjects: Option<ConceptId>,
        except: Option<ConceptId>,
    },
    /// A named actor acting: a noun or pronoun, then one of `verbs` as a verb ("they reply
    /// within the week"); never after one of `not-after` ("our review"), nor where one of
    /// `except` starts ("we call out"), and never with an object pronoun or a question word
    /// as the actor ("decide what information to share"). With `subjects`, only those actors.
    ActorAction {
        verbs: ConceptId,
        subjects: Option<ConceptId>,
        not_after: Option<ConceptId>,
        except: Option<ConceptId>,
        with: Option<ConceptId>,
    },
    /// An action done to something: a form of "be" or "get", then one of `verbs` as a verb
    /// ("Reports are reviewed by the committee"). With `modals`, after one of them and "be"
    /// any verb will do ("will be changed"); never one of `except` ("will be considered").
    /// With `with`, only in a sentence that also holds one of those cues: a time, an order or
    /// a channel makes a description a step.
    PassiveAction {
        verbs: ConceptId,
        modals: Option<ConceptId>,
        except: Option<ConceptId>,
        with: Option<ConceptId>,
    },
    /// A sentence that opens with a label such as "Why:" or "Purpose:", or is that label alone
    /// before what it labels ("**Purpose:**" over a list of aims).
    Label { cues: ConceptId },
    /// A clause one of `cues` opens or carries ("so that", "in order to", "because"). With
    /// `attached-to`, only in a sentence that also holds one of those cues (a rule: "You must
    /// ... so that ...") or in the document's opening: a reason for the document or a rule,
    /// not for anything at all.
    /// Never right after one of `not-after` ("for the purpose of this policy" defines terms),
    /// nor where one of `except` starts ("in order to be eligible" sets a condition).
    Clause {
        cues: ConceptId,
        attached_to: Option<ConceptId>,
        not_after: Option<ConceptId>,
        except: Option<ConceptId>,
    },
    /// An aim: one of `subjects`, then one of `verbs` within two words, going on to what is
    /// aimed at ("we want everyone to", "this policy exists to"). With `attached-to`, only in a
    /// sentence that also holds one of those cues or in the document's opening: "you help
    /// teams ship safely" says what a role is for when it opens the role's page.
    Aim {
        subjects: ConceptId,
        verbs: ConceptId,
        attached_to: Option<ConceptId>,
    },
    /// A purpose infinitive: "to" and one of `verbs` as a verb, opening the sentence ("To keep
    /// everyone safe, ...") or, with `attached-to`, anywhere in a sentence that holds one of
    /// those cues or in the document's opening ("This policy sets out ... to protect ...",
    /// or a policy that opens "To provide guidance on ...").
    /// Never the object of a verb or an adjective: "we want to help", "gifts are fine to keep";
    /// never the last word, which aims at nothing ("it is your duty to ensure.").
    /// In those sentences, the verb in "-ing" after a comma is the same aim: "…, ensuring every
    /// team ships on the same day".
    Infinitive {
        verbs: ConceptId,
        attached_to: Option<ConceptId>,
    },
    /// A benefit claimed for a practice: a noun or an activity in "-ing", then one of `verbs`
    /// as its verb, going on to whom or what it serves ("Writing about your work helps others
    /// find it", "Flexible working can help schools keep good teachers"), or "that" after the
    /// noun a sentence says the practice is ("A retrospective is a short meeting that helps the
    /// team learn"). With `attached-to`, only in a sentence that also holds one of those cues or
    /// in the document's opening: the benefit of what the page is about.
    Benefit {
        verbs: ConceptId,
        attached_to: Option<ConceptId>,
    },
    /// A rule drawn from a reason: a clause that opens with one of `cues` ("so", "therefore",
    /// "that is why") and goes on to tell the reader what to do, or holds one of `with`
    /// ("Email can be read in transit, so send passwords through the vault", "Therefore,
    /// channels should be archived"). The connective says the reason was given just before,
    /// unless what came before is a requirement too.
    Conclusion { cues: ConceptId, with: ConceptId },
    /// A noun of aim that goes on to what is aimed at: "The goal of a suspension is to …",
    /// "Our objective is that …", "funds for the purpose of supporting …". The noun alone
    /// proves nothing: "for the purpose of this policy" defines terms.
    AimNoun { cues: ConceptId },
    /// The opening sentences of a section whose heading holds one of `headings`.
    UnderHeading { headings: Vec<Phrase> },
}

/// What the loader needs to know about a frame.
pub struct FrameSpec {
    pub name: &'static str,
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
    pub summary: &'static str,
}

/// Every frame, in the order the docs list them.
pub const FRAMES: &[FrameSpec] = &[
    FrameSpec {
        name: "imperative",
        required: &["verbs"],
        optional: &["except"],
        summary: "a clause opens with one of `verbs` used as a verb: \"Ask your lead ...\"",
    },
    FrameSpec {
        name: "opening",
        required: &["cues"],
        optional: &[],
        summary: "a clause opening with one of `cues` and a verb: \"Never share ...\"",
    },
    FrameSpec {
        name: "actor-modal-action",
        required: &["modals"],
        optional: &["verbs", "subjects", "except"],
        summary: "someone, a modal, an action: \"Managers will approve ...\"",
    },
    FrameSpec {
        name: "actor-action",
        required: &["verbs"],
        optional: &["subjects", "not-after", "except", "with"],
        summary: "a noun or pronoun, then an action as a verb: \"they reply within the week\"",
    },
    FrameSpec {
        name: "passive-action",
        required: &["verbs"],
        optional: &["modals", "except", "with"],
        summary: "a form of be or get, then an action: \"Reports are reviewed by ...\"",
    },
    FrameSpec {
        name: "label",
        required: &["cues"],
        optional: &[],
        summary: "a sentence opening with a label: \"Why: ...\"",
    },
    FrameSpec {
        name: "clause",
        required: &["cues"],
        optional: &["attached-to", "not-after", "except"],
        summary: "a clause carried by one of `cues`: \"..., so that ...\"",
    },
    FrameSpec {
        name: "aim",
        required: &["subjects", "verbs"],
        optional: &["attached-to"],
        summary: "a subject and an aim: \"we want everyone to ...\", \"this policy exists to ...\"",
    },
    FrameSpec {
        name: "infinitive",
        required: &["verbs"],
        optional: &["attached-to"],
        summary: "a sentence opening with \"to\" and a verb of benefit: \"To keep everyone safe, ...\"",
    },
    FrameSpec {
        name: "benefit",
        required: &["verbs"],
        optional: &["attached-to"],
        summary: "a practice and what it does for someone: \"Writing about your work helps others find it\"",
    },
    FrameSpec {
        name: "conclusion",
        required: &["cues", "with"],
        optional: &[],
        summary: "a rule drawn from a reason: \"…, so do not send passwords by email\"",
    },
    FrameSpec {
        name: "aim-noun",
        required: &["cues"],
        optional: &[],
        summary: "a noun of aim going on to an action: \"The goal of X is to ...\"",
    },
    FrameSpec {
        name: "under-heading",
        required: &["headings"],
        optional: &[],
        summary: "the opening sentences of a section headed, say, \"Purpose\"",
    },
];

/// A frame's parameters, resolved by the loader.
#[derive(Default)]
pub struct FrameParams {
    pub verbs: Option<ConceptId>,
    pub modals: Option<ConceptId>,
    pub cues: Option<ConceptId>,
    pub subjects: Option<ConceptId>,
    pub not_after: Option<ConceptId>,
    pub except: Option<ConceptId>,
    pub attached_to: Option<ConceptId>,
    pub with: Option<ConceptId>,
    pub headings: Option<Vec<Phrase>>,
}

/// Tags that can follow a verb that takes an object or a complement.
const AFTER_VERB: &[Tag] = &[
    Tag::Det,
    Tag::Pron,
    Tag::Adp,
    Tag::Num,
    Tag::Part,
    Tag::Adv,
    Tag::Propn,
];

/// Tags of the words that open an object: after a word the tagger does not call a verb, only
/// these show it is one ("Contact your manager", but "Open by default").
const OBJECT: &[Tag] = &[Tag::Det, Tag::Pron, Tag::Num, Tag::Propn];

/// Tags of the words an actor can be.
const ACTOR: &[Tag] = &[Tag::Noun, Tag::Pron, Tag::Propn];

/// Possessive determiners, which the tagger calls pronouns: "your lead".
const POSSESSIVES: &[&str] = &["my", "your", "our", "their", "his", "her"];

/// Whether the word at `i` can stand before a noun in its phrase: a determiner, a possessive,
/// an adjective or another noun ("the product lead", "your lead").
fn opens_a_noun(v: &SentenceView, i: usize) -> bool {
    matches!(v.tag(i), Some(Tag::Det | Tag::Adj | Tag::Noun | Tag::Propn))
        || POSSESSIVES.contains(&v.word(i))
}

/// Plural nouns that do not end in -s, which take a verb without one: "staff complete ...".
const PLURALS_WITHOUT_S: &[&str] = &["people", "staff", "personnel", "children", "men", "women"];

/// Pronouns that take a verb in -s: "someone sends ...", but "someone close to you".
const SINGULAR_PRONOUNS: &[&str] = &[
    "he",
    "she",
    "it",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "everyone",
    "everybody",
    "nobody",
    "one",
];

/// Pronouns that stand for a thing, not someone who acts: "It applies to all staff", "notice
/// if it escalates", "the value it provides".
const THING_PRONOUNS: &[&str] = &["it", "this", "that"];

/// Object pronouns and question words, which never stand as the one who acts before a verb:
/// "decide what information to share", "provides us information", "get them set up", "All
/// outcomes help us learn".
const NON_SUBJECT_PRONOUNS: &[&str] = &["me", "us", "them", "him", "whom", "what", "which"];

/// Whether the word at `i` is a pronoun for a thing; "IT" in capitals is a department.
fn names_a_thing(v: &SentenceView, i: usize) -> bool {
    THING_PRONOUNS.contains(&v.word(i)) && &v.text[v.words[i].range()] != "IT"
}

/// Whether the word at `i`, followed by `verb`, names an organisation: a proper noun, or a
/// name the dictionary does not know that takes the singular verb of one organisation.
fn names_an_organisation(v: &SentenceView, i: usize, verb: &str) -> bool {
    match v.tag(i) {
        Some(tag) => tag == Tag::Propn,
        None => is_unknown_name(v, i) && verb.ends_with('s'),
    }
}

/// Whether the untagged word at `i` reads as a name: capitalised, and no adverb ("Proactively
/// seeks feedback"). Team and product names are often unknown to the dictionary: "Tech
/// Portfolio should reach out".
fn is_unknown_name(v: &SentenceView, i: usize) -> bool {
    let word = &v.text[v.words[i].range()];
    v.tag(i).is_none()
        && word.chars().next().is_some_and(char::is_uppercase)
        && !word.ends_with("ly")
}

/// Modals between a practice and the benefit it brings: "Flexible working can help".
const BENEFIT_MODALS: &[&str] = &["can", "will", "may", "could"];

/// Nouns that stand for no practice: "Something helps", "Nothing protects".
const EMPTY_NOUNS: &[&str] = &[
    "something",
    "nothing",
    "anything",
    "everything",
    "thing",
    "things",
];

/// Words that open a condition or a question inside a sentence.
const SUBORDINATORS: &[&str] = &[
    "if", "when", "whenever", "unless", "whether", "what", "whatever", "how",
];

/// Whether the word at `i` is a passive participle that an infinitive of aim can follow:
/// "the descriptions are published to aid others", but not "you are expected to keep".
fn done_for_a_reason(v: &SentenceView, i: usize) -> bool {
    const CATENATIVE: &[&str] = &[
        "expected",
        "required",
        "asked",
        "allowed",
        "encouraged",
        "permitted",
        "obliged",
        "supposed",
        "invited",
        "needed",
        "forced",
        "advised",
        "entitled",
        "used",
    ];
    let word = v.word(i);
    i > 0 && word.ends_with("ed") && !CATENATIVE.contains(&word) && is_be_or_get(v.word(i - 1))
}

/// Adverbs that place an action in a sequence.
const ORDER_ADVERBS: &[&str] = &[
    "then",
    "next",
    "first",
    "finally",
    "immediately",
    "promptly",
    "afterwards",
    "subsequently",
];

/// Tags that may stand before an imperative and leave it opening its clause ("Then add",
/// "Please submit", "And tell").
const LEAD_IN: &[Tag] = &[Tag::Adv, Tag::Cconj, Tag::Intj];

impl Frame {
    /// Build a frame the loader has checked: `name` is in [`FRAMES`] and its required
    /// parameters are set.
    pub fn build(name: &str, p: FrameParams) -> Option<Frame> {
        Some(match name {
            "imperative" => Frame::Imperative {
                verbs: p.verbs?,
                except: p.except,
            },
            "opening" => Frame::Opening { cues: p.cues? },
            "actor-modal-action" => Frame::ActorModalAction {
                modals: p.modals?,
                verbs: p.verbs,
                subjects: p.subjects,
                except: p.except,
            },
            "actor-action" => Frame::ActorAction {
                verbs: p.verbs?,
                subjects: p.subjects,
                not_after: p.not_after,
                except: p.except,
                with: p.with,
            },
            "passive-action" => Frame::PassiveAction {
                verbs: p.verbs?,
                modals: p.modals,
                except: p.except,
                with: p.with,
            },
            "label" => Frame::Label { cues: p.cues? },
            "clause" => Frame::Clause {
                cues: p.cues?,
                attached_to: p.attached_to,
                not_after: p.not_after,
                except: p.except,
            },
            "aim" => Frame::Aim {
                subjects: p.subjects?,
                verbs: p.verbs?,
                attached_to: p.attached_to,
            },
            "infinitive" => Frame::Infinitive {
                verbs: p.verbs?,
                attached_to: p.attached_to,
            },
            "benefit" => Frame::Benefit {
                verbs: p.verbs?,
                attached_to: p.attached_to,
            },
            "conclusion" => Frame::Conclusion {
                cues: p.cues?,
                with: p.with?,
            },
            "aim-noun" => Frame::AimNoun { cues: p.cues? },
            "under-heading" => Frame::UnderHeading {
                headings: p.headings?,
            },
            _ => return None,
        })
    }

    /// The cue lists whose words make a sentence a candidate for this frame (not the lists
    /// that only rule a candidate in or out).
    pub fn cue_lists(&self) -> Vec<ConceptId> {
        match self {
            Frame::Imperative { verbs, .. } | Frame::PassiveAction { verbs, .. } => vec![*verbs],
            Frame::ActorAction { verbs, .. } | Frame::Infinitive { verbs, .. } => vec![*verbs],
            Frame::Aim { verbs, .. } | Frame::Benefit { verbs, .. } => vec![*verbs],
            Frame::ActorModalAction { modals, verbs, .. } => {
                std::iter::once(*modals).chain(*verbs).collect()
            }
            Frame::Opening { cues }
            | Frame::Label { cues }
            | Frame::Clause { cues, .. }
            | Frame::Conclusion { cues, .. }
            | Frame::AimNoun { cues } => vec![*cues],
            Frame::UnderHeading { .. } => Vec::new(),
        }
    }

    /// Which of a match's cues is the word that makes it evidence: the verb of "we share",
    /// "HR will explain" and "is reviewed", where the actor, the modal and "be" only frame it;
    /// else the first ("[must] be changed" is a rule by its modal).
    pub fn evidence_cue(&self, cues: &[Cue]) -> usize {
        match self {
            Frame::ActorAction { .. }
            | Frame::PassiveAction { .. }
            | Frame::ActorModalAction { verbs: Some(_), .. } => cues.len().saturating_sub(1),
            _ => 0,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Frame::Imperative { .. } => "imperative",
            Frame::Opening { .. } => "opening",
            Frame::ActorModalAction { .. } => "actor-modal-action",
            Frame::ActorAction { .. } => "actor-action",
            Frame::PassiveAction { .. } => "passive-action",
            Frame::Label { .. } => "label",
            Frame::Clause { .. } => "clause",
            Frame::Aim { .. } => "aim",
            Frame::Infinitive { .. } => "infinitive",
            Frame::Benefit { .. } => "benefit",
            Frame::Conclusion { .. } => "conclusion",
            Frame::AimNoun { .. } => "aim-noun",
            Frame::UnderHeading { .. } => "under-heading",
        }
    }

    /// Every place in the sentence this frame fits, each with the cue words that fill it.
    pub fn find(&self, v: &SentenceView) -> Vec<Vec<Cue>> {
        let n = v.words.len();
        let mut found = Vec::new();
        match self {
            Frame::Imperative { verbs, except } => {
                if v.matches(*verbs).next().is_none() {
                    return found;
                }
                // Where the first imperative's verb ends, for the ones joined to it.
                let mut first_end = None;
                for (opening, start) in clause_starts(v) {
                    // A verb the tagger calls an adverb passes for a lead-in word ("Forward the
                    // confirmation"), so the verb may stand anywhere up to the clause's start.
                    let Some(m) = (opening..=start)
                        .find_map(|i| v.match_at(*verbs, i).filter(|m| !adverb_in_ly(v, m.first)))
                    else {
                        continue;
                    };
                    if starts(v, *except, m.first) {
                        continue;
                    }
                    // "Never accept ...", "Do not share ..." forbid; they are rules, not steps.
                    if (opening..m.first).any(|i| is_negation(v.word(i)) || v.word(i) == "do") {
                        continue;
                    }
                    if !is_base_form(v.word(m.first)) {
                        continue;
                    }
                    if reads_as_verb(v, m) || paired_verb(v, *verbs, m.end) {
                        found.push(vec![v.cue(m.first, m.end, true)]);
                        first_end.get_or_insert(m.end);
                    }
                }
                if let Some(after) = first_end {
                    found.extend(coordinated_actions(v, *verbs, *except, after));
                }
            }
            Frame::Opening { cues } => {
                // Finding clause starts tags the sentence: only worth it with a cue to open one.
                if v.matches(*cues).next().is_none() {
                    return found;
                }
                for (start, _) in clause_starts(v) {
                    if let Some(m) = v.match_at(*cues, start)
                        && m.end < n
                        && !v.breaks[m.end]
                        && matches!(v.tag(m.end), Some(Tag::Verb | Tag::Aux))
                    {
                        found.push(vec![
                            v.cue(m.first, m.end, false),
                            v.cue(m.end, m.end + 1, true),
                        ]);
                    }
                }
            }
            Frame::ActorModalAction {
                modals,
                verbs,
                subjects,
                except,
            } => {
                if verbs.is_some_and(|verbs| v.matches(verbs).next().is_none()) {
                    return found;
                }
                for modal in v.matches(*modals) {
                    // The actor stands before the modal, or inside it ("you'll", wherever it
                    // stands: "For gifts over $150, you'll need to report them").
                    let modal_word = v.word(modal.first);
                    let holds_actor = modal_word.contains('\'') && !modal_word.ends_with("n't");
                    let actor = if let Some(subjects) = subjects {
                        v.matches(*subjects)
                            .any(|s| s.end == modal.first || s.first == modal.first)
                    } else if holds_actor {
                        true
                    } else if modal.first > 0 {
                        // Or before an earlier verb the modal's is joined to: "A member may
                        // name an alternate, and must notify the chair".
                        let joined = modal.first > 1
                            && matches!(v.word(modal.first - 1), "and" | "or")
                            && (0..modal.first - 1).any(|i| {
                                v.tag(i).is_some_and(|t| ACTOR.contains(&t))
                                    && v.tag(i + 1) == Some(Tag::Aux)
                            });
                        joined
                            || v.tag(modal.first - 1).is_some_and(|t| ACTOR.contains(&t))
                            || is_unknown_name(v, modal.first - 1)
                    } else {
                        v.word(modal.first).contains('\'')
                    };
                    // "how someone should schedule", "If a teammate has to ask", "when you'll
                    // need": a question or a condition inside the clause, not someone who will
                    // act. The actor's noun phrase ends before the modal, or in it ("you'll",
                    // but not "can't").
                    let mut phrase = if holds_actor {
                        modal.first
                    } else {
                        modal.first.saturating_sub(1)
                    };
                    while phrase > 0 && !v.breaks[phrase] && opens_a_noun(v, phrase - 1) {
                        phrase -= 1;
                    }
                    let subordinate = phrase > 0
                        && !v.breaks[phrase]
                        && SUBORDINATORS.contains(&v.word(phrase - 1));
                    if !actor || subordinate {
                        continue;
                    }
                    // Past adverbs, auxiliaries and further modals: "will then", "will be",
                    // "'ll need to".
                    let mut at = modal.end;
                    while at < n && !v.breaks[at] {
                        if is_negation(v.word(at)) {
                            at = n;
                            break;
                        }
                        if let Some(next) = v.match_at(*modals, at) {
                            at = next.end;
                        } else if matches!(v.tag(at), Some(Tag::Adv | Tag::Aux | Tag::Part)) {
                            at += 1;
                        } else {
                            break;
                        }
                    }
                    if at >= n || v.breaks[at] || starts(v, *except, at) {
                        continue;
                    }
                    let verb = match verbs {
                        Some(verbs) => v.match_at(*verbs, at).map(|m| (m.first, m.end)),
                        None => {
                            matches!(v.tag(at), Some(Tag::Verb | Tag::Adj)).then_some((at, at + 1))
                        }
                    };
                    if let Some((first, end)) = verb {
                        found.push(vec![
                            v.cue(modal.first, modal.end, false),
                            v.cue(first, end, true),
                        ]);
                    } else if let Some(verbs) = verbs
                        && v.tag(at) == Some(Tag::Verb)
                    {
                        // The modal governs each verb joined to its own: "Companies should define
                        // their pay positioning and regularly update it".
                        for mut step in coordinated_actions(v, *verbs, *except, at) {
                            step.insert(0, v.cue(modal.first, modal.end, false));
                            found.push(step);
                        }
                    }
                }
            }
            Frame::ActorAction {
                verbs,
                subjects,
                not_after,
                except,
                with,
            } => {
                if with.is_some_and(|c| v.matches(c).next().is_none()) {
                    return found;
                }
                for verb in v
                    .matches(*verbs)
                    .filter(|m| m.first > 0 && !v.breaks[m.first] && !starts(v, *except, m.first))
                    .filter(|m| !adverb_in_ly(v, m.first))
                {
                    // An adverb of order may stand between the actor and the action: "the
                    // chair then asks". One of habit may not: "you always provide" describes
                    // the person.
                    let mut before = verb.first - 1;
                    if before > 0 && !v.breaks[before] && ORDER_ADVERBS.contains(&v.word(before)) {
                        before -= 1;
                    }
                    let actor = v.tag(before);
                    let excluded = not_after
                        .is_some_and(|c| v.matches(c).any(|m| m.first <= before && before < m.end));
                    // The tagger reads "team disables the accounts" and "the team replies
                    // within a week" as two nouns; a third person -s between a noun and an
                    // object, or a time or channel, is a verb. "reports to the head of design"
                    // names a line of report, not a step.
                    let circumstance_next = verb.end < n
                        && v.word(verb.end) != "to"
                        && with.is_some_and(|c| v.matches(c).any(|m| m.first == verb.end));
                    let object_next = v.tag(verb.end).is_some_and(|t| OBJECT.contains(&t));
                    // So is a plain verb between a plural noun and an object: "managers
                    // complete the form". Two verbs in a row make the first a plural noun the
                    // tagger misread: "new hires complete ...", "team leads approve ...".
                    let plural = looks_plural(v.word(before));
                    let misread_plural = plural
                        && actor == Some(Tag::Verb)
                        && before > 0
                        && !v.breaks[before]
                        && matches!(v.tag(before - 1), Some(Tag::Adj | Tag::Noun | Tag::Propn));
                    // And a noun the tagger reads as a verb, before a verb in -s, names one
                    // person: "the product lead opens a thread", "your lead approves it".
                    let misread_singular = !plural
                        && actor == Some(Tag::Verb)
                        && is_base_form(v.word(before))
                        && v.word(verb.first).ends_with('s')
                        && v.tag(verb.first) == Some(Tag::Verb)
                        && before > 0
                        && !v.breaks[before]
                        && opens_a_noun(v, before - 1);
                    let plural_actor = (plural && actor == Some(Tag::Noun)) || misread_plural;
                    let agrees = (v.word(verb.first).ends_with('s')
                        && (object_next || circumstance_next))
                        || (plural_actor && is_base_form(v.word(verb.first)) && object_next);
                    let verb_like =
                        v.tag(verb.first) == Some(Tag::Verb) || actor == Some(Tag::Pron) || agrees;
                    // A verb in -ing right after its actor describes the actor ("blog posts
                    // documenting our structure"): with no auxiliary it is no action.
                    if v.word(verb.first).ends_with("ing") {
                        continue;
                    }
                    // "the information provided in ..." describes a thing, and "the chair
                    // approved it" tells what happened: neither is an action to take.
                    if v.word(verb.end - 1).ends_with("ed") {
                        continue;
                    }
                    let next_fits = verb.end == n
                        || v.breaks[verb.end]
                        || v.tag(verb.end).is_some_and(|t| AFTER_VERB.contains(&t));
                    let named = match subjects {
                        Some(subjects) => v.matches(*subjects).any(|s| s.end == verb.first),
                        None => {
                            (actor.is_some_and(|t| ACTOR.contains(&t))
                                && !names_a_thing(v, before)
                                && !NON_SUBJECT_PRONOUNS.contains(&v.word(before)))
                                || ((misread_plural || misread_singular) && agrees)
                        }
                    };
                    // A singular noun takes its verb in -s: "your team lead" names a person,
                    // "the team leads the review" acts.
                    let singular = (actor == Some(Tag::Noun)
                        && !plural
                        && !PLURALS_WITHOUT_S.contains(&v.word(before)))
                        || SINGULAR_PRONOUNS.contains(&v.word(before));
                    let disagrees = singular && !v.word(verb.first).ends_with('s');
                    if named && !excluded && verb_like && next_fits && !disagrees {
                        found.push(vec![
                            v.cue(before, before + 1, true),
                            v.cue(verb.first, verb.end, true),
                        ]);
                    }
                }
            }
            Frame::PassiveAction {
                verbs,
                modals,
                except,
                with,
            } => {
                if with.is_some_and(|c| v.matches(c).next().is_none()) {
                    return found;
                }
                let prescribed = modals
                    .map_or_else(Vec::new, |modals| prescribed_participles(v, modals, *verbs));
                let excepted = |m: &&super::CueMatch| starts(v, *except, m.first);
                for verb in v
                    .matches(*verbs)
                    .chain(&prescribed)
                    .filter(|m| m.first > 0 && !excepted(m))
                {
                    // "The person being nominated has accepted" describes the person: "being"
                    // makes a passive only after a form of "be" ("is being reviewed").
                    let auxiliary = v.word(verb.first - 1);
                    let describes = auxiliary == "being"
                        && (verb.first < 2 || !is_be_or_get(v.word(verb.first - 2)));
                    // "must not be shared" forbids and "they aren't going to be resolved"
                    // foresees: a negation a few words before "be" leaves no step to take.
                    let denied = (verb.first.saturating_sub(4)..verb.first - 1)
                        .rev()
                        .take_while(|&i| !v.breaks[i + 1])
                        .any(|i| is_negation(v.word(i)) || v.word(i).ends_with("n't"));
                    // "you are agreeing", "the product is requesting": a verb in "-ing"
                    // after "be" is an action under way, done by the subject, not to it.
                    let progressive = v.word(verb.end - 1).ends_with("ing");
                    // The tagger may call a noun after "is" a verb: "CUI is information that
                    // …" names a thing; no participle ends like a noun made from a verb.
                    if is_be_or_get(auxiliary)
                        && !describes
                        && !denied
                        && !progressive
                        && v.tag(verb.first) == Some(Tag::Verb)
                        && !is_derived_noun(v.word(verb.first))
                        && !v.breaks[verb.first]
                    {
                        found.push(vec![
                            v.cue(verb.first - 1, verb.first, true),
                            v.cue(verb.first, verb.end, true),
                        ]);
                    }
                }
            }
            Frame::Label { cues } => {
                let labels_what_follows = |m: &super::CueMatch| {
                    if m.end < n {
                        v.breaks[m.end]
                    } else {
                        v.text[v.words[m.end - 1].end..].starts_with(':')
                    }
                };
                if let Some(m) = v.match_at(*cues, 0)
                    && labels_what_follows(m)
                {
                    found.push(vec![v.cue(m.first, m.end, false)]);
                }
            }
            Frame::Clause {
                cues,
                attached_to,
                not_after,
                except,
            } => {
                let attached = attached(v, *attached_to);
                let in_passing = |m: &&super::CueMatch| {
                    m.first > 0 && not_after.is_some_and(|c| v.matches(c).any(|p| p.end == m.first))
                };
                let counts = |m: &&super::CueMatch| !in_passing(m) && !starts(v, *except, m.first);
                if attached && let Some(m) = v.matches(*cues).find(counts) {
                    found.push(vec![v.cue(m.first, m.end, false)]);
                }
            }
            Frame::Aim {
                subjects,
                verbs,
                attached_to,
            } => {
                if !attached(v, *attached_to) {
                    return found;
                }
                for verb in v.matches(*verbs).filter(|m| !hyphenated(v, m.first)) {
                    // Next to each other in one clause, or with an adverb or "will" between: "we really
                    // want", "you will help", but not "every process should serve".
                    let near = |end: usize| {
                        end <= verb.first
                            && verb.first - end <= 2
                            && (end..=verb.first).all(|i| !v.breaks[i])
                            && (end..verb.first).all(|i| {
                                v.tag(i) == Some(Tag::Adv)
                                    || matches!(v.word(i), "will" | "can" | "could" | "may")
                            })
                    };
                    let subject = v
                        .matches(*subjects)
                        .find(|s| near(s.end))
                        .map(|s| (s.first, s.end))
                        .or_else(|| {
                            // An organisation's name: "Mozilla wants ...", or a capitalised word
                            // the dictionary does not know, with the singular verb of one
                            // organisation: "SmartPath believes ...", but "ExCo seek them out".
                            (verb.first > 0
                                && names_an_organisation(v, verb.first - 1, v.word(verb.first)))
                            .then(|| (verb.first - 1, verb.first))
                        });
                    let Some((subject_first, subject_end)) = subject else {
                        continue;
                    };
                    // "the behaviour we want to drive", "any action that we intend to take": an
                    // aim inside a description of a thing. A noun before a noun subject only
                    // names it: "the Product Designer role".
                    let noun_at = |i: usize| matches!(v.tag(i), Some(Tag::Noun | Tag::Propn));
                    let relative = subject_first >= 2
                        && matches!(v.word(subject_first - 1), "that" | "which")
                        && !v.breaks[subject_first - 1]
                        && noun_at(subject_first - 2);
                    // "if you want feedback", "what you want to attend": a condition or a
                    // question inside a clause, not an aim.
                    let subordinate = subject_first > 0
                        && !v.breaks[subject_first]
                        && SUBORDINATORS.contains(&v.word(subject_first - 1));
                    // "Take as much time off as you want": a measure, when nothing is aimed at.
                    // "As we want everyone to feel welcome, …" still gives one.
                    let aims_at_nothing = verb.end == n || v.breaks[verb.end];
                    let as_much_as = subject_first > 0
                        && !v.breaks[subject_first]
                        && v.word(subject_first - 1) == "as"
                        && aims_at_nothing;
                    if subject_first > 0
                        && !v.breaks[subject_first]
                        && v.tag(subject_first) == Some(Tag::Pron)
                        && (noun_at(subject_first - 1) || relative || subordinate || as_much_as)
                    {
                        continue;
                    }
                    // "half the committee supporting it", "GitHub enabling payments": a verb in
                    // "-ing" after its subject describes the subject, it states no aim.
                    if v.word(verb.end - 1).ends_with("ing") {
                        continue;
                    }
                    // The tagger often misses a verb right after its pronoun ("we value").
                    let as_verb = v.tag(verb.first) == Some(Tag::Verb)
                        || (subject_end == verb.first && v.tag(subject_first) == Some(Tag::Pron));
                    if !as_verb {
                        continue;
                    }
                    let goes_on = verb.end == n
                        || v.breaks[verb.end]
                        || v.word(verb.end) == "to"
                        || v.tag(verb.end).is_some_and(|t| {
                            matches!(t, Tag::Pron | Tag::Noun | Tag::Det | Tag::Adj | Tag::Propn)
                        });
                    if goes_on {
                        found.push(vec![
                            v.cue(subject_first, subject_end, false),
                            v.cue(verb.first, verb.end, false),
                        ]);
                        break;
                    }
                }
            }
            Frame::Infinitive { verbs, attached_to } => {
                let attached = attached_to.is_some() && attached(v, *attached_to);
                for verb in v.matches(*verbs).filter(|m| m.first > 0) {
                    // The verb may be the second of two joined ones: "to manage and prevent".
                    let joined = verb.first >= 3
                        && matches!(v.word(verb.first - 1), "and" | "or")
                        && v.word(verb.first - 3) == "to"
                        && v.tag(verb.first - 2) == Some(Tag::Verb)
                        && !v.breaks[verb.first - 2..verb.first].contains(&true);
                    let to = if joined {
                        verb.first - 3
                    } else {
                        verb.first - 1
                    };
                    // "In order to" fronts the same aim: "In order to allow this, ...".
                    let opens = to == 0 || (to == 2 && v.word(0) == "in" && v.word(1) == "order");
                    let fronted = opens && v.breaks[verb.end..].contains(&true);
                    // An aim goes on to what is aimed at: "it is your duty to ensure." names none.
                    let aims_at_something = verb.end < n;
                    if v.word(to) == "to"
                        && v.tag(verb.first) == Some(Tag::Verb)
                        && aims_at_something
                        && (fronted
                            || (attached
                                && (to == 0
                                    || !matches!(v.tag(to - 1), Some(Tag::Verb | Tag::Adj))
                                    || done_for_a_reason(v, to - 1))))
                    {
                        found.push(vec![v.cue(to, verb.end, true)]);
                        break;
                    }
                    // The same aim as a clause of result after a comma: "The coordinator runs
                    // the calendar, ensuring every team ships on the same day."
                    let result_clause = attached
                        && v.breaks[verb.first]
                        && v.word(verb.first).ends_with("ing")
                        && verb.end < n
                        && !v.breaks[verb.end];
                    if result_clause {
                        found.push(vec![v.cue(verb.first, verb.end, true)]);
                        break;
                    }
                }
            }
            Frame::Benefit { verbs, attached_to } => {
                if !attached(v, *attached_to) {
                    return found;
                }
                for verb in v.matches(*verbs).filter(|m| m.first > 0 && m.end < n) {
                    // Back over adverbs and modals to the subject: "can really help".
                    let mut subject = verb.first - 1;
                    let mut modal = false;
                    while subject > 0 && !v.breaks[subject + 1] {
                        if BENEFIT_MODALS.contains(&v.word(subject)) {
                            modal = true;
                        } else if v.tag(subject) != Some(Tag::Adv) {
                            break;
                        }
                        subject -= 1;
                    }
                    if v.breaks[subject + 1] || v.breaks[verb.end] {
                        continue;
                    }
                    // The subject's noun phrase, and what stands before it in its clause: the
                    // object of another verb ("tools to help projects improve") or a condition
                    // ("If an illness prevents you ...") claims no benefit.
                    let mut phrase = subject;
                    while phrase > 0
                        && !v.breaks[phrase]
                        && (opens_a_noun(v, phrase - 1) || v.tag(phrase - 1) == Some(Tag::Num))
                    {
                        phrase -= 1;
                    }
                    let object_of_verb = phrase > 0
                        && !v.breaks[phrase]
                        && v.tag(phrase - 1) == Some(Tag::Verb)
                        && !v.word(phrase - 1).ends_with("ing");
                    let clause_start = (1..=phrase).rev().find(|&i| v.breaks[i]).unwrap_or(0);
                    let conditional =
                        (clause_start..phrase).any(|i| SUBORDINATORS.contains(&v.word(i)));
                    if object_of_verb || conditional {
                        continue;
                    }
                    // A practice: a noun or an activity in "-ing", never a pronoun ("it
                    // helps" may be anything; "we help" and "you help" are aims).
                    // The dictionary does not know every gerund: "Rate limiting protects".
                    let activity = v.word(subject).ends_with("ing")
                        && matches!(v.tag(subject), Some(Tag::Verb | Tag::Noun) | None);
                    // Or a relative pronoun standing for the noun that says what the practice
                    // is: "It's a collaborative process that helps team members understand".
                    let relative = subject > 1
                        && matches!(v.word(subject), "that" | "which")
                        && v.tag(subject - 1) == Some(Tag::Noun)
                        && (subject.saturating_sub(4)..subject - 1)
                            .any(|i| matches!(v.word(i), "is" | "are" | "it's"));
                    let practice = activity
                        || relative
                        || (matches!(v.tag(subject), Some(Tag::Noun | Tag::Propn))
                            && !EMPTY_NOUNS.contains(&v.word(subject)));
                    // Its verb agrees: in "-s", after a modal, or plain after a plural noun.
                    let word = v.word(verb.first);
                    let plural = looks_plural(v.word(subject));
                    let agrees = if modal {
                        is_base_form(word)
                    } else {
                        word.ends_with('s') || (plural && is_base_form(word) && !activity)
                    };
                    let serves = v.tag(verb.end).is_some_and(|t| {
                        matches!(t, Tag::Pron | Tag::Noun | Tag::Det | Tag::Adj | Tag::Propn)
                    });
                    if practice && agrees && serves {
                        found.push(vec![
                            v.cue(subject, subject + 1, false),
                            v.cue(verb.first, verb.end, true),
                        ]);
                        break;
                    }
                }
            }
            Frame::Conclusion { cues, with } => {
                if v.matches(*cues).next().is_none() || is_question(v) {
                    return found;
                }
                for (start, opening) in clause_starts(v) {
                    // The connective may itself be a lead-in word: "…, so send it".
                    let Some(m) = (start..=opening).find_map(|i| v.match_at(*cues, i)) else {
                        continue;
                    };
                    if m.end >= n {
                        continue;
                    }
                    // "so many", "so far": "so" before an adjective or an adverb intensifies,
                    // but "so never send it" draws a rule.
                    let intensifier = v.word(m.first) == "so"
                        && matches!(v.tag(m.end), Some(Tag::Adj | Tag::Adv))
                        && !opens_an_imperative(v, m.end);
                    // A requirement drawn from another ("The user must have a mailbox, so it
                    // will need a licence") gives no reason why.
                    let from_a_rule = v.matches(*with).any(|r| r.end <= m.first);
                    if intensifier || from_a_rule {
                        continue;
                    }
                    let main = main_clause(v, m.end);
                    let rule = if opens_an_imperative(v, main.start) {
                        Some((main.start, main.start + 1))
                    } else {
                        v.matches(*with)
                            .find(|r| {
                                main.contains(&r.first)
                                    && !able_to(v, r.end)
                                    && !negated(v, r.first)
                            })
                            .map(|r| (r.first, r.end))
                    };
                    if let Some((first, end)) = rule {
                        found.push(vec![v.cue(m.first, m.end, false), v.cue(first, end, true)]);
                        break;
                    }
                }
            }
            Frame::AimNoun { cues } => {
                for noun in v.matches(*cues) {
                    // "Your goal is to ..." tells the reader what to do; "You may not use it
                    // for the purpose of ..." names the aim of what is forbidden.
                    let yours = noun.first > 0 && v.word(noun.first - 1) == "your";
                    if yours || (0..noun.first).any(|i| is_negation(v.word(i))) {
                        continue;
                    }
                    if let Some(aimed) = aimed_at(v, noun.end) {
                        found.push(vec![
                            v.cue(noun.first, noun.end, false),
                            v.cue(aimed, aimed + 1, true),
                        ]);
                        break;
                    }
                }
            }
            Frame::UnderHeading { headings } => {
                if v.index_in_section < super::SENTENCES_UNDER_HEADING
                    && n > 0
                    && headings.iter().any(|h| h.occurs_in(v.heading))
                {
                    found.push(vec![v.cue(0, 1, false)]);
                }
            }
        }
        found
    }
}

/// Participles in "-ed" after one of `modals` and "be", whatever their verb: "Shared passwords
/// will be changed whenever staff leave" prescribes what is done as surely as "will be sent".
/// Read as matches of `verbs`, which they are not already.
fn prescribed_participles(
    v: &SentenceView,
    modals: ConceptId,
    verbs: ConceptId,
) -> Vec<super::CueMatch> {
    v.matches(modals)
        .filter_map(|modal| {
            let be = modal.end;
            let participle = be + 1;
            (participle < v.words.len()
                && v.word(be) == "be"
                && !v.breaks[be]
                && !v.breaks[participle]
                && v.word(participle).ends_with("ed")
                && v.match_at(verbs, participle).is_none())
            .then_some(super::CueMatch {
                concept: verbs,
                first: participle,
                end: participle + 1,
            })
        })
        .collect()
}

/// Whether the word at `i` is joined to the one before by a hyphen: "university-supported"
/// is an adjective, not an actor and its verb.
fn hyphenated(v: &SentenceView, i: usize) -> bool {
    i > 0 && v.text.get(v.words[i - 1].end..v.words[i].start) == Some("-")
}

/// Whether the word at `i` is an adverb in "-ly", which a stemmed verb can match: "openly"
/// and "closely" share their stems with "open" and "close", but do nothing.
fn adverb_in_ly(v: &SentenceView, i: usize) -> bool {
    v.word(i).ends_with("ly") && v.tag(i) == Some(Tag::Adv)
}

/// Whether one of the cue list `cues`, if any, starts at word `i`.
fn starts(v: &SentenceView, cues: Option<ConceptId>, i: usize) -> bool {
    cues.is_some_and(|c| v.match_at(c, i).is_some())
}

/// Whether a sentence can carry a statement attached to one of `attached_to`'s cues: it holds
/// one of them, or it is in the document's opening. Without the list, every sentence can.
fn attached(v: &SentenceView, attached_to: Option<ConceptId>) -> bool {
    attached_to.is_none_or(|c| {
        v.index_in_document < super::OPENING_SENTENCES || v.matches(c).next().is_some()
    })
}

/// The word that says what a noun of aim ending before `at` aims at: the verb of "of
/// supporting", or of "[of the review] is to decide"; "that" of "is that"; "is" of "is:" and
/// "to" of "are to:" before a list of aims. `None` when the noun goes on to anything else ("for
/// the purpose of this policy", "our goals for the year include").
fn aimed_at(v: &SentenceView, at: usize) -> Option<usize> {
    let n = v.words.len();
    let joined = |i: usize| i < n && !v.breaks[i];
    if !joined(at) {
        return None;
    }
    let gerund = |i: usize| joined(i) && v.word(i).ends_with("ing") && v.tag(i) == Some(Tag::Verb);
    // An adverb may stand between the noun and its verb: "The goal here is to …".
    let at = if matches!(
        v.word(at),
        "here" | "then" | "now" | "always" | "ultimately"
    ) {
        at + 1
    } else {
        at
    };
    if !joined(at) {
        return None;
    }
    let mut copula = at;
    if matches!(v.word(at), "of" | "for") {
        if v.word(at) == "of" && gerund(at + 1) {
            return Some(at + 1);
        }
        // What the aim belongs to: a few words up to the verb "be" ("The goals for the
        // initiative are to …").
        copula = (at + 1..n.min(at + 8))
            .take_while(|&i| joined(i))
            .find(|&i| matches!(v.word(i), "is" | "are" | "was" | "were"))?;
    }
    // Past aims tell a story or an example ("This PR's objective was to …"), not what anything
    // here is for.
    if !matches!(v.word(copula), "is" | "are") {
        return None;
    }
    // The aims listed after a colon: "The purpose of the meeting is:" and its items.
    if copula + 1 == n && v.text[v.words[copula].end..].starts_with(':') {
        return Some(copula);
    }
    if !joined(copula + 1) {
        return None;
    }
    match v.word(copula + 1) {
        // The aims listed after "to" and a colon: "The goals of the group are to:" and its items.
        "to" if copula + 2 == n && v.text[v.words[copula + 1].end..].starts_with(':') => {
            Some(copula + 1)
        }
        "to" => {
            // A numbered list of aims: "is to 1) limit ... and 2) give ...".
            let numbered =
                joined(copula + 2) && v.word(copula + 2).bytes().all(|b| b.is_ascii_digit());
            let verb = copula + 2 + usize::from(numbered);
            ((joined(verb) || numbered) && v.tag(verb) == Some(Tag::Verb)).then_some(verb)
        }
        "that" => Some(copula + 1),
        _ => None,
    }
}

/// Where each clause opens (the sentence's first word and the first after each clause break)
/// and its first word past lead-ins ("then", "please", "and", "make sure to").
fn clause_starts(v: &SentenceView) -> Vec<(usize, usize)> {
    let n = v.words.len();
    let mut starts = Vec::new();
    for start in (0..n).filter(|&i| i == 0 || v.breaks[i]) {
        let mut at = start;
        loop {
            let words = LEAD_IN_WORDS
                .iter()
                .find(|words| {
                    at + words.len() < n
                        && words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| v.word(at + k) == *w && (k == 0 || !v.breaks[at + k]))
                })
                .map_or(0, |words| words.len());
            let single = at + 1 < n && v.tag(at).is_some_and(|t| LEAD_IN.contains(&t));
            let step = if words > 0 {
                words
            } else {
                usize::from(single)
            };
            if step == 0 || v.breaks[at + step] {
                break;
            }
            at += step;
        }
        starts.push((start, at));
    }
    starts
}

/// Whether the words at `at` are "and" or "or" and a second of `verbs` with its object, which
/// makes the word before a verb too: "Sign and return the contract", "Complete or update the
/// form".
fn paired_verb(v: &SentenceView, verbs: ConceptId, at: usize) -> bool {
    at + 1 < v.words.len()
        && matches!(v.word(at), "and" | "or")
        && !v.breaks[at]
        && v.match_at(verbs, at + 1).is_some_and(|second| {
            is_base_form(v.word(second.first))
                && v.tag(second.end).is_some_and(|t| OBJECT.contains(&t))
        })
}

/// Whether a match of a verb list is used as a verb. The tagger misses many imperatives, but
/// an object after a word it calls a noun makes one only if the word is no derived noun:
/// "Information you might need" names a thing.
fn reads_as_verb(v: &SentenceView, m: &super::CueMatch) -> bool {
    v.tag(m.first) == Some(Tag::Verb)
        || (v.tag(m.end).is_some_and(|t| OBJECT.contains(&t)) && !is_derived_noun(v.word(m.first)))
}

/// Verbs of action joined to an earlier verb, which ends at token `after`, by "and", "or" or
/// "then" inside its clause, perhaps with an adverb ("and regularly update it"): "Update the
/// sheet and send it to your manager" holds two steps, and so does "Companies should define
/// their pay bands and update them". The earlier verb must have words of its own between it
/// and the joining word, so "review and approve the request" stays one action.
fn coordinated_actions(
    v: &SentenceView,
    verbs: ConceptId,
    except: Option<ConceptId>,
    after: usize,
) -> Vec<Vec<Cue>> {
    // The conjunction, or the conjunction and one adverb: "and regularly update it".
    let joined = |i: usize| {
        matches!(v.word(i - 1), "and" | "or" | "then")
            || (i > after + 2
                && v.tag(i - 1) == Some(Tag::Adv)
                && !v.breaks[i - 1]
                && matches!(v.word(i - 2), "and" | "or"))
    };
    v.matches(verbs)
        .filter(|m| {
            m.first > after + 1
                && !v.breaks[m.first]
                && joined(m.first)
                && is_base_form(v.word(m.first))
                && !is_derived_noun(v.word(m.first))
                && !adverb_in_ly(v, m.first)
                && reads_as_verb(v, m)
                && !starts(v, except, m.first)
        })
        .map(|m| vec![v.cue(m.first, m.end, true)])
        .collect()
}

/// Words that may stand before an imperative and leave it opening its clause: "Please submit",
/// "Make sure to book".
const LEAD_IN_WORDS: &[&[&str]] = &[
    &["please"],
    &["do"],
    &["don't"],
    &["make", "sure", "to"],
    &["be", "sure", "to"],
    &["remember", "to"],
];

/// Whether a noun reads as plural: "managers", but not "process", "status" or "analysis".
fn looks_plural(word: &str) -> bool {
    word.ends_with('s') && !["ss", "us", "is"].iter().any(|end| word.ends_with(end))
}

/// Whether a word can be a verb's base form, as an imperative is: not "waiting", "called" or
/// "calls".
fn is_base_form(word: &str) -> bool {
    !(word.ends_with("ing")
        || word.ends_with("ed")
        || (word.ends_with('s') && !word.ends_with("ss") && word.len() > 3))
}

/// Whether the sentence asks a question: "So why have reviews if we're expected to …?"
fn is_question(v: &SentenceView) -> bool {
    v.words.last().is_some_and(|last| {
        v.text[last.range().end..]
            .chars()
            .find(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | '"' | '\'' | ')' | '”' | '’'))
            == Some('?')
    })
}

/// The main clause from `at` on: the first clause, or after a condition the clause it governs
/// ("Therefore, if possible, substitutes should …").
fn main_clause(v: &SentenceView, at: usize) -> std::ops::Range<usize> {
    let n = v.words.len();
    let clause_end = |from: usize| (from + 1..n).find(|&i| v.breaks[i]).unwrap_or(n);
    let first_end = clause_end(at);
    let opens_a_condition = (at..first_end)
        .take(2)
        .any(|i| SUBORDINATORS.contains(&v.word(i)));
    if opens_a_condition && first_end < n {
        first_end..clause_end(first_end)
    } else {
        at..first_end
    }
}

/// Whether the clause at `at` tells the reader what to do: a verb in its plain form ("use the
/// vault"), or "do not", "don't" or "never" ("don't attach files").
fn opens_an_imperative(v: &SentenceView, at: usize) -> bool {
    let word = v.word(at);
    let plain_verb = v.tag(at) == Some(Tag::Verb)
        && is_base_form(word)
        && !matches!(word, "has" | "is" | "was" | "does");
    let forbids = matches!(word, "don't" | "don’t" | "dont" | "never")
        || (word == "do" && at + 1 < v.words.len() && v.word(at + 1) == "not");
    plain_verb || forbids
}

/// Whether the word before `at` negates what follows: "there's no need to opt out".
fn negated(v: &SentenceView, at: usize) -> bool {
    at > 0 && (is_negation(v.word(at - 1)) || v.word(at - 1) == "no")
}

/// Whether the words at `at` are "be able": "you should be able to view it" tells what can be
/// done, not what must.
fn able_to(v: &SentenceView, at: usize) -> bool {
    at + 1 < v.words.len() && v.word(at) == "be" && v.word(at + 1) == "able"
}

/// Whether a word has the ending of a noun made from a verb ("information", "awareness"),
/// which no imperative has.
fn is_derived_noun(word: &str) -> bool {
    ["tion", "sion", "ness", "ity"]
        .iter()
        .any(|ending| word.len() > ending.len() + 2 && word.ends_with(ending))
}

/// The auxiliaries of the passive: "is reviewed", "gets approved".
fn is_be_or_get(word: &str) -> bool {
    matches!(
        word,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "get" | "gets" | "got"
    )
}

fn is_negation(word: &str) -> bool {
    matches!(word, "not" | "never" | "n't" | "don't" | "dont")
}
