//! The `policylint` command line: parse arguments, call the library, map outcomes to exit codes
//! (0 clean, 1 findings at or above `--fail-on`, 2 usage, configuration, rule-pack or I/O
//! errors).

#[cfg(unix)]
mod interrupt;
mod progress;

use std::collections::{BTreeMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice, StandardStream};
use codespan_reporting::term::{self, Config as TermConfig};

use policylint::baseline::{Baseline, Recorder};
use policylint::config::{self, STARTER};
use policylint::date::Date;
use policylint::eval::{self, Labels};
use policylint::finding::Severity;
use policylint::limits;
use policylint::output::{OutputFormat, Skipped, Summary};
use policylint::report::thresholds::{self, Threshold};
use policylint::report::{Catalogue, ReportBuilder, ReportFormat, compare};
use policylint::source::Format;
use policylint::toml_errors::TomlErrors;
use policylint::walk::{self, WalkOptions};
use policylint::workspace::{CommandLine, SetupError, Target, Workspace};
use policylint::{FileReport, NoticeLevel, Selection, explain, inspect, suppress};
use progress::Progress;

/// Most of what policylint allocates lives for one sentence or one file; mimalloc serves such
/// short-lived allocations faster than the system allocator on every worker thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Coverage report: which documents manage things and lead people, and what is missing.
    Report(ReportArgs),
    /// Show a document as policylint sees it: kind, sections, evidence, coverage.
    Inspect(InspectArgs),
    /// List the active rules.
    Rules(SettingsArgs),
    /// Explain a rule: why it matters, what to write, an example.
    Explain(ExplainArgs),
    /// Score the rules against a reader's labels: how often they agree, and where not.
    Eval(EvalArgs),
    /// Write a commented starter policylint.toml in the current folder.
    Init(InitArgs),
    /// Serve diagnostics, hovers and fixes to an editor: a Language Server Protocol server on
    /// standard input and output.
    Server(ServerArgs),
    /// Print a completion script for a shell.
    Completions(CompletionsArgs),
    /// Print the man page, or write one page per command into a folder.
    Man(ManArgs),
}

