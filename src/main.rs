//! The `policylint` command line: parse arguments, call the library, print what it has to say
//! and map outcomes to exit codes (0 clean, 1 findings at or above `--fail-on`, 2 usage,
//! configuration, rule-pack or I/O errors).

mod args;
#[cfg(unix)]
mod interrupt;
mod progress;
mod terminal;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::{Cli, ColorWhen, Command, CompletionsArgs, ManArgs};
use policylint::run::{self, Outcome, RunError};
use policylint::toml_errors::TomlErrors;
use policylint::workspace::SetupError;
use terminal::{Terminal, print_diagnostics};

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
        Command::Check(args) => run_with(args.settings.color, args.quiet, |console| {
            run::check(&args.request(), console)
        }),
        Command::Report(args) => run_with(args.settings.color, args.quiet, |console| {
            run::report(&args.request(), console)
        }),
        Command::Inspect(args) => run_with(args.settings.color, true, |console| {
            let settings = args.settings.command_line(Some(&args.limits), None);
            run::inspect(settings, &args.file, console)
        }),
        Command::Rules(args) => run_with(args.color, true, |console| {
            run::list_rules(args.command_line(None, None), console)
        }),
        Command::Explain(args) => run_with(args.settings.color, true, |console| {
            run::explain(args.settings.command_line(None, None), &args.rule, console)
        }),
        Command::Eval(args) => run_with(args.settings.color, true, |console| {
            run::evaluate(&args.request(), console)
        }),
        // The server's code is the protocol's: 1 when told to exit before shutting down.
        Command::Server(args) => {
            let settings = args.settings.command_line(Some(&args.limits), None);
            return match policylint::server::run(settings) {
                Ok(code) => ExitCode::from(code),
                Err(err) => exit(Err(Failure::Io(err))),
            };
        }
        Command::Init(args) => run_with(ColorWhen::Never, true, |console| {
            run::init(args.force, console)
        }),
        Command::Completions(args) => completions(&args),
        Command::Man(args) => man(&args),
    };
    exit(result)
}

/// Run a command of the library on this process's streams; `quiet` keeps the progress bar away.
fn run_with(
    color: ColorWhen,
    quiet: bool,
    command: impl FnOnce(&mut Terminal) -> Result<Outcome, RunError>,
) -> Result<Outcome, Failure> {
    command(&mut Terminal::new(color, quiet)).map_err(|error| failure(error, color))
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
