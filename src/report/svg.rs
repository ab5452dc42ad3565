//! The pictures of the HTML report, as inline SVG: the quadrant scatter, the concept × document
//! heat map and coverage bars per folder. Each chart carries a `<title>` and `<desc>` (its text
//! alternative), every mark has a `<title>` shown on hover, and every string from a document
//! is escaped.
//!
//! Colours are the Okabe–Ito palette and ColorBrewer's single-hue Blues, both safe for colour
//! blindness; quadrants are also told apart by position, kinds by shape, and heat-map cells
//! carry their number.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::html::escape;
use super::model::{Aggregate, DocumentRecord, QUADRANT_HIGH, Quadrant, Report};
use super::{capitalise, count, percent, shorten};

/// Okabe–Ito colours of the quadrants, in [`Quadrant::ALL`] order.
pub const QUADRANT_COLOURS: [&str; 4] = ["#009E73", "#0072B2", "#E69F00", "#6E6E6E"];
/// Light tints of the same, for the quadrants' backgrounds.
const QUADRANT_TINTS: [&str; 4] = ["#E3F4EE", "#E1EDF7", "#FCF0D9", "#EFEFEF"];
/// Okabe–Ito colours for dimensions' bars: blue, orange, then the rest of the palette.
pub const DIMENSION_COLOURS: [&str; 6] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
];
/// ColorBrewer Blues, light to dark, for the heat map; text turns white on the last.
pub const HEAT_COLOURS: [&str; 5] = ["#F4F4F4", "#C6DBEF", "#9ECAE1", "#4292C6", "#08519C"];

/// Above this many assessed documents the heat map shows folders instead of documents.
pub const HEAT_MAP_DOCUMENTS: usize = 60;
/// Rows per heat map; more rows make more pages.
pub const HEAT_MAP_PAGE: usize = 60;
/// Folders per bar chart; more folders are grouped by their upper folders, then paged.
pub const FOLDER_BARS: usize = 30;

const FONT: &str = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"";