/// Flags that decide which rules run with which settings.
#[derive(Args)]
struct SettingsArgs {
    /// Use this configuration file for every file instead of the nearest policylint.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// A rule pack (TOML file) or a folder of packs, loaded beside the configured packs.
    #[arg(long = "rules", value_name = "FILE|DIR")]
    rules: Vec<PathBuf>,
    /// Leave the built-in packs out.
    #[arg(long)]
    no_default_rules: bool,
    /// Judge review and effective dates as on this day, YYYY-MM-DD [default: the
    /// configuration's `today`, else today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<Date>,
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

/// Bounds on what one file may cost.
#[derive(Args)]
struct LimitArgs {
    /// Skip larger files with a warning: bytes, or a size such as 10MB or 10MiB [default: the
    /// configuration's `max-file-size`, else 10MB].
    #[arg(long, value_name = "SIZE", value_parser = limits::parse_size)]
    max_file_size: Option<u64>,
    /// Give up parsing a file after this many seconds [default: the configuration's
    /// `max-parse-time`, else 10].
    #[arg(long, value_name = "SECONDS", value_parser = limits::parse_seconds)]
    max_parse_time: Option<Duration>,
}

/// Flags for the cache of earlier results.
#[derive(Args)]
struct CacheArgs {
    /// Keep the cache in this folder [default: .policylint_cache next to the configuration
    /// file, else in the working directory].
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Lint every file afresh and write no cache.
    #[arg(long, conflicts_with = "cache_dir")]
    no_cache: bool,
}

impl CacheArgs {
    fn apply(&self, workspace: &mut Workspace) {
        if !self.no_cache {
            workspace.use_cache(self.cache_dir.clone());
        }
    }
}

/// How folders are walked, and what a run that finds nothing to lint does.
#[derive(Args)]
struct WalkArgs {
    /// Follow symbolic links while walking folders.
    #[arg(long)]
    follow: bool,
    /// Lint what .gitignore, .ignore and .policylintignore files exclude in the folders walked.
    #[arg(long)]
    no_ignore: bool,
    /// Accept a run that lints no file (an empty folder, every file excluded or skipped) with a
    /// warning; without it such a run is an error (exit 2).
    #[arg(long)]
    allow_empty: bool,
}

impl WalkArgs {
    fn options(&self) -> WalkOptions {
        WalkOptions {
            follow_links: self.follow,
            no_ignore: self.no_ignore,
        }
    }
}

#[derive(Args)]
struct CheckArgs {
    /// Files and folders to lint, or `-` for standard input [default: .]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    cache: CacheArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Exit 1 when a finding at or above this severity exists [default: the configuration's
    /// `fail-on`, else error].
    #[arg(long, value_enum)]
    fail_on: Option<SeverityArg>,
    /// Worker threads [default: all cores].
    #[arg(long, short)]
    jobs: Option<usize>,
    #[command(flatten)]
    walk: WalkArgs,
    /// Print findings only: no summary and no notes.
    #[arg(long, short)]
    quiet: bool,
    /// Count findings per rule, and the files restored from the cache (on standard error).
    #[arg(long)]
    statistics: bool,
    /// The path standard input stands for (`-`): its configuration, overrides and format apply.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Hide the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
}

#[derive(Args)]
struct ReportArgs {
    /// Files and folders to report on [default: .]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    cache: CacheArgs,
    /// Report format [default: from the extension of --output, else md].
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// Write the report to this file instead of standard output (html needs one).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit 1 when the coverage of a concept or dimension is below a minimum: `purpose=0.8`,
    /// `manage=60%` (comma-separated or repeated; replaces `[report] min-coverage` entries of
    /// the same name).
    #[arg(long, value_name = "NAME=MIN", value_delimiter = ',', value_parser = Threshold::parse)]
    min_coverage: Vec<Threshold>,
    /// Show what changed since an earlier JSON report.
    #[arg(long, value_name = "OLD.json")]
    compare: Option<PathBuf>,
    /// Worker threads [default: all cores].
    #[arg(long, short)]
    jobs: Option<usize>,
    #[command(flatten)]
    walk: WalkArgs,
    /// Leave notes and the closing line out; errors and warnings still go to standard error.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct InspectArgs {
    file: PathBuf,
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args)]
struct EvalArgs {
    /// The labels file: [[doc]] tables with a path and `yes`, `no` or `partial` per axis.
    labels: PathBuf,
    /// Score only the labelled documents under these files and folders [default: all].
    paths: Vec<PathBuf>,
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(flatten)]
    limits: LimitArgs,
    /// Add a table per folder: the first DEPTH folders of each labelled path.
    #[arg(long, value_name = "DEPTH")]
    by: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Human)]
    format: EvalFormat,
    /// Exit 1 when a rule's balanced accuracy is below a minimum: `purpose-missing=0.9` or
    /// `=90%` (comma-separated or repeated).
    #[arg(long, value_name = "RULE=MIN", value_delimiter = ',', value_parser = parse_minimum)]
    min: Vec<(String, f64)>,
    /// Worker threads [default: all cores].
    #[arg(long, short)]
    jobs: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum EvalFormat {
    Human,
    Json,
}

fn parse_minimum(flag: &str) -> Result<(String, f64), String> {
    thresholds::parse_minimum(flag, "rule")
}

#[derive(Args)]
struct ExplainArgs {
    /// The rule id.
    rule: String,
    #[command(flatten)]
    settings: SettingsArgs,
}

#[derive(Args)]
struct ServerArgs {
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(flatten)]
    limits: LimitArgs,
    /// Talk over standard input and output (the only way; accepted because editor clients
    /// pass it).
    #[arg(long)]
    stdio: bool,
}

#[derive(Args)]
struct InitArgs {
    /// Overwrite an existing policylint.toml.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct CompletionsArgs {
    /// The shell to complete in: bash (source the script, or save it as
    /// /usr/share/bash-completion/completions/policylint), zsh (save it as `_policylint` in a
    /// folder of `$fpath`), fish (~/.config/fish/completions/policylint.fish), powershell (source
    /// it in `$PROFILE`) or elvish.
    shell: clap_complete::Shell,
}

