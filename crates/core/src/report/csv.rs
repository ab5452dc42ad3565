//! `--format csv`: one row per document for spreadsheets — path, title, kind, quadrant, the
//! coverage and balance of each dimension, findings, where it stands in "What to fix first"
//! (`fix_order`: 1 is the document most worth fixing, empty for documents that need no
//! attention) and its key finding (rule, severity, place, message and help: the one finding
//! that best says what to fix), then one column per concept with its evidence count (empty
//! where the document's packs lack the concept). When some documents are
//! under lifecycle management, the review register's columns follow: owner, approver, status,
//! effective, reviewed, next review, and days overdue or days left. With `--compare`,
//! documents that were removed get a row too, and four columns say what changed.
//!
//! Cells a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) get a leading
//! `'`, so a document title cannot inject one.

use std::io;

use super::changes::{Comparison, DocumentChange};
use super::contents::{Renderer, Report};
use super::model::{Catalogue, DocumentRecord, KeyFinding, folder_of};
use super::schema::round;
use crate::date::Date;
use crate::metadata::RegisterEntry;

pub struct Csv;

impl Renderer for Csv {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let catalogue = &report.catalogue;
        let mut writer = csv::Writer::from_writer(out);
        let comparison = report.comparison.as_ref();
        let mut header: Vec<String> = ["path", "folder", "title", "kind", "assessed", "quadrant"]
            .map(String::from)
            .to_vec();
        for dimension in &catalogue.dimensions {
            header.push(format!("{}_coverage", dimension.name));
        }
        for dimension in &catalogue.dimensions {
            header.push(format!("{}_share", dimension.name));
        }
        header.extend(["errors", "warnings", "infos"].map(String::from));
        header.extend(NEXT_STEP_COLUMNS.map(String::from));
        header.extend(catalogue.concepts.iter().map(|c| c.name.clone()));
        let register = !report.register.is_empty();
        if register {
            header.extend(REGISTER_COLUMNS.map(String::from));
        }
        if comparison.is_some() {
            header.extend(["change", "gained", "lost"].map(String::from));
            for dimension in &catalogue.dimensions {
                header.push(format!("{}_coverage_before", dimension.name));
            }
        }
        writer.write_record(&header)?;
        let mut fix_order = vec![None; report.documents.len()];
        for (rank, &document) in report.attention.iter().enumerate() {
            fix_order[document] = Some(rank + 1);
        }
        for (document, fix_order) in report.documents.iter().zip(fix_order) {
            let mut row = document_row(document, fix_order, catalogue);
            if register {
                row.extend(register_cells(document.register.as_ref()));
            }
            if let Some(comparison) = comparison {
                row.extend(change_cells(document, comparison, catalogue));
            }
            writer.write_record(row.iter().map(|cell| guard(cell)))?;
        }
        if let Some(comparison) = comparison {
            let change_column = header.len() - 3 - catalogue.dimensions.len();
            for removed in &comparison.removed {
                let mut row = vec![String::new(); header.len()];
                row[0] = removed.path.clone();
                row[1] = folder_of(&removed.path).to_string();
                row[2] = removed.title.clone();
                row[change_column] = "removed".into();
                writer.write_record(row.iter().map(|cell| guard(cell)))?;
            }
        }
        writer.flush()
    }
}

/// Where a document stands in "What to fix first", then its key finding.
const NEXT_STEP_COLUMNS: [&str; 6] = [
    "fix_order",
    "key_rule",
    "key_severity",
    "key_place",
    "key_message",
    "key_help",
];

fn document_row(
    document: &DocumentRecord,
    fix_order: Option<usize>,
    catalogue: &Catalogue,
) -> Vec<String> {
    let ratio = |value: Option<f64>| value.map(|r| round(r).to_string()).unwrap_or_default();
    let mut row = vec![
        document.path.clone(),
        document.folder().to_string(),
        document.title.clone(),
        document
            .kind
            .map(|k| catalogue.kinds[k].name.clone())
            .unwrap_or_default(),
        document.assessed.to_string(),
        document
            .quadrant
            .map(|q| q.id().to_string())
            .unwrap_or_default(),
    ];
    let dimensions = 0..catalogue.dimensions.len();
    row.extend(dimensions.clone().map(|d| ratio(document.coverage(d))));
    row.extend(dimensions.map(|d| ratio(document.share(d))));
    row.extend(
        [
            document.findings.error,
            document.findings.warning,
            document.findings.info,
        ]
        .map(|n| n.to_string()),
    );
    row.extend(next_step_cells(fix_order, document.key_finding.as_ref()));
    row.extend(
        document
            .concepts
            .iter()
            .map(|count| count.map(|n| n.to_string()).unwrap_or_default()),
    );
    row
}

/// The cells of [`NEXT_STEP_COLUMNS`]; the key finding's are empty for a document without
/// findings.
fn next_step_cells(fix_order: Option<usize>, finding: Option<&KeyFinding>) -> Vec<String> {
    let mut cells = vec![fix_order.map(|n| n.to_string()).unwrap_or_default()];
    match finding {
        Some(finding) => cells.extend([
            finding.rule.clone(),
            finding.severity.name().to_string(),
            finding.place.clone(),
            finding.message.clone(),
            finding.help.clone().unwrap_or_default(),
        ]),
        None => cells.resize(NEXT_STEP_COLUMNS.len(), String::new()),
    }
    cells
}

const REGISTER_COLUMNS: [&str; 8] = [
    "owner",
    "approver",
    "status",
    "effective",
    "reviewed",
    "next_review",
    "days_overdue",
    "days_left",
];

/// The register's cells of a document; empty for one not under lifecycle management. Days are
/// split into two columns so that neither holds a negative number.
fn register_cells(entry: Option<&RegisterEntry>) -> Vec<String> {
    let Some(entry) = entry else {
        return vec![String::new(); REGISTER_COLUMNS.len()];
    };
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let days = entry.days_left.unwrap_or(0);
    let shown = |show: bool| {
        if entry.days_left.is_some() && show {
            days.unsigned_abs().to_string()
        } else {
            String::new()
        }
    };
    vec![
        entry.owner.clone().unwrap_or_default(),
        entry.approver.clone().unwrap_or_default(),
        entry
            .status
            .map(|s| s.name().to_string())
            .unwrap_or_default(),
        date(entry.effective),
        date(entry.reviewed),
        date(entry.next_review),
        shown(days < 0),
        shown(days >= 0),
    ]
}

/// `change`, `gained`, `lost` and the coverage before, for a current document.
fn change_cells(
    document: &DocumentRecord,
    comparison: &Comparison,
    catalogue: &Catalogue,
) -> Vec<String> {
    let added = comparison.added.iter().any(|d| d.path == document.path);
    let change: Option<&DocumentChange> =
        comparison.changed.iter().find(|c| c.path == document.path);
    let mut cells = vec![
        match (added, change) {
            (true, _) => "added",
            (false, Some(_)) => "changed",
            (false, None) => "unchanged",
        }
        .to_string(),
        change.map(|c| c.gained.join(" ")).unwrap_or_default(),
        change.map(|c| c.lost.join(" ")).unwrap_or_default(),
    ];
    for (d, dimension) in catalogue.dimensions.iter().enumerate() {
        let before = match change.and_then(|c| c.coverage.get(&dimension.name)) {
            Some(changed) => changed.before,
            None if added => None,
            None => document.coverage(d).map(round),
        };
        cells.push(before.map(|r| r.to_string()).unwrap_or_default());
    }
    cells
}

/// A cell safe to open in a spreadsheet: no formula.
fn guard(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}
