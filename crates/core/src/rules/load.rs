//! Reading and validating packs. Every error is a codespan diagnostic pointing at the exact
//! key or value in the TOML file, with a "did you mean" where a near name exists.

use std::collections::HashMap;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use globset::{GlobBuilder, GlobSetBuilder};
use regex::RegexBuilder;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::kind::{KindSpec, field_names};
use super::lexicon::TermForm;
use super::schema::{CueDef, FrameDef, Name, PackFile, RoleDef, RuleDef};
use super::{
    Concept, ConceptId, Dimension, DimensionId, Kind, KindId, Lexicon, Pack, Phrase, Rule, RuleSet,
};
use crate::statements::frames::{FRAMES, FrameParams};
use crate::statements::{Frame, Grammar, Procedure, Role, RoleId};
use crate::toml_errors::{TomlErrors, did_you_mean, push_help, serde_error, toml_error, with_help};

/// A pack's text and where it came from.
#[derive(Debug, Clone)]
pub struct PackSource {
    /// `builtin:<name>` or the file path, as shown in messages.
    pub origin: String,
    pub text: String,
}

impl PackSource {
    /// A pack shipped in the binary, by name (`manage-lead`).
    pub fn builtin(name: &str) -> Option<PackSource> {
        super::BUILTIN_PACKS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| PackSource {
                origin: format!("builtin:{n}"),
                text: (*text).to_string(),
            })
    }
}

/// The largest compiled regex a pattern, or a concept's patterns together, may become; beyond
/// it the pattern is rejected. Matching time grows with the compiled size (a Unicode `\b` keeps
/// the regex crate off its fast paths on non-ASCII text), so the limit keeps a hostile
/// `a[ab]{3000}(?:c|\b)` (240 KB compiled, seconds per megabyte) out, with room for packs
/// several times the built-in one, whose largest concept compiles to 31 KB.
const REGEX_SIZE_LIMIT: usize = 128 << 10;

/// Parse, validate and compile packs, in order: a later pack may use what an earlier one
/// defines (a house pack can forbid terms of a built-in concept). `kinds` are the rule kinds
/// a pack may use.
pub fn load<R>(sources: &[PackSource], kinds: &[KindSpec<R>]) -> Result<RuleSet, TomlErrors> {
    let mut files = SimpleFiles::new();
    let mut ctx = Loader::default();
    let mut parsed = Vec::new();
    for source in sources {
        let file = files.add(source.origin.clone(), source.text.clone());
        match parse(&source.text, kinds) {
            Ok((pack, params)) => parsed.push((file, source, pack, params)),
            Err((message, span)) => ctx.errors.push(serde_error(file, &message, span)),
        }
    }
    for (file, source, pack, _) in &parsed {
        ctx.file = *file;
        ctx.declare(source, pack);
    }
    for (index, (file, source, pack, params)) in parsed.iter().enumerate() {
        ctx.file = *file;
        ctx.pack = index;
        ctx.text.clone_from(&source.text);
        ctx.default_kind(pack);
        for (rule, params) in pack.rules.iter().zip(params) {
            ctx.rule(rule, params, kinds);
        }
    }
    if ctx.errors.is_empty() {
        Ok(ctx.finish(kinds))
    } else {
        Err(TomlErrors {
            files,
            diagnostics: ctx.errors,
        })
    }
}

/// A rule's table without the keys of [`RuleDef`]: the parameters its kind reads.
type Params<'a> = Spanned<DeTable<'a>>;

/// A serde message and where it points.
type Located = (String, Option<Range<usize>>);