/// The scatter of managing things (x) against leading people (y), one mark per assessed
/// document, on the four quadrants. `None` without both axes or documents.
pub fn quadrant_chart(report: &Report) -> Option<String> {
    let axes = report.axes?;
    let catalogue = &report.catalogue;
    let documents: Vec<(usize, &DocumentRecord, f64, f64)> = report
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.quadrant.is_some())
        .filter_map(|(i, d)| Some((i, d, d.coverage(axes.manage)?, d.coverage(axes.lead)?)))
        .collect();
    if documents.is_empty() {
        return None;
    }
    let (width, height) = (640.0, 540.0);
    let (left, right, top, bottom) = (70.0, 20.0, 20.0, 96.0);
    // Room around the plot for clusters at 0% and 100%, clear of the quadrant names.
    let pad = 50.0;
    let x = |v: f64| left + pad + v * (width - left - right - 2.0 * pad);
    let y = |v: f64| top + pad + (1.0 - v) * (height - top - bottom - 2.0 * pad);
    let manage_label = &catalogue.dimensions[axes.manage].label;
    let lead_label = &catalogue.dimensions[axes.lead].label;
    let summary: Vec<String> = Quadrant::ALL
        .iter()
        .map(|q| format!("{}: {}", q.label(), report.summary.quadrant(*q)))
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" id=\"quadrant-chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" \
         height=\"{height}\" role=\"img\" \
         aria-labelledby=\"quadrant-title quadrant-desc\" {FONT}>\
         <title id=\"quadrant-title\">{} against {}: one mark per document</title>\
         <desc id=\"quadrant-desc\">Documents placed by how many concepts of {} (across) and of \
         {} (up) they cover. {}.</desc>",
        escape(&capitalise(manage_label)),
        escape(lead_label),
        escape(manage_label),
        escape(lead_label),
        escape(&summary.join(", "))
    );
    // Quadrant backgrounds and names.
    let (x0, xm, x1) = (left, x(QUADRANT_HIGH), width - right);
    let (y0, ym, y1) = (top, y(QUADRANT_HIGH), height - bottom);
    let regions = [
        (
            Quadrant::PurposeDriven,
            xm,
            y0,
            x1 - xm,
            ym - y0,
            "end",
            x1 - 8.0,
            y0 + 18.0,
        ),
        (
            Quadrant::ManagedNotLed,
            xm,
            ym,
            x1 - xm,
            y1 - ym,
            "end",
            x1 - 8.0,
            y1 - 10.0,
        ),
        (
            Quadrant::LedNotManaged,
            x0,
            y0,
            xm - x0,
            ym - y0,
            "start",
            x0 + 8.0,
            y0 + 18.0,
        ),
        (
            Quadrant::Neither,
            x0,
            ym,
            xm - x0,
            y1 - ym,
            "start",
            x0 + 8.0,
            y1 - 10.0,
        ),
    ];
    for (quadrant, rx, ry, rw, rh, anchor, tx, ty) in regions {
        let i = quadrant.index();
        let _ = write!(
            svg,
            "<rect x=\"{rx:.1}\" y=\"{ry:.1}\" width=\"{rw:.1}\" height=\"{rh:.1}\" fill=\"{}\"/>\
             <text x=\"{tx:.1}\" y=\"{ty:.1}\" text-anchor=\"{anchor}\" font-size=\"14\" \
             font-weight=\"700\" fill=\"#222\">{} ({})</text>",
            QUADRANT_TINTS[i],
            quadrant.label(),
            report.summary.quadrant(quadrant)
        );
    }
    // Grid and axes.
    for step in 0..=4 {
        let v = f64::from(step) / 4.0;
        let (gx, gy) = (x(v), y(v));
        let _ = write!(
            svg,
            "<line x1=\"{gx:.1}\" y1=\"{y0:.1}\" x2=\"{gx:.1}\" y2=\"{y1:.1}\" stroke=\"#fff\"/>\
             <line x1=\"{x0:.1}\" y1=\"{gy:.1}\" x2=\"{x1:.1}\" y2=\"{gy:.1}\" stroke=\"#fff\"/>\
             <text x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" \
             fill=\"#444\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\" \
             fill=\"#444\">{}</text>",
            y1 + 16.0,
            percent(v),
            x0 - 6.0,
            gy + 4.0,
            percent(v)
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{xm:.1}\" y1=\"{y0:.1}\" x2=\"{xm:.1}\" y2=\"{y1:.1}\" stroke=\"#555\" \
         stroke-dasharray=\"4 3\"/>\
         <line x1=\"{x0:.1}\" y1=\"{ym:.1}\" x2=\"{x1:.1}\" y2=\"{ym:.1}\" stroke=\"#555\" \
         stroke-dasharray=\"4 3\"/>\
         <rect x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" \
         stroke=\"#999\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#222\">\
         {} → share of its concepts covered</text>\
         <text transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\" \
         font-size=\"13\" fill=\"#222\">{} → share of its concepts covered</text>",
        x1 - x0,
        y1 - y0,
        (x0 + x1) / 2.0,
        y1 + 36.0,
        escape(&capitalise(manage_label)),
        (y0 + y1) / 2.0,
        escape(&capitalise(lead_label))
    );
    // Documents at the same place form a sunflower cluster around it, so every one shows.
    let mut clusters: BTreeMap<(u64, u64), Vec<(usize, &DocumentRecord)>> = BTreeMap::new();
    for &(i, document, manage, lead) in &documents {
        let key = ((manage * 1e6).round() as u64, (lead * 1e6).round() as u64);
        clusters.entry(key).or_default().push((i, document));
    }
    let largest = clusters.values().map(Vec::len).max().unwrap_or(1) as f64;
    let radius = (pad * 0.55 / (1.15 * largest.sqrt())).clamp(0.5, 7.0);
    let spacing = radius * 2.1;
    let kinds: Vec<Option<usize>> = {
        let mut kinds: Vec<Option<usize>> = documents.iter().map(|(_, d, _, _)| d.kind).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    };
    for ((mx, ly), members) in &clusters {
        let (cx, cy) = (x(*mx as f64 / 1e6), y(*ly as f64 / 1e6));
        for (n, (i, document)) in members.iter().enumerate() {
            let angle = n as f64 * 2.399_963; // the golden angle, in radians
            let distance = spacing * 0.55 * (n as f64).sqrt();
            let (px, py) = (cx + distance * angle.cos(), cy + distance * angle.sin());
            let quadrant = document.quadrant.unwrap_or(Quadrant::Neither);
            let shape = kinds.iter().position(|k| *k == document.kind).unwrap_or(0);
            let tooltip = format!(
                "{} ({}): {} {}, {} {}; {}",
                shorten(&document.title, 80),
                catalogue.kind_label(document.kind),
                manage_label,
                percent(document.coverage(axes.manage).unwrap_or(0.0)),
                lead_label,
                percent(document.coverage(axes.lead).unwrap_or(0.0)),
                quadrant.label()
            );
            let _ = write!(
                svg,
                "<a href=\"#doc-{i}\">{}</a>",
                mark(
                    shape,
                    px,
                    py,
                    radius,
                    QUADRANT_COLOURS[quadrant.index()],
                    &escape(&tooltip)
                )
            );
        }
        if members.len() > 1 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\" \
                 aria-hidden=\"true\">×{}</text>",
                cx + spacing * 0.55 * (members.len() as f64).sqrt() + 3.0,
                cy - 6.0,
                members.len()
            );
        }
    }
    // Legend: the shape of each kind.
    let mut lx = x0;
    let ly = height - 24.0;
    for (shape, kind) in kinds.iter().enumerate() {
        let label = capitalise(&catalogue.kind_noun(*kind, 2));
        let _ = write!(
            svg,
            "{}<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#222\">{}</text>",
            mark(shape, lx + 6.0, ly, 5.5, "#555", ""),
            lx + 16.0,
            ly + 4.0,
            escape(&label)
        );
        lx += 30.0 + 7.0 * label.chars().count() as f64;
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// A document's mark: a circle, square, diamond or triangle by kind.
fn mark(shape: usize, x: f64, y: f64, r: f64, fill: &str, tooltip: &str) -> String {
    let title = if tooltip.is_empty() {
        String::new()
    } else {
        format!("<title>{tooltip}</title>")
    };
    // A thin outline keeps neighbours apart without washing out small marks.
    let style = format!(
        "fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"{:.2}\"",
        (r * 0.15).min(0.8)
    );
    match shape % 4 {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" {style}>{title}</circle>"),
        1 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" {style}>{title}</rect>",
            x - r * 0.9,
            y - r * 0.9,
            r * 1.8,
            r * 1.8
        ),
        2 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" {style}>{title}</path>",
            y - r * 1.2,
            x + r * 1.2,
            y + r * 1.2,
            x - r * 1.2
        ),
        _ => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\" {style}>{title}</path>",
            y - r * 1.2,
            x + r * 1.1,
            y + r * 0.8,
            x - r * 1.1,
            y + r * 0.8
        ),
    }
}

