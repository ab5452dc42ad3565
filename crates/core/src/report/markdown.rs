//! `--format md`: a concise summary for a pull-request comment or `$GITHUB_STEP_SUMMARY` —
//! headline figures, quadrants, thresholds, the top gaps, coverage by kind, the documents that
//! need attention, folders and what changed. Every list is capped, so the summary stays well
//! under GitHub's 65,536-character limit however many documents there are.

use std::io;

use super::compare::{Change, Comparison, DocumentChange};
use super::model::{
    Aggregate, FIX_FIRST, KeyFinding, NEXT_STEPS, NEXT_STEPS_ORDER, Quadrant, fix_anchor,
};
use super::register;
use super::{Renderer, Report, capitalise, count, delta, percent, shorten};

pub struct Markdown;

/// Caps that keep the summary short whatever the folder's size.
const MAX_GAPS: usize = 10;
const MAX_ATTENTION: usize = 20;
// Every row of "Needs attention" links to its entry in "What to fix first".
const _: () = assert!(MAX_ATTENTION <= NEXT_STEPS);
const MAX_FOLDERS: usize = 25;
const MAX_CHANGES: usize = 30;
const MAX_REGISTER: usize = 40;
const MAX_LISTED: usize = 15;
const MAX_TITLE: usize = 70;
const MAX_PATH: usize = 90;

impl Renderer for Markdown {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let mut page = String::new();
        headline(report, &mut page);
        if report.summary.documents > 0 {
            next_steps(report, &mut page);
            quadrants(report, &mut page);
        }
        thresholds(report, &mut page);
        if report.summary.documents > 0 {
            gaps(report, &mut page);
            kinds(report, &mut page);
            attention(report, &mut page);
            folders(report, &mut page);
        }
        register(report, &mut page);
        if let Some(comparison) = &report.comparison {
            changes(report, comparison, &mut page);
        }
        out.write_all(page.as_bytes())
    }
}

fn headline(report: &Report, page: &mut String) {
    let catalogue = &report.catalogue;
    let summary = &report.summary;
    page.push_str("## Coverage report\n\n");
    let not_assessed = report.not_assessed().count();
    let inputs: Vec<String> = report.inputs.iter().map(|i| code(i)).collect();
    page.push_str(&format!(
        "{} in {}",
        count(report.documents.len(), "document", "documents"),
        inputs.join(", ")
    ));
    if not_assessed > 0 {
        page.push_str(&format!(
            "; {} assessed, {not_assessed} not checked by any rule",
            summary.documents
        ));
    }
    page.push_str(".\n\n");
    if summary.documents == 0 {
        page.push_str("No document to assess.\n\n");
        return;
    }
    let since = |change: Option<String>| change.map(|c| format!(" ({c})")).unwrap_or_default();
    let comparison = report.comparison.as_ref();
    if report.axes.is_some() {
        let both = summary.quadrant(Quadrant::PurposeDriven);
        let before = comparison.and_then(|c| c.quadrants.get(Quadrant::PurposeDriven.id()));
        page.push_str(&format!(
            "- **{both} of {}** both manage things and lead people ({}{})\n",
            count(summary.documents, "document", "documents"),
            percent(both as f64 / summary.documents as f64),
            before
                .map(|c| format!("; {} before", c.before))
                .unwrap_or_default()
        ));
    }
    for (d, dimension) in catalogue.dimensions.iter().enumerate() {
        let Some(coverage) = summary.coverage(d) else {
            continue;
        };
        let before = comparison
            .and_then(|c| c.coverage.get(&dimension.name))
            .and_then(|c| c.before)
            .map(|before| {
                format!(
                    "{} since {}",
                    delta(before, coverage),
                    code(&comparison_name(report))
                )
            });
        page.push_str(&format!(
            "- {}: **{}** average coverage{}\n",
            capitalise(&dimension.label),
            percent(coverage),
            since(before)
        ));
    }
    let findings = summary.findings;
    page.push_str(&format!(
        "- Findings: {}, {}, {} info\n\n",
        count(findings.error, "error", "errors"),
        count(findings.warning, "warning", "warnings"),
        findings.info
    ));
}

