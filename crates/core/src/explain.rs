//! `policylint rules` and `policylint explain`: the rules as documentation.

use std::fmt::Write;

use crate::finding::Severity;
use crate::lint::Linter;
use crate::rules::{Rule, RuleSet};

/// One line per rule: id, severity as configured (or `off`), kind (`built-in` for a rule no
/// pack defines) and summary; built-in rules such as `unused-suppression` come last.
pub fn list(linter: &Linter) -> String {
    let rules = &linter.rules;
    let rows: Vec<[String; 4]> = rules
        .rules
        .iter()
        .map(|rule| {
            [
                rule.id.clone(),
                severity_name(linter.severity(&rule.id, rule.severity, &[])),
                rule.pack.map_or("built-in", |_| rule.kind).to_string(),
                rule.summary(),
            ]
        })
        .collect();
    let width = |column: usize| rows.iter().map(|r| r[column].len()).max().unwrap_or(0);
    let (id_width, kind_width) = (width(0), width(2));
    let mut out = String::new();
    for [id, severity, kind, summary] in &rows {
        let _ = writeln!(
            out,
            "{id:<id_width$}  {severity:<7}  {kind:<kind_width$}  {summary}"
        );
    }
    out
}

fn severity_name(severity: Option<Severity>) -> String {
    severity.map_or("off", Severity::name).to_string()
}

/// A rule's documentation: what it checks, why it matters, what to write, and its examples.
pub fn explain(rule: &Rule, rules: &RuleSet) -> String {
    let mut out = String::new();
    match rule.pack {
        Some(pack) => writeln!(
            out,
            "{} ({} rule, {}, from pack {})",
            rule.id, rule.kind, rule.severity, rules.packs[pack].name
        ),
        None => writeln!(out, "{} (built-in check, {})", rule.id, rule.severity),
    }
    .unwrap_or_default();
    let applies = match &rule.applies_to {
        Some(kinds) => kinds
            .iter()
            .map(|&k| rules.kinds[k].label.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        None => "every document".to_string(),
    };
    let _ = writeln!(out, "applies to: {applies}");
    // A built-in rule words each finding itself.
    if rule.pack.is_some() {
        let _ = writeln!(out, "message: {}", rule.message);
    }
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