/// Parse a pack: everything but the rules' kind parameters into a [`PackFile`], and those,
/// rule by rule, into tables for the kinds to read. A key that is no rule key and no
/// parameter of any kind fails the pack, as any unknown key does. Errors are serde messages
/// with their spans.
fn parse<'a, R>(
    text: &'a str,
    kinds: &[KindSpec<R>],
) -> Result<(PackFile, Vec<Params<'a>>), Located> {
    let located = |err: toml::de::Error| (err.message().to_string(), err.span());
    let mut root = DeTable::parse(text).map_err(located)?;
    let header = field_names::<RuleDef>();
    let is_param = |key: &str| pack_kinds(kinds).any(|k| (k.params.keys)().contains(&key));
    let mut params = Vec::new();
    if let Some(rules) = root.get_mut().get_mut("rules")
        && let DeValue::Array(rules) = rules.get_mut()
    {
        for rule in rules.iter_mut() {
            let span = rule.span();
            let mut own = DeTable::new();
            if let DeValue::Table(table) = rule.get_mut() {
                let keys: Vec<_> = table.keys().cloned().collect();
                for key in keys {
                    if header.contains(&key.get_ref().as_ref()) {
                        continue;
                    }
                    if !is_param(key.get_ref()) {
                        return Err((unknown_key(key.get_ref(), header, kinds), Some(key.span())));
                    }
                    if let Some((key, value)) = table.remove_entry(key.get_ref().as_ref()) {
                        own.insert(key, value);
                    }
                }
            }
            params.push(Spanned::new(span, own));
        }
    }
    let pack = PackFile::deserialize(toml::de::Deserializer::from(root)).map_err(located)?;
    Ok((pack, params))
}

/// The kinds a pack's rules may have: all but the built-in ones.
fn pack_kinds<R>(kinds: &[KindSpec<R>]) -> impl Iterator<Item = &KindSpec<R>> {
    kinds.iter().filter(|k| k.builtin.is_none())
}

/// serde's message for a key of a rule that neither a rule nor any rule kind has.
fn unknown_key<R>(key: &str, header: &[&str], kinds: &[KindSpec<R>]) -> String {
    let mut known: Vec<&str> = header.to_vec();
    for kind in pack_kinds(kinds) {
        for param in (kind.params.keys)() {
            if !known.contains(param) {
                known.push(param);
            }
        }
    }
    let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
    format!(
        "unknown field `{key}`, expected one of {}",
        known.join(", ")
    )
}

/// The names a pack can refer to.
#[derive(Clone, Copy)]
enum Table {
    Dimension,
    Concept,
    Kind,
    Cue,
    Role,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Dimension => "dimension",
            Table::Concept => "concept",
            Table::Kind => "kind",
            Table::Cue => "cue list",
            Table::Role => "role",
        }
    }
}

/// Where something was defined, for "first defined here" labels.
#[derive(Clone, Copy)]
struct Origin {
    file: usize,
    span: (usize, usize),
}

#[derive(Default)]
struct Loader {
    file: usize,
    /// The index in `packs` of the pack whose rules are being compiled.
    pack: usize,
    /// The TOML source of pack `file`.
    text: String,
    errors: Vec<Diagnostic<usize>>,
    packs: Vec<Pack>,
    dimensions: Vec<Dimension>,
    concepts: Vec<Concept>,
    kinds: Vec<Kind>,
    rules: Vec<Rule>,
    default_kind: Option<KindId>,
    reference_kind: Option<KindId>,
    lexicon: Lexicon,
    dimension_ids: HashMap<String, (DimensionId, Origin)>,
    concept_ids: HashMap<String, (ConceptId, Origin)>,
    kind_ids: HashMap<String, (KindId, Origin)>,
    rule_ids: HashMap<String, Origin>,
    /// Cue lists, as the hidden concepts they compile to.
    cue_ids: HashMap<String, (ConceptId, Origin)>,
    role_ids: HashMap<String, (RoleId, Origin)>,
    grammar: Grammar,
}

/// The half of a loader a rule kind's `compile` sees: its parameters, name resolution and
/// error reporting.
pub struct Resolver<'a> {
    loader: &'a mut Loader,
    rule: &'a RuleDef,
    /// The rule's parameters that its kind reads.
    params: Params<'a>,
    ok: bool,
}