/// The documents most worth fixing: the first [`FIX_FIRST`] with what each lacks, the
/// finding that says so and the rule's help; then, one line each, the rest of those "Needs
/// attention" shows, so that each of its rows has an entry to link to. Each entry opens with
/// an explicit `<a id>` anchor: GitHub keeps it (as `user-content-fix-3`, which its pages
/// resolve `#fix-3` to), whereas a heading's anchor would follow the document's title.
fn next_steps(report: &Report, page: &mut String) {
    if report.next_steps.is_empty() {
        return;
    }
    let catalogue = &report.catalogue;
    page.push_str(&format!(
        "### What to fix first

{NEXT_STEPS_ORDER}

"
    ));
    let listed = report.next_steps.len().min(MAX_ATTENTION);
    for (rank, step) in report.next_steps[..listed].iter().enumerate() {
        let document = &report.documents[step.document];
        page.push_str(&format!(
            "{}. <a id=\"{}\"></a>**{}** {}",
            rank + 1,
            fix_anchor(step.document),
            text(&shorten(&document.title, MAX_TITLE)),
            code(&shorten(&document.path, MAX_PATH)),
        ));
        let lacks = || match step.lack_labels(catalogue) {
            lacks if lacks.is_empty() => "nothing; it mentions every concept".to_string(),
            lacks => text(&super::join_words(&lacks)),
        };
        if rank >= FIX_FIRST {
            match &step.finding {
                Some(finding) => page.push_str(&format!(": {}\n", finding_line(finding))),
                None => page.push_str(&format!(": never mentions {}\n", lacks())),
            }
            continue;
        }
        page.push_str(&format!("\n   - Never mentions: {}\n", lacks()));
        if let Some(finding) = &step.finding {
            page.push_str(&format!("   - {}\n", finding_line(finding)));
            if let Some(help) = &finding.help {
                page.push_str(&format!("   - Help: {}\n", text(help)));
            }
        }
    }
    more(
        report.attention.len(),
        listed,
        "document needs attention",
        "documents need attention",
        page,
    );
    page.push('\n');
}

/// `error[purpose-missing] at line 1: this policy never states its purpose`
fn finding_line(finding: &KeyFinding) -> String {
    format!(
        "{}[{}] at {}: {}",
        finding.severity,
        text(&finding.rule),
        text(&finding.place),
        text(&finding.message)
    )
}

fn comparison_name(report: &Report) -> String {
    report
        .comparison
        .as_ref()
        .map(|c| c.against.clone())
        .unwrap_or_default()
}

fn quadrants(report: &Report, page: &mut String) {
    if report.axes.is_none() {
        return;
    }
    let summary = &report.summary;
    let comparison = report.comparison.as_ref();
    page.push_str("### Manage and lead\n\n");
    page.push_str("| Quadrant | Documents | Share |");
    page.push_str(if comparison.is_some() {
        " Before |\n"
    } else {
        "\n"
    });
    page.push_str("| --- | ---: | ---: |");
    page.push_str(if comparison.is_some() {
        " ---: |\n"
    } else {
        "\n"
    });
    for quadrant in Quadrant::ALL {
        let n = summary.quadrant(quadrant);
        page.push_str(&format!(
            "| {}: {} | {n} | {} |",
            quadrant.label(),
            quadrant.meaning(),
            percent(n as f64 / summary.documents as f64)
        ));
        if let Some(comparison) = comparison {
            let before = comparison.quadrants.get(quadrant.id()).map(|c| c.before);
            page.push_str(&format!(
                " {} |",
                before.map_or_else(|| "–".to_string(), |b| b.to_string())
            ));
        }
        page.push('\n');
    }
    page.push_str(
        "\nA document is high on a dimension when it shows at least half of that dimension's \
         concepts.\n\n",
    );
}