#[derive(Args)]
struct ManArgs {
    /// Write policylint.1 and a page per command (policylint-check.1, ...) into this folder
    /// instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
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
    #[cfg(unix)]
    interrupt::remove_temporary_files_on_signal();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Report(args) => report(args),
        Command::Inspect(args) => inspect_file(args),
        Command::Rules(args) => list_rules(args),
        Command::Explain(args) => explain_rule(args),
        Command::Eval(args) => eval(args),
        Command::Server(args) => server(&args),
        Command::Init(args) => init(args),
        Command::Completions(args) => completions(&args),
        Command::Man(args) => man(&args),
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
    /// Already printed (configuration or rule-pack diagnostics).
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

fn command_line(
    settings: &SettingsArgs,
    limits: Option<&LimitArgs>,
    fail_on: Option<SeverityArg>,
) -> CommandLine {
    CommandLine {
        config: settings.config.clone(),
        extra_packs: settings.rules.clone(),
        no_default_rules: settings.no_default_rules,
        selection: Selection {
            select: (!settings.select.is_empty())
                .then(|| settings.select.iter().cloned().collect()),
            ignore: settings.ignore.iter().cloned().collect::<HashSet<_>>(),
        },
        fail_on: fail_on.map(Severity::from),
        max_file_size: limits.and_then(|l| l.max_file_size),
        max_parse_time: limits.and_then(|l| l.max_parse_time),
        today: settings.today,
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date such as 2026-01-31"))
}

/// Print diagnostics about a TOML file on standard error.
fn print_diagnostics(errors: &TomlErrors, color: ColorWhen) {
    let mut stderr = StandardStream::stderr(color_choice(color, io::stderr().is_terminal()));
    let config = TermConfig::default();
    for diagnostic in &errors.diagnostics {
        let _ = term::emit_to_write_style(&mut stderr, &config, &errors.files, diagnostic);
    }
}

/// Print a setup error (configuration or pack diagnostics go through codespan).
fn setup_failure(error: SetupError, color: ColorWhen) -> Failure {
    match error {
        SetupError::Message(message) => Failure::Message(message),
        SetupError::Toml(errors) => toml_failure(&errors, color, "the settings"),
    }
}

/// Print the diagnostics of a TOML file that could not be used, then a closing line.
fn toml_failure(errors: &TomlErrors, color: ColorWhen, what: &str) -> Failure {
    print_diagnostics(errors, color);
    let count = errors.diagnostics.len();
    eprintln!(
        "error: could not load {what} ({count} error{})",
        if count == 1 { "" } else { "s" }
    );
    Failure::Reported
}

fn check(args: CheckArgs) -> Result<u8, Failure> {
    let color = args.settings.color;
    let mut workspace = Workspace::new(command_line(
        &args.settings,
        Some(&args.limits),
        args.fail_on,
    ));
    let stdin_mode = args.paths.len() == 1 && args.paths[0] == Path::new("-");
    if !stdin_mode {
        args.cache.apply(&mut workspace);
    }
    if args.stdin_filename.is_some() && !stdin_mode {
        return Err(Failure::Message(
            "--stdin-filename needs `-` as the only path".into(),
        ));
    }
    let mut failed = false;
    let mut targets = Vec::new();
    let paths = paths_or_here(&args.paths);
    if !stdin_mode {
        (targets, failed) =
            collect_targets(&mut workspace, &paths, args.walk.options(), args.quiet)
                .map_err(|e| setup_failure(e, color))?;
        refuse_to_overwrite_input(args.write_baseline.as_deref(), "baseline", &targets)?;
    }

    let mut baseline = args
        .baseline
        .as_deref()
        .map(Baseline::load)
        .transpose()
        .map_err(|e| setup_failure(SetupError::Toml(e), color))?;
    let mut recorder = args.write_baseline.as_deref().map(Recorder::new);
    let mut stdout =
        BufferedStandardStream::stdout(color_choice(color, io::stdout().is_terminal()));
    let mut emitter = args.format.emitter();
    let mut summary = Summary::default();
    let mut per_rule: BTreeMap<(String, Severity), usize> = BTreeMap::new();
    let mut write_error: Option<io::Error> = None;
    let mut progress = Progress::new(targets.len(), args.quiet);
    let mut handle = |mut report: FileReport, linter: &policylint::Linter| {
        progress.file_done();
        progress.suspend(|| print_notices(&report, args.quiet));
        if let Some(baseline) = &mut baseline {
            baseline.filter(&mut report);
        }
        if let Some(recorder) = &mut recorder {
            recorder.record(&report);
        }
        for finding in report.linted.iter().flat_map(|l| &l.findings) {
            *per_rule
                .entry((finding.rule.clone(), finding.severity))
                .or_insert(0) += 1;
        }
        summary.add(&report, linter.fail_on);
        if write_error.is_none()
            && let Err(err) = progress.suspend(|| emitter.file(&report, &linter.rules, &mut stdout))
        {
            write_error = Some(err);
        }
    };
    if stdin_mode {
        let path = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        let (report, index) = workspace
            .lint_stdin(&path, io::stdin().lock())
            .map_err(|e| setup_failure(e, color))?;
        handle(report, &workspace.linters[index]);
    } else {
        workspace.lint(&targets, jobs(args.jobs), handle);
    }
    progress.finish();
    save_cache(&workspace);
    // A closed standard output (`| head`) ends the printing, not the work: the baseline asked
    // for is still written before the error is returned.
    let printed = match write_error {
        Some(err) => Err(err),
        None => emitter
            .finish(&summary, &mut stdout)
            .and_then(|()| stdout.flush()),
    };
    failed |= summary.failed_files > 0;
    if args.statistics {
        print_statistics(&per_rule, baseline.as_ref());
        if let Some(hits) = workspace.cache_hits() {
            eprintln!("cached: {hits} of {} files", targets.len());
        }
    }
    if !args.quiet {
        eprintln!("{}", summary.line());
    }
    // Standard input is always one file, even an empty one.
    if !stdin_mode && !failed && summary.checked() == 0 {
        failed = nothing_linted(&paths, &summary.skipped, args.walk.allow_empty);
    }
    if let (Some(recorder), Some(path)) = (&recorder, &args.write_baseline) {
        let count = recorder.write(path).map_err(|err| {
            Failure::Message(format!("cannot write baseline {}: {err}", path.display()))
        })?;
        eprintln!(
            "wrote {count} finding{} to {}",
            if count == 1 { "" } else { "s" },
            path.display()
        );
    }
    printed?;
    if recorder.is_some() {
        return Ok(if failed { EXIT_ERROR } else { 0 });
    }
    Ok(if failed {
        EXIT_ERROR
    } else if summary.failing > 0 {
        EXIT_FINDINGS
    } else {
        0
    })
}

/// Say that a run linted no file, and why; `true` (the run fails) unless `allow_empty`.
fn nothing_linted(paths: &[PathBuf], skipped: &Skipped, allow_empty: bool) -> bool {
    let why = match skipped.reasons() {
        Some(reasons) => format!("every file was skipped ({reasons})"),
        None => {
            let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            format!(
                "no file in {} is one policylint reads and the configuration includes",
                paths.join(", ")
            )
        }
    };
    if allow_empty {
        eprintln!("warning: nothing to lint: {why}");
        false
    } else {
        eprintln!("error: nothing to lint: {why} (--allow-empty accepts this)");
        true
    }
}

/// Refuse to write `output` over a file this run lints: that would destroy the input.
fn refuse_to_overwrite_input(
    output: Option<&Path>,
    what: &str,
    targets: &[Target],
) -> Result<(), Failure> {
    let inputs = targets.iter().map(|t| t.path.as_path());
    match output.and_then(|output| policylint::atomic::same_file_as(output, inputs)) {
        Some(input) => Err(Failure::Message(format!(
            "will not write the {what} over {}, which this run lints; write it elsewhere or \
             exclude it",
            input.display()
        ))),
        None => Ok(()),
    }
}

/// The worker threads asked for, else one per core.
fn jobs(asked: Option<usize>) -> usize {
    asked.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The paths named, or the working directory.
fn paths_or_here(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// The files under `paths` to lint, each with its linter: named files unless their
/// configuration excludes them, files found in folders when their configuration includes them.
/// Walk errors are printed; the flag says whether there were any.
fn collect_targets(
    workspace: &mut Workspace,
    paths: &[PathBuf],
    walk: WalkOptions,
    quiet: bool,
) -> Result<(Vec<Target>, bool), SetupError> {
    let walked = walk::collect(paths, walk);
    for error in &walked.errors {
        let level = error.level.name();
        eprintln!("{level}: {}: {}", error.path.display(), error.message);
    }
    for link in &walked.links {
        let linter = workspace.linter_for(link)?;
        if !quiet && workspace.linters[linter].config.includes(link) {
            eprintln!(
                "note: {}: symbolic link, not followed (--follow lints what it points at)",
                link.display()
            );
        }
    }
    let mut targets = Vec::new();
    let mut failed = false;
    // Documents found in folders that policylint cannot read yet, by extension.
    let mut not_read: BTreeMap<String, usize> = BTreeMap::new();
    for found in walked.files {
        let linter = workspace.linter_for(&found.path)?;
        let config = &workspace.linters[linter].config;
        if found.named && config.excludes(&found.path) {
            if !quiet {
                eprintln!(
                    "note: {}: excluded by {}",
                    found.path.display(),
                    config.describe()
                );
            }
            continue;
        }
        if let Some(ext) = Format::not_yet_read(&found.path) {
            if found.named {
                eprintln!(
                    "error: {}: policylint cannot read .{ext} files yet; save it as Word, \
                     OpenDocument, Markdown or plain text to lint it",
                    found.path.display()
                );
                failed = true;
            } else if !config.excludes(&found.path) {
                *not_read.entry(ext).or_insert(0) += 1;
            }
            continue;
        }
        if found.named || config.includes(&found.path) {
            targets.push(Target {
                path: found.path,
                linter,
            });
        }
    }
    if !quiet && !not_read.is_empty() {
        eprintln!("note: {}", describe_not_read(&not_read));
    }
    failed |= walked
        .errors
        .iter()
        .any(|error| error.level == NoticeLevel::Error);
    Ok((targets, failed))
}

/// `skipped 3 files policylint cannot read yet (2 .pdf, 1 .rtf)`
fn describe_not_read(by_extension: &BTreeMap<String, usize>) -> String {
    let total: usize = by_extension.values().sum();
    let counts: Vec<String> = by_extension
        .iter()
        .map(|(ext, n)| format!("{n} .{ext}"))
        .collect();
    format!(
        "skipped {total} file{} policylint cannot read yet ({})",
        if total == 1 { "" } else { "s" },
        counts.join(", ")
    )
}

/// A file's notices on standard error; notes only when not quiet.
fn print_notices(report: &FileReport, quiet: bool) {
    for notice in &report.notices {
        if notice.level > NoticeLevel::Note || !quiet {
            let level = notice.level.name();
            eprintln!("{level}: {}: {}", report.path.display(), notice.message);
        }
    }
}

fn report(args: ReportArgs) -> Result<u8, Failure> {
    let color = args.settings.color;
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) => ReportFormat::from_path(path).ok_or_else(|| {
            Failure::Message(format!(
                "cannot tell the format from the name {}; add --format html|md|json|csv",
                path.display()
            ))
        })?,
        (None, None) => ReportFormat::Md,
    };
    if format == ReportFormat::Html && args.output.is_none() {
        return Err(Failure::Message(
            "the html report is a page of its own: write it to a file with -o FILE".into(),
        ));
    }
    if args.paths.iter().any(|p| p == Path::new("-")) {
        return Err(Failure::Message(
            "report reads files and folders, not standard input".into(),
        ));
    }
    let old = args
        .compare
        .as_deref()
        .map(compare::load)
        .transpose()
        .map_err(Failure::Message)?;
    let mut workspace = Workspace::new(command_line(&args.settings, Some(&args.limits), None));
    args.cache.apply(&mut workspace);
    let paths = paths_or_here(&args.paths);
    let (targets, mut failed) =
        collect_targets(&mut workspace, &paths, args.walk.options(), args.quiet)
            .map_err(|e| setup_failure(e, color))?;
    refuse_to_overwrite_input(args.output.as_deref(), "report", &targets)?;
    // Thresholds: the configuration of the first path, then the command line.
    let settings = workspace
        .linter_for(&paths[0])
        .map_err(|e| setup_failure(e, color))?;
    let config = &workspace.linters[settings].config;
    let wanted = Threshold::merge(&config.min_coverage, &args.min_coverage);
    let catalogue = Catalogue::new(workspace.linters.iter().map(|l| &l.rules));
    let wanted = thresholds::resolve(wanted, &catalogue).map_err(|problems| {
        for problem in problems {
            eprintln!("error: {problem}");
        }
        Failure::Reported
    })?;
    let mut builder = ReportBuilder::new(catalogue);
    let mut progress = Progress::new(targets.len(), args.quiet);
    let mut skipped = Skipped::default();
    workspace.lint(&targets, jobs(args.jobs), |file, linter| {
        progress.file_done();
        progress.suspend(|| print_notices(&file, args.quiet));
        failed |= file.notices.iter().any(|n| n.level == NoticeLevel::Error);
        skipped.add(&file);
        builder.add(&file, &linter.rules);
    });
    progress.finish();
    save_cache(&workspace);
    let inputs = paths.iter().map(|p| p.display().to_string()).collect();
    let mut report = builder.finish(inputs);
    report.thresholds = thresholds::evaluate(wanted, &report.summary);
    if let (Some(old), Some(path)) = (&old, &args.compare) {
        compare::attach(&mut report, old, &path.display().to_string());
    }
    let mut bytes = Vec::new();
    format.renderer().render(&report, &mut bytes)?;
    match &args.output {
        Some(path) => policylint::atomic::write(path, &bytes)
            .map_err(|err| Failure::Message(format!("cannot write {}: {err}", path.display())))?,
        None => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(&bytes)?;
            stdout.flush()?;
        }
    }
    for result in report.thresholds.iter().filter(|t| !t.passed()) {
        eprintln!(
            "error: coverage below the minimum: {}",
            result.message(&report.catalogue)
        );
    }
    if !args.quiet {
        let mut line = report.describe(args.output.as_deref());
        if let Some(skipped) = skipped.describe() {
            line.push_str(&format!("; {skipped}"));
        }
        eprintln!("{line}");
    }
    if !failed && targets.len() == skipped.total() {
        failed = nothing_linted(&paths, &skipped, args.walk.allow_empty);
    }
    Ok(if failed {
        EXIT_ERROR
    } else if !report.thresholds_passed() {
        EXIT_FINDINGS
    } else {
        0
    })
}

/// Write the cache; a cache that cannot be written is worth a warning, not a failure.
fn save_cache(workspace: &Workspace) {
    for problem in workspace.save_cache() {
        eprintln!("warning: {problem}");
    }
}

/// Counts per rule, most frequent first, then what the baseline hid.
fn print_statistics(per_rule: &BTreeMap<(String, Severity), usize>, baseline: Option<&Baseline>) {
    let mut rows: Vec<(&(String, Severity), &usize)> = per_rule.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let width = rows
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    for ((rule, severity), count) in rows {
        eprintln!("{count:>width$}  {rule} ({severity})");
    }
    if let Some(baseline) = baseline {
        eprintln!(
            "baseline: {} finding{} hidden, {} recorded finding{} no longer found",
            baseline.hidden(),
            if baseline.hidden() == 1 { "" } else { "s" },
            baseline.stale(),
            if baseline.stale() == 1 { "" } else { "s" }
        );
    }
}

fn inspect_file(args: InspectArgs) -> Result<u8, Failure> {
    let color = args.settings.color;
    let mut workspace = Workspace::new(command_line(&args.settings, Some(&args.limits), None));
    let index = workspace
        .linter_for(&args.file)
        .map_err(|e| setup_failure(e, color))?;
    let linter = &workspace.linters[index];
    let report = linter.lint_path(&args.file, &mut policylint::Worker::default());
    for notice in &report.notices {
        eprintln!("{}: {}", report.path.display(), notice.message);
    }
    let Some(linted) = &report.linted else {
        let failed = report.notices.iter().any(|n| n.level == NoticeLevel::Error);
        return Ok(if failed { EXIT_ERROR } else { 0 });
    };
    io::stdout()
        .lock()
        .write_all(inspect::render(linted, linter).as_bytes())?;
    Ok(0)
}

fn list_rules(args: SettingsArgs) -> Result<u8, Failure> {
    let mut workspace = Workspace::new(command_line(&args, None, None));
    let index = workspace
        .linter_for(Path::new("."))
        .map_err(|e| setup_failure(e, args.color))?;
    io::stdout()
        .lock()
        .write_all(explain::list(&workspace.linters[index]).as_bytes())?;
    Ok(0)
}

fn explain_rule(args: ExplainArgs) -> Result<u8, Failure> {
    let mut workspace = Workspace::new(command_line(&args.settings, None, None));
    let index = workspace
        .linter_for(Path::new("."))
        .map_err(|e| setup_failure(e, args.settings.color))?;
    let rules = &workspace.linters[index].rules;
    let text = if args.rule == suppress::UNUSED_SUPPRESSION {
        explain::explain_unused_suppression()
    } else if let Some(rule) = rules.rule(&args.rule) {
        explain::explain(rule, rules)
    } else {
        let known = rules
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .chain([suppress::UNUSED_SUPPRESSION]);
        let hint = policylint::toml_errors::did_you_mean(&args.rule, known)
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        return Err(Failure::Message(format!(
            "unknown rule `{}`{hint}; `policylint rules` lists them",
            args.rule
        )));
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}

fn eval(args: EvalArgs) -> Result<u8, Failure> {
    let color = args.settings.color;
    let labels = Labels::load(&args.labels).map_err(|e| toml_failure(&e, color, "the labels"))?;
    let mut workspace = Workspace::new(command_line(&args.settings, Some(&args.limits), None));
    let request = eval::Request {
        labels: &labels,
        paths: &args.paths,
        jobs: jobs(args.jobs),
        by: args.by,
    };
    let mut failed = false;
    let evaluation = eval::run(&mut workspace, &request, |report| {
        print_notices(report, false);
        failed |= report.notices.iter().any(|n| n.level == NoticeLevel::Error);
    })
    .map_err(|e| match e {
        eval::EvalError::Setup(e) => setup_failure(e, color),
        eval::EvalError::Labels(e) => toml_failure(&e, color, "the labels"),
    })?;
    for path in &evaluation.missing {
        if let Some(doc) = labels.docs.iter().find(|d| &d.path == path) {
            let warning =
                labels.warning_at(doc, format!("no such document: {path}"), "labelled here");
            print_diagnostics(&warning, color);
        }
    }
    let known: Vec<&str> = evaluation.scores.iter().map(|s| s.rule.as_str()).collect();
    for (rule, _) in &args.min {
        if !known.contains(&rule.as_str()) {
            let hint = policylint::toml_errors::did_you_mean(rule, known.iter().copied())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            return Err(Failure::Message(format!(
                "--min names `{rule}`, which answers for no labelled axis{hint}"
            )));
        }
    }
    let text = match args.format {
        EvalFormat::Human => eval::human::render(&evaluation),
        EvalFormat::Json => eval::json::render(&evaluation),
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    let below = evaluation.below(&args.min);
    for problem in &below {
        eprintln!("error: {problem}");
    }
    Ok(if failed {
        EXIT_ERROR
    } else if !below.is_empty() {
        EXIT_FINDINGS
    } else {
        0
    })
}

fn server(args: &ServerArgs) -> Result<u8, Failure> {
    let command_line = command_line(&args.settings, Some(&args.limits), None);
    Ok(policylint::server::run(command_line)?)
}

fn init(args: InitArgs) -> Result<u8, Failure> {
    let path = PathBuf::from(config::FILE_NAME);
    if path.exists() && !args.force {
        return Err(Failure::Message(format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        )));
    }
    policylint::atomic::write(&path, STARTER.as_bytes())
        .map_err(|err| Failure::Message(format!("cannot write {}: {err}", path.display())))?;
    eprintln!("wrote {}", path.display());
    Ok(0)
}

fn completions(args: &CompletionsArgs) -> Result<u8, Failure> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "policylint", &mut script);
    io::stdout().lock().write_all(&script)?;
    Ok(0)
}

/// The man pages come from the same definitions as `--help`, so the two always agree.
fn man(args: &ManArgs) -> Result<u8, Failure> {
    // As `generate_to` does for every page: `help` is no command of its own there.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    match &args.output_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .and_then(|()| clap_mangen::generate_to(command, dir))
                .map_err(|err| {
                    Failure::Message(format!(
                        "cannot write man pages to {}: {err}",
                        dir.display()
                    ))
                })?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            io::stdout().lock().write_all(&page)?;
        }
    }
    Ok(0)
}
