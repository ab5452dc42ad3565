//! Rule packs: every load error points at the exact key or value, and exits 2; a valid extra
//! pack adds rules beside the built-in ones.

use policylint::rules::{self, PackSource};
use std::path::Path;

use crate::common::{self, policylint, relative, transcript};

#[test]
fn every_invalid_pack_is_a_located_error_with_exit_2() {
    insta::glob!("../../fixtures/packs/invalid", "*.toml", |path| {
        let output = policylint()
            .args([
                "check",
                "fixtures/cases/balanced-code.md",
                "--color",
                "never",
                "--rules",
                &relative(path),
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", relative(path));
        assert!(
            output.stdout.is_empty(),
            "nothing is linted with a broken pack"
        );
        insta::assert_snapshot!(transcript(&output));
    });
}

#[test]
fn an_extra_pack_adds_its_rules_beside_the_builtin_ones() {
    let output = policylint()
        .args(["check", "fixtures/packs/memo.md", "--format", "concise"])
        .args(["--rules", "fixtures/packs/house-style.toml"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "fixtures/packs/memo.md:1:1: warning[measures-missing]: this policy never says how outcomes are measured\n\
         fixtures/packs/memo.md:1:1: warning[people-missing]: this policy says nothing about leading the people it affects\n\
         fixtures/packs/memo.md:1:1: error[process-missing]: this policy never describes a process\n\
         fixtures/packs/memo.md:3:5: info[no-guys]: \"guys\" is not inclusive\n\
         fixtures/packs/memo.md:3:17: warning[no-jargon]: avoid the jargon word \"leverage\"\n\
         fixtures/packs/memo.md:3:30: warning[no-jargon]: avoid the jargon word \"synergy\"\n\
         fixtures/packs/memo.md:5:1: warning[needs-escalation]: section \"How to claim\" names a process but describes only 0 step(s)\n"
    );
}

/// A pack that needs nothing from the built-in one.
const STANDALONE: &str = "[pack]\nname = \"a\"\n[[rules]]\nid = \"no-ninja\"\nkind = \"forbid\"\nterms = [\"ninja\"]\nseverity = \"info\"\nmessage = \"no\"\n";

#[test]
fn no_default_rules_leaves_the_builtin_pack_out() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("standalone.toml");
    std::fs::write(&pack, STANDALONE).unwrap();
    let output = policylint()
        .args(["rules", "--no-default-rules", "--rules"])
        .arg(&pack)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let ids: Vec<&str> = stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids, ["no-ninja", "unused-suppression"]);
    // The house-style pack uses the built-in `process` concept, so it cannot stand alone.
    policylint()
        .args([
            "rules",
            "--no-default-rules",
            "--rules",
            "fixtures/packs/house-style.toml",
        ])
        .assert()
        .code(2);
}

#[test]
fn a_folder_of_packs_loads_every_toml_file_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("fixtures/packs/house-style.toml", dir.path().join("b.toml")).unwrap();
    std::fs::write(dir.path().join("a.toml"), STANDALONE).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a pack").unwrap();
    let output = policylint()
        .args([
            "rules",
            "--select",
            "no-ninja,no-jargon,purpose-missing",
            "--rules",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let active: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.contains(" off "))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(active, ["purpose-missing", "no-ninja", "no-jargon"]);
}

#[test]
fn no_packs_at_all_is_a_usage_error() {
    policylint()
        .args(["check", "fixtures/cases", "--no-default-rules"])
        .assert()
        .code(2)
        .stderr("error: no rule packs: --no-default-rules needs at least one --rules FILE|DIR\n");
}

#[test]
fn the_builtin_pack_loads_and_every_rule_has_docs() {
    let set =
        policylint::check::load(&[PackSource::builtin(rules::DEFAULT_PACK).unwrap()]).unwrap();
    for id in [
        "purpose-missing",
        "process-missing",
        "people-missing",
        "measures-missing",
        "authoritarian",
        "laissez-faire",
        "rule-without-purpose",
        "vision-without-roadmap",
        "communication-cadence",
        "role-purpose",
        "role-responsibilities",
        "role-success-measures",
        "role-growth",
    ] {
        let rule = set
            .rule(id)
            .unwrap_or_else(|| panic!("built-in rule {id} is missing"));
        assert!(
            rule.explanation.as_deref().is_some_and(|e| e.len() > 100),
            "{id} needs an explanation"
        );
        assert!(
            rule.help.as_deref().is_some_and(|h| !h.is_empty()),
            "{id} needs help"
        );
        assert!(rule.examples.is_some(), "{id} needs examples");
    }
}

#[test]
fn the_pack_example_in_the_readme_loads_and_its_examples_hold() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let section = readme
        .find("## Writing rule packs")
        .expect("the README documents packs");
    let start = section
        + readme[section..]
            .find("```toml\n")
            .expect("the README shows a pack")
        + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let set = policylint::check::load(&[
        PackSource::builtin(rules::DEFAULT_PACK).unwrap(),
        PackSource {
            origin: "README.md".into(),
            text: readme[start..end].to_string(),
        },
    ])
    .unwrap_or_else(|errors| panic!("{errors:?}"));
    let rule = set.rule("no-jargon").unwrap();
    let examples = rule.examples.clone().unwrap();
    let linter = policylint::Linter::new(set, policylint::Selection::default());
    let fires = |text: &str| {
        linter
            .lint_source(
                "memo.md",
                policylint::source::Format::Markdown,
                text.into(),
                &mut Default::default(),
            )
            .unwrap()
            .result
            .findings
            .iter()
            .any(|f| f.rule == "no-jargon")
    };
    assert!(fires(&examples.bad));
    assert!(!fires(&examples.good));
}