fn thresholds(report: &Report, page: &mut String) {
    if report.thresholds.is_empty() {
        return;
    }
    let catalogue = &report.catalogue;
    page.push_str("### Thresholds\n\n| Result | Coverage of | Measured | Minimum | Set by |\n");
    page.push_str("| --- | --- | --- | ---: | --- |\n");
    for result in &report.thresholds {
        page.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            if result.passed() {
                "✅ passed"
            } else {
                "❌ failed"
            },
            text(result.subject(catalogue)),
            result.measured(),
            super::precise_percent(result.threshold.minimum),
            text(&result.threshold.source)
        ));
    }
    page.push('\n');
}

fn gaps(report: &Report, page: &mut String) {
    if report.gaps.is_empty() {
        return;
    }
    page.push_str("### Top gaps\n\n");
    for (rank, gap) in report.gaps.iter().take(MAX_GAPS).enumerate() {
        page.push_str(&format!(
            "{}. {}\n",
            rank + 1,
            text(&gap.sentence(&report.catalogue))
        ));
    }
    more(report.gaps.len(), MAX_GAPS, "gap", "gaps", page);
    page.push('\n');
}

/// The share of documents of each kind that mention each concept, under each dimension's mean
/// coverage.
fn kinds(report: &Report, page: &mut String) {
    let catalogue = &report.catalogue;
    let columns = report.kind_columns();
    page.push_str("### Coverage by kind\n\n| Concept |");
    for (title, _) in &columns {
        page.push_str(&format!(" {} |", text(title)));
    }
    page.push_str("\n| --- |");
    page.push_str(&" ---: |".repeat(columns.len()));
    page.push('\n');
    for (group, label) in catalogue.concept_groups() {
        page.push_str(&format!("| **{}** |", text(&capitalise(label))));
        for (_, aggregate) in &columns {
            let cell = group
                .and_then(|d| aggregate.coverage(d))
                .map(|c| format!("**{}**", percent(c)))
                .unwrap_or_default();
            page.push_str(&format!(" {cell} |"));
        }
        page.push('\n');
        for concept in catalogue.concepts_of(group) {
            page.push_str(&format!("| {} |", text(&catalogue.concepts[concept].label)));
            for (_, aggregate) in &columns {
                let share = aggregate.concepts[concept];
                let cell = match share.ratio() {
                    Some(ratio) => {
                        format!("{} of {} ({})", share.covered, share.of, percent(ratio))
                    }
                    None => "–".into(),
                };
                page.push_str(&format!(" {cell} |"));
            }
            page.push('\n');
        }
    }
    page.push_str(
        "\nBold: the average coverage of the dimension's concepts; below it, how many \
         documents mention each concept.\n\n",
    );
}

fn attention(report: &Report, page: &mut String) {
    if report.attention.is_empty() {
        return;
    }
    let catalogue = &report.catalogue;
    page.push_str("### Documents that need attention\n\n| Document | Kind | Quadrant |");
    for dimension in &catalogue.dimensions {
        page.push_str(&format!(" {} |", text(&capitalise(&dimension.label))));
    }
    page.push_str(" Never mentions | Findings |\n| --- | --- | --- |");
    page.push_str(&" ---: |".repeat(catalogue.dimensions.len()));
    page.push_str(" --- | --- |\n");
    for &index in report.attention.iter().take(MAX_ATTENTION) {
        let document = &report.documents[index];
        page.push_str(&format!(
            "| {}<br>{} | {} | {} |",
            text(&shorten(&document.title, MAX_TITLE)),
            code(&shorten(&document.path, MAX_PATH)),
            text(catalogue.kind_label(document.kind)),
            document.quadrant.map_or("–", Quadrant::label)
        ));
        for d in 0..catalogue.dimensions.len() {
            let cell = document.coverage(d).map_or_else(|| "–".into(), percent);
            page.push_str(&format!(" {cell} |"));
        }
        page.push_str(&format!(
            " {} | [{}](#{}) |\n",
            text(&document.missing_labels(catalogue)),
            document.findings.describe(),
            fix_anchor(index)
        ));
    }
    more(
        report.attention.len(),
        MAX_ATTENTION,
        "document",
        "documents",
        page,
    );
    page.push('\n');
}