impl Resolver<'_> {
    /// The rule's parameters, read into the kind's own strict struct; `None` after an error
    /// (a value of the wrong type), reported at the value.
    pub fn params<P: DeserializeOwned>(&mut self) -> Option<P> {
        let table = std::mem::replace(&mut self.params, Spanned::new(0..0, DeTable::new()));
        match P::deserialize(toml::de::Deserializer::from(table)) {
            Ok(params) => Some(params),
            Err(err) => {
                self.ok = false;
                self.loader.errors.push(toml_error(self.loader.file, &err));
                None
            }
        }
    }

    /// Report an error at `span` of the current pack file.
    pub fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) {
        let (message, label) = (message.into(), label.into());
        self.ok = false;
        let diagnostic = Diagnostic::error()
            .with_message(message)
            .with_label(Label::primary(self.loader.file, span).with_message(label));
        self.loader.errors.push(with_help(diagnostic, help));
    }

    /// A parameter the rule kind cannot do without.
    pub fn required<'v, T>(&mut self, value: &'v Option<T>, key: &str) -> Option<&'v T> {
        if value.is_none() {
            let kind = self.rule.kind.get_ref().clone();
            self.error(
                self.rule.kind.span(),
                format!("`{kind}` rule `{}` needs `{key}`", self.rule.id.get_ref()),
                format!("`{key}` is missing"),
                Some(format!("add `{key} = ...` to this rule")),
            );
        }
        value.as_ref()
    }

    pub fn concept(&mut self, name: &Name) -> Option<ConceptId> {
        self.lookup(Table::Concept, name)
    }

    pub fn dimension(&mut self, name: &Name) -> Option<DimensionId> {
        self.lookup(Table::Dimension, name)
    }

    fn lookup(&mut self, table: Table, name: &Name) -> Option<usize> {
        let found = self.loader.lookup(table, name);
        self.ok &= found.is_some();
        found
    }

    /// Heading or section words, stemmed like document text.
    pub fn phrases(&mut self, list: &Spanned<Vec<Name>>) -> Vec<Phrase> {
        if list.get_ref().is_empty() {
            self.error(
                list.span(),
                "the list is empty",
                "add at least one entry",
                None,
            );
        }
        self.loader.phrases(list.get_ref(), false)
    }

    /// A hidden concept made of a rule's own terms.
    pub fn terms_concept(&mut self, terms: &Spanned<Vec<Name>>) -> Option<ConceptId> {
        let id = self.loader.concepts.len();
        let rule_id = self.rule.id.get_ref().clone();
        self.loader.concepts.push(Concept {
            name: format!("rule:{rule_id}"),
            label: format!("terms of `{rule_id}`"),
            description: None,
            topic: format!("the terms of `{rule_id}`"),
            dimension: None,
            hidden: true,
        });
        self.loader
            .add_terms(id, terms, TermForm::Stemmed)
            .then_some(id)
    }
}

impl Loader {
    fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Diagnostic<usize> {
        let (message, label) = (message.into(), label.into());
        self.errors.push(
            Diagnostic::error()
                .with_message(message)
                .with_label(Label::primary(self.file, span).with_message(label)),
        );
        self.errors.last_mut().expect("just pushed")
    }

    /// Resolve a name, or report it as unknown (with the nearest known name).
    fn lookup(&mut self, table: Table, name: &Name) -> Option<usize> {
        let ids = match table {
            Table::Dimension => &self.dimension_ids,
            Table::Concept => &self.concept_ids,
            Table::Kind => &self.kind_ids,
            Table::Cue => &self.cue_ids,
            Table::Role => &self.role_ids,
        };
        if let Some((id, _)) = ids.get(name.get_ref()) {
            return Some(*id);
        }
        let help = did_you_mean(name.get_ref(), ids.keys().map(String::as_str));
        let what = table.name();
        let diagnostic = self.error(
            name.span(),
            format!("unknown {what} `{}`", name.get_ref()),
            format!("no {what} of this name is defined"),
        );
        push_help(diagnostic, help);
        None
    }

    fn origin(&self, span: Range<usize>) -> Origin {
        Origin {
            file: self.file,
            span: (span.start, span.end),
        }
    }

    /// Report `name` defined twice; `true` when it is new.
    fn check_unique(&mut self, what: &str, name: &Name, first: Option<Origin>) -> bool {
        let Some(first) = first else {
            return true;
        };
        let diagnostic = self.error(
            name.span(),
            format!("{what} `{}` is defined twice", name.get_ref()),
            "defined again here",
        );
        diagnostic.labels.push(
            Label::secondary(first.file, first.span.0..first.span.1)
                .with_message("first defined here"),
        );
        false
    }