/// Run `policylint rules` with `args` from `dir`; the exit code and the list.
fn list_rules(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let output = policylint()
        .current_dir(dir)
        .args(["rules", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
    )
}

#[test]
fn a_pack_named_twice_is_loaded_once() {
    let dir = tempfile::tempdir().unwrap();
    let packs = dir.path().join("packs");
    std::fs::create_dir(&packs).unwrap();
    std::fs::copy(
        common::root().join("fixtures/packs/house-style.toml"),
        packs.join("house.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("policylint.toml"),
        "[lint]\npacks = [\"builtin:manage-lead\", \"packs/house.toml\", \"./packs\"]\n",
    )
    .unwrap();
    let once = |(code, out): (Option<i32>, String)| {
        assert_eq!(code, Some(0), "{out}");
        assert_eq!(out.matches("no-jargon").count(), 1, "{out}");
    };
    once(list_rules(
        dir.path(),
        &[
            "--rules",
            "packs/house.toml",
            "--rules",
            "./packs/house.toml",
        ],
    ));
    // The configuration lists the file and its folder; --rules names it a third time.
    once(list_rules(dir.path(), &["--rules", "packs"]));
    #[cfg(unix)]
    {
        // A folder of packs holding a link to one of them, and a link to itself.
        std::os::unix::fs::symlink("house.toml", packs.join("again.toml")).unwrap();
        std::os::unix::fs::symlink(".", packs.join("self.toml")).unwrap();
        once(list_rules(dir.path(), &["--rules", "packs"]));
    }
}

/// A pack whose concept `hostile` has `body` (terms or patterns), flagged where it occurs.
fn hostile_pack(body: &str) -> tempfile::NamedTempFile {
    let pack = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    std::fs::write(
        pack.path(),
        format!(
            "[pack]\nname = \"hostile\"\n\n[concepts.hostile]\n{body}\n\n[[rules]]\n\
             id = \"no-hostile\"\nkind = \"forbid\"\nconcept = \"hostile\"\n\
             severity = \"warning\"\nmessage = \"found \\\"{{match}}\\\"\"\n"
        ),
    )
    .unwrap();
    pack
}

/// A pack whose role `role` has the cue lists `cues` and the frames `frames`, flagged as the
/// rule `role` wherever one of its statements stands.
fn role_pack(role: &str, cues: &str, frames: &str) -> tempfile::NamedTempFile {
    let pack = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    std::fs::write(
        pack.path(),
        format!(
            "[pack]\nname = \"{role}\"\n\n{cues}\n\n[roles.{role}]\nframes = {frames}\n\n\
             [concepts.{role}]\nrole = \"{role}\"\n\n[[rules]]\nid = \"{role}\"\n\
             kind = \"forbid\"\nconcept = \"{role}\"\nseverity = \"warning\"\n\
             message = \"{role}: \\\"{{match}}\\\"\"\n"
        ),
    )
    .unwrap();
    pack
}

/// The concise output of `check` on `document` with only the pack [`role_pack`] builds: where
/// the role's statements stand. The run must succeed, since the rule only warns.
fn flagged_by_role(role: &str, cues: &str, frames: &str, document: &str) -> String {
    let pack = role_pack(role, cues, frames);
    let (code, out) = check_with_pack(pack.path(), document);
    assert_eq!(code, Some(0), "{out}");
    out
}

/// `check` a document with one pack only: the exit code and the concise output.
fn check_with_pack(pack: &std::path::Path, document: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.md");
    std::fs::write(&path, document).unwrap();
    let output = policylint()
        .args([
            "check",
            "--no-default-rules",
            "--format",
            "concise",
            "--rules",
        ])
        .arg(pack)
        .arg(&path)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let prefix = format!("{}/", dir.path().display());
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).replace(&prefix, ""),
    )
}