fn folders(report: &Report, page: &mut String) {
    let catalogue = &report.catalogue;
    page.push_str("### Folders\n\n| Folder | Documents |");
    for dimension in &catalogue.dimensions {
        page.push_str(&format!(" {} |", text(&capitalise(&dimension.label))));
    }
    let quadrants = report.axes.is_some();
    if quadrants {
        page.push_str(" Purpose-driven |");
    }
    page.push_str("\n| --- | ---: |");
    page.push_str(&" ---: |".repeat(catalogue.dimensions.len() + usize::from(quadrants)));
    page.push('\n');
    // The folders that lead and manage least come first when not all fit.
    let mut order: Vec<&(String, Aggregate)> = report.folders.iter().collect();
    if order.len() > MAX_FOLDERS {
        let total = |a: &Aggregate| -> f64 {
            (0..catalogue.dimensions.len())
                .filter_map(|d| a.coverage(d))
                .sum()
        };
        order.sort_by(|a, b| total(&a.1).total_cmp(&total(&b.1)).then(a.0.cmp(&b.0)));
        order.truncate(MAX_FOLDERS);
    }
    for (folder, aggregate) in order {
        page.push_str(&format!(
            "| {} | {} |",
            code(&shorten(folder, MAX_PATH)),
            aggregate.documents
        ));
        for d in 0..catalogue.dimensions.len() {
            let cell = aggregate.coverage(d).map_or_else(|| "–".into(), percent);
            page.push_str(&format!(" {cell} |"));
        }
        if quadrants {
            page.push_str(&format!(
                " {} of {} |",
                aggregate.quadrant(Quadrant::PurposeDriven),
                aggregate.documents
            ));
        }
        page.push('\n');
    }
    if report.folders.len() > MAX_FOLDERS {
        page.push_str(&format!(
            "\nThe {MAX_FOLDERS} folders with the lowest coverage of {}; the HTML, JSON and CSV \
             reports have all of them.\n",
            report.folders.len()
        ));
    }
    page.push('\n');
}

/// The review register: counts, then a table per owner, most urgent first.
fn register(report: &Report, page: &mut String) {
    let register = &report.register;
    if register.is_empty() {
        return;
    }
    page.push_str(
        "### Review register

",
    );
    page.push_str(&format!(
        "{}.

",
        register::summary(&register.counts)
    ));
    let mut shown = 0;
    for group in &register.groups {
        if shown >= MAX_REGISTER {
            break;
        }
        let owner = group.owner.as_deref().map_or("No owner".into(), text);
        page.push_str(&format!("**{owner}**\n\n"));
        page.push_str("| Document | Status | Approver | Effective | Reviewed | Next review | |\n");
        page.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
        for row in group.rows.iter().take(MAX_REGISTER - shown) {
            let document = &report.documents[row.document];
            let entry = &row.entry;
            let date = |d: Option<crate::date::Date>| d.map_or("–".into(), |d| d.to_string());
            page.push_str(&format!(
                "| {}<br>{} | {} | {} | {} | {} | {} | {} |\n",
                text(&shorten(&document.title, MAX_TITLE)),
                code(&shorten(&document.path, MAX_PATH)),
                entry.status.map_or("–", |s| s.name()),
                entry.approver.as_deref().map_or("–".into(), text),
                date(entry.effective),
                date(entry.reviewed),
                date(entry.next_review),
                register::describe_days(entry),
            ));
            shown += 1;
        }
        page.push('\n');
    }
    more(
        register.counts.documents,
        shown,
        "document",
        "documents",
        page,
    );
}

