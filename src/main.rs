//! The `policylint` command line: parse arguments, call the library, map outcomes to exit codes
//! (0 clean, 1 findings at or above `--fail-on`, 2 usage, rule-pack or I/O errors).

use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice, StandardStream};
use codespan_reporting::term::{self, Config};

use policylint::finding::Severity;
use policylint::output::{OutputFormat, Summary};
use policylint::rules::{self, DEFAULT_PACK, PackSource, RuleSet};
use policylint::walk::{self, WalkOptions};
use policylint::{Linter, NoticeLevel, Selection, Worker, explain, inspect};

#[derive(Parser)]
#[command(
    name = "policylint",
    version,
    about = "Lint codes, policies and role documents: do they manage things and lead people?"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and folders and print diagnostics.
    Check(CheckArgs),
    /// Show a document as policylint sees it: kind, sections, evidence, coverage.
    Inspect(InspectArgs),
    /// List the active rules.
    Rules(PackArgs),
    /// Explain a rule: why it matters, what to write, an example.
    Explain(ExplainArgs),
}

#[derive(Args)]
struct PackArgs {
    /// A rule pack (TOML file) or a folder of packs, loaded beside the built-in pack.
    #[arg(long = "rules", value_name = "FILE|DIR")]
    rules: Vec<PathBuf>,
    /// Leave the built-in pack out.
    #[arg(long)]
    no_default_rules: bool,
    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Never run these rules (comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Args)]
struct CheckArgs {
    /// Files and folders to lint [default: .]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    packs: PackArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Exit 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, default_value_t = SeverityArg::Error)]
    fail_on: SeverityArg,
    /// Worker threads [default: all cores].
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Follow symbolic links while walking folders.
    #[arg(long)]
    follow: bool,
    /// Print findings only: no summary.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct InspectArgs {
    file: PathBuf,
    #[command(flatten)]
    packs: PackArgs,
}

#[derive(Args)]
struct ExplainArgs {
    /// The rule id.
    rule: String,
    #[command(flatten)]
    packs: PackArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Concise,
}

