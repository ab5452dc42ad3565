//! `--format md`: a concise summary for a pull-request comment or `$GITHUB_STEP_SUMMARY` —
//! headline figures, quadrants, thresholds, the top gaps, coverage by kind, the documents that
//! need attention, folders and what changed. Every list is capped, so the summary stays well
//! under GitHub's 65,536-character limit however many documents there are.

use std::io;

use super::contents::{FIX_FIRST, NEXT_STEPS, NEXT_STEPS_ORDER, Renderer, Report};
use super::model::{KeyFinding, Quadrant};
use super::view::{CoverageChange, View};
use super::words::{count, shorten};

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
        let view = View::of(report);
        let mut page = String::new();
        headline(&view, &mut page);
        if report.summary.documents > 0 {
            next_steps(&view, &mut page);
            quadrants(&view, &mut page);
        }
        thresholds(&view, &mut page);
        if report.summary.documents > 0 {
            gaps(&view, &mut page);
            kinds(&view, &mut page);
            attention(&view, &mut page);
            folders(&view, &mut page);
        }
        register(&view, &mut page);
        changes(&view, &mut page);
        out.write_all(page.as_bytes())
    }
}

/// A document's title over its path, both cut short.
fn document(view: &View, index: usize) -> String {
    let document = &view.report.documents[index];
    format!(
        "{}<br>{}",
        text(&shorten(&document.title, MAX_TITLE)),
        code(&shorten(&document.path, MAX_PATH))
    )
}

/// The head of a table of folders: `| Folder | Documents | Managing things |`.
fn folder_heading(view: &View, page: &mut String) {
    page.push_str("| Folder | Documents |");
    for heading in &view.dimension_headings {
        page.push_str(&format!(" {} |", text(heading)));
    }
}