    fn declare(&mut self, source: &PackSource, pack: &PackFile) {
        let meta = pack.pack.get_ref();
        self.packs.push(Pack {
            name: meta.name.get_ref().clone(),
            description: meta.description.clone(),
            language: meta.language.as_ref().map(|l| *l.get_ref()),
            origin: source.origin.clone(),
        });
        for (name, def) in &pack.dimensions {
            let first = self.dimension_ids.get(name.get_ref()).map(|(_, o)| *o);
            if self.check_unique("dimension", name, first) {
                let origin = self.origin(name.span());
                self.dimension_ids
                    .insert(name.get_ref().clone(), (self.dimensions.len(), origin));
                self.dimensions.push(Dimension {
                    name: name.get_ref().clone(),
                    label: def.get_ref().label.clone(),
                    description: def.get_ref().description.clone(),
                });
            }
        }
        for (name, def) in &pack.cues {
            self.cue(name, def.get_ref(), def.span());
        }
        for name in pack.roles.keys() {
            self.declare_role(name);
        }
        for (name, def) in &pack.roles {
            self.role(name, def.get_ref(), def.span());
        }
        for (name, def) in &pack.concepts {
            self.concept(name, def.get_ref(), def.span());
        }
        for (name, def) in &pack.kinds {
            self.kind(name, def.get_ref());
        }
    }

    fn concept(&mut self, name: &Name, def: &super::schema::ConceptDef, span: Range<usize>) {
        let first = self.concept_ids.get(name.get_ref()).map(|(_, o)| *o);
        if !self.check_unique("concept", name, first) {
            return;
        }
        let dimension = def
            .dimension
            .as_ref()
            .and_then(|d| self.lookup(Table::Dimension, d));
        let id = self.concepts.len();
        let origin = self.origin(name.span());
        self.concept_ids
            .insert(name.get_ref().clone(), (id, origin));
        let label = def.label.clone().unwrap_or_else(|| name.get_ref().clone());
        self.concepts.push(Concept {
            name: name.get_ref().clone(),
            topic: def.topic.clone().unwrap_or_else(|| label.clone()),
            label,
            description: def.description.clone(),
            dimension,
            hidden: false,
        });
        let word_lists = [
            (&def.terms, TermForm::Stemmed),
            (&def.exact, TermForm::Exact),
            (&def.imperatives, TermForm::Imperative),
        ];
        let has_words = word_lists
            .iter()
            .any(|(list, _)| list.as_ref().is_some_and(|l| !l.get_ref().is_empty()));
        let has_patterns = def
            .patterns
            .as_ref()
            .is_some_and(|p| !p.get_ref().is_empty());
        // Where the concept's words are, or the concept itself when it has none.
        let words_at = word_lists
            .iter()
            .find_map(|(list, _)| list.as_ref())
            .or(def.patterns.as_ref())
            .map_or(span, Spanned::span);
        if let Some(role) = &def.role {
            if let Some(role) = self.lookup(Table::Role, role) {
                self.grammar.evidences.push((id, role));
            }
            if has_words || has_patterns {
                self.error(
                    words_at,
                    format!(
                        "concept `{}` is read from statements and has no words of its own",
                        name.get_ref()
                    ),
                    "words here would count without their meaning",
                )
                .notes
                .push(
                    "put the words in a `[cues.*]` list that one of the role's frames reads".into(),
                );
            }
            return;
        }
        if !has_words && !has_patterns {
            self.error(
                words_at,
                format!("concept `{}` has nothing to match", name.get_ref()),
                "no terms and no patterns",
            )
            .notes
            .push("add `terms = [\"...\"]` or `patterns = ['...']`".into());
        }
        for (list, form) in word_lists {
            if let Some(terms) = list {
                self.add_terms(id, terms, form);
            }
        }
        if let Some(patterns) = &def.patterns {
            self.add_patterns(id, patterns.get_ref());
        }
    }

