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

use super::contents::Report;
use super::model::{Aggregate, DocumentRecord, QUADRANT_HIGH, Quadrant};
use super::words::{capitalise, count, percent, shorten};

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

/// Charts that scale with the page are drawn this wide: at the 376 px a 400 px phone leaves,
/// their 12-unit text is still over 11 px.
const NARROW: f64 = 400.0;
/// The smallest text of a chart, in its own units.
const TEXT: f64 = 12.0;

/// About how wide a character is, in ems of a sans-serif font: capitals and the widest small
/// letters more than the rest. Generous, so a label laid out by it does not run into its
/// neighbour.
fn char_width(c: char) -> f64 {
    if c.is_uppercase() || "mwMW%…×".contains(c) {
        0.78
    } else {
        0.62
    }
}

/// About how wide a text is in a sans-serif font of `size`.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(char_width).sum::<f64>() * size
}

/// `text` cut with an ellipsis to fit `room` at `size`.
fn fit(text: &str, size: f64, room: f64) -> String {
    if text_width(text, size) <= room {
        return text.to_string();
    }
    let mut used = char_width('…') * size;
    let kept: String = text
        .chars()
        .take_while(|&c| {
            used += char_width(c) * size;
            used <= room
        })
        .collect();
    format!("{}…", kept.trim_end())
}

/// A `<text>` that may be cut: the full text in its `<title>` when it was.
fn label_title(shown: &str, full: &str) -> String {
    if shown == full {
        String::new()
    } else {
        format!("<title>{}</title>", escape(full))
    }
}

/// A document of a cluster on the quadrant chart: its index in the report, its record, and its
/// coverage of managing things and of leading people.
type Member<'a> = (usize, &'a DocumentRecord, f64, f64);