#[test]
fn catastrophic_patterns_run_in_linear_time() {
    // Backtracking engines take exponential time on these; the regex crate never backtracks
    // (tests/resource_bounds.rs measures that the time grows linearly).
    let pack = hostile_pack(r#"patterns = ['(a*)*b', '(x+x+)+y', '(a|aa)+c']"#);
    // Long runs that almost match, then a line where two of the patterns do.
    let document = format!(
        "# Hostile\n\n{}\n\n{}\n\naab and xxy\n",
        "a".repeat(500_000),
        "x".repeat(500_000)
    );
    let (code, stdout) = check_with_pack(pack.path(), &document);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(
        stdout,
        "doc.md:7:1: warning[no-hostile]: found \"aab\"\n\
         doc.md:7:9: warning[no-hostile]: found \"xxy\"\n"
    );
}

#[test]
fn a_concept_of_100000_terms_loads_and_matches() {
    let terms: Vec<String> = (0..100_000).map(|i| format!("\"code{i}\"")).collect();
    let pack = hostile_pack(&format!("terms = [{}]", terms.join(", ")));
    let (code, stdout) = check_with_pack(
        pack.path(),
        "# Many terms\n\nQuote code0 or code99999, not code100000.\n",
    );
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(
        stdout,
        "doc.md:3:7: warning[no-hostile]: found \"code0\"\n\
         doc.md:3:16: warning[no-hostile]: found \"code99999\"\n"
    );
}

/// An unknown placeholder is underlined where it is written, even after escapes or in a
/// multi-line string; one that only an escape makes underlines the whole string (found by
/// fuzzing: the label could land inside a character).
#[test]
fn unknown_placeholders_are_located_in_the_source_as_written() {
    let rule = |id: &str, message: &str| {
        format!(
            "[[rules]]\nid = \"{id}\"\nkind = \"require-concept\"\nconcept = \"purpose\"\n\
             severity = \"warning\"\nmessage = {message}\n\n"
        )
    };
    let text = [
        "[pack]\nname = \"escapes\"\n\n".to_string(),
        rule("escaped", r#""caf\u00e9 \"{kind}\" lacks {concpt}""#),
        rule(
            "multi-line",
            "\"\"\"\nthis {kind} \\\n  lacks {purpos}\"\"\"",
        ),
        rule("literal", "'''\n\u{e9}t\u{e9} {kind} {nme}'''"),
        rule("hidden", r#""an escaped \u007Bbrace} is one too""#),
    ]
    .concat();
    let errors = policylint::check::load(&[
        PackSource::builtin(rules::DEFAULT_PACK).unwrap(),
        PackSource {
            origin: "escapes.toml".into(),
            text: text.clone(),
        },
    ])
    .unwrap_err();
    let underlined: Vec<(&str, &str)> = errors
        .diagnostics
        .iter()
        .map(|d| (d.message.as_str(), &text[d.labels[0].range.clone()]))
        .collect();
    assert_eq!(
        underlined,
        [
            ("unknown placeholder `{concpt}`", "{concpt}"),
            ("unknown placeholder `{purpos}`", "{purpos}"),
            ("unknown placeholder `{nme}`", "{nme}"),
            (
                "unknown placeholder `{brace}`",
                r#""an escaped \u007Bbrace} is one too""#
            ),
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_pack_that_is_a_fifo_a_device_or_huge_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pack.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let huge = dir.path().join("huge.toml");
    // Sparse: the size says 65 MB, the disk holds nothing.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(65_000_000)
        .unwrap();
    let mut transcripts = String::new();
    for pack in [fifo.as_path(), Path::new("/dev/zero"), huge.as_path()] {
        let output = policylint()
            .args(["check", "fixtures/cases/balanced-code.md", "--rules"])
            .arg(pack)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        transcripts
            .push_str(&transcript(&output).replace(&dir.path().display().to_string(), "<dir>"));
    }
    insta::assert_snapshot!(transcripts);
}

#[test]
fn a_passive_after_a_modal_takes_any_verb_but_never_one_of_except() {
    // "changed" is in no list but follows "will be"; "reviewed" is a verb of the frame, and
    // `except` rules it out all the same.
    let out = flagged_by_role(
        "handled",
        r#"[cues.handle]
terms = ["review"]

[cues.prescribing]
exact = ["will"]

[cues.judging]
terms = ["review"]"#,
        r#"[{ frame = "passive-action", verbs = "handle", modals = "prescribing", except = "judging" }]"#,
        "# Requests\n\nRequests will be reviewed within a day. Old requests will be changed after a year.\n",
    );
    assert_eq!(out, "doc.md:3:62: warning[handled]: handled: \"changed\"\n");
}

#[test]
fn an_imperative_or_an_actor_action_never_starts_one_of_except() {
    // The same verbs act where the idiom does not start at them.
    let out = flagged_by_role(
        "acted",
        r#"[cues.act]
terms = ["raise", "call"]

[cues.idiom]
terms = ["raise your voice", "call out"]"#,
        r#"[
  { frame = "imperative", verbs = "act", except = "idiom" },
  { frame = "actor-action", verbs = "act", except = "idiom" },
]"#,
        "# Tickets\n\nRaise your voice in calls. Raise a ticket.\n\nWe call out bad habits. We call the vendor.\n",
    );
    assert_eq!(
        out,
        "doc.md:3:28: warning[acted]: acted: \"Raise\"\ndoc.md:5:28: warning[acted]: acted: \"call\"\n"
    );
}

#[test]
fn an_actor_inside_a_condition_or_a_question_does_not_act() {
    // A condition or a question before the actor's noun phrase, or before "you'll", sets the
    // scene; the same actors act in a clause of their own.
    let out = flagged_by_role(
        "asked",
        r#"[cues.modal]
exact = ["must", "you'll"]

[cues.ask]
terms = ["ask"]"#,
        r#"[{ frame = "actor-modal-action", modals = "modal", verbs = "ask" }]"#,
        "# Asking\n\nIf a new teammate must ask twice, say so. How you'll ask is up to you.\n\nYour manager must ask HR. You'll ask HR.\n",
    );
    assert_eq!(
        out,
        "doc.md:5:19: warning[asked]: asked: \"ask\"\ndoc.md:5:34: warning[asked]: asked: \"ask\"\n"
    );
}

#[test]
fn an_infinitive_of_aim_may_be_the_second_of_two_joined_verbs() {
    // "to track and protect" aims at protecting; "protect" joined to an object does not.
    let out = flagged_by_role(
        "aimed",
        r#"[cues.protect]
terms = ["protect"]

[cues.page]
exact = ["this page"]"#,
        r#"[{ frame = "infinitive", verbs = "protect", attached-to = "page" }]"#,
        "# Loans\n\nThis page lists each loan to track and protect them.\n\nThis page asks you to list them and protect them.\n",
    );
    assert_eq!(
        out,
        "doc.md:3:27: warning[aimed]: aimed: \"to track and protect\"\n"
    );
}

#[test]
fn a_modal_that_holds_its_actor_acts_anywhere_in_the_sentence() {
    let out = flagged_by_role(
        "reported",
        "[cues.modal]\nexact = [\"you'll\"]\n\n[cues.report]\nterms = [\"report\"]",
        r#"[{ frame = "actor-modal-action", modals = "modal", verbs = "report" }]"#,
        "# Gifts\n\nFor gifts worth more than $150, you'll report them to Legal.\n",
    );
    assert_eq!(
        out,
        "doc.md:3:40: warning[reported]: reported: \"report\"\n"
    );
}

#[test]
fn an_adverb_in_ly_is_no_verb_it_shares_a_stem_with() {
    // "collectively" and "openly" stem like "collect" and "open", but only the verbs act.
    let out = flagged_by_role(
        "acted",
        "[cues.act]\nterms = [\"collect\", \"open\"]",
        r#"[
  { frame = "imperative", verbs = "act" },
  { frame = "actor-action", verbs = "act" },
]"#,
        "# Forms\n\nThe forms (collectively, the Forms) stay here. Teams talk openly about them.\n\n\
         Collect the forms. Teams open the box.\n",
    );
    assert_eq!(
        out,
        "doc.md:5:1: warning[acted]: acted: \"Collect\"\ndoc.md:5:26: warning[acted]: acted: \"open\"\n"
    );
}

#[test]
fn a_practice_may_claim_its_benefit_through_a_relative_pronoun() {
    // "that" stands for the practice only where the sentence says what the practice is; in
    // "content that serves no purpose" it describes a thing the rules forbid.
    let out = flagged_by_role(
        "served",
        "[cues.serve]\nterms = [\"help\", \"serve\"]",
        r#"[{ frame = "benefit", verbs = "serve" }]"#,
        "# Retrospectives\n\nA retrospective is a short meeting that helps the team learn.\n\n\
         We remove content that serves no purpose. Find a way that helps you.\n",
    );
    assert_eq!(out, "doc.md:3:36: warning[served]: served: \"that\"\n");
}

#[test]
fn an_infinitive_of_aim_goes_on_to_what_is_aimed_at() {
    // "your duty to ensure." ends the sentence: nothing is aimed at.
    let out = flagged_by_role(
        "aimed",
        "[cues.benefit]\nterms = [\"ensure\"]\n\n[cues.doc]\nexact = [\"this page\"]",
        r#"[{ frame = "infinitive", verbs = "benefit", attached-to = "doc" }]"#,
        "# Cover\n\nFinding cover is your duty to ensure. We check the rota to ensure every week \
         has cover.\n",
    );
    assert_eq!(out, "doc.md:3:57: warning[aimed]: aimed: \"to ensure\"\n");
}

#[test]
fn a_pronoun_that_cannot_be_a_subject_is_no_actor() {
    // "what information" and "having them join" name no one who acts; "We inform" does.
    let out = flagged_by_role(
        "acted",
        "[cues.act]\nterms = [\"inform\", \"join\"]",
        r#"[{ frame = "actor-action", verbs = "act" }]"#,
        "# Board\n\nThe chair decides what information to share. Having them join helps. We \
         inform the board.\n",
    );
    assert_eq!(out, "doc.md:3:73: warning[acted]: acted: \"inform\"\n");
}

#[test]
fn a_noun_in_us_or_is_is_singular() {
    // "status page" is a singular noun and its compound; "managers page" is an actor acting.
    let out = flagged_by_role(
        "acted",
        "[cues.act]\nterms = [\"page\"]",
        r#"[{ frame = "actor-action", verbs = "act" }]"#,
        "# Incidents\n\nIf the liaison is not available to post on the status page, the commander \
         does it. The managers page the engineer on call.\n",
    );
    assert_eq!(out, "doc.md:3:97: warning[acted]: acted: \"page\"\n");
}

#[test]
fn a_label_alone_labels_what_follows_it() {
    // "Purpose:" over a list labels the list; "Purpose" with no colon is a word, not a label.
    let out = flagged_by_role(
        "labelled",
        "[cues.why]\nexact = [\"purpose\"]",
        r#"[{ frame = "label", cues = "why" }]"#,
        "# Stand-up\n\n**Purpose:**\n\n- find out who is blocked\n\nPurpose\n\nPurpose: agree \
         who pairs with whom.\n",
    );
    assert_eq!(
        out,
        "doc.md:3:3: warning[labelled]: labelled: \"Purpose\"\n\
         doc.md:9:1: warning[labelled]: labelled: \"Purpose\"\n"
    );
}

#[test]
fn a_passive_denied_or_under_way_is_no_action_done() {
    // "are reviewed" is done to the claims; "are not reviewed" and "won't be reviewed" deny it,
    // and "is reviewing" is the lead at work, not a claim being dealt with.
    let out = flagged_by_role(
        "done",
        "[cues.act]\nterms = [\"review\"]",
        r#"[{ frame = "passive-action", verbs = "act" }]"#,
        "# Claims\n\nClaims are reviewed by the lead. Claims are not reviewed by email. Late claims \
         won't be reviewed at all. The lead is reviewing the backlog.\n",
    );
    assert_eq!(out, "doc.md:3:12: warning[done]: done: \"reviewed\"\n");
}

#[test]
fn aims_may_follow_to_and_a_colon_as_a_list() {
    // "are to:" goes on to the list of aims; "are set in March" is no aim.
    let out = flagged_by_role(
        "aimed",
        "[cues.aim]\nexact = [\"goals\"]",
        r#"[{ frame = "aim-noun", cues = "aim" }]"#,
        "# Reading group\n\nThe goals of the group are to:\n\n- read one paper a month\n\nThe \
         goals are set in March.\n",
    );
    assert_eq!(out, "doc.md:3:5: warning[aimed]: aimed: \"goals\"\n");
}

#[test]
fn a_clause_never_counts_where_an_exception_starts() {
    // "in order to plan cover" gives a reason; "in order to be eligible" sets a condition.
    let out = flagged_by_role(
        "reasoned",
        "[cues.why]\nexact = [\"in order to\"]\n\n[cues.condition-only]\nexact = [\"in order to be \
         eligible\"]",
        r#"[{ frame = "clause", cues = "why", except = "condition-only" }]"#,
        "# Leave\n\nYou must have worked here for a year in order to be eligible. Book leave early \
         in order to plan cover.\n",
    );
    assert_eq!(
        out,
        "doc.md:3:80: warning[reasoned]: reasoned: \"in order to\"\n"
    );
}

#[test]
fn an_aim_verb_in_ing_describes_its_subject() {
    // "The committee supports new members" aims; "half the committee supporting it" describes.
    let out = flagged_by_role(
        "aimed",
        "[cues.who]\nexact = [\"committee\"]\n\n[cues.aims]\nterms = [\"support\"]",
        r#"[{ frame = "aim", subjects = "who", verbs = "aims" }]"#,
        "# Votes\n\nThe committee supports new members. A motion passes with half the committee \
         supporting it.\n",
    );
    assert_eq!(out, "doc.md:3:5: warning[aimed]: aimed: \"committee\"\n");
}

#[test]
fn an_adverb_may_stand_between_a_noun_of_aim_and_its_verb() {
    // "The goal here is to …" goes on to an aim; "The goal then was a guess" names none.
    let out = flagged_by_role(
        "aimed",
        "[cues.aim]\nexact = [\"goal\"]",
        r#"[{ frame = "aim-noun", cues = "aim" }]"#,
        "# Updates\n\nThe goal here is to tell customers early. The goal then was a guess.\n",
    );
    assert_eq!(out, "doc.md:3:5: warning[aimed]: aimed: \"goal\"\n");
}

#[test]
fn the_aims_for_something_may_go_on_to_what_is_aimed_at() {
    // "The goals for the scheme are to …" aims; "our goals for the year" names none.
    let out = flagged_by_role(
        "aimed",
        "[cues.aim]\nexact = [\"goals\"]",
        r#"[{ frame = "aim-noun", cues = "aim" }]"#,
        "# Mentoring\n\nThe goals for the scheme are to pair every new engineer with a mentor. We \
         review our goals for the year in March.\n",
    );
    assert_eq!(out, "doc.md:3:5: warning[aimed]: aimed: \"goals\"\n");
}

#[test]
fn a_past_aim_is_a_story_not_a_purpose() {
    // "The goal of the rota is to …" says what it is for; "the goal was to …" tells of the past.
    let out = flagged_by_role(
        "aimed",
        "[cues.aim]\nexact = [\"goal\"]",
        r#"[{ frame = "aim-noun", cues = "aim" }]"#,
        "# Rota\n\nThe goal of the rota is to share the load. Last year the goal was to hire two \
         more engineers.\n",
    );
    assert_eq!(out, "doc.md:3:5: warning[aimed]: aimed: \"goal\"\n");
}

#[test]
fn an_actor_and_a_modal_take_no_step_where_an_exception_starts() {
    // "must reply" is a step; "must pay attention" opens an idiom.
    let out = flagged_by_role(
        "acted",
        "[cues.must]\nexact = [\"must\"]\n\n[cues.act]\nterms = [\"reply\", \"pay\"]\n\n\
         [cues.idiom]\nterms = [\"pay attention\"]",
        r#"[{ frame = "actor-modal-action", modals = "must", verbs = "act", except = "idiom" }]"#,
        "# Support\n\nThe lead must reply within a day. Everyone must pay attention to the \
         queue.\n",
    );
    assert_eq!(out, "doc.md:3:15: warning[acted]: acted: \"reply\"\n");
}

#[test]
fn a_question_takes_no_step_unless_it_is_what_the_step_asks() {
    // "Why send the form twice?" asks; "Ask yourself: who else needs a copy?" tells
    // the reader to ask. Only the steps of a procedure are held to this.
    let out = flagged_by_role(
        "done",
        "[cues.act]\nterms = [\"send\", \"ask\"]\n\n[roles.made]\nsteps = \"done\"",
        r#"[{ frame = "imperative", verbs = "act" }, { frame = "passive-action", verbs = "act" }]"#,
        "# Forms\n\nWhy send the form twice? Send the form to HR. Ask yourself: who \
         else needs a copy?\n",
    );
    assert_eq!(
        out,
        "doc.md:3:26: warning[done]: done: \"Send\"\n\
         doc.md:3:47: warning[done]: done: \"Ask\"\n"
    );
}

#[test]
fn one_verb_is_one_step_whichever_frames_read_it() {
    // "will be reviewed" fits both the modal and the passive frame of the built-in pack: one
    // step, listed once by `inspect`.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.md");
    std::fs::write(
        &path,
        "# Review\n\nThe policy will be reviewed by the board within a year.\n",
    )
    .unwrap();
    let output = policylint().arg("inspect").arg(&path).output().unwrap();
    let inspect = String::from_utf8_lossy(&output.stdout);
    let steps: Vec<&str> = inspect.lines().filter(|l| l.contains(" step (")).collect();
    assert_eq!(steps.len(), 1, "{inspect}");
}

#[test]
fn a_contributing_guide_is_judged_and_a_readme_is_not() {
    // The same steps, with no reason given: a contributing guide says how work gets in and is
    // read as a policy; a README is a folder's index.
    let dir = tempfile::tempdir().unwrap();
    let text = "# Contributing\n\nOpen an issue first. Then send a pull request and ask a \
                maintainer to review it within a week.\n";
    std::fs::write(dir.path().join("CONTRIBUTING.md"), text).unwrap();
    std::fs::write(dir.path().join("README.md"), text).unwrap();
    let output = common::check_purpose(dir.path(), &[]);
    let prefix = format!("{}/", dir.path().display());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).replace(&prefix, ""),
        "CONTRIBUTING.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
    );
}
