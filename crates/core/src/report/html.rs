//! `--format html`: one self-contained page for a leadership team — headline figures, the
//! quadrant scatter, gaps in plain words, coverage by kind and folder, the concept heat map,
//! what changed, and every document in a table.
//!
//! No external assets: the style sheet and script (`assets/`) are compiled in and inlined, the
//! charts are inline SVG, and a Content-Security-Policy forbids the page any network access.
//! The script adds sorting and filtering to the documents table; without it the page reads the
//! same. The page is a [`maud`] template, which escapes every string it is given: only the
//! assets and the SVG pictures (which escape their own text) are spliced in as they are.

use std::io;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::contents::{FIX_FIRST, NEXT_STEPS, NEXT_STEPS_ORDER, Renderer, Report};
use super::model::{DocumentRecord, QUADRANT_HIGH, Quadrant};
use super::svg::{self, DIMENSION_COLOURS, HEAT_COLOURS, QUADRANT_COLOURS};
use super::view::{CoverageChange, GapRow, Step, View};
use super::words::{count, percent, shorten};

pub struct Html;

/// The page's style sheet; the quadrant colours are appended as `.q0`–`.q3`.
const STYLE: &str = include_str!("assets/report.css");
/// Sorting and filtering for the documents table; the page works without it.
const SCRIPT: &str = include_str!("assets/report.js");
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Gaps shown before "show all".
const TOP_GAPS: usize = 10;
/// Pages not assessed listed before the list folds away.
const OPEN_LIST: usize = 20;
/// The colour of concepts of no dimension, and of the findings card.
const GREY: &str = "#6E6E6E";

impl Renderer for Html {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let view = View::of(report);
        let assessed = report.summary.documents > 0;
        let inputs = report.inputs.join(", ");
        let quadrant_styles: String = QUADRANT_COLOURS
            .iter()
            .enumerate()
            .map(|(i, colour)| format!(".q{i}{{--q:{colour}}}"))
            .collect();
        let page = html! {
            (DOCTYPE) "\n"
            html lang="en" {
                "\n"
                head {
                    "\n" meta charset="utf-8";
                    "\n" meta name="viewport" content="width=device-width, initial-scale=1";
                    "\n" meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
                    "\n" meta name="generator" content={ "policylint " (VERSION) };
                    "\n" title { "Coverage report: " (inputs) }
                    "\n" style { "\n" (PreEscaped(STYLE)) (PreEscaped(quadrant_styles)) }
                    "\n"
                }
                "\n"
                body {
                    "\n"
                    header class="top" {
                        h1 { "Coverage report" }
                        p { (count(report.documents.len(), "document", "documents")) " in " (inputs) }
                    }
                    "\n" (table_of_contents(&view)) "\n"
                    main {
                        "\n"
                        @if assessed { (next_steps(&view)) }
                        (overview(&view))
                        @if assessed {
                            (quadrants(&view))
                            (gaps(&view))
                            (kinds(&view))
                            (attention(&view))
                            (folders(&view))
                            (heat_map(report))
                        }
                        (register(&view))
                        (changes(&view))
                        (documents(&view))
                        (not_assessed(report))
                        (method(report))
                    }
                    "\n"
                    footer { p { "Made by policylint " (VERSION) "." } }
                    "\n" script { "\n" (PreEscaped(SCRIPT)) }
                    "\n"
                }
                "\n"
            }
            "\n"
        };
        out.write_all(page.into_string().as_bytes())
    }
}

