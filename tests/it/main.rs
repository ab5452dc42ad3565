//! The end-to-end tests, one module per area, linked into one binary: each test binary links
//! the whole library and its dependencies again, which made a binary per file the slowest part
//! of `cargo test`. Snapshots live in `tests/it/snapshots/`, named `it__<module>__<test>`.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod cache;
mod cli;
mod config;
mod examples;
mod fixtures;
mod formats;
mod ignore_files;
mod invariants;
mod lifecycle;
mod limits;
mod output;
mod packs;
mod report;
mod report_scale;
mod schemas;
mod server;
mod shell;
mod source;
mod synthetic_corpus;
mod writes;
