//! `eval`'s report for people: a table of every rule's figures, per folder when asked, then
//! each disagreement with the reader's reason and the finding (or the silence) it disagrees
//! with.

use std::fmt::Write;

use super::{Evaluation, KindRow, RuleScore, Tally, Verdict, percent};
use crate::output::plural;

/// The whole report as text.
pub fn render(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} labelled document{} in {}, {} linted",
        evaluation.documents,
        plural(evaluation.documents),
        evaluation.labels,
        evaluation.linted
    );
    for note in &evaluation.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out.push('\n');
    table(&mut out, &evaluation.scores);
    if !evaluation.kinds.is_empty() {
        out.push('\n');
        kind_table(&mut out, &evaluation.kinds);
    }
    for group in &evaluation.groups {
        let _ = writeln!(
            out,
            "\n{} ({} document{})",
            group.name,
            group.documents,
            plural(group.documents)
        );
        table(&mut out, &group.scores);
    }
    if !evaluation.disagreements.is_empty() {
        let _ = writeln!(
            out,
            "\n{} disagreement{} with the reader",
            evaluation.disagreements.len(),
            plural(evaluation.disagreements.len())
        );
    }
    for d in &evaluation.disagreements {
        let what = match d.verdict {
            Verdict::No => "is silent on",
            _ => "fires on",
        };
        let _ = writeln!(
            out,
            "\n{} {what} {} (reader: {} = \"{}\")",
            d.rule,
            d.path,
            d.axis,
            d.verdict.name()
        );
        if !d.why.is_empty() {
            let _ = writeln!(out, "  reader:  {}", d.why);
        }
        let _ = writeln!(
            out,
            "  finding: {}",
            d.finding.as_deref().unwrap_or("silent")
        );
    }
    out
}

/// One row per rule, columns aligned.
fn table(out: &mut String, scores: &[RuleScore]) {
    let header = [
        "rule",
        "axis",
        "scored",
        "fires on no",
        "silent on yes",
        "balanced",
        "false alarms",
        "on other kinds",
    ];
    let rows: Vec<Vec<String>> = scores
        .iter()
        .map(|s| {
            let t = &s.tally;
            vec![
                s.rule.clone(),
                s.axis.clone(),
                t.scored().to_string(),
                fraction(t.no_fired, t.no),
                fraction(t.yes_silent, t.yes),
                t.balanced_accuracy().map_or("-".into(), percent),
                t.false_alarm_rate().map_or("-".into(), percent),
                other_kinds(t),
            ]
        })
        .collect();
    aligned(out, &header, &rows, |column| column < 2);
}

/// One row per labelled kind: how many of its documents policylint gave the same kind, and
/// which kinds it gave them.
fn kind_table(out: &mut String, kinds: &[KindRow]) {
    let header = [
        "labelled kind",
        "documents",
        "same kind",
        "policylint's kind",
    ];
    let rows: Vec<Vec<String>> = kinds
        .iter()
        .map(|k| {
            let decided: Vec<String> = k
                .decided_by_count()
                .iter()
                .map(|(kind, n)| format!("{kind} {n}"))
                .collect();
            vec![
                k.labelled.clone(),
                k.documents().to_string(),
                fraction(k.same_kind(), k.documents()),
                decided.join(", "),
            ]
        })
        .collect();
    aligned(out, &header, &rows, |column| column == 0 || column == 3);
}

/// A table with its columns aligned: words to the left, numbers to the right.
fn aligned(
    out: &mut String,
    header: &[&str],
    rows: &[Vec<String>],
    align_left: impl Fn(usize) -> bool,
) {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[&str]| {
        let mut text = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            if align_left(c) {
                let _ = write!(text, "{cell}{}  ", " ".repeat(pad));
            } else {
                let _ = write!(text, "{}{cell}  ", " ".repeat(pad));
            }
        }
        text.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(header));
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        let _ = writeln!(out, "{}", line(&cells));
    }
}

/// `31/36`, or `-` when there is nothing to count.
fn fraction(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{part}/{whole}")
    }
}

/// How often the rule fired on documents of kinds it does not judge: `fired 2/14`.
fn other_kinds(t: &Tally) -> String {
    if t.other_kind == 0 {
        "-".into()
    } else {
        format!("fired {}/{}", t.other_kind_fired, t.other_kind)
    }
}
