//! A report of 5,000 documents in 200 folders: the Markdown summary stays under GitHub's limit,
//! the HTML heat map and folder bars group folders instead of drawing 5,000 rows, and every
//! document is still in the HTML table, the JSON and the CSV.

use policylint::report::compare;
use policylint::report::model::{DimensionFigures, DocumentRecord, FindingCounts};
use policylint::report::schema::JsonReport;
use policylint::report::{Catalogue, Report, ReportBuilder, ReportFormat};
use policylint::rules::PackSource;

const DOCUMENTS: usize = 5_000;

/// A deterministic stream of numbers (a linear congruential generator).
struct Numbers(u64);

impl Numbers {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// 5,000 documents with random evidence; `seed` changes the figures.
fn report(seed: u64) -> Report {
    let rules = policylint::check::load(&[PackSource::builtin("manage-lead").unwrap()]).unwrap();
    let catalogue = Catalogue::new([&rules]);
    let mut builder = ReportBuilder::new(catalogue.clone());
    let mut numbers = Numbers(seed);
    let kinds = [catalogue.kind("policy"), catalogue.kind("role")];
    for i in 0..DOCUMENTS {
        let concepts: Vec<Option<u32>> = catalogue
            .concepts
            .iter()
            .map(|_| Some(numbers.next(4).saturating_sub(1) as u32))
            .collect();
        let dimensions = (0..catalogue.dimensions.len())
            .map(|d| {
                let of: Vec<u32> = catalogue
                    .concepts_of(Some(d))
                    .map(|c| concepts[c].unwrap())
                    .collect();
                Some(DimensionFigures {
                    covered: of.iter().filter(|&&n| n > 0).count() as u32,
                    of: of.len() as u32,
                    evidence: of.iter().sum(),
                })
            })
            .collect();
        // Long titles and paths: the worst case for the summary's length.
        let title = format!("{} {i}", "Regional operating procedure for teams".repeat(4));
        builder.push(DocumentRecord {
            path: format!(
                "handbook/region-{:02}/team-{:02}/{}-{i:04}.md",
                i % 20,
                (i / 20) % 10,
                "a-long-document-name".repeat(3)
            ),
            title,
            kind: kinds[i % 2],
            assessed: true,
            concepts,
            dimensions,
            findings: FindingCounts {
                error: numbers.next(3) as usize,
                warning: numbers.next(5) as usize,
                info: 0,
            },
            lacking: Vec::new(),
            quadrant: None,
            key_finding: None,
            register: None,
        });
    }
    builder.finish(vec!["handbook".into()])
}

fn render(format: ReportFormat) -> String {
    write(&report(7), format)
}

fn write(report: &Report, format: ReportFormat) -> String {
    let mut out = Vec::new();
    format.renderer().render(report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_markdown_summary_of_5000_documents_stays_short() {
    let markdown = render(ReportFormat::Md);
    let length = markdown.chars().count();
    assert!(length < 60_000, "{length} characters");
    assert!(markdown.starts_with("## Coverage report\n\n5000 documents in `handbook`."));
    assert!(
        markdown.contains("…and 4210 more documents; the HTML and JSON reports list every one.")
    );
    assert!(markdown.contains(
        "The 25 folders with the lowest coverage of 200; the HTML, JSON and CSV reports have all of them."
    ));
}

#[test]
fn a_comparison_of_5000_changed_documents_stays_short_too() {
    // Every document has new figures, and half were renamed: 2,500 added and 2,500 removed.
    let before = report(7);
    let mut after = report(8);
    for document in after.documents.iter_mut().skip(2_500) {
        document.path = document.path.replace("/a-long", "/renamed-a-long");
    }
    compare::attach(&mut after, &JsonReport::of(&before), "before.json");
    let comparison = after.comparison.as_ref().unwrap();
    assert_eq!(comparison.added.len(), 2_500);
    assert_eq!(comparison.removed.len(), 2_500);
    assert!(comparison.changed.len() > 2_000);
    let markdown = write(&after, ReportFormat::Md);
    let length = markdown.chars().count();
    assert!(length < 60_000, "{length} characters");
    assert!(markdown.contains("**Added** (2500): "));
}

#[test]
fn the_html_report_of_5000_documents_groups_its_charts_by_folder() {
    let html = render(ReportFormat::Html);
    // Every document is a mark on the quadrant chart and a row of the table.
    let chart = &html[html.find("id=\"quadrant-chart\"").unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    assert_eq!(chart.matches("<a href=\"#doc-").count(), DOCUMENTS);
    assert_eq!(html.matches("<tr id=\"doc-").count(), DOCUMENTS);
    // The heat map shows the 20 regions, not 5,000 documents or 200 folders.
    assert!(html.contains("5000 documents are too many to show one by one"));
    let heat_maps: Vec<&str> = html
        .split("<svg class=\"chart heat-map\"")
        .skip(1)
        .map(|svg| &svg[..svg.find("</svg>").unwrap()])
        .collect();
    assert_eq!(heat_maps.len(), 1);
    assert_eq!(
        heat_maps[0].matches("<rect class=\"mark\"").count(),
        20 * 12
    );
    assert!(heat_maps[0].contains(">handbook/region-00/… (250)<"));
    // The folder bars show the same groups below their common folder, in full on hover.
    let bars = &html[html.find("id=\"folder-bars-1\"").unwrap()..];
    let bars = &bars[..bars.find("</svg>").unwrap()];
    assert!(bars.contains(">region-00/… (250)<"), "{bars}");
    assert!(bars.contains("<title>handbook/region-00/… (250): 250 documents</title>"));
    assert!(html.contains("(200 folders in all; the table below has each one)"));
    assert!(!html.contains("id=\"folder-bars-2\""));
}

#[test]
fn json_and_csv_keep_every_document() {
    let json: serde_json::Value = serde_json::from_str(&render(ReportFormat::Json)).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), DOCUMENTS);
    assert_eq!(json["by_folder"].as_array().unwrap().len(), 200);
    assert_eq!(render(ReportFormat::Csv).lines().count(), DOCUMENTS + 1);
}