    /// A cue list: a hidden concept whose matches only frames read.
    fn cue(&mut self, name: &Name, def: &CueDef, span: Range<usize>) {
        let first = self.cue_ids.get(name.get_ref()).map(|(_, o)| *o);
        if !self.check_unique("cue list", name, first) {
            return;
        }
        let id = self.concepts.len();
        let origin = self.origin(name.span());
        self.cue_ids.insert(name.get_ref().clone(), (id, origin));
        self.concepts.push(Concept {
            name: format!("cue:{}", name.get_ref()),
            label: name.get_ref().clone(),
            description: def.description.clone(),
            topic: name.get_ref().clone(),
            dimension: None,
            hidden: true,
        });
        self.grammar.cue.resize(id + 1, false);
        self.grammar.cue[id] = true;
        let lists = [
            (&def.terms, TermForm::Stemmed),
            (&def.exact, TermForm::Exact),
        ];
        if lists.iter().all(|(list, _)| list.is_none()) {
            self.error(
                span,
                format!("cue list `{}` has no words", name.get_ref()),
                "no terms and no exact words",
            );
        }
        for (list, form) in lists {
            if let Some(words) = list {
                self.add_terms(id, words, form);
            }
        }
    }

    /// Give a role its id before any role's frames refer to it.
    fn declare_role(&mut self, name: &Name) {
        let first = self.role_ids.get(name.get_ref()).map(|(_, o)| *o);
        if !self.check_unique("role", name, first) {
            return;
        }
        let origin = self.origin(name.span());
        self.role_ids
            .insert(name.get_ref().clone(), (self.grammar.roles.len(), origin));
        self.grammar.roles.push(Role {
            name: name.get_ref().clone(),
            label: name.get_ref().clone(),
            description: None,
            frames: Vec::new(),
            procedure: None,
        });
    }

    /// A role's frames, or the steps and conditions of a procedure.
    fn role(&mut self, name: &Name, def: &RoleDef, span: Range<usize>) {
        let Some(&(id, _)) = self.role_ids.get(name.get_ref()) else {
            return;
        };
        let frames: Vec<Frame> = def.frames.iter().filter_map(|f| self.frame(f)).collect();
        let procedure = match &def.steps {
            Some(steps) => self.lookup(Table::Role, steps).map(|steps| Procedure {
                steps,
                conditions: def
                    .conditions
                    .as_ref()
                    .and_then(|c| self.lookup(Table::Cue, c)),
                order: def.order.as_ref().and_then(|c| self.lookup(Table::Cue, c)),
            }),
            None => {
                for (key, value) in [("conditions", &def.conditions), ("order", &def.order)] {
                    if let Some(value) = value {
                        self.error(
                            value.span(),
                            format!("`{key}` belongs to a procedure"),
                            "this role has no `steps`",
                        );
                    }
                }
                None
            }
        };
        if def.frames.is_empty() && def.steps.is_none() {
            self.error(
                span,
                format!("role `{}` has no frames", name.get_ref()),
                "no sentence could play it",
            )
            .notes
            .push(
                "add `frames = [{ frame = \"...\", ... }]`, or `steps = \"ROLE\"` for a procedure"
                    .into(),
            );
        }
        let role = &mut self.grammar.roles[id];
        role.label = def.label.clone().unwrap_or_else(|| name.get_ref().clone());
        role.description = def.description.clone();
        role.frames = frames;
        role.procedure = procedure;
    }

