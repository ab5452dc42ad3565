//! `--format html`: one self-contained page for a leadership team — headline figures, the
//! quadrant scatter, gaps in plain words, coverage by kind and folder, the concept heat map,
//! what changed, and every document in a table.
//!
//! No external assets: CSS and SVG are inline, and a Content-Security-Policy forbids the page
//! any network access. A little inline script adds sorting and filtering to the documents
//! table; without it the page reads the same. Every string from a document or a pack goes
//! through [`escape`].

use std::fmt::Write;
use std::io;

use super::compare::{Change, Comparison};
use super::model::{
    FIX_FIRST, NEXT_STEPS, NEXT_STEPS_ORDER, NextStep, QUADRANT_HIGH, Quadrant, Report, fix_anchor,
};
use super::register;
use super::svg::{self, DIMENSION_COLOURS, HEAT_COLOURS, QUADRANT_COLOURS};
use super::{Renderer, capitalise, count, delta, percent, precise_percent, shorten};

pub struct Html;

/// Gaps shown before "show all".
const TOP_GAPS: usize = 10;
/// Pages not assessed listed before the list folds away.
const OPEN_LIST: usize = 20;

/// Text safe in HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

impl Renderer for Html {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let mut page = String::new();
        head(report, &mut page);
        let assessed = report.summary.documents > 0;
        page.push_str("<main>\n");
        if assessed {
            next_steps(report, &mut page);
        }
        overview(report, &mut page);
        if assessed {
            quadrants(report, &mut page);
            gaps(report, &mut page);
            kinds(report, &mut page);
            attention(report, &mut page);
            folders(report, &mut page);
            heat_map(report, &mut page);
        }
        register(report, &mut page);
        if let Some(comparison) = &report.comparison {
            changes(report, comparison, &mut page);
        }
        documents(report, &mut page);
        not_assessed(report, &mut page);
        method(report, &mut page);
        page.push_str("</main>\n");
        let _ = write!(
            page,
            "<footer><p>Made by policylint {}.</p></footer>\n<script>{SCRIPT}</script>\n\
             </body>\n</html>\n",
            env!("CARGO_PKG_VERSION")
        );
        out.write_all(page.as_bytes())
    }
}

fn head(report: &Report, page: &mut String) {
    let inputs = escape(&report.inputs.join(", "));
    let quadrant_styles: String = QUADRANT_COLOURS
        .iter()
        .enumerate()
        .map(|(i, colour)| format!(".q{i}{{--q:{colour}}}"))
        .collect();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"policylint {}\">\n\
         <title>Coverage report: {inputs}</title>\n<style>{STYLE}{quadrant_styles}</style>\n</head>\n<body>\n\
         <header class=\"top\"><h1>Coverage report</h1><p>{} in {inputs}</p></header>\n",
        env!("CARGO_PKG_VERSION"),
        count(report.documents.len(), "document", "documents")
    );
    let mut links = Vec::new();
    if report.summary.documents > 0 {
        links.push(("next", "What to fix first"));
    }
    links.push(("overview", "Overview"));
    if report.summary.documents > 0 {
        if report.axes.is_some() {
            links.push(("quadrants", "Manage and lead"));
        }
        links.extend([
            ("gaps", "Gaps"),
            ("kinds", "By kind"),
            ("attention", "Needs attention"),
            ("folders", "Folders"),
            ("concepts", "Concepts"),
        ]);
    }
    if !report.register.is_empty() {
        links.push(("register", "Review register"));
    }
    if report.comparison.is_some() {
        links.push(("changes", "What changed"));
    }
    links.extend([("documents", "All documents"), ("method", "How to read")]);
    page.push_str("<nav class=\"toc\" aria-label=\"Sections\"><ul>");
    for (id, label) in links {
        let _ = write!(page, "<li><a href=\"#{id}\">{label}</a></li>");
    }
    page.push_str("</ul></nav>\n");
}

/// The documents most worth fixing, each with what it lacks, the finding that says so and the
/// rule's help: the first [`FIX_FIRST`] open, the rest folded.
fn next_steps(report: &Report, page: &mut String) {
    page.push_str("<section id=\"next\">\n<h2>What to fix first</h2>\n");
    if report.next_steps.is_empty() {
        page.push_str(
            "<p>Nothing: every assessed document both manages things and leads people, and \
             none has errors.</p>\n</section>\n",
        );
        return;
    }
    let _ = writeln!(page, "<p class=\"note\">{NEXT_STEPS_ORDER}</p>");
    let (first, rest) = report
        .next_steps
        .split_at(FIX_FIRST.min(report.next_steps.len()));
    page.push_str("<ol class=\"next\">\n");
    for step in first {
        next_step(report, step, page);
    }
    page.push_str("</ol>\n");
    if !rest.is_empty() {
        let _ = writeln!(
            page,
            "<details><summary>{} more</summary><ol class=\"next\" start=\"{}\">",
            count(rest.len(), "document", "documents"),
            FIX_FIRST + 1
        );
        for step in rest {
            next_step(report, step, page);
        }
        page.push_str("</ol></details>\n");
    }
    let more = report.attention.len() - report.next_steps.len();
    if more > 0 {
        let _ = writeln!(
            page,
            "<p class=\"note\">{} more need attention; the table of all documents has them.</p>",
            count(more, "document", "documents")
        );
    }
    page.push_str("</section>\n");
}

