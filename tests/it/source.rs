//! Turning files into documents: what counts as prose, how sections nest, where spans point.

use policylint::source::{self, BlockKind, Document, Format, LineIndex, MarkdownParser};

fn parse(format: Format, text: &str) -> Document {
    source::parse(
        "doc".into(),
        format,
        text.into(),
        &mut MarkdownParser::new(),
    )
    .unwrap()
}

/// Each block's kind and prose.
fn kinds_and_prose(doc: &Document) -> Vec<(BlockKind, String)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, doc.prose_text(b)))
        .collect()
}

/// All prose of a document, one string per block.
fn prose(doc: &Document) -> Vec<String> {
    doc.blocks.iter().map(|b| doc.prose_text(b)).collect()
}

#[test]
fn code_html_comments_link_destinations_and_front_matter_are_not_prose() {
    let text = "---\ntitle: Purpose of everything\n---\n\n# Returns\n\n<!-- purpose: hidden -->\n\nSee [the register](https://x.example/purpose \"purpose title\") and ![purpose](img/purpose.png) or `purpose` <span>purpose</span>.\n\n```\npurpose in a fence\n```\n\n    purpose indented\n\n[ref]: https://x.example/purpose\n";
    let doc = parse(Format::Markdown, text);
    assert_eq!(
        prose(&doc),
        ["Returns", "See the register and or purpose ."]
    );
    assert_eq!(doc.title().unwrap().text, "Purpose of everything");
}

#[test]
fn text_inside_html_blocks_in_markdown_is_prose_with_its_own_block_kinds() {
    let text = "# Roles\n\n<table>\n  <tr><th>Lead</th></tr>\n  <tr>\n    <td>\n      <ul>\n        <li>Hold weekly 1:1s with the team</li>\n        <li>Mentor new joiners</li>\n      </ul>\n    </td>\n  </tr>\n</table>\n\n<!-- policylint-disable purpose-missing -->\n\nAfter the table.\n";
    let doc = parse(Format::Markdown, text);
    assert_eq!(
        kinds_and_prose(&doc),
        [
            (BlockKind::Heading, "Roles".to_string()),
            (BlockKind::TableCell, "Lead".to_string()),
            (
                BlockKind::ListItem { ordered: false },
                "Hold weekly 1:1s with the team".to_string()
            ),
            (
                BlockKind::ListItem { ordered: false },
                "Mentor new joiners".to_string()
            ),
            (BlockKind::Paragraph, "After the table.".to_string()),
        ]
    );
    let comments: Vec<&str> = doc.comments.iter().map(|c| &text[c.range()]).collect();
    assert_eq!(comments, ["<!-- policylint-disable purpose-missing -->"]);
}

#[test]
fn strings_of_several_words_listed_in_yaml_front_matter_are_prose() {
    let text = "---\ntitle: Levels of the support team\npath: /frameworks/support/levels/and/more\ntopics:\n  - name: \"Helping customers: patience and care for every caller\"\n    criteria:\n      - \"Gives honest feedback to peers every week\"\n      - short value\n      - 'Mentors newer colleagues until they work on their own'\n---\n\nBody text here.\n";
    let doc = parse(Format::Markdown, text);
    assert_eq!(
        kinds_and_prose(&doc),
        [
            (
                BlockKind::ListItem { ordered: false },
                "Gives honest feedback to peers every week".to_string()
            ),
            (
                BlockKind::ListItem { ordered: false },
                "Mentors newer colleagues until they work on their own".to_string()
            ),
            (BlockKind::Paragraph, "Body text here.".to_string()),
        ]
    );
    assert_eq!(doc.title().unwrap().text, "Levels of the support team");
}

#[test]
fn sections_nest_by_heading_level_and_blocks_know_their_kind() {
    let text = "Intro before any heading.\n\nTitle\n=====\n\n## One\n\n1. first\n2. second\n\n### One point one\n\n> quoted\n\n## Two\n\n| a | b |\n|---|---|\n| cell | other |\n\n- item\n";
    let doc = parse(Format::Markdown, text);
    let headings: Vec<(u8, Option<usize>, String)> = (1..doc.sections.len())
        .map(|s| {
            (
                doc.sections[s].level,
                doc.sections[s].parent,
                doc.heading_text(s).unwrap(),
            )
        })
        .collect();
    assert_eq!(
        headings,
        [
            (1, Some(0), "Title".to_string()),
            (2, Some(1), "One".to_string()),
            (3, Some(2), "One point one".to_string()),
            (2, Some(1), "Two".to_string()),
        ]
    );
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Heading,
            BlockKind::ListItem { ordered: true },
            BlockKind::ListItem { ordered: true },
            BlockKind::Heading,
            BlockKind::Quote,
            BlockKind::Heading,
            BlockKind::TableCell,
            BlockKind::TableCell,
            BlockKind::TableCell,
            BlockKind::TableCell,
            BlockKind::ListItem { ordered: false },
        ]
    );
    assert_eq!(doc.subtree_blocks(2), 2..7);
}