/// The links to the page's sections, in the order they appear.
fn table_of_contents(view: &View) -> Markup {
    let report = view.report;
    let assessed = report.summary.documents > 0;
    let mut links = Vec::new();
    if assessed {
        links.push(("next", "What to fix first"));
    }
    links.push(("overview", "Overview"));
    if assessed {
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
    if view.register.is_some() {
        links.push(("register", "Review register"));
    }
    if view.changes.is_some() {
        links.push(("changes", "What changed"));
    }
    links.extend([("documents", "All documents"), ("method", "How to read")]);
    html! {
        nav class="toc" aria-label="Sections" {
            ul { @for (id, label) in links { li { a href={ "#" (id) } { (label) } } } }
        }
    }
}

/// The documents most worth fixing, each with what it lacks, the finding that says so and the
/// rule's help: the first [`FIX_FIRST`] open, the rest folded.
fn next_steps(view: &View) -> Markup {
    let steps = &view.next_steps;
    let (first, rest) = steps.split_at(FIX_FIRST.min(steps.len()));
    let more = view.report.attention.len() - steps.len();
    html! {
        section id="next" {
            "\n" h2 { "What to fix first" } "\n"
            @if steps.is_empty() {
                p {
                    "Nothing: every assessed document both manages things and leads people, and \
                     none has errors."
                }
                "\n"
            } @else {
                p class="note" { (NEXT_STEPS_ORDER) } "\n"
                ol class="next" { "\n" @for step in first { (next_step(view, step)) } }
                "\n"
                @if !rest.is_empty() {
                    details {
                        summary { (count(rest.len(), "document", "documents")) " more" }
                        ol class="next" start=(FIX_FIRST + 1) {
                            "\n" @for step in rest { (next_step(view, step)) }
                        }
                    }
                    "\n"
                }
                @if more > 0 {
                    p class="note" {
                        (count(more, "document", "documents"))
                        " more need attention; the table of all documents has them."
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}

fn next_step(view: &View, step: &Step) -> Markup {
    html! {
        li id=(step.anchor) {
            p class="what" {
                (document_cell(view.report, step.document)) " "
                @if let Some(quadrant) = step.quadrant { (badge(quadrant)) }
            }
            p { strong { "Never mentions:" } " " (step.lacks) }
            @if let Some(finding) = step.finding {
                p class="finding" {
                    span class={ "severity " (finding.severity) } { (finding.severity) }
                    " " code { (finding.rule) } " at " (finding.place) ": " (finding.message)
                }
                @if let Some(help) = &finding.help { p class="help" { (help) } }
            }
        }
        "\n"
    }
}

fn overview(view: &View) -> Markup {
    let report = view.report;
    let catalogue = &report.catalogue;
    let summary = &report.summary;
    let dimensions = catalogue.dimensions.len();
    // "a, b and c", as `join_words` puts it.
    let separator = |d: usize| match d {
        0 => "",
        d if d + 1 == dimensions => " and ",
        _ => ", ",
    };
    let findings = summary.findings;
    let passed = view.thresholds.iter().filter(|t| t.passed).count();
    let thresholds_colour = if report.thresholds_passed() {
        QUADRANT_COLOURS[0]
    } else {
        "#D55E00"
    };
    html! {
        section id="overview" {
            "\n" h2 { "Overview" } "\n"
            p class="lede" {
                "A sustainable code, policy or role description does two things: it manages \
                 things and it leads people. This report shows, for each document, how much it \
                 says about "
                @for (d, dimension) in catalogue.dimensions.iter().enumerate() {
                    (separator(d)) strong { (dimension.label) } " ("
                    @for (i, c) in catalogue.concepts_of(Some(d)).enumerate() {
                        @if i > 0 { ", " }
                        (catalogue.concepts[c].label)
                    }
                    ")"
                }
                "."
            }
            "\n"
            @if summary.documents == 0 { p { "There is no document to assess." } "\n" }
            div class="cards" {
                "\n"
                @if let Some(both) = &view.headline.purpose_driven {
                    div class="card" style={ "--c:" (QUADRANT_COLOURS[0]) } {
                        p class="big" { (both.count) " " small { "of " (both.of) } }
                        p { "documents both manage things and lead people (" (both.share) ")" }
                        @if let Some(before) = both.before {
                            p class="delta" { (before) " before" }
                        }
                    }
                    "\n"
                }
                @for figure in &view.headline.dimensions {
                    div class="card"
                        style={ "--c:" (DIMENSION_COLOURS[figure.index % DIMENSION_COLOURS.len()]) } {
                        p class="big" { (figure.coverage) }
                        p {
                            "average coverage of " (catalogue.dimensions[figure.index].label)
                            ": the share of its " (figure.concepts) " concepts a document mentions"
                        }
                        @if let Some(change) = &figure.change {
                            p class="delta" { (change) " since the last report" }
                        }
                    }
                    "\n"
                }
                div class="card" style={ "--c:" (GREY) } {
                    p class="big" {
                        (findings.error) " "
                        small { @if findings.error == 1 { "error" } @else { "errors" } }
                    }
                    p {
                        (count(findings.warning, "warning", "warnings")) " and " (findings.info)
                        " info from the lint rules (" code { "policylint check" } ")"
                    }
                }
                "\n"
                @if !view.thresholds.is_empty() {
                    div class="card" style={ "--c:" (thresholds_colour) } {
                        p class="big" { (passed) " " small { "of " (view.thresholds.len()) } }
                        p { "coverage thresholds met" }
                    }
                    "\n"
                }
            }
            "\n"
            (thresholds(view))
        }
        "\n"
    }
}

fn thresholds(view: &View) -> Markup {
    if view.thresholds.is_empty() {
        return html! {};
    }
    html! {
        h3 { "Thresholds" } "\n"
        div class="scroll" {
            table {
                thead {
                    tr {
                        th { "Result" } th { "Coverage of" } th { "Measured" }
                        th class="num" { "Minimum" } th { "Set by" }
                    }
                }
                tbody {
                    "\n"
                    @for row in &view.thresholds {
                        tr {
                            td {
                                @if row.passed { span class="pass" { "✔ Passed" } }
                                @else { span class="fail" { "✘ Failed" } }
                            }
                            td { (row.subject) } td { (row.measured) }
                            td class="num" { (row.minimum) } td { (row.source) }
                        }
                        "\n"
                    }
                }
            }
        }
        "\n"
    }
}

fn quadrants(view: &View) -> Markup {
    let (Some(chart), Some(rows)) = (svg::quadrant_chart(view.report), &view.quadrants) else {
        return html! {};
    };
    html! {
        section id="quadrants" {
            "\n" h2 { "Manage and lead" } "\n"
            div class="chart-row" {
                figure {
                    (PreEscaped(chart))
                    figcaption {
                        "Each mark is a document: hover to see which, select it to jump to its \
                         row. Documents at the same place are spread around it; ×3 says how \
                         many. Shapes tell the kinds apart."
                    }
                }
                "\n"
                div {
                    div class="scroll" {
                        table {
                            caption { "Documents per quadrant" }
                            thead {
                                tr {
                                    th { "Quadrant" } th class="num" { "Documents" }
                                    th class="num" { "Share" }
                                }
                            }
                            tbody {
                                "\n"
                                @for row in rows {
                                    tr {
                                        td {
                                            (badge(row.quadrant)) br;
                                            span class="note" { (row.quadrant.meaning()) }
                                        }
                                        td class="num" { (row.count) }
                                        td class="num" { (row.share) }
                                    }
                                    "\n"
                                }
                            }
                        }
                    }
                    "\n"
                    p class="note" {
                        "A document is high on a dimension when it mentions at least "
                        (percent(QUADRANT_HIGH)) " of that dimension's concepts. Managed but \
                         not led reads as authoritarian; led but not managed reads as \
                         laissez-faire."
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}

/// A quadrant's name after a dot of its colour (see [`QUADRANT_COLOURS`] and the `.q` styles).
fn badge(quadrant: Quadrant) -> Markup {
    html! { span class={ "q q" (quadrant.index()) } { (quadrant.label()) } }
}

/// A quadrant's badge, or `–` for a document without one.
fn badge_or_dash(quadrant: Option<Quadrant>) -> Markup {
    match quadrant {
        Some(quadrant) => badge(quadrant),
        None => html! { "–" },
    }
}

fn gaps(view: &View) -> Markup {
    let gaps = &view.gaps;
    let items = |gaps: &[GapRow]| {
        html! {
            @for gap in gaps {
                li {
                    span class="gap" { (gap.sentence) }
                    span class="meter" aria-hidden="true" {
                        span style=(format!("width:{:.1}%", gap.missing)) {}
                    }
                }
                "\n"
            }
        }
    };
    let rest = gaps.len().saturating_sub(TOP_GAPS);
    html! {
        section id="gaps" {
            "\n" h2 { "Top gaps" } "\n"
            @if gaps.is_empty() {
                p { "Every document mentions every concept." } "\n"
            } @else {
                p class="note" {
                    "What documents of each kind never mention, the most widespread first. The \
                     bar is the share of documents missing it."
                }
                "\n"
                ol class="gaps" { "\n" (items(&gaps[..gaps.len() - rest])) }
                "\n"
                @if rest > 0 {
                    details {
                        summary { (rest) " more " @if rest == 1 { "gap" } @else { "gaps" } }
                        ol class="gaps" start=(TOP_GAPS + 1) { "\n" (items(&gaps[TOP_GAPS..])) }
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}

fn kinds(view: &View) -> Markup {
    let table = &view.kinds;
    html! {
        section id="kinds" {
            "\n" h2 { "Coverage by kind" } "\n"
            p class="note" {
                "For each kind of document: the average coverage of each dimension, and how \
                 many documents mention each concept."
            }
            "\n"
            div class="scroll" {
                table {
                    thead {
                        tr {
                            th { "Concept" }
                            @for title in &table.columns { th class="num" { (title) } }
                        }
                    }
                    tbody {
                        "\n"
                        @for group in &table.groups {
                            tr class="group" {
                                th scope="row" { (group.label) }
                                @for cell in &group.coverage {
                                    td class="num" { @if let Some(cell) = cell { (cell) } }
                                }
                            }
                            "\n"
                            @for concept in &group.concepts {
                                tr {
                                    td { (concept.label) }
                                    @for share in &concept.shares {
                                        td class="num" {
                                            @if let Some(share) = share {
                                                (share.covered) " of " (share.of) " "
                                                span class="note" { "(" (share.percent) ")" }
                                            } @else {
                                                "–"
                                            }
                                        }
                                    }
                                }
                                "\n"
                            }
                        }
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}

fn attention(view: &View) -> Markup {
    let total = view.report.attention.len();
    html! {
        section id="attention" {
            "\n" h2 { "Documents that need attention" } "\n"
            @if view.attention.is_empty() {
                p {
                    "Every assessed document both manages things and leads people, and none \
                     has errors."
                }
                "\n"
            } @else {
                p class="note" {
                    (count(total, "document needs", "documents need"))
                    " attention (not purpose-driven, or with errors). " (NEXT_STEPS_ORDER)
                    " Select the findings to see what to fix"
                    @if total > NEXT_STEPS {
                        " (the first " (NEXT_STEPS)
                        " here; all documents are in the table below)"
                    }
                    "."
                }
                "\n"
                div class="scroll" {
                    table class="cards" {
                        thead {
                            tr {
                                th { "Document" } th { "Quadrant" }
                                @for heading in &view.dimension_headings {
                                    th class="num" { (heading) }
                                }
                                th { "Never mentions" } th { "Findings" }
                            }
                        }
                        tbody {
                            "\n"
                            // On a phone each row is a card, every cell named by its
                            // `data-label`.
                            @for row in &view.attention {
                                tr {
                                    td { (document_cell(view.report, row.document)) }
                                    td data-label="Quadrant" { (badge_or_dash(row.quadrant)) }
                                    @for (heading, cell) in view.dimension_headings.iter().zip(&row.coverage) {
                                        td class="num" data-label=(heading) { (cell) }
                                    }
                                    td data-label="Never mentions" { (row.never_mentions) }
                                    td data-label="Findings" {
                                        a href={ "#" (row.anchor) } { (row.findings) }
                                    }
                                }
                                "\n"
                            }
                        }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// The review register: its counts, then a table per owner, the most urgent first.
fn register(view: &View) -> Markup {
    let Some(register) = &view.register else {
        return html! {};
    };
    html! {
        section id="register" {
            "\n" h2 { "Review register" } "\n"
            p { (register.summary) "." } "\n"
            @for owner in &register.owners {
                h3 { (owner.owner.unwrap_or("No owner")) } "\n"
                div class="scroll" {
                    table {
                        thead {
                            tr {
                                th { "Document" } th { "Status" } th { "Approver" }
                                th { "Effective" } th { "Reviewed" } th { "Next review" } th {}
                            }
                        }
                        tbody {
                            "\n"
                            @for row in &owner.rows {
                                tr {
                                    td { (document_cell(view.report, row.document)) }
                                    td { (row.status) }
                                    td { (row.approver.unwrap_or("–")) }
                                    td { (row.effective) } td { (row.reviewed) }
                                    td { (row.next_review) } td { (row.days) }
                                }
                                "\n"
                            }
                        }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// The heading cells the folder tables open with: the folder, its documents, each dimension.
fn folder_columns(view: &View) -> Markup {
    html! {
        th { "Folder" } th class="num" { "Documents" }
        @for heading in &view.dimension_headings {
            th class="num" { (heading) }
        }
    }
}

/// A document's title, linked to its row, over its path.
fn document_cell(report: &Report, index: usize) -> Markup {
    let document = &report.documents[index];
    let shown = shorten(&document.title, 90);
    let full = (shown != document.title).then_some(&document.title);
    html! {
        a href={ "#doc-" (index) } title=[full] { (shown) }
        span class="path" { (document.path) }
    }
}

/// Charts of several pages: the first shown, the others folded.
fn figure_pages(svgs: &[String], caption: &str) -> Markup {
    html! {
        @for (i, svg) in svgs.iter().enumerate() {
            @if i == 0 {
                figure { (PreEscaped(svg)) figcaption { (caption) } }
            } @else {
                details {
                    summary { "Part " (i + 1) " of " (svgs.len()) }
                    figure { (PreEscaped(svg)) }
                }
            }
            "\n"
        }
    }
}

fn folders(view: &View) -> Markup {
    let report = view.report;
    let (svgs, grouped) = svg::folder_bars(report);
    let caption = if grouped {
        format!(
            "The average coverage of each dimension over the documents of each group of \
             folders ({} folders in all; the table below has each one).",
            report.folders.len()
        )
    } else {
        "The average coverage of each dimension over the documents of each folder.".into()
    };
    html! {
        section id="folders" {
            "\n" h2 { "Coverage by folder" } "\n"
            (figure_pages(&svgs, &caption))
            details open[view.folders.len() <= 10] {
                summary { "Folders as a table" }
                div class="scroll" {
                    table {
                        thead {
                            tr {
                                (folder_columns(view))
                                @if view.quadrants.is_some() {
                                    th class="num" { "Purpose-driven" }
                                }
                            }
                        }
                        tbody {
                            "\n"
                            @for folder in &view.folders {
                                tr {
                                    td { (folder.path) }
                                    td class="num" { (folder.documents) }
                                    @for cell in &folder.coverage { td class="num" { (cell) } }
                                    @if let Some(purpose_driven) = folder.purpose_driven {
                                        td class="num" {
                                            (purpose_driven) " of " (folder.documents)
                                        }
                                    }
                                }
                                "\n"
                            }
                        }
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}

fn heat_map(report: &Report) -> Markup {
    let (svgs, by_folder) = svg::heat_map(report);
    if svgs.is_empty() {
        return html! {};
    }
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
    let labels = if by_folder {
        ["0%", "1–20%", "21–40%", "41–60%", "61–100%"]
    } else {
        ["none", "1", "2", "3–4", "5 or more"]
    };
    html! {
        section id="concepts" {
            "\n" h2 { "Concepts by document" } "\n"
            p class="legend" {
                @for (i, (label, colour)) in labels.iter().zip(HEAT_COLOURS).enumerate() {
                    @if i > 0 { " " }
                    (swatch(colour, label))
                }
            }
            "\n"
            div class="scroll" { (figure_pages(&svgs, &caption)) }
            "\n"
        }
        "\n"
    }
}

fn swatch(colour: &str, label: &str) -> Markup {
    html! { span class="swatch" style={ "background:" (colour) } {} (label) }
}

fn changes(view: &View) -> Markup {
    let Some(changes) = &view.changes else {
        return html! {};
    };
    html! {
        section id="changes" {
            "\n" h2 { "What changed since " (changes.against) } "\n"
            @if changes.nothing {
                p { "Nothing changed." } "\n"
            } @else {
                @for (title, list) in &changes.lists {
                    h3 { (title) " (" (list.len()) ")" } "\n"
                    ul {
                        "\n"
                        @for document in *list {
                            li { (document.title) " " span class="path" { (document.path) } }
                            "\n"
                        }
                    }
                    "\n"
                }
                @if !changes.changed.is_empty() {
                    h3 { "Changed (" (changes.changed.len()) ")" } "\n"
                    p class="note" { "What got worse first." } "\n"
                    ul {
                        "\n"
                        @for change in &changes.changed {
                            li class=(if change.worse { "worse" } else { "better" }) {
                                strong { (change.title) } " " (change.summary)
                                span class="path" { (change.path) }
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
                @if !changes.folders.is_empty() {
                    h3 { "Folders" } "\n"
                    div class="scroll" {
                        table {
                            thead {
                                tr {
                                    (folder_columns(view))
                                }
                            }
                            tbody {
                                "\n"
                                @for folder in &changes.folders {
                                    tr {
                                        td { (folder.path) }
                                        td class="num" { (folder.documents) }
                                        @for cell in &folder.coverage {
                                            td class="num" {
                                                @if let Some(change) = cell {
                                                    (coverage_change(change))
                                                } @else {
                                                    "no change"
                                                }
                                            }
                                        }
                                    }
                                    "\n"
                                }
                            }
                        }
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}

/// `50% → 63%` with the change in points after it.
fn coverage_change(change: &CoverageChange) -> Markup {
    html! {
        (change.before) " → " (change.after)
        @if let Some(delta) = &change.delta { " " span class="note" { "(" (delta) ")" } }
    }
}

/// Every assessed document with its figures: the table the page's script sorts and filters.
fn documents(view: &View) -> Markup {
    let report = view.report;
    let catalogue = &report.catalogue;
    let assessed: Vec<usize> = (0..report.documents.len())
        .filter(|&i| report.documents[i].assessed)
        .collect();
    let balance: Vec<&str> = catalogue
        .dimensions
        .iter()
        .map(|d| d.label.split_whitespace().next().unwrap_or(&d.label))
        .collect();
    let dimension_colour =
        |d: Option<usize>| d.map_or(GREY, |d| DIMENSION_COLOURS[d % DIMENSION_COLOURS.len()]);
    let shares = |document: &DocumentRecord| {
        let shares: Vec<String> = (0..catalogue.dimensions.len())
            .map(|d| document.share(d).map_or_else(|| "–".into(), percent))
            .collect();
        shares.join(" / ")
    };
    html! {
        section id="documents" {
            "\n" h2 { "All documents" } "\n"
            @if assessed.is_empty() {
                p { "No document to assess." } "\n"
            } @else {
                div id="document-controls" class="controls" hidden {
                    label { "Filter " input id="document-filter" type="search" placeholder="title or path"; }
                    " "
                    label {
                        "Quadrant "
                        select id="quadrant-filter" {
                            option value="" { "any" }
                            @if report.axes.is_some() {
                                @for quadrant in Quadrant::ALL {
                                    option value=(quadrant.id()) { (quadrant.label()) }
                                }
                            }
                        }
                    }
                    " " span id="document-count" class="note" aria-live="polite" {}
                    " " span class="note" { "Select a column heading to sort." }
                }
                "\n"
                div class="scroll" {
                    table id="documents-table" class="documents" {
                        caption {
                            (count(assessed.len(), "document", "documents"))
                            " with their coverage, balance, evidence per concept and findings"
                        }
                        thead {
                            tr {
                                th { "Document" } th { "Kind" } th { "Quadrant" }
                                @for heading in &view.dimension_headings {
                                    th class="num" { (heading) }
                                }
                                th class="num" title="Each dimension's share of the evidence" {
                                    "Balance" br; span class="note" { (balance.join(" / ")) }
                                }
                                @for concept in &catalogue.concepts {
                                    th class="num vertical"
                                        style={ "border-top:4px solid " (dimension_colour(concept.dimension)) }
                                        title=(concept.topic) { (concept.label) }
                                }
                                th class="num vertical" { "Errors" }
                                th class="num vertical" { "Warnings" }
                                th class="num vertical" { "Info" }
                            }
                        }
                        tbody {
                            "\n"
                            // Cells are kept short, as a report may have thousands of rows:
                            // numbers sort by their text, and only figures shown as
                            // percentages carry their value.
                            @for &index in &assessed {
                                @let document = &report.documents[index];
                                tr id={ "doc-" (index) }
                                    data-quadrant=(document.quadrant.map_or("", Quadrant::id)) {
                                    td { (document_cell(report, index)) }
                                    td { (catalogue.kind_label(document.kind)) }
                                    td data-value=(document.quadrant.map_or(9, Quadrant::index)) {
                                        (badge_or_dash(document.quadrant))
                                    }
                                    @for d in 0..catalogue.dimensions.len() {
                                        @let coverage = document.coverage(d);
                                        td data-value=(format!("{:.4}", coverage.unwrap_or(-1.0))) {
                                            (coverage.map_or_else(|| "–".into(), percent))
                                        }
                                    }
                                    td data-value=(format!("{:.4}", document.share(0).unwrap_or(-1.0))) {
                                        (shares(document))
                                    }
                                    @for evidence in &document.concepts {
                                        @match evidence {
                                            Some(0) => td class="zero" { "0" },
                                            Some(n) => td { (n) },
                                            None => td { "–" },
                                        }
                                    }
                                    td { (document.findings.error) }
                                    td { (document.findings.warning) }
                                    td { (document.findings.info) }
                                }
                                "\n"
                            }
                        }
                    }
                }
                "\n"
                p class="note" {
                    "Balance is each dimension's share of the document's evidence. Concept \
                     columns give the number of sentences with evidence; a 0 is a concept the \
                     document never mentions. The colour above each says its dimension: "
                    @for (i, (group, label)) in catalogue.concept_groups().into_iter().enumerate() {
                        @if i > 0 { " " }
                        (swatch(dimension_colour(group), label))
                    }
                    "."
                }
                "\n"
            }
        }
        "\n"
    }
}

/// The documents no rule checks, listed apart from the figures.
fn not_assessed(report: &Report) -> Markup {
    let pages: Vec<&DocumentRecord> = report.not_assessed().collect();
    if pages.is_empty() {
        return html! {};
    }
    let list = html! {
        ul {
            "\n"
            @for document in &pages {
                li {
                    (document.title) " "
                    span class="note" { "(" (report.catalogue.kind_label(document.kind)) ")" }
                    span class="path" { (document.path) }
                }
                "\n"
            }
        }
        "\n"
    };
    let described = count(pages.len(), "document", "documents");
    html! {
        section id="not-assessed" {
            "\n" h2 { "Not assessed" } "\n"
            p {
                "No rule checks " (described)
                " of these kinds, so they are left out of the figures."
            }
            "\n"
            @if pages.len() > OPEN_LIST {
                details { summary { (described) } (list) } "\n"
            } @else {
                (list)
            }
        }
        "\n"
    }
}

fn method(report: &Report) -> Markup {
    html! {
        section id="method" {
            "\n" h2 { "How to read this report" } "\n"
            dl {
                dt { "Coverage" }
                dd {
                    "The share of a dimension's concepts a document mentions at all: a policy \
                     that states rules, a process and measures but no road map covers 3 of the \
                     4 concepts of managing things, 75%. Figures for a group are the average \
                     over its documents."
                }
                dt { "Balance" }
                dd {
                    "Each dimension's share of the document's evidence (sentences that mention \
                     a concept)."
                }
                dt { "Quadrants" }
                dd {
                    "A document is high on a dimension when its coverage is at least "
                    (percent(QUADRANT_HIGH)) ". Purpose-driven documents are high on both; \
                     managed, not led documents only on managing things; led, not managed ones \
                     only on leading people; the rest on neither."
                }
                dt { "Gaps" }
                dd {
                    "Concepts some documents of a kind never mention, ranked by the share of \
                     documents missing them."
                }
                dt { "Findings" }
                dd {
                    "What the lint rules report; " code { "policylint check" }
                    " shows each one in its place."
                }
                dt { "Assessed documents" }
                dd {
                    "Only documents of a kind some rule checks count; the others are listed \
                     apart."
                }
                dt { "Concepts" }
                dd {
                    // What the documents table's concept headings say on hover, in the page.
                    ul class="concepts" {
                        @for concept in &report.catalogue.concepts {
                            li { strong { (concept.label) } ": " (concept.topic) }
                        }
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}