fn next_step(report: &Report, step: &NextStep, page: &mut String) {
    let catalogue = &report.catalogue;
    let document = &report.documents[step.document];
    let lacks = step.lack_labels(catalogue);
    let _ = write!(
        page,
        "<li id=\"{}\"><p class=\"what\">{} {}</p><p><strong>Never mentions:</strong> {}</p>",
        fix_anchor(step.document),
        document_cell(report, step.document),
        document.quadrant.map_or_else(String::new, badge),
        if lacks.is_empty() {
            "nothing; it mentions every concept".into()
        } else {
            escape(&super::join_words(&lacks))
        }
    );
    if let Some(finding) = &step.finding {
        let _ = write!(
            page,
            "<p class=\"finding\"><span class=\"severity {severity}\">{severity}</span> \
             <code>{}</code> at {}: {}</p>",
            escape(&finding.rule),
            escape(&finding.place),
            escape(&finding.message),
            severity = finding.severity
        );
        if let Some(help) = &finding.help {
            let _ = write!(page, "<p class=\"help\">{}</p>", escape(help));
        }
    }
    page.push_str("</li>\n");
}

fn overview(report: &Report, page: &mut String) {
    let catalogue = &report.catalogue;
    let summary = &report.summary;
    page.push_str("<section id=\"overview\">\n<h2>Overview</h2>\n");
    let dimensions: Vec<String> = catalogue
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dimension)| {
            let concepts: Vec<&str> = catalogue
                .concepts_of(Some(d))
                .map(|c| catalogue.concepts[c].label.as_str())
                .collect();
            format!(
                "<strong>{}</strong> ({})",
                escape(&dimension.label),
                escape(&concepts.join(", "))
            )
        })
        .collect();
    let _ = writeln!(
        page,
        "<p class=\"lede\">A sustainable code, policy or role description does two things: it \
         manages things and it leads people. This report shows, for each document, how much it \
         says about {}.</p>",
        super::join_words(&dimensions)
    );
    if summary.documents == 0 {
        page.push_str("<p>There is no document to assess.</p>\n");
    }
    let comparison = report.comparison.as_ref();
    let since = |text: String| format!("<p class=\"delta\">{text}</p>");
    page.push_str("<div class=\"cards\">\n");
    if report.axes.is_some() && summary.documents > 0 {
        let both = summary.quadrant(Quadrant::PurposeDriven);
        let before = comparison
            .and_then(|c| c.quadrants.get(Quadrant::PurposeDriven.id()))
            .map(|c| since(format!("{} before", c.before)))
            .unwrap_or_default();
        let _ = writeln!(
            page,
            "<div class=\"card\" style=\"--c:{}\"><p class=\"big\">{both} <small>of {}</small>\
             </p><p>documents both manage things and lead people ({})</p>{before}</div>",
            QUADRANT_COLOURS[0],
            summary.documents,
            percent(both as f64 / summary.documents as f64)
        );
    }
    for (d, dimension) in catalogue.dimensions.iter().enumerate() {
        let Some(coverage) = summary.coverage(d) else {
            continue;
        };
        let before = comparison
            .and_then(|c| c.coverage.get(&dimension.name))
            .and_then(|c| c.before)
            .map(|before| since(format!("{} since the last report", delta(before, coverage))))
            .unwrap_or_default();
        let _ = writeln!(
            page,
            "<div class=\"card\" style=\"--c:{}\"><p class=\"big\">{}</p><p>average coverage of \
             {}: the share of its {} concepts a document mentions</p>{before}</div>",
            DIMENSION_COLOURS[d % DIMENSION_COLOURS.len()],
            percent(coverage),
            escape(&dimension.label),
            catalogue.concepts_of(Some(d)).count()
        );
    }
    let findings = summary.findings;
    let _ = writeln!(
        page,
        "<div class=\"card\" style=\"--c:#6E6E6E\"><p class=\"big\">{} <small>{}</small></p>\
         <p>{} and {} info from the lint rules (<code>policylint check</code>)</p></div>",
        findings.error,
        if findings.error == 1 {
            "error"
        } else {
            "errors"
        },
        count(findings.warning, "warning", "warnings"),
        findings.info
    );
    if !report.thresholds.is_empty() {
        let passed = report.thresholds.iter().filter(|t| t.passed()).count();
        let colour = if report.thresholds_passed() {
            QUADRANT_COLOURS[0]
        } else {
            "#D55E00"
        };
        let _ = writeln!(
            page,
            "<div class=\"card\" style=\"--c:{colour}\"><p class=\"big\">{passed} <small>of {}\
             </small></p><p>coverage thresholds met</p></div>",
            report.thresholds.len()
        );
    }
    page.push_str("</div>\n");
    thresholds(report, page);
    page.push_str("</section>\n");
}