fn headline(view: &View, page: &mut String) {
    let report = view.report;
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
    let headline = &view.headline;
    if let Some(both) = &headline.purpose_driven {
        page.push_str(&format!(
            "- **{} of {}** both manage things and lead people ({}{})\n",
            both.count,
            count(both.of, "document", "documents"),
            both.share,
            both.before
                .map(|before| format!("; {before} before"))
                .unwrap_or_default()
        ));
    }
    let against = view.changes.as_ref().map_or("", |c| c.against);
    for figure in &headline.dimensions {
        page.push_str(&format!(
            "- {}: **{}** average coverage{}\n",
            view.dimension_headings[figure.index],
            figure.coverage,
            figure
                .change
                .as_ref()
                .map(|change| format!(" ({change} since {})", code(against)))
                .unwrap_or_default()
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
fn next_steps(view: &View, page: &mut String) {
    if view.next_steps.is_empty() {
        return;
    }
    page.push_str(&format!("### What to fix first\n\n{NEXT_STEPS_ORDER}\n\n"));
    let listed = view.next_steps.len().min(MAX_ATTENTION);
    for (rank, step) in view.next_steps[..listed].iter().enumerate() {
        let document = &view.report.documents[step.document];
        page.push_str(&format!(
            "{}. <a id=\"{}\"></a>**{}** {}",
            rank + 1,
            step.anchor,
            text(&shorten(&document.title, MAX_TITLE)),
            code(&shorten(&document.path, MAX_PATH)),
        ));
        if rank >= FIX_FIRST {
            match step.finding {
                Some(finding) => page.push_str(&format!(": {}\n", finding_line(finding))),
                None => page.push_str(&format!(": never mentions {}\n", text(&step.lacks))),
            }
            continue;
        }
        page.push_str(&format!("\n   - Never mentions: {}\n", text(&step.lacks)));
        if let Some(finding) = step.finding {
            page.push_str(&format!("   - {}\n", finding_line(finding)));
            if let Some(help) = &finding.help {
                page.push_str(&format!("   - Help: {}\n", text(help)));
            }
        }
    }
    more(
        view.report.attention.len(),
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

fn quadrants(view: &View, page: &mut String) {
    let Some(rows) = &view.quadrants else {
        return;
    };
    let compared = view.changes.is_some();
    page.push_str("### Manage and lead\n\n");
    page.push_str("| Quadrant | Documents | Share |");
    page.push_str(if compared { " Before |\n" } else { "\n" });
    page.push_str("| --- | ---: | ---: |");
    page.push_str(if compared { " ---: |\n" } else { "\n" });
    for row in rows {
        page.push_str(&format!(
            "| {}: {} | {} | {} |",
            row.quadrant.label(),
            row.quadrant.meaning(),
            row.count,
            row.share
        ));
        if compared {
            page.push_str(&format!(
                " {} |",
                row.before
                    .map_or_else(|| "–".to_string(), |b| b.to_string())
            ));
        }
        page.push('\n');
    }
    page.push_str(
        "\nA document is high on a dimension when it shows at least half of that dimension's \
         concepts.\n\n",
    );
}

fn thresholds(view: &View, page: &mut String) {
    if view.thresholds.is_empty() {
        return;
    }
    page.push_str("### Thresholds\n\n| Result | Coverage of | Measured | Minimum | Set by |\n");
    page.push_str("| --- | --- | --- | ---: | --- |\n");
    for row in &view.thresholds {
        page.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            if row.passed {
                "✅ passed"
            } else {
                "❌ failed"
            },
            text(row.subject),
            row.measured,
            row.minimum,
            text(row.source)
        ));
    }
    page.push('\n');
}

fn gaps(view: &View, page: &mut String) {
    if view.gaps.is_empty() {
        return;
    }
    page.push_str("### Top gaps\n\n");
    for (rank, gap) in view.gaps.iter().take(MAX_GAPS).enumerate() {
        page.push_str(&format!("{}. {}\n", rank + 1, text(&gap.sentence)));
    }
    more(view.gaps.len(), MAX_GAPS, "gap", "gaps", page);
    page.push('\n');
}

/// The share of documents of each kind that mention each concept, under each dimension's mean
/// coverage.
fn kinds(view: &View, page: &mut String) {
    let table = &view.kinds;
    page.push_str("### Coverage by kind\n\n| Concept |");
    for title in &table.columns {
        page.push_str(&format!(" {} |", text(title)));
    }
    page.push_str("\n| --- |");
    page.push_str(&" ---: |".repeat(table.columns.len()));
    page.push('\n');
    for group in &table.groups {
        page.push_str(&format!("| **{}** |", text(&group.label)));
        for coverage in &group.coverage {
            let cell = coverage
                .as_ref()
                .map(|c| format!("**{c}**"))
                .unwrap_or_default();
            page.push_str(&format!(" {cell} |"));
        }
        page.push('\n');
        for concept in &group.concepts {
            page.push_str(&format!("| {} |", text(&concept.label)));
            for share in &concept.shares {
                let cell = match share {
                    Some(share) => format!("{} of {} ({})", share.covered, share.of, share.percent),
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

fn attention(view: &View, page: &mut String) {
    if view.attention.is_empty() {
        return;
    }
    page.push_str("### Documents that need attention\n\n| Document | Kind | Quadrant |");
    for heading in &view.dimension_headings {
        page.push_str(&format!(" {} |", text(heading)));
    }
    page.push_str(" Never mentions | Findings |\n| --- | --- | --- |");
    page.push_str(&" ---: |".repeat(view.dimension_headings.len()));
    page.push_str(" --- | --- |\n");
    for row in view.attention.iter().take(MAX_ATTENTION) {
        page.push_str(&format!(
            "| {} | {} | {} |",
            document(view, row.document),
            text(row.kind),
            row.quadrant.map_or("–", Quadrant::label)
        ));
        for cell in &row.coverage {
            page.push_str(&format!(" {cell} |"));
        }
        page.push_str(&format!(
            " {} | [{}](#{}) |\n",
            text(&row.never_mentions),
            row.findings,
            row.anchor
        ));
    }
    more(
        view.report.attention.len(),
        MAX_ATTENTION,
        "document",
        "documents",
        page,
    );
    page.push('\n');
}

fn folders(view: &View, page: &mut String) {
    page.push_str("### Folders\n\n");
    folder_heading(view, page);
    let quadrants = view.quadrants.is_some();
    if quadrants {
        page.push_str(" Purpose-driven |");
    }
    page.push_str("\n| --- | ---: |");
    page.push_str(&" ---: |".repeat(view.dimension_headings.len() + usize::from(quadrants)));
    page.push('\n');
    // The folders that lead and manage least come first when not all fit.
    let mut order: Vec<_> = view.folders.iter().collect();
    if order.len() > MAX_FOLDERS {
        order.sort_by(|a, b| {
            a.coverage_sum
                .total_cmp(&b.coverage_sum)
                .then(a.path.cmp(b.path))
        });
        order.truncate(MAX_FOLDERS);
    }
    for folder in order {
        page.push_str(&format!(
            "| {} | {} |",
            code(&shorten(folder.path, MAX_PATH)),
            folder.documents
        ));
        for cell in &folder.coverage {
            page.push_str(&format!(" {cell} |"));
        }
        if let Some(purpose_driven) = folder.purpose_driven {
            page.push_str(&format!(" {purpose_driven} of {} |", folder.documents));
        }
        page.push('\n');
    }
    if view.folders.len() > MAX_FOLDERS {
        page.push_str(&format!(
            "\nThe {MAX_FOLDERS} folders with the lowest coverage of {}; the HTML, JSON and CSV \
             reports have all of them.\n",
            view.folders.len()
        ));
    }
    page.push('\n');
}

/// The review register: counts, then a table per owner, most urgent first.
fn register(view: &View, page: &mut String) {
    let Some(register) = &view.register else {
        return;
    };
    page.push_str(&format!("### Review register\n\n{}.\n\n", register.summary));
    let mut shown = 0;
    for owner in &register.owners {
        if shown >= MAX_REGISTER {
            break;
        }
        let name = owner.owner.map_or("No owner".into(), text);
        page.push_str(&format!("**{name}**\n\n"));
        page.push_str("| Document | Status | Approver | Effective | Reviewed | Next review | |\n");
        page.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
        for row in owner.rows.iter().take(MAX_REGISTER - shown) {
            page.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                document(view, row.document),
                row.status,
                row.approver.map_or("–".into(), text),
                row.effective,
                row.reviewed,
                row.next_review,
                row.days,
            ));
            shown += 1;
        }
        page.push('\n');
    }
    more(register.documents, shown, "document", "documents", page);
}

fn changes(view: &View, page: &mut String) {
    let Some(changes) = &view.changes else {
        return;
    };
    page.push_str(&format!(
        "### What changed since {}\n\n",
        code(changes.against)
    ));
    if changes.nothing {
        page.push_str("Nothing changed.\n\n");
        return;
    }
    for (title, list) in &changes.lists {
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
    for change in changes.changed.iter().take(MAX_CHANGES) {
        page.push_str(&format!(
            "- {} {}\n",
            code(&shorten(change.path, MAX_PATH)),
            text(&change.summary)
        ));
    }
    more(
        changes.changed.len(),
        MAX_CHANGES,
        "changed document",
        "changed documents",
        page,
    );
    if !changes.changed.is_empty() {
        page.push('\n');
    }
    if changes.folders.is_empty() {
        return;
    }
    folder_heading(view, page);
    page.push_str("\n| --- | ---: |");
    page.push_str(&" ---: |".repeat(view.dimension_headings.len()));
    page.push('\n');
    for folder in changes.folders.iter().take(MAX_FOLDERS) {
        page.push_str(&format!(
            "| {} | {} |",
            code(&shorten(folder.path, MAX_PATH)),
            folder.documents
        ));
        for cell in &folder.coverage {
            let cell = cell
                .as_ref()
                .map_or_else(|| "no change".into(), coverage_change);
            page.push_str(&format!(" {cell} |"));
        }
        page.push('\n');
    }
    more(
        changes.folders.len(),
        MAX_FOLDERS,
        "folder",
        "folders",
        page,
    );
    page.push('\n');
}

/// `50% → 63% (+13 points)`
fn coverage_change(change: &CoverageChange) -> String {
    match &change.delta {
        Some(delta) => format!("{} → {} ({delta})", change.before, change.after),
        None => format!("{} → {}", change.before, change.after),
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