fn changes(report: &Report, comparison: &Comparison, page: &mut String) {
    let catalogue = &report.catalogue;
    page.push_str(&format!(
        "### What changed since {}\n\n",
        code(&comparison.against)
    ));
    if comparison.is_empty() {
        page.push_str("Nothing changed.\n\n");
        return;
    }
    for (title, list) in [
        ("Added", &comparison.added),
        ("Removed", &comparison.removed),
        ("Reviewed", &comparison.reviews_done),
        ("Newly overdue for review", &comparison.newly_overdue),
    ] {
        if list.is_empty() {
            continue;
        }
        let paths: Vec<String> = list
            .iter()
            .take(MAX_LISTED)
            .map(|d| code(&shorten(&d.path, MAX_PATH)))
            .collect();
        let rest = list.len().saturating_sub(MAX_LISTED);
        page.push_str(&format!(
            "**{title}** ({}): {}{}\n\n",
            list.len(),
            paths.join(", "),
            if rest > 0 {
                format!(" and {rest} more")
            } else {
                String::new()
            }
        ));
    }
    // What got worse first.
    let mut changed: Vec<&DocumentChange> = comparison.changed.iter().collect();
    changed.sort_by_key(|c| c.lost.is_empty());
    for change in changed.iter().take(MAX_CHANGES) {
        page.push_str(&format!(
            "- {} {}\n",
            code(&shorten(&change.path, MAX_PATH)),
            text(&change.summary(catalogue))
        ));
    }
    more(
        changed.len(),
        MAX_CHANGES,
        "changed document",
        "changed documents",
        page,
    );
    if !comparison.changed.is_empty() {
        page.push('\n');
    }
    if comparison.folders.is_empty() {
        return;
    }
    page.push_str("| Folder | Documents |");
    for dimension in &catalogue.dimensions {
        page.push_str(&format!(" {} |", text(&capitalise(&dimension.label))));
    }
    page.push_str("\n| --- | ---: |");
    page.push_str(&" ---: |".repeat(catalogue.dimensions.len()));
    page.push('\n');
    for folder in comparison.folders.iter().take(MAX_FOLDERS) {
        page.push_str(&format!(
            "| {} | {} |",
            code(&shorten(&folder.path, MAX_PATH)),
            arrow(&folder.documents, |n| n.to_string())
        ));
        for dimension in &catalogue.dimensions {
            let cell = folder
                .coverage
                .get(&dimension.name)
                .map(coverage_change)
                .unwrap_or_else(|| "no change".into());
            page.push_str(&format!(" {cell} |"));
        }
        page.push('\n');
    }
    more(
        comparison.folders.len(),
        MAX_FOLDERS,
        "folder",
        "folders",
        page,
    );
    page.push('\n');
}

fn coverage_change(change: &Change<Option<f64>>) -> String {
    match (change.before, change.after) {
        (Some(before), Some(after)) => format!(
            "{} → {} ({})",
            percent(before),
            percent(after),
            delta(before, after)
        ),
        (before, after) => format!(
            "{} → {}",
            before.map_or_else(|| "–".into(), percent),
            after.map_or_else(|| "–".into(), percent)
        ),
    }
}

fn arrow<T: PartialEq>(change: &Change<T>, show: impl Fn(&T) -> String) -> String {
    if change.before == change.after {
        show(&change.after)
    } else {
        format!("{} → {}", show(&change.before), show(&change.after))
    }
}

fn more(total: usize, shown: usize, one: &str, many: &str, page: &mut String) {
    if total > shown {
        page.push_str(&format!(
            "\n…and {} more {}; the HTML and JSON reports list every one.\n",
            total - shown,
            if total - shown == 1 { one } else { many }
        ));
    }
}

/// Text from a document or a pack, shown as written: Markdown and HTML syntax is escaped,
/// line breaks become spaces.
fn text(raw: &str) -> String {
    let mut escaped = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' | '\t' => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A code span that holds any text, `|` included (for tables).
fn code(raw: &str) -> String {
    let longest_run = raw.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let body = raw.replace(['\n', '\r'], " ").replace('|', "\\|");
    let pad = if body.starts_with('`') || body.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_shown_as_written() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(text("a | b\nc"), "a \\| b c");
    }

    #[test]
    fn code_spans_hold_backticks_and_pipes() {
        assert_eq!(code("roles/pto.md"), "`roles/pto.md`");
        assert_eq!(code("a`b|c"), "``a`b\\|c``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