fn thresholds(report: &Report, page: &mut String) {
    if report.thresholds.is_empty() {
        return;
    }
    page.push_str(
        "<h3>Thresholds</h3>\n<div class=\"scroll\"><table><thead><tr><th>Result</th><th>Coverage of</th>\
         <th>Measured</th><th class=\"num\">Minimum</th><th>Set by</th></tr></thead><tbody>\n",
    );
    for result in &report.thresholds {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            if result.passed() {
                "<span class=\"pass\">✔ Passed</span>"
            } else {
                "<span class=\"fail\">✘ Failed</span>"
            },
            escape(result.subject(&report.catalogue)),
            escape(&result.measured()),
            precise_percent(result.threshold.minimum),
            escape(&result.threshold.source)
        );
    }
    page.push_str("</tbody></table></div>\n");
}

fn quadrants(report: &Report, page: &mut String) {
    let Some(chart) = svg::quadrant_chart(report) else {
        return;
    };
    let summary = &report.summary;
    let _ = write!(
        page,
        "<section id=\"quadrants\">\n<h2>Manage and lead</h2>\n<div class=\"chart-row\">\
         <figure>{chart}<figcaption>Each mark is a document: hover to see which, select it to \
         jump to its row. Documents at the same place are spread around it; ×3 says how many. \
         Shapes tell the kinds apart.</figcaption></figure>\n<div>\
         <div class=\"scroll\"><table><caption>Documents per quadrant</caption><thead><tr><th>Quadrant</th>\
         <th class=\"num\">Documents</th><th class=\"num\">Share</th></tr></thead><tbody>\n"
    );
    for quadrant in Quadrant::ALL {
        let n = summary.quadrant(quadrant);
        let _ = writeln!(
            page,
            "<tr><td>{}<br><span class=\"note\">{}</span></td><td class=\"num\">{n}</td>\
             <td class=\"num\">{}</td></tr>",
            badge(quadrant),
            quadrant.meaning(),
            percent(n as f64 / summary.documents as f64)
        );
    }
    let _ = write!(
        page,
        "</tbody></table></div>\n<p class=\"note\">A document is high on a dimension when it mentions \
         at least {} of that dimension's concepts. Managed but not led reads as authoritarian; \
         led but not managed reads as laissez-faire.</p></div></div>\n</section>\n",
        percent(QUADRANT_HIGH)
    );
}

/// A quadrant's name after a dot of its colour (see [`QUADRANT_COLOURS`] and the `.q` styles).
fn badge(quadrant: Quadrant) -> String {
    format!(
        "<span class=\"q q{}\">{}</span>",
        quadrant.index(),
        quadrant.label()
    )
}

fn gaps(report: &Report, page: &mut String) {
    let catalogue = &report.catalogue;
    page.push_str("<section id=\"gaps\">\n<h2>Top gaps</h2>\n");
    if report.gaps.is_empty() {
        page.push_str("<p>Every document mentions every concept.</p>\n</section>\n");
        return;
    }
    let item = |gap: &super::model::Gap| {
        format!(
            "<li><span class=\"gap\">{}</span><span class=\"meter\" aria-hidden=\"true\">\
             <span style=\"width:{:.1}%\"></span></span></li>\n",
            escape(&gap.sentence(catalogue)),
            gap.missing as f64 / gap.of as f64 * 100.0
        )
    };
    page.push_str(
        "<p class=\"note\">What documents of each kind never mention, the most \
                   widespread first. The bar is the share of documents missing it.</p>\n<ol \
                   class=\"gaps\">\n",
    );
    for gap in report.gaps.iter().take(TOP_GAPS) {
        page.push_str(&item(gap));
    }
    page.push_str("</ol>\n");
    if report.gaps.len() > TOP_GAPS {
        let _ = writeln!(
            page,
            "<details><summary>{} more {}</summary><ol class=\"gaps\" start=\"{}\">",
            report.gaps.len() - TOP_GAPS,
            if report.gaps.len() - TOP_GAPS == 1 {
                "gap"
            } else {
                "gaps"
            },
            TOP_GAPS + 1
        );
        for gap in &report.gaps[TOP_GAPS..] {
            page.push_str(&item(gap));
        }
        page.push_str("</ol></details>\n");
    }
    page.push_str("</section>\n");
}

fn kinds(report: &Report, page: &mut String) {
    let catalogue = &report.catalogue;
    let columns = report.kind_columns();
    page.push_str(
        "<section id=\"kinds\">\n<h2>Coverage by kind</h2>\n<p class=\"note\">For each kind \
         of document: the average coverage of each dimension, and how many documents mention \
         each concept.</p>\n<div class=\"scroll\"><table><thead><tr><th>Concept</th>",
    );
    for (title, _) in &columns {
        let _ = write!(page, "<th class=\"num\">{}</th>", escape(title));
    }
    page.push_str("</tr></thead><tbody>\n");
    for (group, label) in catalogue.concept_groups() {
        let _ = write!(
            page,
            "<tr class=\"group\"><th scope=\"row\">{}</th>",
            escape(&capitalise(label))
        );
        for (_, aggregate) in &columns {
            let cell = group
                .and_then(|d| aggregate.coverage(d))
                .map(percent)
                .unwrap_or_default();
            let _ = write!(page, "<td class=\"num\">{cell}</td>");
        }
        page.push_str("</tr>\n");
        for concept in catalogue.concepts_of(group) {
            let _ = write!(
                page,
                "<tr><td>{}</td>",
                escape(&catalogue.concepts[concept].label)
            );
            for (_, aggregate) in &columns {
                let share = aggregate.concepts[concept];
                let cell = match share.ratio() {
                    Some(ratio) => format!(
                        "{} of {} <span class=\"note\">({})</span>",
                        share.covered,
                        share.of,
                        percent(ratio)
                    ),
                    None => "–".into(),
                };
                let _ = write!(page, "<td class=\"num\">{cell}</td>");
            }
            page.push_str("</tr>\n");
        }
    }
    page.push_str("</tbody></table></div>\n</section>\n");
}