    /// One frame: its name must be known, its required parameters set, and no other set.
    fn frame(&mut self, def: &Spanned<FrameDef>) -> Option<Frame> {
        let def_ref = def.get_ref();
        let name = def_ref.frame.get_ref().as_str();
        let Some(spec) = FRAMES.iter().find(|f| f.name == name) else {
            let help = did_you_mean(name, FRAMES.iter().map(|f| f.name));
            let names: Vec<&str> = FRAMES.iter().map(|f| f.name).collect();
            let diagnostic = self.error(
                def_ref.frame.span(),
                format!("unknown frame `{name}`"),
                "no frame of this name",
            );
            push_help(diagnostic, help);
            diagnostic
                .notes
                .push(format!("frames: {}", names.join(", ")));
            return None;
        };
        let mut ok = true;
        for (param, span) in def_ref.params_set() {
            if !spec.required.contains(&param) && !spec.optional.contains(&param) {
                self.error(
                    span,
                    format!("frame `{name}` has no parameter `{param}`"),
                    "not read by this frame",
                );
                ok = false;
            }
        }
        let set: Vec<&str> = def_ref.params_set().iter().map(|(p, _)| *p).collect();
        for param in spec.required.iter().filter(|p| !set.contains(p)) {
            self.error(
                def.span(),
                format!("frame `{name}` needs `{param}`"),
                format!("`{param}` is missing"),
            );
            ok = false;
        }
        let mut cue = |loader: &mut Self, value: &Option<Name>| {
            value.as_ref().and_then(|v| {
                let found = loader.lookup(Table::Cue, v);
                ok &= found.is_some();
                found
            })
        };
        let params = FrameParams {
            verbs: cue(self, &def_ref.verbs),
            modals: cue(self, &def_ref.modals),
            cues: cue(self, &def_ref.cues),
            subjects: cue(self, &def_ref.subjects),
            not_after: cue(self, &def_ref.not_after),
            except: cue(self, &def_ref.except),
            attached_to: cue(self, &def_ref.attached_to),
            with: cue(self, &def_ref.with),
            headings: def_ref
                .headings
                .as_ref()
                .map(|h| self.phrases(h.get_ref(), false)),
        };
        if !ok {
            return None;
        }
        Frame::build(name, params)
    }

    /// Check each pattern on its own (so an error points at it), then compile them into one
    /// alternation per concept: one pass over the text instead of one per pattern.
    fn add_patterns(&mut self, concept: ConceptId, patterns: &[Name]) {
        let mut valid = Vec::new();
        for pattern in patterns {
            match build_regex(pattern.get_ref()) {
                Ok(_) => valid.push(format!("(?:{})", pattern.get_ref())),
                Err(reason) => {
                    self.error(
                        pattern.span(),
                        "invalid regular expression",
                        reason.to_string(),
                    );
                }
            }
        }
        if valid.len() == patterns.len() && !valid.is_empty() {
            match build_regex(&valid.join("|")) {
                Ok(regex) => self.lexicon.add_pattern(concept, regex),
                Err(reason) => {
                    let span = patterns[0].span().start..patterns[patterns.len() - 1].span().end;
                    self.error(
                        span,
                        "these patterns together are too large",
                        reason.to_string(),
                    );
                }
            }
        }
    }

    /// Add terms to a concept; each term must have at least one word. `true` if all were good.
    fn add_terms(
        &mut self,
        concept: ConceptId,
        terms: &Spanned<Vec<Name>>,
        form: TermForm,
    ) -> bool {
        let mut ok = true;
        if terms.get_ref().is_empty() {
            self.error(
                terms.span(),
                "the list of terms is empty",
                "add at least one term",
            );
            return false;
        }
        for term in terms.get_ref() {
            if !self.lexicon.add_term(concept, term.get_ref(), form) {
                self.error(
                    term.span(),
                    "this term has no words",
                    "only letters and digits are matched",
                );
                ok = false;
            }
        }
        ok
    }

    /// Phrases as stem ids, or (for kind cues) as folded word ids.
    fn phrases(&mut self, list: &[Name], folded: bool) -> Vec<Phrase> {
        list.iter()
            .filter_map(|name| {
                let ids = if folded {
                    self.lexicon.intern_folded(name.get_ref())
                } else {
                    self.lexicon.intern_phrase(name.get_ref())
                };
                if ids.is_empty() {
                    self.error(
                        name.span(),
                        "this phrase has no words",
                        "only letters and digits are matched",
                    );
                    return None;
                }
                Some(Phrase {
                    text: name.get_ref().clone(),
                    ids,
                })
            })
            .collect()
    }

