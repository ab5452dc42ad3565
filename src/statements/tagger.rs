//! Part-of-speech tags from Harper's published Brill tagger model (`third_party/harper-brill`).
//!
//! A Brill tagger gives each word its most frequent tag, then applies learnt patches in order:
//! "change NOUN to VERB when the word before is tagged PRON", and so on. The model is read once
//! per process; tagging is a dictionary lookup per word and a pass of each patch over the
//! sentence, so only sentences a frame might read are tagged.

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
struct Model {
    base: Base,
    patches: Vec<Patch>,
}

#[derive(Deserialize)]
struct Base {
    mapping: HashMap<String, Tag>,
}

#[derive(Deserialize)]
struct Patch {
    from: Tag,
    to: Tag,
    criteria: Criteria,
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
            // As the model was trained: the shorter of the two words is compared with the
            // start of the other, ignoring ASCII case.
            Criteria::WordIs { relative, word } => index
                .checked_add_signed(*relative)
                .and_then(|i| words.get(i))
                .is_some_and(|w| {
                    w.chars()
                        .zip(word.chars())
                        .all(|(a, b)| a.eq_ignore_ascii_case(&b))
                }),
            Criteria::NounPhraseAt {} => false,
            Criteria::Combined { a, b } => {
                a.holds(words, tags, index) && b.holds(words, tags, index)
            }
        }
    }
}

static TAGGER: LazyLock<Model> = LazyLock::new(|| {
    serde_json::from_str(MODEL).expect("the bundled tagger model is valid JSON of its format")
});

/// The most frequent tag of a lower-case word, if the model knows it.
pub fn base_tag(lowered: &str) -> Option<Tag> {
    TAGGER.base.mapping.get(lowered).copied()
}

/// Tag a sentence of lower-case words whose base tags are already looked up ([`base_tag`]):
/// the patches are applied in place.
pub fn apply_patches(words: &[&str], tags: &mut [Option<Tag>]) {
    for patch in &TAGGER.patches {
        for index in 0..words.len() {
            if tags[index] == Some(patch.from) && patch.criteria.holds(words, tags, index) {
                tags[index] = Some(patch.to);
            }
        }
    }
}

/// Tag a sentence of words (any case).
pub fn tag(words: &[&str]) -> Vec<Option<Tag>> {
    let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
    let mut tags: Vec<Option<Tag>> = lowered.iter().map(|w| base_tag(w)).collect();
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