fn attention(report: &Report, page: &mut String) {
    let catalogue = &report.catalogue;
    page.push_str("<section id=\"attention\">\n<h2>Documents that need attention</h2>\n");
    if report.attention.is_empty() {
        page.push_str(
            "<p>Every assessed document both manages things and leads people, and none has \
             errors.</p>\n</section>\n",
        );
        return;
    }
    let _ = write!(
        page,
        "<p class=\"note\">{} attention (not purpose-driven, or with errors). {NEXT_STEPS_ORDER} \
         Select the findings to see what to fix{}.</p>\n<div class=\"scroll\"><table \
         class=\"cards\"><thead><tr><th>Document</th><th>Quadrant</th>",
        count(report.attention.len(), "document needs", "documents need"),
        if report.attention.len() > NEXT_STEPS {
            format!(" (the first {NEXT_STEPS} here; all documents are in the table below)")
        } else {
            String::new()
        }
    );
    for dimension in &catalogue.dimensions {
        let _ = write!(
            page,
            "<th class=\"num\">{}</th>",
            escape(&capitalise(&dimension.label))
        );
    }
    page.push_str("<th>Never mentions</th><th>Findings</th></tr></thead><tbody>\n");
    for &index in report.attention.iter().take(NEXT_STEPS) {
        let document = &report.documents[index];
        // On a phone each row is a card, every cell named by its `data-label`.
        let _ = write!(
            page,
            "<tr><td>{}</td><td data-label=\"Quadrant\">{}</td>",
            document_cell(report, index),
            document.quadrant.map_or_else(|| "–".into(), badge)
        );
        for (d, dimension) in catalogue.dimensions.iter().enumerate() {
            let _ = write!(
                page,
                "<td class=\"num\" data-label=\"{}\">{}</td>",
                escape(&capitalise(&dimension.label)),
                document.coverage(d).map_or_else(|| "–".into(), percent)
            );
        }
        let _ = writeln!(
            page,
            "<td data-label=\"Never mentions\">{}</td><td data-label=\"Findings\">\
             <a href=\"#{}\">{}</a></td></tr>",
            escape(&document.missing_labels(catalogue)),
            fix_anchor(index),
            document.findings.describe()
        );
    }
    page.push_str("</tbody></table></div>\n</section>\n");
}

/// The review register: its counts, then a table per owner, the most urgent first.
fn register(report: &Report, page: &mut String) {
    let register = &report.register;
    if register.is_empty() {
        return;
    }
    let _ = writeln!(
        page,
        "<section id=\"register\">\n<h2>Review register</h2>\n<p>{}.</p>",
        escape(&register::summary(&register.counts))
    );
    for group in &register.groups {
        let owner = group.owner.as_deref().unwrap_or("No owner");
        let _ = write!(
            page,
            "<h3>{}</h3>\n<div class=\"scroll\"><table><thead><tr><th>Document</th>\
             <th>Status</th><th>Approver</th><th>Effective</th><th>Reviewed</th>\
             <th>Next review</th><th></th></tr></thead><tbody>\n",
            escape(owner)
        );
        for row in &group.rows {
            let entry = &row.entry;
            let date = |d: Option<crate::date::Date>| d.map_or("–".into(), |d| d.to_string());
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td>{}</td></tr>",
                document_cell(report, row.document),
                entry.status.map_or("–", |s| s.name()),
                escape(entry.approver.as_deref().unwrap_or("–")),
                date(entry.effective),
                date(entry.reviewed),
                date(entry.next_review),
                escape(&register::describe_days(entry)),
            );
        }
        page.push_str("</tbody></table></div>\n");
    }
    page.push_str("</section>\n");
}

/// A document's title, linked to its row, over its path.
fn document_cell(report: &Report, index: usize) -> String {
    let document = &report.documents[index];
    let shown = shorten(&document.title, 90);
    let full = if shown == document.title {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(&document.title))
    };
    format!(
        "<a href=\"#doc-{index}\"{full}>{}</a><span class=\"path\">{}</span>",
        escape(&shown),
        escape(&document.path)
    )
}

/// Charts of several pages: the first shown, the others folded.
fn figure_pages(svgs: &[String], caption: &str, page: &mut String) {
    for (i, svg) in svgs.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(
                page,
                "<figure>{svg}<figcaption>{caption}</figcaption></figure>"
            );
        } else {
            let _ = writeln!(
                page,
                "<details><summary>Part {} of {}</summary><figure>{svg}</figure></details>",
                i + 1,
                svgs.len()
            );
        }
    }
}