    fn kind(&mut self, name: &Name, def: &super::schema::KindDef) {
        let first = self.kind_ids.get(name.get_ref()).map(|(_, o)| *o);
        if !self.check_unique("kind", name, first) {
            return;
        }
        let mut builder = GlobSetBuilder::new();
        for glob in &def.paths {
            match GlobBuilder::new(glob.get_ref())
                .literal_separator(true)
                .build()
            {
                Ok(g) => {
                    builder.add(g);
                }
                Err(err) => {
                    self.error(glob.span(), "invalid glob", err.kind().to_string());
                }
            }
        }
        let glob_set = builder.build().unwrap_or_default();
        let headings = self.phrases(&def.headings, true);
        let titles = self.phrases(&def.titles, true);
        let titles_last = self.phrases(&def.titles_last, true);
        let origin = self.origin(name.span());
        self.kind_ids
            .insert(name.get_ref().clone(), (self.kinds.len(), origin));
        for alias in &def.aliases {
            let first = self.kind_ids.get(alias.get_ref()).map(|(_, o)| *o);
            if self.check_unique("kind", alias, first) {
                let origin = self.origin(alias.span());
                self.kind_ids
                    .insert(alias.get_ref().clone(), (self.kinds.len(), origin));
            }
        }
        self.kinds.push(Kind {
            name: name.get_ref().clone(),
            aliases: def.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            label: def.label.clone().unwrap_or_else(|| name.get_ref().clone()),
            globs: def.paths.iter().map(|g| g.get_ref().clone()).collect(),
            glob_set,
            headings,
            titles,
            titles_last,
        });
    }

    /// The pack's default and reference kinds; the first pack that sets one wins.
    fn default_kind(&mut self, pack: &PackFile) {
        let meta = pack.pack.get_ref();
        if let Some(name) = &meta.default_kind
            && let Some(id) = self.lookup(Table::Kind, name)
            && self.default_kind.is_none()
        {
            self.default_kind = Some(id);
        }
        if let Some(name) = &meta.reference_kind
            && let Some(id) = self.lookup(Table::Kind, name)
            && self.reference_kind.is_none()
        {
            self.reference_kind = Some(id);
        }
    }

    fn rule<R>(&mut self, def: &Spanned<RuleDef>, params: &Params, kinds: &[KindSpec<R>]) {
        let def = def.get_ref();
        let id = def.id.get_ref();
        let first = self.rule_ids.get(id).copied();
        if !self.check_unique("rule", &def.id, first) {
            return;
        }
        let origin = self.origin(def.id.span());
        self.rule_ids.insert(id.clone(), origin);
        if kinds.iter().any(|k| k.builtin.is_some() && k.name == id) {
            self.error(
                def.id.span(),
                format!("rule `{id}` is built in"),
                "a pack cannot define it",
            );
            return;
        }
        if !is_rule_id(id) {
            self.error(
                def.id.span(),
                format!("invalid rule id `{id}`"),
                "use lower-case letters, digits and `-`",
            );
        }

        let kind_name = def.kind.get_ref();
        let Some(spec) = pack_kinds(kinds).find(|k| k.name == kind_name) else {
            let help = did_you_mean(kind_name, pack_kinds(kinds).map(|k| k.name));
            let diagnostic = self.error(
                def.kind.span(),
                format!("unknown rule kind `{kind_name}`"),
                "not a rule kind",
            );
            push_help(diagnostic, help);
            let kinds: Vec<&str> = pack_kinds(kinds).map(|k| k.name).collect();
            diagnostic
                .notes
                .push(format!("rule kinds are: {}", kinds.join(", ")));
            return;
        };
        let takes = (spec.params.keys)();
        let mut own = DeTable::new();
        for (key, value) in params.get_ref().iter() {
            let param = key.get_ref().as_ref();
            if takes.contains(&param) {
                own.insert(key.clone(), value.clone());
                continue;
            }
            let diagnostic = self.error(
                value.span(),
                format!("`{param}` is not a parameter of `{kind_name}` rules"),
                "not used by this rule kind",
            );
            diagnostic
                .notes
                .push(format!("`{kind_name}` rules take: {}", takes.join(", ")));
        }
        self.check_placeholders(&def.message, spec.placeholders);

        let applies_to = def.applies_to.as_ref().map(|kinds| {
            kinds
                .iter()
                .filter_map(|name| self.lookup(Table::Kind, name))
                .collect()
        });

        let mut resolver = Resolver {
            loader: self,
            rule: def,
            params: Spanned::new(params.span(), own),
            ok: true,
        };
        let compiled = (spec.compile)(def, &mut resolver);
        let ok = resolver.ok;
        let (Some(check), true) = (compiled, ok) else {
            return;
        };
        self.rules.push(Rule {
            id: id.clone(),
            severity: *def.severity.get_ref(),
            message: def.message.get_ref().clone(),
            help: def.help.clone(),
            explanation: def.explanation.clone(),
            docs: def.docs.clone(),
            applies_to,
            kind: spec.name,
            scope: spec.scope,
            check,
            examples: def.examples.as_ref().map(|e| e.get_ref().clone()),
            pack: Some(self.pack),
        });
    }

