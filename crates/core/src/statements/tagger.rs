//! Part-of-speech tags from Harper's published Brill tagger model (`third_party/harper-brill`).
//!
//! A Brill tagger gives each word its most frequent tag, then applies learnt patches in order:
//! "change NOUN to VERB when the word before is tagged PRON", and so on. The model is read once
//! per process; tagging is a dictionary lookup per word and a pass of each patch over the
//! sentence, so only sentences a frame might read are tagged.

use std::borrow::Cow;
use std::sync::LazyLock;

use foldhash::HashMap;
use serde::Deserialize;

const MODEL: &str = include_str!("../../third_party/harper-brill/trained_tagger_model.json");

/// Universal Dependencies part-of-speech tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Tag {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Tag {
    /// The tag as UD writes it: `VERB`, `NOUN`.
    pub fn name(self) -> &'static str {
        match self {
            Tag::Adj => "ADJ",
            Tag::Adp => "ADP",
            Tag::Adv => "ADV",
            Tag::Aux => "AUX",
            Tag::Cconj => "CCONJ",
            Tag::Det => "DET",
            Tag::Intj => "INTJ",
            Tag::Noun => "NOUN",
            Tag::Num => "NUM",
            Tag::Part => "PART",
            Tag::Pron => "PRON",
            Tag::Propn => "PROPN",
            Tag::Punct => "PUNCT",
            Tag::Sconj => "SCONJ",
            Tag::Sym => "SYM",
            Tag::Verb => "VERB",
            Tag::X => "X",
        }
    }
}

#[derive(Deserialize)]
struct Model<'a> {
    #[serde(borrow)]
    base: Base<'a>,
    patches: Vec<Patch>,
    /// The words patches require of the word they change, found once at load, in order of
    /// their first byte in lower case.
    #[serde(skip)]
    anchors: Vec<String>,
    /// For each byte, the range of [`Model::anchors`] that start with it in lower case.
    #[serde(skip)]
    anchors_by_first_byte: Vec<std::ops::Range<usize>>,
}

#[derive(Deserialize)]
struct Base<'a> {
    /// Words borrowed from the bundled model (only the two with escapes are copied): 27,000
    /// allocations fewer every time a process starts.
    #[serde(borrow)]
    mapping: HashMap<Cow<'a, str>, Tag>,
}

#[derive(Deserialize)]
struct Patch {
    from: Tag,
    to: Tag,
    criteria: Criteria,
    /// Index in [`Model::anchors`] of the word this patch requires of the word it changes.
    #[serde(skip)]
    anchor: Option<usize>,
}

/// When a patch applies to the word at some index.
#[derive(Deserialize)]
enum Criteria {
    WordIsTaggedWith {
        relative: isize,
        is_tagged: Tag,
    },
    /// Some word between this one and `max_relative` words away (that one excluded).
    AnyWordIsTaggedWith {
        max_relative: isize,
        is_tagged: Tag,
    },
    SandwichTaggedWith {
        prev_word_tagged: Tag,
        post_word_tagged: Tag,
    },
    WordIs {
        relative: isize,
        word: String,
    },
    /// The chunker's criterion; the tagger never meets it.
    NounPhraseAt {},
    Combined {
        a: Box<Criteria>,
        b: Box<Criteria>,
    },
}

impl Criteria {
    fn holds(&self, words: &[&str], tags: &[Option<Tag>], index: usize) -> bool {
        let tag_at = |i: Option<usize>, tag: Tag| {
            i.and_then(|i| tags.get(i).copied().flatten()) == Some(tag)
        };
        match self {
            Criteria::WordIsTaggedWith {
                relative,
                is_tagged,
            } => tag_at(index.checked_add_signed(*relative), *is_tagged),
            Criteria::AnyWordIsTaggedWith {
                max_relative,
                is_tagged,
            } => index.checked_add_signed(*max_relative).is_some_and(|far| {
                (far.min(index)..far.max(index)).any(|i| tag_at(Some(i), *is_tagged))
            }),
            Criteria::SandwichTaggedWith {
                prev_word_tagged,
                post_word_tagged,
            } => {
                index > 0
                    && tag_at(Some(index - 1), *prev_word_tagged)
                    && tag_at(Some(index + 1), *post_word_tagged)
            }
            Criteria::WordIs { relative, word } => index
                .checked_add_signed(*relative)
                .and_then(|i| words.get(i))
                .is_some_and(|w| word_is(w, word)),
            Criteria::NounPhraseAt {} => false,
            Criteria::Combined { a, b } => {
                a.holds(words, tags, index) && b.holds(words, tags, index)
            }
        }
    }
}

/// As the model was trained: the shorter of the two words is compared with the start of the
/// other, ignoring ASCII case. Comparing bytes gives the same answer as comparing characters,
/// since UTF-8 is prefix-free and ASCII case folding only touches one-byte characters.
fn word_is(word: &str, model_word: &str) -> bool {
    let shorter = word.len().min(model_word.len());
    word.as_bytes()[..shorter].eq_ignore_ascii_case(&model_word.as_bytes()[..shorter])
}