/// One row of the heat map: a document (evidence counts) or a group of folders (shares).
struct HeatRow {
    label: String,
    tooltip: String,
    link: Option<usize>,
    cells: Vec<HeatCell>,
}

enum HeatCell {
    /// The concept is not in the document's packs.
    Absent,
    Count(u32),
    Share(usize, usize),
}

impl HeatCell {
    /// The colour bin, the text and the words for hovering.
    fn show(&self) -> Option<(usize, String, String)> {
        match *self {
            HeatCell::Absent => None,
            HeatCell::Count(n) => {
                let bin = match n {
                    0 => 0,
                    1 => 1,
                    2 => 2,
                    3..=4 => 3,
                    _ => 4,
                };
                let words = match n {
                    0 => "no evidence".to_string(),
                    n => count(n as usize, "piece of evidence", "pieces of evidence"),
                };
                Some((bin, n.to_string(), words))
            }
            HeatCell::Share(covered, of) => {
                let ratio = (of > 0).then(|| covered as f64 / of as f64)?;
                let bin = ((ratio * 5.0).ceil() as usize).min(4);
                Some((
                    if covered == 0 { 0 } else { bin.max(1) },
                    percent(ratio).trim_end_matches('%').to_string(),
                    format!("mentioned in {covered} of {of} documents"),
                ))
            }
        }
    }
}

/// The heat map of concepts (columns) by document or by folder (rows), as one SVG per page,
/// and whether rows are folders.
pub fn heat_map(report: &Report) -> (Vec<String>, bool) {
    let catalogue = &report.catalogue;
    let assessed: Vec<(usize, &DocumentRecord)> = report
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.assessed)
        .collect();
    if assessed.is_empty() || catalogue.concepts.is_empty() {
        return (Vec::new(), false);
    }
    let by_folder = assessed.len() > HEAT_MAP_DOCUMENTS;
    let rows: Vec<HeatRow> = if by_folder {
        let documents: Vec<&DocumentRecord> = assessed.iter().map(|(_, d)| *d).collect();
        folder_groups(&documents, HEAT_MAP_DOCUMENTS)
            .into_iter()
            .map(|(label, members)| {
                let aggregate = Aggregate::of(catalogue, members.iter().copied());
                HeatRow {
                    tooltip: format!("{label}: {}", count(members.len(), "document", "documents")),
                    label: format!("{} ({})", shorten_left(&label, 30), members.len()),
                    link: None,
                    cells: aggregate
                        .concepts
                        .iter()
                        .map(|s| HeatCell::Share(s.covered, s.of))
                        .collect(),
                }
            })
            .collect()
    } else {
        assessed
            .iter()
            .map(|&(i, d)| HeatRow {
                label: shorten(&d.title, 34),
                tooltip: format!("{} ({})", d.title, d.path),
                link: Some(i),
                cells: d
                    .concepts
                    .iter()
                    .map(|c| c.map_or(HeatCell::Absent, HeatCell::Count))
                    .collect(),
            })
            .collect()
    };
    let pages = rows.len().div_ceil(HEAT_MAP_PAGE);
    let svgs = rows
        .chunks(HEAT_MAP_PAGE)
        .enumerate()
        .map(|(page, rows)| heat_map_page(report, rows, page, pages, by_folder))
        .collect();
    (svgs, by_folder)
}