    /// `{name}` placeholders in a message must be ones the rule kind fills in.
    fn check_placeholders(&mut self, message: &Spanned<String>, allowed: &[&str]) {
        let span = message.span();
        let text = message.get_ref();
        let mut rest = text.as_str();
        // Where the next placeholder is looked for in the TOML source of the string.
        let mut source_from = span.start;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let placeholder = &rest[open..=open + close];
            // Escapes and line breaks make the string's value differ from its source, so the
            // placeholder is found in the source as written; when an escape hides it, the
            // whole string is shown.
            let range = self
                .text
                .get(source_from..span.end)
                .and_then(|source| source.find(placeholder))
                .map(|at| source_from + at..source_from + at + placeholder.len());
            if let Some(found) = &range {
                source_from = found.end;
            }
            let name = &placeholder[1..placeholder.len() - 1];
            if !allowed.contains(&name) {
                let help = did_you_mean(name, allowed.iter().copied());
                let diagnostic = self.error(
                    range.unwrap_or(span.clone()),
                    format!("unknown placeholder `{placeholder}`"),
                    "not filled in by this rule kind",
                );
                push_help(diagnostic, help);
                let list: Vec<String> = allowed.iter().map(|p| format!("{{{p}}}")).collect();
                diagnostic
                    .notes
                    .push(format!("placeholders here: {}", list.join(", ")));
            }
            rest = &rest[open + close + 1..];
        }
    }

    /// The rule set: the packs' rules, then the built-in ones.
    fn finish<R>(mut self, kinds: &[KindSpec<R>]) -> RuleSet {
        self.grammar.cue.resize(self.concepts.len(), false);
        for (spec, builtin) in kinds.iter().filter_map(|k| Some((k, k.builtin.as_ref()?))) {
            self.rules.push(Rule {
                id: spec.name.to_string(),
                severity: builtin.severity,
                message: String::new(),
                help: Some(builtin.help.to_string()),
                explanation: Some(builtin.explanation.to_string()),
                docs: None,
                applies_to: None,
                kind: spec.name,
                scope: spec.scope,
                check: (builtin.kind)(),
                examples: None,
                pack: None,
            });
        }
        RuleSet {
            packs: self.packs,
            dimensions: self.dimensions,
            concepts: self.concepts,
            kinds: self.kinds,
            default_kind: self.default_kind,
            reference_kind: self.reference_kind,
            rules: self.rules,
            lexicon: self.lexicon,
            grammar: self.grammar,
        }
    }
}

/// A case-insensitive regex within the size limit, or the reason it is not one.
fn build_regex(pattern: &str) -> Result<regex::Regex, RegexError> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(RegexError)
}

/// A pattern that does not compile, said as the last line of the regex crate's message (the
/// lines before it repeat the pattern, which the diagnostic already shows).
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.to_string().lines().last().unwrap_or("invalid").trim())]
struct RegexError(#[source] regex::Error);

fn is_rule_id(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_kebab_case() {
        assert!(is_rule_id("purpose-missing"));
        assert!(!is_rule_id("Purpose"));
        assert!(!is_rule_id("-x"));
    }
}
