//! Every rule of the built-in packs carries a bad and a good example; the bad one must make it
//! fire and the good one must leave it silent. One test runs them all, as Harper does for its
//! rules, each rule on its own (as `--select RULE` runs it): with every rule on, a finding that
//! follows from another's ("rules without a reason" where no purpose is stated at all) is a
//! note on that one. Dates are judged on a fixed day. Rules that read other files of the folder
//! (where links lead) have no single-document examples; the fixtures cover them, as the
//! suppression tests cover the built-in `unused-suppression`.

use policylint::date::Date;
use policylint::rules::{self, PackSource};
use policylint::source::Format;
use policylint::{Linter, Selection, Worker};

#[test]
fn every_rule_fires_on_its_bad_example_and_not_on_its_good_one() {
    let packs: Vec<PackSource> = rules::DEFAULT_PACKS
        .iter()
        .map(|name| PackSource::builtin(name).unwrap())
        .collect();
    let set = policylint::check::load(&packs).unwrap();
    let ids: Vec<(String, rules::Examples)> = set
        .rules
        .iter()
        .filter(|r| r.pack.is_some() && !r.scope.reads_folder)
        .map(|r| {
            (
                r.id.clone(),
                r.examples
                    .clone()
                    .unwrap_or_else(|| panic!("{} has no examples", r.id)),
            )
        })
        .collect();
    let mut linter = Linter::new(set, Selection::default());
    linter.today = Date::parse("2026-01-15").unwrap();
    let mut worker = Worker::default();
    let mut failures = Vec::new();
    for (id, examples) in &ids {
        linter.selection = Selection {
            select: Some([id.clone()].into()),
            ..Selection::default()
        };
        for (text, should_fire) in [(&examples.bad, true), (&examples.good, false)] {
            let linted = linter
                .lint_source("example.md", Format::Markdown, text.clone(), &mut worker)
                .unwrap();
            let fired = linted.result.findings.iter().any(|f| &f.rule == id);
            if fired != should_fire {
                let which = if should_fire { "bad" } else { "good" };
                failures.push(format!(
                    "{id}: the {which} example {}",
                    if fired { "fires" } else { "stays silent" }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