/// The scatter of managing things (x) against leading people (y), one mark per assessed
/// document, on the four quadrants. `None` without both axes or documents.
///
/// Every mark is drawn inside the region of its own quadrant: a document on a boundary (at
/// exactly 50%), or one a finding holds low on a dimension whatever its coverage, is moved just
/// inside, so its colour always matches the region's and the legend's.
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
    let width = NARROW;
    let (x0, x1, y0, y1) = (52.0, width - 8.0, 8.0, 328.0);
    // Room inside the plot for clusters at 0% and 100%, and for the quadrant names.
    let (pad_x, pad_y) = (28.0, 40.0);
    let x = |v: f64| x0 + pad_x + v * (x1 - x0 - 2.0 * pad_x);
    let y = |v: f64| y0 + pad_y + (1.0 - v) * (y1 - y0 - 2.0 * pad_y);
    let (xm, ym) = (x(QUADRANT_HIGH), y(QUADRANT_HIGH));
    let region = |quadrant: Quadrant| match quadrant {
        Quadrant::PurposeDriven => (xm, y0, x1, ym),
        Quadrant::ManagedNotLed => (xm, ym, x1, y1),
        Quadrant::LedNotManaged => (x0, y0, xm, ym),
        Quadrant::Neither => (x0, ym, xm, y1),
    };
    let manage_label = &catalogue.dimensions[axes.manage].label;
    let lead_label = &catalogue.dimensions[axes.lead].label;
    // The legend of kinds, in rows that fit the width.
    let kinds: Vec<Option<usize>> = {
        let mut kinds: Vec<Option<usize>> = documents.iter().map(|(_, d, _, _)| d.kind).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    };
    let mut legend: Vec<(usize, String, f64, usize)> = Vec::new();
    let (mut lx, mut row) = (x0, 0);
    for (shape, kind) in kinds.iter().enumerate() {
        let full = capitalise(&catalogue.kind_noun(*kind, 2));
        let label = fit(&full, TEXT, width - x0 - 16.0);
        let item = 16.0 + text_width(&label, TEXT) + 14.0;
        if lx + item > width && lx > x0 {
            lx = x0;
            row += 1;
        }
        legend.push((shape, label, lx, row));
        lx += item;
    }
    let legend_top = y1 + 62.0;
    let height = legend_top + 20.0 * (row + 1) as f64;
    let summary: Vec<String> = Quadrant::ALL
        .iter()
        .map(|q| format!("{}: {}", q.label(), report.summary.quadrant(*q)))
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart scales\" id=\"quadrant-chart\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-labelledby=\"quadrant-title quadrant-desc\" {FONT}>\
         <title id=\"quadrant-title\">{} against {}: one mark per document</title>\
         <desc id=\"quadrant-desc\">Documents placed by how many concepts of {} (across) and of \
         {} (up) they cover. {}.</desc>",
        escape(&capitalise(manage_label)),
        escape(lead_label),
        escape(manage_label),
        escape(lead_label),
        escape(&summary.join(", "))
    );
    // Quadrant backgrounds, each named after a dot of its marks' colour.
    let _ = write!(
        svg,
        "<rect class=\"plot\" x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{:.1}\" \
         fill=\"none\"/>",
        x1 - x0,
        y1 - y0
    );
    for quadrant in Quadrant::ALL {
        let (rx0, ry0, rx1, ry1) = region(quadrant);
        let _ = write!(
            svg,
            "<rect x=\"{rx0:.1}\" y=\"{ry0:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
            rx1 - rx0,
            ry1 - ry0,
            QUADRANT_TINTS[quadrant.index()],
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
             <text x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"{TEXT}\" \
             fill=\"#444\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"{TEXT}\" \
             fill=\"#444\">{}</text>",
            y1 + 16.0,
            percent(v),
            x0 - 4.0,
            gy + 4.0,
            percent(v)
        );
    }
    let x_title = format!("{}: concepts covered →", capitalise(manage_label));
    let y_title = format!("{}: concepts covered →", capitalise(lead_label));
    let (x_shown, y_shown) = (fit(&x_title, TEXT, x1 - x0), fit(&y_title, TEXT, y1 - y0));
    let _ = write!(
        svg,
        "<line x1=\"{xm:.1}\" y1=\"{y0:.1}\" x2=\"{xm:.1}\" y2=\"{y1:.1}\" stroke=\"#555\" \
         stroke-dasharray=\"4 3\"/>\
         <line x1=\"{x0:.1}\" y1=\"{ym:.1}\" x2=\"{x1:.1}\" y2=\"{ym:.1}\" stroke=\"#555\" \
         stroke-dasharray=\"4 3\"/>\
         <rect x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" \
         stroke=\"#999\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"{TEXT}\" fill=\"#222\">\
         {}{}</text>\
         <text transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\" \
         font-size=\"{TEXT}\" fill=\"#222\">{}{}</text>",
        x1 - x0,
        y1 - y0,
        (x0 + x1) / 2.0,
        y1 + 38.0,
        escape(&x_shown),
        label_title(&x_shown, &x_title),
        (y0 + y1) / 2.0,
        escape(&y_shown),
        label_title(&y_shown, &y_title)
    );
    for quadrant in Quadrant::ALL {
        let (rx0, ry0, _, ry1) = region(quadrant);
        let ty = if ry0 == y0 { ry0 + 18.0 } else { ry1 - 10.0 };
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4.5\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{ty:.1}\" font-size=\"{TEXT}\" font-weight=\"700\" \
             fill=\"#222\">{} ({})</text>",
            rx0 + 10.0,
            ty - 4.0,
            QUADRANT_COLOURS[quadrant.index()],
            rx0 + 18.0,
            quadrant.label(),
            report.summary.quadrant(quadrant)
        );
    }
    // A point kept `inset` inside its quadrant's region.
    let inside = |quadrant: Quadrant, px: f64, py: f64, inset: f64| {
        let (rx0, ry0, rx1, ry1) = region(quadrant);
        let clamp = |v: f64, lo: f64, hi: f64| {
            if lo > hi {
                (lo + hi) / 2.0
            } else {
                v.clamp(lo, hi)
            }
        };
        (
            clamp(px, rx0 + inset, rx1 - inset),
            clamp(py, ry0 + inset, ry1 - inset),
        )
    };
    // Documents drawn at the same place form a sunflower cluster around it, so every one
    // shows: those of the same coverage, and those a finding moves to the same edge.
    let mut clusters: BTreeMap<(Quadrant, i64, i64), Vec<Member>> = BTreeMap::new();
    for &(i, document, manage, lead) in &documents {
        let quadrant = document.quadrant.unwrap_or(Quadrant::Neither);
        let (px, py) = inside(quadrant, x(manage), y(lead), 0.0);
        let key = (
            quadrant,
            (px * 100.0).round() as i64,
            (py * 100.0).round() as i64,
        );
        clusters
            .entry(key)
            .or_default()
            .push((i, document, manage, lead));
    }
    let largest = clusters.values().map(Vec::len).max().unwrap_or(1) as f64;
    let radius = (pad_x * 0.55 / (1.15 * largest.sqrt())).clamp(0.5, 6.0);
    let spacing = radius * 2.1;
    // Boxes of the text so far, so no cluster's count is written over another text.
    let mut taken: Vec<[f64; 4]> = Quadrant::ALL
        .iter()
        .map(|&quadrant| {
            let (rx0, ry0, _, ry1) = region(quadrant);
            let ty = if ry0 == y0 { ry0 + 18.0 } else { ry1 - 10.0 };
            let name = format!("{} (000)", quadrant.label());
            [
                rx0 + 4.0,
                ty - 11.5,
                rx0 + 18.0 + text_width(&name, TEXT),
                ty + 3.5,
            ]
        })
        .collect();
    for ((quadrant, px, py), members) in &clusters {
        let quadrant = *quadrant;
        let spread = spacing * 0.55 * (members.len() as f64).sqrt();
        let (cx, cy) = inside(
            quadrant,
            *px as f64 / 100.0,
            *py as f64 / 100.0,
            spread + radius * 1.3 + 1.0,
        );
        for (n, &(i, document, manage, lead)) in members.iter().enumerate() {
            let angle = n as f64 * 2.399_963; // the golden angle, in radians
            let distance = spacing * 0.55 * (n as f64).sqrt();
            let (px, py) = inside(
                quadrant,
                cx + distance * angle.cos(),
                cy + distance * angle.sin(),
                radius * 1.3 + 1.0,
            );
            let shape = kinds.iter().position(|k| *k == document.kind).unwrap_or(0);
            let mut tooltip = format!(
                "{} ({}): {} {}, {} {}; {}",
                shorten(&document.title, 80),
                catalogue.kind_label(document.kind),
                manage_label,
                percent(manage),
                lead_label,
                percent(lead),
                quadrant.label()
            );
            if Quadrant::of(manage, lead) != quadrant {
                tooltip.push_str(", as a finding says it lacks a concept");
            }
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
            let text = format!("×{}", members.len());
            let (rx0, ry0, rx1, ry1) = region(quadrant);
            let (w, reach) = (text_width(&text, TEXT), spread + radius * 1.3 + 3.0);
            // Right of the cluster, else left, below or above: the first place inside the
            // region that no other text takes. A count with no such place is left out; the
            // marks still show, and each one's row is a tap away.
            // Boxes of the text's full line height, 15 units, the baseline 11.5 below the top.
            let places = [
                [cx + reach, cy - 7.5, cx + reach + w, cy + 7.5],
                [cx - reach - w, cy - 7.5, cx - reach, cy + 7.5],
                [cx - w / 2.0, cy + reach, cx + w / 2.0, cy + reach + 15.0],
                [cx - w / 2.0, cy - reach - 15.0, cx + w / 2.0, cy - reach],
            ];
            let free = places.into_iter().find(|b| {
                b[0] >= rx0 + 2.0
                    && b[2] <= rx1 - 2.0
                    && b[1] >= ry0 + 2.0
                    && b[3] <= ry1 - 2.0
                    && !taken.iter().any(|t| {
                        // Two units apart at least, for the estimate of the text's width.
                        b[0] < t[2] + 2.0 && t[0] < b[2] + 2.0 && b[1] < t[3] && t[1] < b[3]
                    })
            });
            if let Some(place) = free {
                taken.push(place);
                let _ = write!(
                    svg,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{TEXT}\" fill=\"#222\" \
                     aria-hidden=\"true\">{text}</text>",
                    place[0],
                    place[1] + 11.5
                );
            }
        }
    }
    // Legend: the shape of each kind.
    for (shape, label, lx, row) in &legend {
        let ly = legend_top + 20.0 * *row as f64;
        let _ = write!(
            svg,
            "{}<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{TEXT}\" fill=\"#222\">{}</text>",
            mark(*shape, lx + 6.0, ly, 5.5, "#555", ""),
            lx + 16.0,
            ly + 4.0,
            escape(label)
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// A document's mark: a circle, square, diamond or triangle by kind. Without a tooltip it is
/// the legend's sample, not a mark of the plot.
fn mark(shape: usize, x: f64, y: f64, r: f64, fill: &str, tooltip: &str) -> String {
    let (title, class) = if tooltip.is_empty() {
        (String::new(), "")
    } else {
        (format!("<title>{tooltip}</title>"), "class=\"mark\" ")
    };
    // A thin outline keeps neighbours apart without washing out small marks.
    let style = format!(
        "fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"{:.2}\"",
        (r * 0.15).min(0.8)
    );
    match shape % 4 {
        0 => format!(
            "<circle {class}cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" {style}>{title}</circle>"
        ),
        1 => format!(
            "<rect {class}x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" {style}>{title}</rect>",
            x - r * 0.9,
            y - r * 0.9,
            r * 1.8,
            r * 1.8
        ),
        2 => format!(
            "<path {class}d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" {style}>{title}</path>",
            y - r * 1.2,
            x + r * 1.2,
            y + r * 1.2,
            x - r * 1.2
        ),
        _ => format!(
            "<path {class}d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\" {style}>{title}</path>",
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
    let (cell_w, cell_h, header) = (46.0, 22.0, 128.0);
    // Row labels are already cut to a few dozen characters; the cells start after the longest.
    let label_width = rows
        .iter()
        .map(|row| text_width(&row.label, TEXT))
        .fold(60.0, f64::max)
        + 12.0;
    // Slanted column labels are cut so they stay below the group names.
    let slanted_room = (header - 28.0) / 55f64.to_radians().sin();
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
    let cells_end = cx - 8.0;
    // Room on the right for the last column's slanted label.
    let width = cx + slanted_room * 55f64.to_radians().cos();
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
         tables of this page give the same figures.</desc>\
         <rect class=\"plot\" x=\"{label_width:.1}\" y=\"{header:.1}\" width=\"{:.1}\" \
         height=\"{:.1}\" fill=\"none\"/>",
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
        },
        cells_end - label_width,
        rows.len() as f64 * cell_h
    );
    for (label, start, end) in &group_spans {
        let _ = write!(
            svg,
            "<line x1=\"{:.1}\" y1=\"18\" x2=\"{:.1}\" y2=\"18\" stroke=\"#555\"/>\
             <text x=\"{:.1}\" y=\"13\" text-anchor=\"middle\" font-size=\"{TEXT}\" \
             font-weight=\"700\" fill=\"#222\">{}{}</text>",
            start + 2.0,
            end - 2.0,
            (start + end) / 2.0,
            escape(&fit(&capitalise(label), TEXT, end - start)),
            label_title(
                &fit(&capitalise(label), TEXT, end - start),
                &capitalise(label)
            )
        );
    }
    for &(concept, x) in &columns {
        let full = &catalogue.concepts[concept].label;
        let shown = fit(full, TEXT, slanted_room);
        let _ = write!(
            svg,
            "<text transform=\"translate({:.1} {:.1}) rotate(-55)\" font-size=\"{TEXT}\" \
             fill=\"#222\">{}{}</text>",
            x + cell_w / 2.0 + 2.0,
            header - 6.0,
            escape(&shown),
            label_title(&shown, full)
        );
    }
    for (r, row) in rows.iter().enumerate() {
        let y = header + r as f64 * cell_h;
        let label = format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"{TEXT}\" \
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
                        "<rect class=\"mark\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" \
                         height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>\
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
                        "<rect class=\"mark\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" \
                         height=\"{:.1}\" fill=\"#fff\" stroke=\"#ddd\"><title>{}: {}, not in this document's \
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
    let width = NARROW;
    // Folder names are cut from the left (their end tells them apart) to under half the
    // width; the bars start where the longest shown name ends, all at one baseline.
    let common = common_parent(groups.iter().map(|(folder, _)| folder.as_str()));
    let labels: Vec<(String, String)> = groups
        .iter()
        .map(|(path, aggregate)| {
            let full = format!("{path} ({})", aggregate.documents);
            let folder = path
                .get(common..)
                .filter(|rest| !rest.is_empty())
                .unwrap_or(path);
            let suffix = format!(" ({})", aggregate.documents);
            let room = width * 0.45 - text_width(&suffix, TEXT);
            (format!("{}{suffix}", fit_left(folder, TEXT, room)), full)
        })
        .collect();
    let longest = labels
        .iter()
        .map(|(shown, _)| text_width(shown, TEXT))
        .fold(0.0, f64::max);
    let label_width = longest + 10.0;
    let value_room = text_width("100%", TEXT) + 14.0;
    let bar_width = width - label_width - value_room;
    // The legend of dimensions, in rows that fit the width.
    let mut legend: Vec<(usize, String, f64, usize)> = Vec::new();
    let (mut lx, mut row) = (label_width, 0);
    for (d, dimension) in catalogue.dimensions.iter().enumerate() {
        let label = fit(&capitalise(&dimension.label), TEXT, width - 16.0);
        let item = 16.0 + text_width(&label, TEXT) + 14.0;
        if lx + item > width && lx > 0.0 {
            lx = 0.0;
            row += 1;
        }
        legend.push((d, label, lx, row));
        lx += item;
    }
    let (bar_h, gap) = (16.0, 12.0);
    let top = 34.0 + 20.0 * row as f64;
    let row_h = bar_h * dimensions as f64 + gap;
    let plot_bottom = top + groups.len() as f64 * row_h;
    let height = plot_bottom + 22.0;
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
        "<svg class=\"chart scales folder-bars\" id=\"{id}\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" {FONT}>\
         <title id=\"{id}-title\">Average coverage per folder{}</title>\
         <desc id=\"{id}-desc\">{}.</desc>\
         <rect class=\"plot\" x=\"{label_width:.1}\" y=\"{:.1}\" width=\"{bar_width:.1}\" \
         height=\"{:.1}\" fill=\"none\"/>",
        if pages > 1 {
            format!(", part {} of {pages}", page + 1)
        } else {
            String::new()
        },
        escape(&described.join("; ")),
        top - 4.0,
        plot_bottom - top + 4.0
    );
    for (d, label, lx, row) in &legend {
        let ly = 8.0 + 20.0 * *row as f64;
        let _ = write!(
            svg,
            "<rect x=\"{lx:.1}\" y=\"{ly:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{TEXT}\" fill=\"#222\">{}</text>",
            DIMENSION_COLOURS[d % DIMENSION_COLOURS.len()],
            lx + 16.0,
            ly + 10.5,
            escape(label)
        );
    }
    // Quarters when there is room for their figures, else halves.
    let steps: u32 = if bar_width >= 5.0 * value_room { 4 } else { 2 };
    for step in 0..=steps {
        let value = f64::from(step) / f64::from(steps);
        let gx = label_width + value * bar_width;
        let anchor = match step {
            0 => "start",
            s if s == steps => "end",
            _ => "middle",
        };
        let _ = write!(
            svg,
            "<line x1=\"{gx:.1}\" y1=\"{:.1}\" x2=\"{gx:.1}\" y2=\"{plot_bottom:.1}\" \
             stroke=\"#e4e4e4\"/>\
             <text x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"{TEXT}\" \
             fill=\"#555\">{}</text>",
            top - 4.0,
            plot_bottom + 16.0,
            percent(value)
        );
    }
    for (g, ((folder, aggregate), (shown, full))) in groups.iter().zip(&labels).enumerate() {
        let y = top + g as f64 * row_h;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"{TEXT}\" fill=\"#222\">\
             {}<title>{}</title></text>",
            label_width - 8.0,
            y + bar_h * dimensions as f64 / 2.0 + 4.0,
            escape(shown),
            escape(&format!(
                "{full}: {}",
                count(aggregate.documents, "document", "documents")
            ))
        );
        for d in 0..dimensions {
            let by = y + d as f64 * bar_h;
            let value = aggregate.coverage(d);
            let length = value.unwrap_or(0.0).clamp(0.0, 1.0) * bar_width;
            let _ = write!(
                svg,
                "<rect class=\"mark\" x=\"{label_width:.1}\" y=\"{by:.1}\" width=\"{length:.1}\" \
                 height=\"{:.1}\" fill=\"{}\"><title>{}: {} {}</title></rect>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{TEXT}\" fill=\"#222\">{}</text>",
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

/// The length of the folder path (with its `/`) that every one of several `folders` starts
/// with: 18 for `fixtures/handbook/policies` and `fixtures/handbook/roles`; 0 for one folder.
fn common_parent<'a>(folders: impl Iterator<Item = &'a str>) -> usize {
    let folders: Vec<&str> = folders.collect();
    let [first, rest @ ..] = folders.as_slice() else {
        return 0;
    };
    if rest.is_empty() {
        return 0;
    }
    let mut length = 0;
    for (end, _) in first.match_indices('/') {
        let prefix = &first[..=end];
        if !rest.iter().all(|f| f.starts_with(prefix)) {
            break;
        }
        length = end + 1;
    }
    length
}

/// `text` cut from the left to fit `room` at `size` (at least a few characters are kept).
fn fit_left(text: &str, size: f64, room: f64) -> String {
    let mut chars = text.chars().count();
    loop {
        let shown = shorten_left(text, chars);
        if chars <= 4 || text_width(&shown, size) <= room {
            return shown;
        }
        chars -= 1;
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

/// Text safe in SVG (XML) content and attribute values.
fn escape(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_group_at_the_deepest_level_that_fits() {
        let documents: Vec<DocumentRecord> = [
            "hr/policies/a/1.md",
            "hr/policies/b/2.md",
            "hr/roles/3.md",
            "hr/roles/4.md",
        ]
        .iter()
        .map(|p| DocumentRecord::bare(p))
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
    fn folder_labels_leave_out_their_common_parent() {
        let folders = ["hr/handbook/policies", "hr/handbook/roles"];
        assert_eq!(common_parent(folders.into_iter()), "hr/handbook/".len());
        assert_eq!(common_parent(["hr/a", "hrx/b"].into_iter()), 0);
        assert_eq!(common_parent(["hr/policies"].into_iter()), 0);
    }

    #[test]
    fn labels_are_cut_to_their_room() {
        assert_eq!(fit("roles", TEXT, 100.0), "roles");
        let cut = fit("INFORMATION SECURITY POLICY", TEXT, 120.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, TEXT) <= 120.0,
            "{cut}"
        );
        let cut = fit_left("handbook/departments/people/policies", TEXT, 90.0);
        assert!(cut.starts_with('…') && cut.ends_with("policies"), "{cut}");
        assert!(text_width(&cut, TEXT) <= 90.0, "{cut}");
    }

    #[test]
    fn shorten_left_keeps_the_end() {
        assert_eq!(shorten_left("handbook/policies", 10), "…/policies");
        assert_eq!(shorten_left("roles", 10), "roles");
    }
}
