//! The review register: every document under lifecycle management with its owner, approver,
//! dates and status, grouped by owner and sorted by urgency, with counts of reviews overdue and
//! due within 30, 60 and 90 days. What an auditor asks for, and what an owner works through.

use std::collections::BTreeMap;

use super::model::DocumentRecord;
use super::words::count;
use crate::metadata::{RegisterEntry, Status};

/// Windows of days ahead the register counts reviews in.
pub const WINDOWS: [i64; 3] = [30, 60, 90];

/// One document's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Index into [`super::contents::Report::documents`].
    pub document: usize,
    pub entry: RegisterEntry,
}

/// The documents of one owner (`None`: no owner), most urgent first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerGroup {
    pub owner: Option<String>,
    pub rows: Vec<Row>,
}

/// Counts over the register.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub documents: usize,
    pub overdue: usize,
    /// Not overdue and due within each of [`WINDOWS`] days, in that order.
    pub due_within: [usize; 3],
    pub no_owner: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Register {
    /// The most urgent owner first.
    pub groups: Vec<OwnerGroup>,
    pub counts: Counts,
}

/// How urgent a line is: overdue first, then by days left; without a review date last.
fn urgency(entry: &RegisterEntry) -> (bool, i64) {
    match entry.days_left {
        Some(days) => (false, days),
        None => (true, 0),
    }
}

impl Register {
    /// The register of the documents that have a line in it.
    pub fn of(documents: &[DocumentRecord]) -> Register {
        let mut by_owner: BTreeMap<Option<String>, Vec<Row>> = BTreeMap::new();
        let mut counts = Counts::default();
        for (index, document) in documents.iter().enumerate() {
            let Some(entry) = &document.register else {
                continue;
            };
            counts.documents += 1;
            counts.no_owner += usize::from(entry.owner.is_none());
            match entry.days_left {
                Some(days) if days < 0 => counts.overdue += 1,
                Some(days) => {
                    for (count, window) in counts.due_within.iter_mut().zip(WINDOWS) {
                        *count += usize::from(days <= window);
                    }
                }
                None => {}
            }
            by_owner.entry(entry.owner.clone()).or_default().push(Row {
                document: index,
                entry: entry.clone(),
            });
        }
        let mut groups: Vec<OwnerGroup> = by_owner
            .into_iter()
            .map(|(owner, mut rows)| {
                rows.sort_by_key(|row| (urgency(&row.entry), row.document));
                OwnerGroup { owner, rows }
            })
            .collect();
        groups.sort_by(|a, b| {
            let first = |g: &OwnerGroup| urgency(&g.rows[0].entry);
            first(a).cmp(&first(b)).then_with(|| a.owner.cmp(&b.owner))
        });
        Register { groups, counts }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// The counts in a sentence: "5 documents under review: 1 overdue, 2 due within 30 days, 2
/// within 60, 3 within 90; 1 without an owner".
pub fn summary(counts: &Counts) -> String {
    let [within_30, within_60, within_90] = counts.due_within;
    format!(
        "{} under review: {} overdue, {within_30} due within 30 days, {within_60} within 60, \
         {within_90} within 90; {} without an owner",
        count(counts.documents, "document", "documents"),
        counts.overdue,
        counts.no_owner
    )
}

/// How a line stands, as a reader says it: "12 days overdue", "due today", "in 30 days",
/// "retired".
pub fn describe_days(entry: &RegisterEntry) -> String {
    if entry.status == Some(Status::Retired) {
        return "retired".into();
    }
    match entry.days_left {
        None => "no review date".into(),
        Some(0) => "due today".into(),
        Some(1) => "in 1 day".into(),
        Some(-1) => "1 day overdue".into(),
        Some(days) if days < 0 => format!("{} days overdue", -days),
        Some(days) => format!("in {days} days"),
    }
}