fn heat_map_page(
    report: &Report,
    rows: &[HeatRow],
    page: usize,
    pages: usize,
    by_folder: bool,
) -> String {
    let catalogue = &report.catalogue;
    let (label_width, cell_w, cell_h, header) = (250.0, 46.0, 22.0, 128.0);
    let groups = catalogue.concept_groups();
    // Columns in group order, with a gap between groups.
    let mut columns: Vec<(usize, f64)> = Vec::new();
    let mut group_spans: Vec<(&str, f64, f64)> = Vec::new();
    let mut cx = label_width;
    for (group, label) in &groups {
        let start = cx;
        for concept in catalogue.concepts_of(*group) {
            columns.push((concept, cx));
            cx += cell_w;
        }
        group_spans.push((label, start, cx));
        cx += 8.0;
    }
    // Room on the right for the last column's slanted label.
    let width = cx + 90.0;
    let height = header + rows.len() as f64 * cell_h + 8.0;
    let what = if by_folder { "folder" } else { "document" };
    let id = format!("heat-map-{}", page + 1);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart heat-map\" id=\"{id}\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" {FONT}>\
         <title id=\"{id}-title\">Concepts by {what}{}</title>\
         <desc id=\"{id}-desc\">{} Darker cells mean more; each cell shows its number, and the \
         tables of this page give the same figures.</desc>",
        if pages > 1 {
            format!(", part {} of {pages}", page + 1)
        } else {
            String::new()
        },
        if by_folder {
            "One row per folder; each cell is the percentage of its documents that mention the \
             concept."
        } else {
            "One row per document; each cell is the number of sentences that give evidence of \
             the concept."
        }
    );
    for (label, start, end) in &group_spans {
        let _ = write!(
            svg,
            "<line x1=\"{:.1}\" y1=\"18\" x2=\"{:.1}\" y2=\"18\" stroke=\"#555\"/>\
             <text x=\"{:.1}\" y=\"13\" text-anchor=\"middle\" font-size=\"12\" \
             font-weight=\"700\" fill=\"#222\">{}</text>",
            start + 2.0,
            end - 2.0,
            (start + end) / 2.0,
            escape(&capitalise(&shorten(label, ((end - start) / 7.0) as usize)))
        );
    }
    for &(concept, x) in &columns {
        let _ = write!(
            svg,
            "<text transform=\"translate({:.1} {:.1}) rotate(-55)\" font-size=\"12\" \
             fill=\"#222\">{}</text>",
            x + cell_w / 2.0 + 2.0,
            header - 6.0,
            escape(&catalogue.concepts[concept].label)
        );
    }
    for (r, row) in rows.iter().enumerate() {
        let y = header + r as f64 * cell_h;
        let label = format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\" \
             fill=\"#0B4F8A\">{}<title>{}</title></text>",
            label_width - 8.0,
            y + cell_h / 2.0 + 4.0,
            escape(&row.label),
            escape(&row.tooltip)
        );
        match row.link {
            Some(i) => {
                let _ = write!(svg, "<a href=\"#doc-{i}\">{label}</a>");
            }
            None => svg.push_str(&label.replace("#0B4F8A", "#222")),
        }
        for &(concept, x) in &columns {
            let concept_label = &catalogue.concepts[concept].label;
            match row.cells[concept].show() {
                Some((bin, text, words)) => {
                    let _ = write!(
                        svg,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" \
                         fill=\"{}\"><title>{}: {}</title></rect>\
                         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" \
                         fill=\"{}\" aria-hidden=\"true\">{text}</text>",
                        x + 1.0,
                        y + 1.0,
                        cell_w - 2.0,
                        cell_h - 2.0,
                        HEAT_COLOURS[bin],
                        escape(&row.tooltip),
                        escape(&format!("{concept_label}, {words}")),
                        x + cell_w / 2.0,
                        y + cell_h / 2.0 + 4.0,
                        if bin >= 4 { "#fff" } else { "#222" }
                    );
                }
                None => {
                    let _ = write!(
                        svg,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" \
                         fill=\"#fff\" stroke=\"#ddd\"><title>{}: {}, not in this document's \
                         rule packs</title></rect>",
                        x + 1.0,
                        y + 1.0,
                        cell_w - 2.0,
                        cell_h - 2.0,
                        escape(&row.tooltip),
                        escape(concept_label)
                    );
                }
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Bars of each dimension's mean coverage per folder (or group of folders), as one SVG per
/// page, and whether folders were grouped.
pub fn folder_bars(report: &Report) -> (Vec<String>, bool) {
    let catalogue = &report.catalogue;
    if report.folders.is_empty() || catalogue.dimensions.is_empty() {
        return (Vec::new(), false);
    }
    let grouped = report.folders.len() > FOLDER_BARS;
    let groups: Vec<(String, Aggregate)> = if grouped {
        let documents: Vec<&DocumentRecord> =
            report.documents.iter().filter(|d| d.assessed).collect();
        folder_groups(&documents, FOLDER_BARS)
            .into_iter()
            .map(|(label, members)| (label, Aggregate::of(catalogue, members)))
            .collect()
    } else {
        report.folders.clone()
    };
    let pages = groups.len().div_ceil(FOLDER_BARS);
    let svgs = groups
        .chunks(FOLDER_BARS)
        .enumerate()
        .map(|(page, groups)| folder_bars_page(report, groups, page, pages))
        .collect();
    (svgs, grouped)
}

fn folder_bars_page(
    report: &Report,
    groups: &[(String, Aggregate)],
    page: usize,
    pages: usize,
) -> String {
    let catalogue = &report.catalogue;
    let dimensions = catalogue.dimensions.len();
    let (label_width, bar_width, bar_h, gap, top) = (230.0, 330.0, 14.0, 12.0, 34.0);
    let row_h = bar_h * dimensions as f64 + gap;
    let width = label_width + bar_width + 60.0;
    let height = top + groups.len() as f64 * row_h + 24.0;
    let id = format!("folder-bars-{}", page + 1);
    let mut svg = String::new();
    let described: Vec<String> = groups
        .iter()
        .map(|(folder, aggregate)| {
            let figures: Vec<String> = (0..dimensions)
                .map(|d| {
                    format!(
                        "{} {}",
                        catalogue.dimensions[d].label,
                        aggregate.coverage(d).map_or_else(|| "none".into(), percent)
                    )
                })
                .collect();
            format!("{folder}: {}", figures.join(", "))
        })
        .collect();
    let _ = write!(
        svg,
        "<svg class=\"chart folder-bars\" id=\"{id}\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" {FONT}>\
         <title id=\"{id}-title\">Average coverage per folder{}</title>\
         <desc id=\"{id}-desc\">{}.</desc>",
        if pages > 1 {
            format!(", part {} of {pages}", page + 1)
        } else {
            String::new()
        },
        escape(&described.join("; "))
    );
    // Legend.
    let mut lx = label_width;
    for (d, dimension) in catalogue.dimensions.iter().enumerate() {
        let label = capitalise(&dimension.label);
        let _ = write!(
            svg,
            "<rect x=\"{lx:.1}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"18\" font-size=\"12\" fill=\"#222\">{}</text>",
            DIMENSION_COLOURS[d % DIMENSION_COLOURS.len()],
            lx + 16.0,
            escape(&label)
        );
        lx += 34.0 + 7.0 * label.chars().count() as f64;
    }
    for step in 0..=4 {
        let value = f64::from(step) / 4.0;
        let gx = label_width + value * bar_width;
        let _ = write!(
            svg,
            "<line x1=\"{gx:.1}\" y1=\"{:.1}\" x2=\"{gx:.1}\" y2=\"{:.1}\" stroke=\"#e4e4e4\"/>\
             <text x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" \
             fill=\"#555\">{}</text>",
            top - 4.0,
            height - 20.0,
            height - 6.0,
            percent(value)
        );
    }
    for (g, (folder, aggregate)) in groups.iter().enumerate() {
        let y = top + g as f64 * row_h;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">\
             {}<title>{}</title></text>",
            label_width - 8.0,
            y + bar_h * dimensions as f64 / 2.0 + 4.0,
            escape(&format!(
                "{} ({})",
                shorten_left(folder, 28),
                aggregate.documents
            )),
            escape(&format!(
                "{folder}: {}",
                count(aggregate.documents, "document", "documents")
            ))
        );
        for d in 0..dimensions {
            let by = y + d as f64 * bar_h;
            let value = aggregate.coverage(d);
            let length = value.unwrap_or(0.0) * bar_width;
            let _ = write!(
                svg,
                "<rect x=\"{label_width:.1}\" y=\"{by:.1}\" width=\"{length:.1}\" \
                 height=\"{:.1}\" fill=\"{}\"><title>{}: {} {}</title></rect>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\">{}</text>",
                bar_h - 2.0,
                DIMENSION_COLOURS[d % DIMENSION_COLOURS.len()],
                escape(folder),
                escape(&catalogue.dimensions[d].label),
                value.map_or_else(|| "none".into(), percent),
                label_width + length + 4.0,
                by + bar_h - 4.0,
                value.map_or_else(|| "–".into(), percent)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Documents grouped by folder, at the deepest level below their common folder that gives at
/// most `limit` groups (the top level when none does). A group that holds deeper folders is
/// named with a trailing `/…`.
pub fn folder_groups<'a>(
    documents: &[&'a DocumentRecord],
    limit: usize,
) -> Vec<(String, Vec<&'a DocumentRecord>)> {
    let parts: Vec<Vec<&str>> = documents
        .iter()
        .map(|d| d.folder().split('/').collect())
        .collect();
    let common = parts.first().map_or(0, |first| {
        (0..first.len())
            .take_while(|&i| parts.iter().all(|p| p.get(i) == first.get(i)))
            .count()
    });
    let deepest = parts.iter().map(Vec::len).max().unwrap_or(0);
    let group_at = |depth: usize| {
        let mut groups: BTreeMap<String, Vec<&'a DocumentRecord>> = BTreeMap::new();
        for (document, parts) in documents.iter().zip(&parts) {
            let end = parts.len().min(common + depth);
            let mut label = parts[..end].join("/");
            if end < parts.len() {
                label.push_str("/…");
            }
            groups.entry(label).or_default().push(*document);
        }
        groups
    };
    let mut depth = deepest.saturating_sub(common).max(1);
    loop {
        let groups = group_at(depth);
        if groups.len() <= limit || depth == 1 {
            return groups.into_iter().collect();
        }
        depth -= 1;
    }
}

/// Text cut from the left, keeping its end: "…/policies/travel".
fn shorten_left(text: &str, max: usize) -> String {
    let length = text.chars().count();
    if length <= max {
        return text.to_string();
    }
    let tail: String = text.chars().skip(length - max + 1).collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::FindingCounts;

    fn document(path: &str) -> DocumentRecord {
        DocumentRecord {
            path: path.into(),
            title: path.into(),
            kind: None,
            assessed: true,
            concepts: Vec::new(),
            dimensions: Vec::new(),
            findings: FindingCounts::default(),
            lacking: Vec::new(),
            quadrant: None,
            register: None,
        }
    }

    #[test]
    fn folders_group_at_the_deepest_level_that_fits() {
        let documents: Vec<DocumentRecord> = [
            "hr/policies/a/1.md",
            "hr/policies/b/2.md",
            "hr/roles/3.md",
            "hr/roles/4.md",
        ]
        .iter()
        .map(|p| document(p))
        .collect();
        let refs: Vec<&DocumentRecord> = documents.iter().collect();
        let labels = |limit| -> Vec<(String, usize)> {
            folder_groups(&refs, limit)
                .into_iter()
                .map(|(label, members)| (label, members.len()))
                .collect()
        };
        assert_eq!(
            labels(3),
            [
                ("hr/policies/a".to_string(), 1),
                ("hr/policies/b".to_string(), 1),
                ("hr/roles".to_string(), 2)
            ]
        );
        assert_eq!(
            labels(2),
            [
                ("hr/policies/…".to_string(), 2),
                ("hr/roles".to_string(), 2)
            ]
        );
        assert_eq!(
            labels(1).len(),
            2,
            "the top level, however many groups it has"
        );
    }

    #[test]
    fn shorten_left_keeps_the_end() {
        assert_eq!(shorten_left("handbook/policies", 10), "…/policies");
        assert_eq!(shorten_left("roles", 10), "roles");
    }
}