impl Criteria {
    /// A word the changed word itself must be, if the criteria require one.
    fn anchor(&self) -> Option<&str> {
        match self {
            // An empty word matches every word, so it requires nothing.
            Criteria::WordIs { relative: 0, word } if !word.is_empty() => Some(word),
            Criteria::Combined { a, b } => a.anchor().or_else(|| b.anchor()),
            _ => None,
        }
    }
}

static TAGGER: LazyLock<Model<'static>> = LazyLock::new(|| {
    let mut model: Model<'static> =
        serde_json::from_str(MODEL).expect("the bundled tagger model is valid JSON of its format");
    let first_byte = |word: &str| word.as_bytes().first().map(u8::to_ascii_lowercase);
    let mut anchors: Vec<String> = model
        .patches
        .iter()
        .filter_map(|p| p.criteria.anchor().map(str::to_owned))
        .collect();
    anchors.sort_by(|a, b| (first_byte(a), a).cmp(&(first_byte(b), b)));
    anchors.dedup();
    for patch in &mut model.patches {
        patch.anchor = patch
            .criteria
            .anchor()
            .and_then(|word| anchors.iter().position(|a| a == word));
    }
    model.anchors_by_first_byte = (0..=u8::MAX)
        .map(|byte| {
            let start = anchors.partition_point(|a| first_byte(a) < Some(byte));
            let end = anchors.partition_point(|a| first_byte(a) <= Some(byte));
            start..end
        })
        .collect();
    model.anchors = anchors;
    model
});

/// The most frequent tag of a lower-case word, if the model knows it.
pub fn base_tag(lowered: &str) -> Option<Tag> {
    TAGGER.base.mapping.get(lowered).copied()
}

/// The tag a word starts from before the patches: its dictionary tag, else a noun for a word
/// whose ending names someone who does something. Role nouns such as "facilitator",
/// "approvers", "assignee" and "maintainer" are missing from the dictionary, and actors are
/// read from nouns. A capitalised unknown word stays untagged, as a name ("Quillmoor
/// believes"), unless it opens the sentence in the plural ("Approvers reply").
fn starting_tag(written: &str, lowered: &str, opens_sentence: bool) -> Option<Tag> {
    base_tag(lowered).or_else(|| {
        let lower_case = !written.starts_with(char::is_uppercase);
        let plural_opening = opens_sentence && lowered.ends_with('s');
        ((lower_case || plural_opening) && names_a_doer(lowered)).then_some(Tag::Noun)
    })
}

/// The starting tags of a sentence's words, as written and in lower case ([`starting_tag`]).
pub fn starting_tags<'w>(
    written: impl IntoIterator<Item = &'w str>,
    lowered: &[&str],
) -> Vec<Option<Tag>> {
    written
        .into_iter()
        .zip(lowered)
        .enumerate()
        .map(|(i, (written, lowered))| starting_tag(written, lowered, i == 0))
        .collect()
}

/// Whether a word ends as a noun of someone who does something, or several of them.
fn names_a_doer(word: &str) -> bool {
    const ENDINGS: &[&str] = &["or", "er", "ee", "ist"];
    let singular = word.strip_suffix('s').unwrap_or(word);
    singular.len() >= 5
        && singular.bytes().all(|b| b.is_ascii_lowercase())
        && ENDINGS.iter().any(|ending| singular.ends_with(ending))
}

/// Tag a sentence of lower-case words whose starting tags are already looked up
/// ([`starting_tags`]): the patches are applied in place.
pub fn apply_patches(words: &[&str], tags: &mut [Option<Tag>]) {
    let mut positions = TagPositions::of(tags);
    let anchored = AnchorPositions::of(words);
    for patch in &TAGGER.patches {
        // A patch changes one tag to another, so only words with its `from` tag (and its
        // anchor word, if it has one) are visited, in order. Changing the tag of word `i`
        // clears only bit `i`, which the walk has passed, so later words see the patched
        // tags as in a plain left-to-right pass.
        for block in 0..positions.blocks {
            let mut bits = positions.bits[positions.at(patch.from, block)];
            if let Some(anchor) = patch.anchor {
                bits &= anchored.bits[anchor * positions.blocks + block];
            }
            while bits != 0 {
                let index = block * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if patch.criteria.holds(words, tags, index) {
                    tags[index] = Some(patch.to);
                    positions.move_word(index, patch.from, patch.to);
                }
            }
        }
    }
}

/// For each of the model's anchor words, the set of word positions that match it, as bits.
struct AnchorPositions {
    bits: Vec<u64>,
}

