//! `--format json`: the whole model in the versioned schema of [`super::schema`].

use std::io;

use super::contents::{Renderer, Report};
use super::schema::JsonReport;

pub struct Json;

impl Renderer for Json {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &JsonReport::of(report))?;
        writeln!(out)
    }
}
