//! `policylint rules` and `policylint explain`: the rules as documentation.

use std::fmt::Write;

use crate::Selection;
use crate::rules::{Rule, RuleSet};

/// One line per rule: id, severity (or `off`), kind and summary.
pub fn list(rules: &RuleSet, selection: &Selection) -> String {
    let id_width = rules.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let kind_width = rules
        .rules
        .iter()
        .map(|r| r.check.kind_name().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for rule in &rules.rules {
        let severity = selection.severity(rule).map_or("off", |s| s.name());
        let _ = writeln!(
            out,
            "{:<id_width$}  {:<7}  {:<kind_width$}  {}",
            rule.id,
            severity,
            rule.check.kind_name(),
            rule.summary()
        );
    }
    out
}

/// A rule's documentation: what it checks, why it matters, what to write, and its examples.
pub fn explain(rule: &Rule, rules: &RuleSet) -> String {
    let mut out = String::new();
    let pack = &rules.packs[rule.pack];
    let _ = writeln!(
        out,
        "{} ({} rule, {}, from pack {})",
        rule.id,
        rule.check.kind_name(),
        rule.severity,
        pack.name
    );
    let applies = match &rule.applies_to {
        Some(kinds) => kinds
            .iter()
            .map(|&k| rules.kinds[k].label.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        None => "every document".to_string(),
    };
    let _ = writeln!(out, "applies to: {applies}");
    let _ = writeln!(out, "message: {}", rule.message);
    if let Some(explanation) = &rule.explanation {
        let _ = writeln!(out, "\n{}", wrap(explanation, 88));
    }
    if let Some(help) = &rule.help {
        let _ = writeln!(out, "\nWhat to write:\n{}", wrap(help, 88));
    }
    if let Some(docs) = &rule.docs {
        let _ = writeln!(out, "\nMore: {docs}");
    }
    if let Some(examples) = &rule.examples {
        let _ = writeln!(out, "\nExample that fires:");
        out.push_str(&indent(&examples.bad));
        let _ = writeln!(out, "\nThe same, mended:");
        out.push_str(&indent(&examples.good));
    }
    out
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("    {l}\n")
            }
        })
        .collect()
}

/// Re-flow prose to `width` columns.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0usize;
    for word in text.split_whitespace() {
        if line > 0 && line + 1 + word.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}