#[derive(Clone, Copy, ValueEnum)]
enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(value: SeverityArg) -> Self {
        match value {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Inspect(args) => inspect_file(args),
        Command::Rules(args) => list_rules(args),
        Command::Explain(args) => explain_rule(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Reported) => ExitCode::from(EXIT_ERROR),
        Err(Failure::Message(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
        Err(Failure::Io(err)) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(err)) => {
            eprintln!("error: {err}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Why a command stopped early.
enum Failure {
    /// Already printed (rule-pack diagnostics).
    Reported,
    Message(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        Failure::Io(err)
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

/// Load the built-in pack (unless left out) and every `--rules` pack, or print the errors.
fn load_rules(args: &PackArgs) -> Result<RuleSet, Failure> {
    let mut sources = Vec::new();
    if !args.no_default_rules {
        sources.extend(PackSource::builtin(DEFAULT_PACK));
    }
    for path in &args.rules {
        for file in pack_files(path)? {
            let text = std::fs::read_to_string(&file).map_err(|err| {
                Failure::Message(format!(
                    "cannot read rule pack {}: {}",
                    file.display(),
                    walk::describe_io(&err)
                ))
            })?;
            sources.push(PackSource {
                origin: file.display().to_string(),
                text,
            });
        }
    }
    if sources.is_empty() {
        return Err(Failure::Message(
            "no rule packs: --no-default-rules needs at least one --rules FILE|DIR".into(),
        ));
    }
    rules::load(&sources).map_err(|errors| {
        let mut stderr =
            StandardStream::stderr(color_choice(args.color, io::stderr().is_terminal()));
        let config = Config::default();
        for diagnostic in &errors.diagnostics {
            let _ = term::emit_to_write_style(&mut stderr, &config, &errors.files, diagnostic);
        }
        let count = errors.diagnostics.len();
        eprintln!(
            "error: could not load the rule packs ({count} error{})",
            if count == 1 { "" } else { "s" }
        );
        Failure::Reported
    })
}

/// A pack file, or the `.toml` files of a folder in name order.
fn pack_files(path: &Path) -> Result<Vec<PathBuf>, Failure> {
    let unreadable = |err: io::Error| {
        Failure::Message(format!(
            "cannot read rule pack {}: {}",
            path.display(),
            walk::describe_io(&err)
        ))
    };
    if !path.is_dir() {
        std::fs::metadata(path).map_err(unreadable)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(unreadable)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Failure::Message(format!(
            "no .toml rule packs in {}",
            path.display()
        )));
    }
    Ok(files)
}

fn selection(args: &PackArgs, rules: &RuleSet) -> Result<Selection, Failure> {
    let selection = Selection {
        select: (!args.select.is_empty()).then(|| args.select.iter().cloned().collect()),
        ignore: args.ignore.iter().cloned().collect::<HashSet<_>>(),
    };
    let unknown: Vec<String> = selection
        .unknown_ids(rules)
        .map(|id| {
            let hint = rules::did_you_mean(id, rules.rules.iter().map(|r| r.id.as_str()));
            match hint {
                Some(hint) => format!("`{id}` ({hint})"),
                None => format!("`{id}`"),
            }
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Failure::Message(format!(
            "unknown rule {}; `policylint rules` lists them",
            unknown.join(", ")
        )));
    }
    Ok(selection)
}

fn check(args: CheckArgs) -> Result<u8, Failure> {
    let rules = load_rules(&args.packs)?;
    let selection = selection(&args.packs, &rules)?;
    let linter = Linter::new(rules, selection);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let walked = walk::collect(
        &paths,
        WalkOptions {
            follow_links: args.follow,
        },
    );
    let mut failed = !walked.errors.is_empty();
    for error in &walked.errors {
        eprintln!("error: {}: {}", error.path.display(), error.message);
    }

    let mut stdout =
        BufferedStandardStream::stdout(color_choice(args.packs.color, io::stdout().is_terminal()));
    let format = match args.format {
        FormatArg::Human => OutputFormat::Human,
        FormatArg::Concise => OutputFormat::Concise,
    };
    let mut emitter = format.emitter();
    let mut summary = Summary::default();
    let mut write_error: Option<io::Error> = None;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    linter.lint_files(&walked.files, jobs, |report| {
        for notice in &report.notices {
            let level = match notice.level {
                NoticeLevel::Error => "error",
                NoticeLevel::Warning => "warning",
                NoticeLevel::Note => "note",
            };
            if notice.level > NoticeLevel::Note || !args.quiet {
                eprintln!("{level}: {}: {}", report.path.display(), notice.message);
            }
        }
        summary.add(&report);
        if write_error.is_none()
            && let Err(err) = emitter.file(&report, &linter.rules, &mut stdout)
        {
            write_error = Some(err);
        }
    });
    if let Some(err) = write_error {
        return Err(err.into());
    }
    emitter.finish(&summary, &linter.rules, &mut stdout)?;
    stdout.flush()?;
    failed |= summary.failed_files > 0;
    if !args.quiet {
        eprintln!("{}", summary.line());
    }
    Ok(if failed {
        EXIT_ERROR
    } else if summary.at_least(args.fail_on.into()) > 0 {
        EXIT_FINDINGS
    } else {
        0
    })
}

fn inspect_file(args: InspectArgs) -> Result<u8, Failure> {
    let rules = load_rules(&args.packs)?;
    let selection = selection(&args.packs, &rules)?;
    let linter = Linter::new(rules, selection);
    let report = linter.lint_path(&args.file, &mut Worker::default());
    for notice in &report.notices {
        eprintln!("{}: {}", report.path.display(), notice.message);
    }
    let Some(linted) = &report.linted else {
        return Ok(
            if report.notices.iter().any(|n| n.level == NoticeLevel::Error) {
                EXIT_ERROR
            } else {
                0
            },
        );
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(inspect::render(linted, &linter.rules).as_bytes())?;
    Ok(0)
}

fn list_rules(args: PackArgs) -> Result<u8, Failure> {
    let rules = load_rules(&args)?;
    let selection = selection(&args, &rules)?;
    io::stdout()
        .lock()
        .write_all(explain::list(&rules, &selection).as_bytes())?;
    Ok(0)
}

fn explain_rule(args: ExplainArgs) -> Result<u8, Failure> {
    let rules = load_rules(&args.packs)?;
    let Some(rule) = rules.rule(&args.rule) else {
        let hint = rules::did_you_mean(&args.rule, rules.rules.iter().map(|r| r.id.as_str()))
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        return Err(Failure::Message(format!(
            "unknown rule `{}`{hint}; `policylint rules` lists them",
            args.rule
        )));
    };
    io::stdout()
        .lock()
        .write_all(explain::explain(rule, &rules).as_bytes())?;
    Ok(0)
}
