//! Every format policylint reads, end to end: the same policy written as Markdown, HTML,
//! reStructuredText, AsciiDoc, Word and OpenDocument gives the same findings, each pointing at
//! the place in its own file; broken packages are clear errors that stop nothing else.

use std::collections::BTreeMap;
use std::path::Path;

use policylint::source::{self, Document, Format, TableCell};

use crate::common::{formats_folder, package, policylint, root, transcript};

/// The files of the formats folder, in name order.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("~$"))
        .collect();
    names.sort();
    names
}

#[test]
fn human_and_concise_output_of_every_format() {
    let dir = formats_folder();
    for name in files(dir.path()) {
        for format in ["human", "concise"] {
            let output = policylint()
                .current_dir(dir.path())
                .args(["check", &name, "--color", "never", "--format", format])
                .output()
                .unwrap();
            insta::assert_snapshot!(format!("{format}@{name}"), transcript(&output));
        }
    }
}

#[test]
fn json_and_sarif_name_the_paragraph_of_word_and_opendocument_findings() {
    let dir = formats_folder();
    for name in ["remote-work.docx", "remote-work.odt"] {
        for format in ["json", "sarif"] {
            let output = policylint()
                .current_dir(dir.path())
                .args(["check", name, "--format", format])
                .output()
                .unwrap();
            let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            let places: Vec<&serde_json::Value> = match format {
                "json" => document["files"][0]["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| &f["place"])
                    .collect(),
                _ => document["runs"][0]["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| &r["locations"][0]["properties"])
                    .collect(),
            };
            let descriptions: Vec<&str> = places
                .iter()
                .map(|p| p["description"].as_str().unwrap())
                .collect();
            assert_eq!(
                descriptions,
                [
                    "paragraph 1",
                    "paragraph 1",
                    "paragraph 1",
                    "paragraph 13, table 1 row 3 column 2 (under \"Equipment\")",
                ],
                "{name} as {format}"
            );
            assert_eq!(
                places[3],
                &serde_json::json!({
                    "paragraph": 13,
                    "cell": { "table": 1, "row": 3, "column": 2 },
                    "heading": "Equipment",
                    "description": "paragraph 13, table 1 row 3 column 2 (under \"Equipment\")"
                })
            );
        }
    }
    // Text formats need no place: their lines and columns are the file's.
    let output = policylint()
        .current_dir(dir.path())
        .args(["check", "remote-work.html", "--format", "json"])
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(document["files"][0]["findings"][0].get("place").is_none());
}

#[test]
fn inspect_works_on_every_format() {
    let dir = formats_folder();
    for name in files(dir.path()) {
        let output = policylint()
            .current_dir(dir.path())
            .args(["inspect", &name])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", transcript(&output));
        insta::assert_snapshot!(
            format!("inspect@{name}"),
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

/// `severity[rule]: message` of each concise line, by file.
fn findings_by_file(concise: &str) -> BTreeMap<String, Vec<String>> {
    let mut by_file: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in concise.lines() {
        let file = line.split([':']).next().unwrap().to_string();
        let finding = ["error[", "warning[", "info["]
            .iter()
            .filter_map(|severity| line.find(severity))
            .min()
            .map(|at| line[at..].to_string())
            .unwrap();
        by_file.entry(file).or_default().push(finding);
    }
    by_file
}

#[test]
fn the_same_policy_gives_the_same_findings_in_every_format() {
    let dir = formats_folder();
    // Word's lock file beside an open document is not a document.
    std::fs::write(dir.path().join("~$mote-work.docx"), b"\x0bPeople team").unwrap();
    let output = policylint()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    let by_file = findings_by_file(&stdout);
    let names: Vec<&str> = by_file.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "remote-work.adoc",
            "remote-work.docx",
            "remote-work.html",
            "remote-work.md",
            "remote-work.odt",
            "remote-work.rst"
        ]
    );
    let markdown = &by_file["remote-work.md"];
    assert_eq!(markdown.len(), 4);
    for (file, findings) in &by_file {
        assert_eq!(findings, markdown, "{file} differs from the Markdown");
    }
    // Same rules and messages; each format names its own place.
    insta::assert_snapshot!(transcript(&output));
}

fn unpack(parts: &str, format: Format) -> Document {
    let bytes = package(&root().join("fixtures/formats/parts").join(parts));
    source::unpack(parts.to_string(), format, &bytes).unwrap()
}

#[test]
fn word_and_opendocument_text_is_the_body_alone() {
    // Footnotes, comments, headers, footers, tracked deletions and field codes are left out;
    // the tracked insertion ("within five working days") is in.
    let expected = "Remote work policy\n\
        Employees may work from home up to three days a week.\n\
        Eligibility & safety\n\
        You must have completed your probation period.\n\
        You must agree your remote days with your manager.\n\
        Laptops shall be locked whenever they are unattended.\n\
        Equipment\n\
        Item\n\
        Who provides it\n\
        Laptop\n\
        IT, on your first day\n\
        Chair\n\
        Facilities, once you discuss your needs\n\
        Requests\n\
        Submit a request in the HR portal.\n\
        Your manager approves or declines it within five working days.\n\
        Escalate a declined request to HR if you disagree.\n\
        HR will explain its decision to you.\n";
    for (parts, format) in [
        ("remote-work.docx", Format::Docx),
        ("remote-work.odt", Format::Odt),
    ] {
        let doc = unpack(parts, format);
        assert_eq!(doc.text, expected, "{parts}");
        let headings: Vec<(u8, String)> = (1..doc.sections.len())
            .map(|s| (doc.sections[s].level, doc.heading_text(s).unwrap()))
            .collect();
        assert_eq!(
            headings,
            [
                (1, "Remote work policy".to_string()),
                (2, "Eligibility & safety".to_string()),
                (2, "Equipment".to_string()),
                (2, "Requests".to_string()),
            ],
            "{parts}"
        );
        let kinds: Vec<source::BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        let bullet = source::BlockKind::ListItem { ordered: false };
        let number = source::BlockKind::ListItem { ordered: true };
        assert_eq!(kinds[3..6], [bullet; 3], "{parts}");
        assert_eq!(kinds[14..], [number; 4], "{parts}");
        let chair = doc.text.find("Facilities").unwrap();
        let location = source::Source::of(&doc)
            .location(source::Span::new(chair, chair + 10))
            .unwrap();
        assert_eq!(location.paragraph, 13);
        assert_eq!(
            location.cell,
            Some(TableCell {
                table: 1,
                row: 3,
                column: 2
            })
        );
        assert_eq!(location.heading.as_deref(), Some("Equipment"));
    }
}

#[test]
fn standard_input_can_be_a_word_document() {
    let bytes = package(&root().join("fixtures/formats/parts/remote-work.docx"));
    let output = policylint()
        .args([
            "check",
            "-",
            "--stdin-filename",
            "policies/remote-work.docx",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "policies/remote-work.docx: paragraph 1: error[purpose-missing]: this policy never states its purpose\n"
    );
}

/// A Word package holding `document` as its main part, and nothing else.
fn word_with(document: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    writer.write_all(document).unwrap();
    writer.finish().unwrap().into_inner()
}

const EMPTY_BODY: &[u8] = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p/></w:body></w:document>";

#[test]
fn broken_packages_are_clear_errors_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("good.md", b"# Good\n\nSubmit the form.\n");
    let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    let mut encrypted = ole.clone();
    encrypted.extend_from_slice(&[0; 512]);
    encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    write("encrypted.docx", &encrypted);
    write("legacy.docx", &[ole.as_slice(), &[0; 512]].concat());
    write("notes.docx", b"These are notes, not a Word file.\n");
    let good = package(&root().join("fixtures/formats/parts/remote-work.docx"));
    write("truncated.docx", &good[..good.len() / 2]);
    let mut bomb = b"<w:document><w:body>".to_vec();
    bomb.resize(8 << 20, b' ');
    write("bomb.docx", &word_with(&bomb));
    write(
        "malformed.docx",
        &word_with(b"<w:document><w:body><w:p></w:body></w:document>"),
    );
    write("empty.docx", &word_with(EMPTY_BODY));
    let odt = |parts: &[(&str, &[u8])]| {
        use std::io::Write;
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, content) in parts {
            let options = zip::write::SimpleFileOptions::default();
            writer.start_file(*name, options).unwrap();
            writer.write_all(content).unwrap();
        }
        writer.finish().unwrap().into_inner()
    };
    write(
        "no-content.odt",
        &odt(&[("mimetype", b"application/vnd.oasis.opendocument.text")]),
    );
    let manifest = b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data manifest:checksum-type=\"SHA1/1K\"/></manifest:file-entry></manifest:manifest>";
    write(
        "encrypted.odt",
        &odt(&[
            ("META-INF/manifest.xml", manifest),
            ("content.xml", b"\x8f\x01"),
        ]),
    );

    let output = policylint()
        .current_dir(dir.path())
        .args([
            "check",
            ".",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn suppression_comments_work_in_every_text_format() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Submit the form to HR.";
    for (name, text) in [
        (
            "page.html",
            format!(
                "<!-- policylint-disable-next-line purpose-missing -->\n<h1>Travel policy</h1>\n<p>{body}</p>\n"
            ),
        ),
        (
            "page.rst",
            format!(
                ".. policylint-disable-next-line purpose-missing\n\n=============\nTravel policy\n=============\n\n{body}\n"
            ),
        ),
        (
            "page.adoc",
            format!("// policylint-disable-next-line purpose-missing\n= Travel policy\n\n{body}\n"),
        ),
        (
            "file.rst",
            format!(
                ".. policylint-disable-file purpose-missing -- the parent page says why\n\nTravel policy\n=============\n\n{body}\n"
            ),
        ),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let output = policylint()
        .current_dir(dir.path())
        .args([
            "check",
            ".",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
        .output()
        .unwrap();
    assert_eq!(
        transcript(&output),
        "exit code: 0\n--- stdout\n--- stderr\nchecked 4 files: 0 errors, 0 warnings, 0 info\n"
    );
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

#[test]
fn hostile_word_and_opendocument_files_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    let deep = format!(
        "<w:document {W}><w:body>{}<w:p><w:r><w:t>Deep</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:sdt>".repeat(2_000),
        "</w:sdt>".repeat(2_000)
    );
    write("deep.docx", &word_with(deep.as_bytes()));
    // Ten new namespaces on each of 200 nested elements: every lookup walks them all.
    let scopes: String = (0..200)
        .map(|level| {
            let declarations: String = (0..10)
                .map(|i| format!(" xmlns:n{level}x{i}=\"urn:n{i}\""))
                .collect();
            format!("<w:sdt{declarations}>")
        })
        .collect();
    let scopes = format!(
        "<w:document {W}><w:body>{scopes}<w:p><w:r><w:t>Scoped</w:t></w:r></w:p>{}</w:body></w:document>",
        "</w:sdt>".repeat(200)
    );
    write("scopes.docx", &word_with(scopes.as_bytes()));
    let lists = format!(
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>\
         {}<text:p>Listed</text:p>{}</office:text></office:body></office:document-content>",
        "<text:list><text:list-item>".repeat(1_000),
        "</text:list-item></text:list>".repeat(1_000)
    );
    let mut odt = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in [
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.text".as_slice(),
        ),
        ("content.xml", lists.as_bytes()),
    ] {
        odt.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut odt, content).unwrap();
    }
    write("lists.odt", &odt.finish().unwrap().into_inner());
    let output = policylint()
        .current_dir(dir.path())
        .args([
            "check",
            ".",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn word_files_are_read_within_the_parse_time() {
    let dir = tempfile::tempdir().unwrap();
    let paragraphs = "<w:p><w:r><w:t>Submit the form.</w:t></w:r></w:p>".repeat(50_000);
    let document = format!("<w:document {W}><w:body>{paragraphs}</w:body></w:document>");
    std::fs::write(dir.path().join("long.docx"), word_with(document.as_bytes())).unwrap();
    let output = policylint()
        .current_dir(dir.path())
        .args([
            "check",
            "long.docx",
            "--format",
            "concise",
            "--max-parse-time",
            "0.000001",
        ])
        .output()
        .unwrap();
    assert_eq!(
        transcript(&output),
        "exit code: 2\n--- stdout\n--- stderr\nerror: long.docx: gave up parsing after 0 s \
         (max-parse-time): the markup is too large or too deeply nested to parse in time\n\
         checked 1 file: 0 errors, 0 warnings, 0 info\n"
    );
}

#[test]
fn an_xml_error_found_while_skipping_names_the_part_and_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    let document = format!("<w:document {W}><w:body><w:p><w:del><w:r><w:t>gone");
    std::fs::write(dir.path().join("cut.docx"), word_with(document.as_bytes())).unwrap();
    let output = policylint()
        .current_dir(dir.path())
        .args(["check", "cut.docx", "--format", "concise"])
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
}
