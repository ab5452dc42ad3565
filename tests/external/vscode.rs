//! The VS Code extension in `editors/vscode` builds into a `.vsix` the way its README says:
//! `npm ci && npm run compile && npx @vscode/vsce package`, from the npm registry alone (nothing
//! downloads VS Code). It builds in a copy under `target/tmp/vscode`, so the source folder gets
//! no `node_modules`.
//!
//! It needs Node.js and npm; without them the test is reported as ignored, except under CI (`CI`
//! set), where `.ci/run` installs them.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, root};

/// What the extension is made of; the rest of its folder is built or installed.
const SOURCES: &[&str] = &[
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    ".vscodeignore",
    "README.md",
    "LICENSE",
    "src/extension.ts",
];

/// This file's test, reported as ignored when Node.js or npm is missing.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let missing = ["node", "npm"]
        .iter()
        .any(|tool| find(tool).is_none())
        .then(|| "node or npm not on PATH (apt-get install nodejs npm)".to_string());
    vec![common::needing(
        "the_extension_packages_into_a_vsix",
        missing,
        the_extension_packages_into_a_vsix,
    )]
}

fn find(tool: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(tool))
        .find(|path| path.is_file())
}

fn run(dir: &Path, program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{program} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn the_extension_packages_into_a_vsix() {
    let build = Path::new(env!("CARGO_TARGET_TMPDIR")).join("vscode");
    let _ = std::fs::remove_dir_all(build.join("out"));
    std::fs::create_dir_all(build.join("src")).unwrap();
    for file in SOURCES {
        std::fs::copy(root().join("editors/vscode").join(file), build.join(file)).unwrap();
    }
    let vsix = build.join("policylint.vsix");
    let _ = std::fs::remove_file(&vsix);
    run(&build, "npm", &["ci", "--no-audit", "--no-fund"]);
    run(&build, "npm", &["run", "compile"]);
    run(
        &build,
        "npx",
        &["@vscode/vsce", "package", "--out", "policylint.vsix"],
    );

    let mut archive = zip::ZipArchive::new(std::fs::File::open(&vsix).unwrap()).unwrap();
    let mut manifest = String::new();
    archive
        .by_name("extension/package.json")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(manifest["main"], "./out/extension.js");
    let mut script = String::new();
    archive
        .by_name("extension/out/extension.js")
        .unwrap()
        .read_to_string(&mut script)
        .unwrap();
    assert!(
        script.contains("\"server\""),
        "the client starts `policylint server`"
    );
    assert!(
        archive
            .by_name("extension/node_modules/vscode-languageclient/package.json")
            .is_ok(),
        "the language client is packed with it"
    );
    assert!(archive.by_name("extension/src/extension.ts").is_err());
}