fn folders(report: &Report, page: &mut String) {
    let catalogue = &report.catalogue;
    let (svgs, grouped) = svg::folder_bars(report);
    page.push_str("<section id=\"folders\">\n<h2>Coverage by folder</h2>\n");
    let caption = if grouped {
        format!(
            "The average coverage of each dimension over the documents of each group of \
             folders ({} folders in all; the table below has each one).",
            report.folders.len()
        )
    } else {
        "The average coverage of each dimension over the documents of each folder.".into()
    };
    figure_pages(&svgs, &caption, page);
    let _ = write!(
        page,
        "<details{}><summary>Folders as a table</summary><div class=\"scroll\"><table><thead>\
         <tr><th>Folder</th><th class=\"num\">Documents</th>",
        if report.folders.len() <= 10 {
            " open"
        } else {
            ""
        }
    );
    for dimension in &catalogue.dimensions {
        let _ = write!(
            page,
            "<th class=\"num\">{}</th>",
            escape(&capitalise(&dimension.label))
        );
    }
    if report.axes.is_some() {
        page.push_str("<th class=\"num\">Purpose-driven</th>");
    }
    page.push_str("</tr></thead><tbody>\n");
    for (folder, aggregate) in &report.folders {
        let _ = write!(
            page,
            "<tr><td>{}</td><td class=\"num\">{}</td>",
            escape(folder),
            aggregate.documents
        );
        for d in 0..catalogue.dimensions.len() {
            let _ = write!(
                page,
                "<td class=\"num\">{}</td>",
                aggregate.coverage(d).map_or_else(|| "–".into(), percent)
            );
        }
        if report.axes.is_some() {
            let _ = write!(
                page,
                "<td class=\"num\">{} of {}</td>",
                aggregate.quadrant(Quadrant::PurposeDriven),
                aggregate.documents
            );
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody></table></div></details>\n</section>\n");
}

fn heat_map(report: &Report, page: &mut String) {
    let (svgs, by_folder) = svg::heat_map(report);
    if svgs.is_empty() {
        return;
    }
    page.push_str("<section id=\"concepts\">\n<h2>Concepts by document</h2>\n");
    let caption = if by_folder {
        format!(
            "{} are too many to show one by one, so each row is a folder (or a group of \
             folders) and each cell the percentage of its documents that mention the concept. \
             The table of all documents below has each one.",
            count(report.summary.documents, "document", "documents")
        )
    } else {
        "Each cell is the number of sentences that give evidence of the concept; an empty \
         (light) cell is a concept the document never mentions. Select a title to see its row \
         in the table below."
            .into()
    };
    let legend: Vec<String> = if by_folder {
        ["0%", "1–20%", "21–40%", "41–60%", "61–100%"]
            .iter()
            .zip(HEAT_COLOURS)
            .map(|(label, colour)| swatch(colour, label))
            .collect()
    } else {
        ["none", "1", "2", "3–4", "5 or more"]
            .iter()
            .zip(HEAT_COLOURS)
            .map(|(label, colour)| swatch(colour, label))
            .collect()
    };
    let _ = write!(
        page,
        "<p class=\"legend\">{}</p>\n<div class=\"scroll\">",
        legend.join(" ")
    );
    figure_pages(&svgs, &caption, page);
    page.push_str("</div>\n</section>\n");
}

fn swatch(colour: &str, label: &str) -> String {
    format!("<span class=\"swatch\" style=\"background:{colour}\"></span>{label}")
}

fn changes(report: &Report, comparison: &Comparison, page: &mut String) {
    let catalogue = &report.catalogue;
    let _ = write!(
        page,
        "<section id=\"changes\">\n<h2>What changed since {}</h2>\n",
        escape(&comparison.against)
    );
    if comparison.is_empty() {
        page.push_str("<p>Nothing changed.</p>\n</section>\n");
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
        let _ = write!(page, "<h3>{title} ({})</h3>\n<ul>\n", list.len());
        for document in list {
            let _ = writeln!(
                page,
                "<li>{} <span class=\"path\">{}</span></li>",
                escape(&document.title),
                escape(&document.path)
            );
        }
        page.push_str("</ul>\n");
    }
    if !comparison.changed.is_empty() {
        let mut changed: Vec<&super::compare::DocumentChange> = comparison.changed.iter().collect();
        changed.sort_by_key(|c| c.lost.is_empty());
        let _ = write!(
            page,
            "<h3>Changed ({})</h3>\n<p class=\"note\">What got worse first.</p>\n<ul>\n",
            changed.len()
        );
        for change in changed {
            let _ = writeln!(
                page,
                "<li class=\"{}\"><strong>{}</strong> {}<span class=\"path\">{}</span></li>",
                if change.lost.is_empty() {
                    "better"
                } else {
                    "worse"
                },
                escape(&change.title),
                escape(&change.summary(catalogue)),
                escape(&change.path)
            );
        }
        page.push_str("</ul>\n");
    }
    if !comparison.folders.is_empty() {
        page.push_str(
            "<h3>Folders</h3>\n<div class=\"scroll\"><table><thead><tr><th>Folder</th>\
             <th class=\"num\">Documents</th>",
        );
        for dimension in &catalogue.dimensions {
            let _ = write!(
                page,
                "<th class=\"num\">{}</th>",
                escape(&capitalise(&dimension.label))
            );
        }
        page.push_str("</tr></thead><tbody>\n");
        for folder in &comparison.folders {
            let documents = &folder.documents;
            let _ = write!(
                page,
                "<tr><td>{}</td><td class=\"num\">{}</td>",
                escape(&folder.path),
                if documents.before == documents.after {
                    documents.after.to_string()
                } else {
                    format!("{} → {}", documents.before, documents.after)
                }
            );
            for dimension in &catalogue.dimensions {
                let cell = folder
                    .coverage
                    .get(&dimension.name)
                    .map_or_else(|| "no change".into(), coverage_change);
                let _ = write!(page, "<td class=\"num\">{cell}</td>");
            }
            page.push_str("</tr>\n");
        }
        page.push_str("</tbody></table></div>\n");
    }
    page.push_str("</section>\n");
}

fn coverage_change(change: &Change<Option<f64>>) -> String {
    let show = |v: Option<f64>| v.map_or_else(|| "–".into(), percent);
    match (change.before, change.after) {
        (Some(before), Some(after)) => format!(
            "{} → {} <span class=\"note\">({})</span>",
            percent(before),
            percent(after),
            delta(before, after)
        ),
        (before, after) => format!("{} → {}", show(before), show(after)),
    }
}

fn documents(report: &Report, page: &mut String) {
    let catalogue = &report.catalogue;
    let assessed: Vec<usize> = (0..report.documents.len())
        .filter(|&i| report.documents[i].assessed)
        .collect();
    page.push_str("<section id=\"documents\">\n<h2>All documents</h2>\n");
    if assessed.is_empty() {
        page.push_str("<p>No document to assess.</p>\n</section>\n");
        return;
    }
    page.push_str(
        "<div id=\"document-controls\" class=\"controls\" hidden><label>Filter <input \
         id=\"document-filter\" type=\"search\" placeholder=\"title or path\"></label> \
         <label>Quadrant <select id=\"quadrant-filter\"><option value=\"\">any</option>",
    );
    if report.axes.is_some() {
        for quadrant in Quadrant::ALL {
            let _ = write!(
                page,
                "<option value=\"{}\">{}</option>",
                quadrant.id(),
                quadrant.label()
            );
        }
    }
    let _ = write!(
        page,
        "</select></label> <span id=\"document-count\" class=\"note\" aria-live=\"polite\">\
         </span> <span class=\"note\">Select a column heading to sort.</span></div>\n\
         <div class=\"scroll\"><table id=\"documents-table\" class=\"documents\"><caption>{} \
         with their coverage, balance, evidence per concept and findings</caption><thead><tr>\
         <th>Document</th><th>Kind</th><th>Quadrant</th>",
        count(assessed.len(), "document", "documents")
    );
    for dimension in &catalogue.dimensions {
        let _ = write!(
            page,
            "<th class=\"num\">{}</th>",
            escape(&capitalise(&dimension.label))
        );
    }
    let balance: Vec<&str> = catalogue
        .dimensions
        .iter()
        .map(|d| d.label.split_whitespace().next().unwrap_or(&d.label))
        .collect();
    let _ = write!(
        page,
        "<th class=\"num\" title=\"Each dimension's share of the evidence\">Balance<br>\
         <span class=\"note\">{}</span></th>",
        escape(&balance.join(" / "))
    );
    for concept in &catalogue.concepts {
        let colour = concept.dimension.map_or("#6E6E6E", |d| {
            DIMENSION_COLOURS[d % DIMENSION_COLOURS.len()]
        });
        let _ = write!(
            page,
            "<th class=\"num vertical\" style=\"border-top:4px solid {colour}\" \
             title=\"{}\">{}</th>",
            escape(&concept.topic),
            escape(&concept.label)
        );
    }
    page.push_str(
        "<th class=\"num vertical\">Errors</th><th class=\"num vertical\">Warnings</th>\
         <th class=\"num vertical\">Info</th></tr></thead><tbody>\n",
    );
    let axis_share = |document: &super::DocumentRecord| {
        let shares: Vec<String> = (0..catalogue.dimensions.len())
            .map(|d| document.share(d).map_or_else(|| "–".into(), percent))
            .collect();
        shares.join(" / ")
    };
    for index in assessed {
        let document = &report.documents[index];
        // Cells are kept short, as a report may have thousands of rows: numbers sort by their
        // text, and only figures shown as percentages carry their value.
        let _ = write!(
            page,
            "<tr id=\"doc-{index}\" data-quadrant=\"{}\"><td>{}</td><td>{}</td>\
             <td data-value=\"{}\">{}</td>",
            document.quadrant.map_or("", Quadrant::id),
            document_cell(report, index),
            escape(catalogue.kind_label(document.kind)),
            document.quadrant.map_or(9, Quadrant::index),
            document.quadrant.map_or_else(|| "–".into(), badge)
        );
        for d in 0..catalogue.dimensions.len() {
            let coverage = document.coverage(d);
            let _ = write!(
                page,
                "<td data-value=\"{:.4}\">{}</td>",
                coverage.unwrap_or(-1.0),
                coverage.map_or_else(|| "–".into(), percent)
            );
        }
        let _ = write!(
            page,
            "<td data-value=\"{:.4}\">{}</td>",
            document.share(0).unwrap_or(-1.0),
            axis_share(document)
        );
        for count in &document.concepts {
            let _ = match count {
                Some(0) => write!(page, "<td class=\"zero\">0</td>"),
                Some(n) => write!(page, "<td>{n}</td>"),
                None => write!(page, "<td>–</td>"),
            };
        }
        let findings = document.findings;
        let _ = writeln!(
            page,
            "<td>{}</td><td>{}</td><td>{}</td></tr>",
            findings.error, findings.warning, findings.info
        );
    }
    page.push_str("</tbody></table></div>\n");
    let groups: Vec<String> = catalogue
        .concept_groups()
        .into_iter()
        .map(|(group, label)| {
            let colour = group.map_or("#6E6E6E", |d| {
                DIMENSION_COLOURS[d % DIMENSION_COLOURS.len()]
            });
            swatch(colour, &escape(label))
        })
        .collect();
    let _ = write!(
        page,
        "<p class=\"note\">Balance is each dimension's share of the document's evidence. \
         Concept columns give the number of sentences with evidence; a 0 is a \
         concept the document never mentions. The colour above each says its dimension: {}.</p>\n\
         </section>\n",
        groups.join(" ")
    );
}

fn not_assessed(report: &Report, page: &mut String) {
    let pages: Vec<&super::DocumentRecord> = report.not_assessed().collect();
    if pages.is_empty() {
        return;
    }
    let _ = write!(
        page,
        "<section id=\"not-assessed\">\n<h2>Not assessed</h2>\n<p>No rule checks {} of these \
         kinds, so they are left out of the figures.</p>\n",
        count(pages.len(), "document", "documents")
    );
    let fold = pages.len() > OPEN_LIST;
    if fold {
        let _ = write!(
            page,
            "<details><summary>{}</summary>",
            count(pages.len(), "document", "documents")
        );
    }
    page.push_str("<ul>\n");
    for document in pages {
        let _ = writeln!(
            page,
            "<li>{} <span class=\"note\">({})</span><span class=\"path\">{}</span></li>",
            escape(&document.title),
            escape(report.catalogue.kind_label(document.kind)),
            escape(&document.path)
        );
    }
    page.push_str("</ul>\n");
    if fold {
        page.push_str("</details>\n");
    }
    page.push_str("</section>\n");
}

fn method(report: &Report, page: &mut String) {
    // What the documents table's concept headings say on hover, in the page.
    let concepts: Vec<String> = report
        .catalogue
        .concepts
        .iter()
        .map(|c| {
            format!(
                "<li><strong>{}</strong>: {}</li>",
                escape(&c.label),
                escape(&c.topic)
            )
        })
        .collect();
    let _ = write!(
        page,
        "<section id=\"method\">\n<h2>How to read this report</h2>\n<dl>\
         <dt>Coverage</dt><dd>The share of a dimension's concepts a document mentions at all: \
         a policy that states rules, a process and measures but no road map covers 3 of the 4 \
         concepts of managing things, 75%. Figures for a group are the average over its \
         documents.</dd>\
         <dt>Balance</dt><dd>Each dimension's share of the document's evidence (sentences that \
         mention a concept).</dd>\
         <dt>Quadrants</dt><dd>A document is high on a dimension when its coverage is at least \
         {}. Purpose-driven documents are high on both; managed, not led documents only on \
         managing things; led, not managed ones only on leading people; the rest on neither.\
         </dd>\
         <dt>Gaps</dt><dd>Concepts some documents of a kind never mention, ranked by the share \
         of documents missing them.</dd>\
         <dt>Findings</dt><dd>What the lint rules report; <code>policylint check</code> shows \
         each one in its place.</dd>\
         <dt>Assessed documents</dt><dd>Only documents of a kind some rule checks count; the \
         others are listed apart.</dd>\
         <dt>Concepts</dt><dd><ul class=\"concepts\">{}</ul></dd></dl>\n</section>\n",
        percent(QUADRANT_HIGH),
        concepts.join("")
    );
}

const STYLE: &str = r#"
:root{--ink:#1b1b1b;--muted:#555;--line:#d9d9d9;--accent:#0B4F8A;--soft:#f5f6f8}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
a{color:var(--accent)}
header.top{background:#10324f;color:#fff;padding:28px 32px 18px}
header.top h1{margin:0 0 4px;font-size:30px;line-height:1.2}
header.top p{margin:0;color:#d6e2ee}
nav.toc{background:#e9eef3;padding:8px 32px;position:sticky;top:0;z-index:1;border-bottom:1px solid var(--line)}
nav.toc ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:14px}
main{max-width:1240px;margin:0 auto;padding:8px 32px 48px}
section{margin-top:36px}
h2{font-size:23px;margin:0 0 12px;border-bottom:2px solid var(--ink);padding-bottom:4px}
h3{font-size:18px;margin:24px 0 8px}
.lede{font-size:17px;max-width:75ch}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:16px;margin:20px 0}
.card{border:1px solid var(--line);border-top:6px solid var(--c,var(--accent));border-radius:6px;padding:14px 16px;background:#fff}
.card .big{font-size:40px;font-weight:700;line-height:1.1;margin:0}
.card .big small{font-size:18px;font-weight:400;color:var(--muted)}
.card p{margin:6px 0 0}
.delta,.note{font-size:14px;color:var(--muted)}
.chart-row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:28px;align-items:start}
@media (max-width:900px){.chart-row{grid-template-columns:1fr}}
figure{margin:12px 0}
figcaption{font-size:14px;color:var(--muted);margin-top:6px;max-width:75ch}
svg.chart{max-width:100%;height:auto;display:block}
svg.chart.scales{width:100%;max-width:560px}
svg.heat-map{max-width:none}
table{border-collapse:collapse;width:100%;font-size:14px}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft);font-weight:600;vertical-align:bottom}
tr.group th,tr.group td{background:#eef2f6;font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#B23A00;font-weight:600}
.q::before{content:"";display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;vertical-align:-1px;background:var(--q)}
.q{white-space:nowrap}
.scroll{overflow-x:auto}
table.documents th.vertical{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;vertical-align:bottom;font-weight:500;font-size:13px;padding:8px 4px;white-space:nowrap}
table.documents td{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;padding:6px 5px}
table.documents td:nth-child(-n+3){text-align:left;white-space:normal}
table.documents{font-size:13px}
table.documents td:first-child{min-width:190px}
.scroll td:first-child{min-width:9em}
table.documents th{padding:6px 5px}
td.num{white-space:nowrap}
.path{display:block;color:var(--muted);font-size:12px;word-break:break-all}
.swatch{display:inline-block;width:14px;height:14px;border:1px solid #aaa;margin:0 4px 0 12px;vertical-align:-2px}
.legend{font-size:14px}
.gaps li{margin:6px 0}
.gaps .gap{display:inline-block;width:calc(100% - 130px);max-width:52ch;vertical-align:middle}
.meter{display:inline-block;width:110px;height:10px;background:#e6e6e6;margin-left:12px;vertical-align:middle}
ol.next{padding-left:1.6em}
ol.next li{margin:0 0 16px;max-width:80ch}
ol.next p{margin:2px 0}
ol.next .what a{font-weight:700}
ol.next .help{color:var(--muted)}
.severity{font-weight:700}
.severity.error{color:#B23A00}
.severity.warning{color:#8a5a00}
ul.concepts{margin:0;padding-left:1.2em}
.meter span{display:block;height:100%;background:#D55E00}
.pass{color:#00684A;font-weight:700}
.fail{color:#B23A00;font-weight:700}
li.worse strong::before{content:"▼ ";color:#B23A00}
li.better strong::before{content:"▲ ";color:#00684A}
.controls{margin:8px 0;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;font-size:14px}
.controls input,.controls select{font:inherit;padding:3px 6px}
th button{font:inherit;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
details summary{cursor:pointer;color:var(--accent);margin:8px 0}
dt{font-weight:700;margin-top:10px}
dd{margin:2px 0 0 0;max-width:80ch}
footer{max-width:1240px;margin:0 auto;padding:16px 32px 32px;color:var(--muted);font-size:13px}
@media (max-width:600px){
header.top{padding:18px 12px 12px}
header.top h1{font-size:24px}
nav.toc{padding:6px 12px}
main{padding:4px 12px 32px}
footer{padding:12px}
.card .big{font-size:32px}
.gaps .gap{width:calc(100% - 70px)}
.meter{width:50px;margin-left:8px}
table.cards thead{display:none}
table.cards tr{display:block;border:1px solid var(--line);border-radius:6px;margin:0 0 12px;padding:6px 0}
table.cards td{display:block;border:0;padding:2px 10px;text-align:left;min-width:0}
table.cards td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
table.cards .path{word-break:normal;overflow-wrap:anywhere}
}
@page{margin:14mm}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:10.5pt}
header.top{background:none;color:#000;padding:0 0 8px}
header.top p{color:#333}
nav.toc,.controls,details summary{display:none}
main,footer{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.scroll{overflow:visible}
figure,.card,tr,li{break-inside:avoid}
h2,h3{break-after:avoid}
.chart-row{grid-template-columns:1fr}
}
"#;

/// Sorting and filtering for the documents table; the page works without it.
const SCRIPT: &str = r#"
(function () {
  "use strict";
  var table = document.getElementById("documents-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var headings = table.tHead.rows[0].cells;
  function key(cell, numeric) {
    var value = cell.getAttribute("data-value");
    if (value === null) { value = cell.textContent; }
    if (numeric) { var n = parseFloat(value); return isNaN(n) ? -1 : n; }
    return value.toLowerCase();
  }
  Array.prototype.forEach.call(headings, function (heading, column) {
    var button = document.createElement("button");
    button.type = "button";
    while (heading.firstChild) { button.appendChild(heading.firstChild); }
    heading.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = heading.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
      heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = heading.classList.contains("num");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a.cells[column], numeric), y = key(b.cells[column], numeric);
        var order = x < y ? -1 : (x > y ? 1 : 0);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var controls = document.getElementById("document-controls");
  var filter = document.getElementById("document-filter");
  var quadrant = document.getElementById("quadrant-filter");
  var counter = document.getElementById("document-count");
  function apply() {
    var text = filter.value.toLowerCase(), wanted = quadrant.value, shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var visible = row.cells[0].textContent.toLowerCase().indexOf(text) !== -1 &&
        (wanted === "" || row.getAttribute("data-quadrant") === wanted);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    counter.textContent = shown + " of " + body.rows.length + " shown";
  }
  filter.addEventListener("input", apply);
  quadrant.addEventListener("change", apply);
  controls.hidden = false;
  apply();
})();
"#;
