//! The `policylint` command line: parse arguments, call the library, print what it has to say
//! and map outcomes to exit codes (0 clean, 1 findings at or above `--fail-on`, 2 usage,
//! configuration, rule-pack or I/O errors).

mod args;
#[cfg(unix)]
mod interrupt;
mod progress;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use codespan_reporting::term::termcolor::{
    BufferedStandardStream, ColorChoice, StandardStream, WriteColor,
};
use codespan_reporting::term::{self, Config as TermConfig};

use args::{Cli, ColorWhen, Command, CompletionsArgs, ManArgs};
use policylint::run::{self, Console, Outcome, RunError};
use policylint::toml_errors::TomlErrors;
use policylint::workspace::SetupError;
use progress::Progress;

/// Most of what policylint allocates lives for one sentence or one file; mimalloc serves such
/// short-lived allocations faster than the system allocator on every worker thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    #[cfg(unix)]
    interrupt::remove_temporary_files_on_signal();
    let result = match cli.command {
        Command::Check(args) => {
            let mut console = Terminal::new(args.settings.color, args.quiet);
            run::check(&args.request(), &mut console).map_err(|e| failure(e, args.settings.color))
        }
        Command::Report(args) => {
            let mut console = Terminal::new(args.settings.color, args.quiet);
            run::report(&args.request(), &mut console).map_err(|e| failure(e, args.settings.color))
        }
        Command::Inspect(args) => {
            let settings = args.settings.command_line(Some(&args.limits), None);
            let mut console = Terminal::new(args.settings.color, true);
            run::inspect(settings, &args.file, &mut console)
                .map_err(|e| failure(e, args.settings.color))
        }
        Command::Rules(args) => {
            let mut console = Terminal::new(args.color, true);
            run::list_rules(args.command_line(None, None), &mut console)
                .map_err(|e| failure(e, args.color))
        }
        Command::Explain(args) => {
            let mut console = Terminal::new(args.settings.color, true);
            let settings = args.settings.command_line(None, None);
            run::explain(settings, &args.rule, &mut console)
                .map_err(|e| failure(e, args.settings.color))
        }
        Command::Eval(args) => {
            let mut console = Terminal::new(args.settings.color, true);
            run::evaluate(&args.request(), &mut console)
                .map_err(|e| failure(e, args.settings.color))
        }
        // The server's code is the protocol's: 1 when told to exit before shutting down.
        Command::Server(args) => {
            let settings = args.settings.command_line(Some(&args.limits), None);
            return match policylint::server::run(settings) {
                Ok(code) => ExitCode::from(code),
                Err(err) => exit(Err(Failure::Io(err))),
            };
        }
        Command::Init(args) => run::init(args.force, &mut Terminal::new(ColorWhen::Never, true))
            .map_err(|e| failure(e, ColorWhen::Never)),
        Command::Completions(args) => completions(&args),
        Command::Man(args) => man(&args),
    };
    exit(result)
}

/// The exit code of a command that ended, or stopped early.
fn exit(result: Result<Outcome, Failure>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(EXIT_FINDINGS),
        Ok(Outcome::Failed) | Err(Failure::Reported) => ExitCode::from(EXIT_ERROR),
        Err(Failure::Io(err)) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(err)) => {
            eprintln!("error: {err}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Why a command stopped early, once the library's error has been shown.
enum Failure {
    /// Already printed.
    Reported,
    /// Standard output or a file could not be written; a closed pipe is no error.
    Io(io::Error),
}

/// Show an error of the library the way the command line always has: TOML errors with their
/// source lines and a closing count, anything else as one `error:` line.
fn failure(error: RunError, color: ColorWhen) -> Failure {
    match error {
        RunError::Output(err) => return Failure::Io(err),
        RunError::Setup(SetupError::Toml(errors)) => toml_failure(&errors, color, "the settings"),
        RunError::Labels(errors) => toml_failure(&errors, color, "the labels"),
        RunError::Thresholds(problems) => {
            for problem in problems {
                eprintln!("error: {problem}");
            }
        }
        other => eprintln!("error: {other}"),
    }
    Failure::Reported
}

/// Print the diagnostics of a TOML file that could not be used, then a closing line.
fn toml_failure(errors: &TomlErrors, color: ColorWhen, what: &str) {
    print_diagnostics(errors, color);
    let count = errors.diagnostics.len();
    eprintln!(
        "error: could not load {what} ({count} error{})",
        if count == 1 { "" } else { "s" }
    );
}

/// Print diagnostics about a TOML file on standard error.
fn print_diagnostics(errors: &TomlErrors, color: ColorWhen) {
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
struct Terminal {
    color: ColorWhen,
    quiet: bool,
    stdout: BufferedStandardStream,
    progress: Option<Progress>,
}

impl Terminal {
    fn new(color: ColorWhen, quiet: bool) -> Self {
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

fn completions(args: &CompletionsArgs) -> Result<Outcome, Failure> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "policylint", &mut script);
    io::stdout()
        .lock()
        .write_all(&script)
        .map_err(Failure::Io)?;
    Ok(Outcome::Clean)
}

/// The man pages come from the same definitions as `--help`, so the two always agree.
fn man(args: &ManArgs) -> Result<Outcome, Failure> {
    // As `generate_to` does for every page: `help` is no command of its own there.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    match &args.output_dir {
        Some(dir) => {
            if let Err(err) =
                std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(command, dir))
            {
                eprintln!("error: cannot write man pages to {}: {err}", dir.display());
                return Err(Failure::Reported);
            }
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(Failure::Io)?;
            io::stdout().lock().write_all(&page).map_err(Failure::Io)?;
        }
    }
    Ok(Outcome::Clean)
}
