//! policylint: a linter for corporate codes, policies and role documents.
//!
//! The pipeline runs one way, one module per step:
//! `walk -> source -> evidence (lexicon match, then statements) -> coverage -> classify ->
//! check -> output`.
//! [`Linter`] ties the steps together for one file ([`Linter::lint_source`]) or for many in
//! parallel with output in path order ([`Linter::lint_files`]). The [`cache`] stands in for
//! every step after reading when a file's bytes and settings are those of an earlier run.
//! What a file's linting produced is in [`results`]; [`run`] is what the command line calls.
//!
//! This file only declares the modules and re-exports the types most callers need.

pub mod atomic;
pub mod baseline;
pub mod cache;
pub mod check;
pub mod classify;
pub mod config;
pub mod coverage;
pub mod date;
pub mod eval;
pub mod evidence;
pub mod explain;
pub mod figures;
pub mod finding;
pub mod fingerprint;
pub mod inspect;
pub mod invariants;
pub mod language;
pub mod limits;
pub mod links;
pub mod lint;
pub mod metadata;
pub mod output;
mod parallel;
pub mod read;
pub mod report;
pub mod results;
pub mod rules;
pub mod run;
pub mod schemas;
pub mod server;
pub mod source;
pub mod statements;
pub mod suppress;
pub mod toml_errors;
pub mod walk;
pub mod workspace;

pub use lint::{Linter, Selection, Worker, guarded};
pub use results::{Dependency, FileReport, FileResult, LintedFile, Notice, NoticeLevel, Skip};