#[test]
fn quote_markers_are_not_prose() {
    let doc = parse(
        Format::Markdown,
        "> We do this\n> so that people stay safe.\n",
    );
    assert_eq!(prose(&doc), ["We do this so that people stay safe."]);
}

#[test]
fn crlf_tabs_and_multibyte_text_give_character_columns() {
    let text = "# Caf\u{e9}\r\n\r\n\tTabbed paragraph is code.\r\n\r\nZo\u{eb} \u{2615} says: purpose.\r\n";
    let doc = parse(Format::Markdown, text);
    assert_eq!(
        prose(&doc),
        ["Caf\u{e9}", "Zo\u{eb} \u{2615} says: purpose."]
    );
    let purpose = text.find("purpose").unwrap();
    assert_eq!(LineIndex::new(text).line_col(text, purpose), (5, 13));
    for span in &doc.prose {
        assert!(
            !text[span.range()].contains('\r'),
            "prose never includes a carriage return"
        );
    }
}

#[test]
fn plain_text_headings_paragraphs_and_lists() {
    let text = "STAFF HANDBOOK\n\n1. PURPOSE\n\nWe wrote this so that\neveryone knows the rules.\n\n2.1 Who is covered\n\nEveryone.\n\nSteps:\n\n1. Read it\n2. Sign it\n\nContact\n-------\n\n\u{2022} HR team\n";
    let doc = parse(Format::Text, text);
    let headings: Vec<(u8, String)> = (1..doc.sections.len())
        .map(|s| (doc.sections[s].level, doc.heading_text(s).unwrap()))
        .collect();
    assert_eq!(
        headings,
        [
            (2, "STAFF HANDBOOK".to_string()),
            (2, "PURPOSE".to_string()),
            (3, "Who is covered".to_string()),
            (3, "Steps".to_string()),
            (2, "Contact".to_string()),
        ]
    );
    assert_eq!(
        prose(&doc),
        [
            "STAFF HANDBOOK",
            "PURPOSE",
            "We wrote this so that everyone knows the rules.",
            "Who is covered",
            "Everyone.",
            "Steps",
            "Read it",
            "Sign it",
            "Contact",
            "HR team",
        ]
    );
}

#[test]
fn text_front_matter_sets_the_kind_and_is_not_prose() {
    let doc = parse(Format::Text, "---\nkind: role\n---\nBody text.\n");
    assert_eq!(
        doc.front_matter.as_ref().unwrap().kind.as_deref(),
        Some("role")
    );
    assert_eq!(prose(&doc), ["Body text."]);
}

/// Table cells and paragraphs whose text ends in a tab or space: the block's span is trimmed,
/// and the prose inside it must be too (found by fuzzing).
#[test]
fn prose_never_reaches_past_its_block() {
    for text in [
        "| Length of service\t| Extra days |\n| --- | --- |\n| 5 years\t| 2 |\n",
        "We review the process and people grow. ",
        "- item with a tab\t\n- other \n",
    ] {
        let doc = parse(Format::Markdown, text);
        for block in &doc.blocks {
            for prose in doc.block_prose(block) {
                assert!(
                    block.span.start <= prose.start && prose.end <= block.span.end,
                    "{text:?}: prose {prose:?} outside block {:?}",
                    block.span
                );
            }
        }
    }
}

#[test]
fn attribute_lists_that_close_markdown_headings_are_not_prose() {
    let text = "# Leave policy {#leave}\n\n## Who may ask {: .wide}\n\nStaff.\n\n## Approvals {:target=\"_blank\"}\n\nSetext {.x}\n----------\n\n### `code` {#c}\n\n## A {placeholder} stays\n";
    let doc = parse(Format::Markdown, text);
    let headings: Vec<String> = (1..doc.sections.len())
        .filter_map(|s| doc.heading_text(s))
        .collect();
    assert_eq!(
        headings,
        [
            "Leave policy",
            "Who may ask",
            "Approvals",
            "Setext",
            "",
            "A {placeholder} stays"
        ]
    );
    let title = doc.title().unwrap();
    assert_eq!(title.text, "Leave policy");
    assert_eq!(&text[title.span.range()], "# Leave policy");
    let second = doc.heading_span(2).unwrap();
    assert_eq!(&text[second.range()], "## Who may ask");
}
