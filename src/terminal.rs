//! The process's own streams as the library's [`Console`]: lines on standard error with the
//! progress bar kept out of their way, findings and reports on a buffered standard output,
//! TOML diagnostics with their source lines, in colour when asked for or on a terminal.

use std::io::{self, IsTerminal};

use codespan_reporting::term::termcolor::{
    BufferedStandardStream, ColorChoice, StandardStream, WriteColor,
};
use codespan_reporting::term::{self, Config as TermConfig};
use policylint::run::Console;
use policylint::toml_errors::TomlErrors;

use crate::args::ColorWhen;
use crate::progress::Progress;

/// Print diagnostics about a TOML file on standard error.
pub(crate) fn print_diagnostics(errors: &TomlErrors, color: ColorWhen) {
    let mut stderr = StandardStream::stderr(color_choice(color, io::stderr().is_terminal()));
    let config = TermConfig::default();
    for diagnostic in &errors.diagnostics {
        let _ = term::emit_to_write_style(&mut stderr, &config, &errors.files, diagnostic);
    }
}

fn color_choice(when: ColorWhen, stream_is_terminal: bool) -> ColorChoice {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if stream_is_terminal && !no_color => ColorChoice::Auto,
        ColorWhen::Auto => ColorChoice::Never,
    }
}

/// The process's own streams, with a progress bar on standard error while files are linted.
pub(crate) struct Terminal {
    color: ColorWhen,
    quiet: bool,
    stdout: BufferedStandardStream,
    progress: Option<Progress>,
}

impl Terminal {
    pub(crate) fn new(color: ColorWhen, quiet: bool) -> Self {
        let stdout =
            BufferedStandardStream::stdout(color_choice(color, io::stdout().is_terminal()));
        Terminal {
            color,
            quiet,
            stdout,
            progress: None,
        }
    }

    /// Run `print` with the progress bar, if any, out of the way.
    fn suspended<R>(progress: &Option<Progress>, print: impl FnOnce() -> R) -> R {
        match progress {
            Some(progress) => progress.suspend(print),
            None => print(),
        }
    }
}

impl Console for Terminal {
    fn line(&mut self, line: &str) {
        Terminal::suspended(&self.progress, || eprintln!("{line}"));
    }

    fn diagnostics(&mut self, diagnostics: &TomlErrors) {
        print_diagnostics(diagnostics, self.color);
    }

    fn output(
        &mut self,
        write: &mut dyn FnMut(&mut dyn WriteColor) -> io::Result<()>,
    ) -> io::Result<()> {
        let stdout = &mut self.stdout;
        Terminal::suspended(&self.progress, || write(stdout))
    }

    fn input(&mut self) -> Box<dyn io::Read + '_> {
        Box::new(io::stdin().lock())
    }

    fn started(&mut self, files: usize) {
        self.progress = Some(Progress::new(files, self.quiet));
    }

    fn file_done(&mut self) {
        if let Some(progress) = &mut self.progress {
            progress.file_done();
        }
    }

    fn finished(&mut self) {
        if let Some(progress) = self.progress.take() {
            progress.finish();
        }
    }
}