impl AnchorPositions {
    fn of(words: &[&str]) -> Self {
        let blocks = words.len().div_ceil(64);
        let mut bits = vec![0; blocks * TAGGER.anchors.len()];
        for (index, word) in words.iter().enumerate() {
            // Only anchors that start with the word's first letter can match it (an empty word,
            // as the shorter one, matches every anchor).
            let candidates = word
                .as_bytes()
                .first()
                .map_or(0..TAGGER.anchors.len(), |b| {
                    TAGGER.anchors_by_first_byte[usize::from(b.to_ascii_lowercase())].clone()
                });
            for anchor in candidates {
                if word_is(word, &TAGGER.anchors[anchor]) {
                    bits[anchor * blocks + index / 64] |= 1 << (index % 64);
                }
            }
        }
        AnchorPositions { bits }
    }
}

/// For each tag, the set of word positions that carry it, as bits.
struct TagPositions {
    blocks: usize,
    bits: Vec<u64>,
}

impl TagPositions {
    const TAGS: usize = Tag::X as usize + 1;

    fn of(tags: &[Option<Tag>]) -> Self {
        let blocks = tags.len().div_ceil(64);
        let mut positions = TagPositions {
            blocks,
            bits: vec![0; blocks * Self::TAGS],
        };
        for (index, tag) in tags.iter().enumerate() {
            if let Some(tag) = tag {
                let at = positions.at(*tag, index / 64);
                positions.bits[at] |= 1 << (index % 64);
            }
        }
        positions
    }

    fn at(&self, tag: Tag, block: usize) -> usize {
        tag as usize * self.blocks + block
    }

    fn move_word(&mut self, index: usize, from: Tag, to: Tag) {
        let bit = 1 << (index % 64);
        let (from, to) = (self.at(from, index / 64), self.at(to, index / 64));
        self.bits[from] &= !bit;
        self.bits[to] |= bit;
    }
}

/// Tag a sentence of words (any case).
pub fn tag(words: &[&str]) -> Vec<Option<Tag>> {
    let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
    let mut tags = starting_tags(words.iter().copied(), &lowered);
    apply_patches(&lowered, &mut tags);
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(sentence: &str) -> String {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        words
            .iter()
            .zip(tag(&words))
            .map(|(w, t)| format!("{w}/{}", t.map_or("?", Tag::name)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The plain Brill pass: every patch over every word, left to right.
    fn apply_patches_word_by_word(words: &[&str], tags: &mut [Option<Tag>]) {
        for patch in &TAGGER.patches {
            for index in 0..words.len() {
                if tags[index] == Some(patch.from) && patch.criteria.holds(words, tags, index) {
                    tags[index] = Some(patch.to);
                }
            }
        }
    }

    #[test]
    fn visiting_only_candidate_words_tags_as_the_plain_pass_does() {
        let mut sentences = vec![
            "Please send the form to your manager so that they can approve it".to_owned(),
            "It is up to the team to decide that the US office will close".to_owned(),
            "t to together thät Über that's to-do to the to a to be or not to be".to_owned(),
            String::new(),
        ];
        // Past one 64-word block, where the bit sets of positions continue.
        sentences.push(
            "we will review that request and then ask if they want to go to the office ".repeat(9),
        );
        let mut patched = 0;
        for sentence in &sentences {
            let words: Vec<String> = sentence.split_whitespace().map(str::to_lowercase).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let base: Vec<Option<Tag>> = words.iter().map(|w| base_tag(w)).collect();
            let (mut fast, mut plain) = (base.clone(), base.clone());
            apply_patches(&words, &mut fast);
            apply_patches_word_by_word(&words, &mut plain);
            assert_eq!(fast, plain, "{sentence}");
            patched += usize::from(plain != base);
        }
        assert!(patched >= 3, "the sentences exercise the patches");
    }

    #[test]
    fn an_unknown_word_that_names_a_doer_is_a_noun() {
        // The dictionary knows none of these role nouns; "Quillmoor" is a name and stays
        // untagged.
        assert_eq!(
            tags("After the meeting the facilitator adds each blocker"),
            "After/ADP the/DET meeting/NOUN the/DET facilitator/NOUN adds/VERB each/DET blocker/NOUN"
        );
        assert_eq!(
            tags("Approvers and the assignee"),
            "Approvers/NOUN and/CCONJ the/DET assignee/NOUN"
        );
        assert_eq!(tags("Quillmoor believes"), "Quillmoor/? believes/VERB");
    }

    #[test]
    fn tags_imperatives_modals_and_nouns() {
        assert_eq!(
            tags("Managers will approve requests within two working days"),
            "Managers/NOUN will/AUX approve/VERB requests/NOUN within/ADP two/NUM working/VERB days/NOUN"
        );
        // Harper's model calls a sentence-initial "Contact" a noun whatever follows: the
        // imperative frame looks at the next word's tag to tell the two apart.
        assert_eq!(
            tags("Contact your manager"),
            "Contact/NOUN your/PRON manager/NOUN"
        );
        assert_eq!(
            tags("Contact center hours"),
            "Contact/NOUN center/NOUN hours/NOUN"
        );
    }
}
