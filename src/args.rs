//! The command line's flags, as clap reads them, and the requests they make of the library.
//! The `--help` text, the completion scripts and the man pages all come from these definitions.

use std::collections::HashSet;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use policylint::Selection;
use policylint::date::Date;
use policylint::finding::Severity;
use policylint::limits;
use policylint::output::OutputFormat;
use policylint::report::ReportFormat;
use policylint::report::thresholds::{self, MinimumError, Threshold};
use policylint::run::{CheckRequest, EvalFormat, EvalRequest, Files, ReportRequest};
use policylint::walk::WalkOptions;
use policylint::workspace::CommandLine;

#[derive(Parser)]
#[command(
    name = "policylint",
    version,
    about = "Lint codes, policies and role documents: do they manage things and lead people?"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
pub(crate) struct SettingsArgs {
    /// Use this configuration file for every file instead of the nearest policylint.toml.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// A rule pack (TOML file) or a folder of packs, loaded beside the configured packs.
    #[arg(long = "rules", value_name = "FILE|DIR")]
    pub(crate) rules: Vec<PathBuf>,
    /// Leave the built-in packs out.
    #[arg(long)]
    pub(crate) no_default_rules: bool,
    /// Judge review and effective dates as on this day, YYYY-MM-DD [default: the
    /// configuration's `today`, else today].
    #[arg(long, value_name = "DATE", value_parser = Date::from_str)]
    pub(crate) today: Option<Date>,
    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Never run these rules (comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub(crate) color: ColorWhen,
}

/// Bounds on what one file may cost.
#[derive(Args)]
pub(crate) struct LimitArgs {
    /// Skip larger files with a warning: bytes, or a size such as 10MB or 10MiB [default: the
    /// configuration's `max-file-size`, else 10MB].
    #[arg(long, value_name = "SIZE", value_parser = limits::parse_size)]
    pub(crate) max_file_size: Option<u64>,
    /// Give up parsing a file after this many seconds [default: the configuration's
    /// `max-parse-time`, else 10].
    #[arg(long, value_name = "SECONDS", value_parser = limits::parse_seconds)]
    pub(crate) max_parse_time: Option<Duration>,
}

/// Flags for the cache of earlier results.
#[derive(Args)]
pub(crate) struct CacheArgs {
    /// Keep the cache in this folder [default: .policylint_cache next to the configuration
    /// file, else in the working directory].
    #[arg(long, value_name = "DIR")]
    pub(crate) cache_dir: Option<PathBuf>,
    /// Lint every file afresh and write no cache.
    #[arg(long, conflicts_with = "cache_dir")]
    pub(crate) no_cache: bool,
}

/// How folders are walked, and what a run that finds nothing to lint does.
#[derive(Args)]
pub(crate) struct WalkArgs {
    /// Follow symbolic links while walking folders.
    #[arg(long)]
    pub(crate) follow: bool,
    /// Lint what .gitignore, .ignore and .policylintignore files exclude in the folders walked.
    #[arg(long)]
    pub(crate) no_ignore: bool,
    /// Accept a run that lints no file (an empty folder, every file excluded or skipped) with a
    /// warning; without it such a run is an error (exit 2).
    #[arg(long)]
    pub(crate) allow_empty: bool,
}

#[derive(Args)]
pub(crate) struct CheckArgs {
    /// Files and folders to lint, or `-` for standard input [default: .]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) settings: SettingsArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    #[command(flatten)]
    pub(crate) cache: CacheArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub(crate) format: OutputFormat,
    /// Exit 1 when a finding at or above this severity exists [default: the configuration's
    /// `fail-on`, else error].
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<SeverityArg>,
    /// Worker threads [default: all cores].
    #[arg(long, short)]
    pub(crate) jobs: Option<usize>,
    #[command(flatten)]
    pub(crate) walk: WalkArgs,
    /// Print findings only: no summary and no notes.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Count findings per rule, and the files restored from the cache (on standard error).
    #[arg(long)]
    pub(crate) statistics: bool,
    /// The path standard input stands for (`-`): its configuration, overrides and format apply.
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filename: Option<PathBuf>,
    /// Hide the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub(crate) write_baseline: Option<PathBuf>,
}

#[derive(Args)]
pub(crate) struct ReportArgs {
    /// Files and folders to report on [default: .]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) settings: SettingsArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    #[command(flatten)]
    pub(crate) cache: CacheArgs,
    /// Report format [default: from the extension of --output, else md].
    #[arg(long, value_enum)]
    pub(crate) format: Option<ReportFormat>,
    /// Write the report to this file instead of standard output (html needs one).
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Exit 1 when the coverage of a concept or dimension is below a minimum: `purpose=0.8`,
    /// `manage=60%` (comma-separated or repeated; replaces `[report] min-coverage` entries of
    /// the same name).
    #[arg(long, value_name = "NAME=MIN", value_delimiter = ',', value_parser = Threshold::parse)]
    pub(crate) min_coverage: Vec<Threshold>,
    /// Show what changed since an earlier JSON report.
    #[arg(long, value_name = "OLD.json")]
    pub(crate) compare: Option<PathBuf>,
    /// Worker threads [default: all cores].
    #[arg(long, short)]
    pub(crate) jobs: Option<usize>,
    #[command(flatten)]
    pub(crate) walk: WalkArgs,
    /// Leave notes and the closing line out; errors and warnings still go to standard error.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

#[derive(Args)]
pub(crate) struct InspectArgs {
    pub(crate) file: PathBuf,
    #[command(flatten)]
    pub(crate) settings: SettingsArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

#[derive(Args)]
pub(crate) struct EvalArgs {
    /// The labels file: [[doc]] tables with a path and `yes`, `no` or `partial` per axis.
    pub(crate) labels: PathBuf,
    /// Score only the labelled documents under these files and folders [default: all].
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) settings: SettingsArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    /// Add a table per folder: the first DEPTH folders of each labelled path.
    #[arg(long, value_name = "DEPTH")]
    pub(crate) by: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Human)]
    pub(crate) format: EvalFormat,
    /// Exit 1 when a rule's balanced accuracy is below a minimum: `purpose-missing=0.9` or
    /// `=90%` (comma-separated or repeated).
    #[arg(long, value_name = "RULE=MIN", value_delimiter = ',', value_parser = parse_minimum)]
    pub(crate) min: Vec<(String, f64)>,
    /// Worker threads [default: all cores].
    #[arg(long, short)]
    pub(crate) jobs: Option<usize>,
}

fn parse_minimum(flag: &str) -> Result<(String, f64), MinimumError> {
    thresholds::parse_minimum(flag, "rule")
}

#[derive(Args)]
pub(crate) struct ExplainArgs {
    /// The rule id.
    pub(crate) rule: String,
    #[command(flatten)]
    pub(crate) settings: SettingsArgs,
}

#[derive(Args)]
pub(crate) struct ServerArgs {
    #[command(flatten)]
    pub(crate) settings: SettingsArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    /// Talk over standard input and output (the only way; accepted because editor clients
    /// pass it).
    #[arg(long)]
    pub(crate) stdio: bool,
}

#[derive(Args)]
pub(crate) struct InitArgs {
    /// Overwrite an existing policylint.toml.
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete in: bash (source the script, or save it as
    /// /usr/share/bash-completion/completions/policylint), zsh (save it as `_policylint` in a
    /// folder of `$fpath`), fish (~/.config/fish/completions/policylint.fish), powershell (source
    /// it in `$PROFILE`) or elvish.
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Args)]
pub(crate) struct ManArgs {
    /// Write policylint.1 and a page per command (policylint-check.1, ...) into this folder
    /// instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub(crate) output_dir: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum SeverityArg {
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

impl SettingsArgs {
    /// What these flags, the limits and `--fail-on` say about settings.
    pub(crate) fn command_line(
        &self,
        limits: Option<&LimitArgs>,
        fail_on: Option<SeverityArg>,
    ) -> CommandLine {
        CommandLine {
            config: self.config.clone(),
            extra_packs: self.rules.clone(),
            no_default_rules: self.no_default_rules,
            selection: Selection {
                select: (!self.select.is_empty()).then(|| self.select.iter().cloned().collect()),
                ignore: self.ignore.iter().cloned().collect::<HashSet<_>>(),
            },
            fail_on: fail_on.map(Severity::from),
            max_file_size: limits.and_then(|l| l.max_file_size),
            max_parse_time: limits.and_then(|l| l.max_parse_time),
            today: self.today,
        }
    }
}

/// The files a run lints, from its paths and flags.
fn files(paths: &[PathBuf], walk: &WalkArgs, jobs: Option<usize>, cache: &CacheArgs) -> Files {
    Files {
        paths: paths.to_vec(),
        walk: WalkOptions {
            follow_links: walk.follow,
            no_ignore: walk.no_ignore,
        },
        allow_empty: walk.allow_empty,
        jobs,
        cache: (!cache.no_cache).then(|| cache.cache_dir.clone()),
    }
}

impl CheckArgs {
    pub(crate) fn request(&self) -> CheckRequest {
        CheckRequest {
            settings: self.settings.command_line(Some(&self.limits), self.fail_on),
            files: files(&self.paths, &self.walk, self.jobs, &self.cache),
            format: self.format,
            quiet: self.quiet,
            statistics: self.statistics,
            stdin_filename: self.stdin_filename.clone(),
            baseline: self.baseline.clone(),
            write_baseline: self.write_baseline.clone(),
        }
    }
}

impl ReportArgs {
    pub(crate) fn request(&self) -> ReportRequest {
        ReportRequest {
            settings: self.settings.command_line(Some(&self.limits), None),
            files: files(&self.paths, &self.walk, self.jobs, &self.cache),
            format: self.format,
            output: self.output.clone(),
            min_coverage: self.min_coverage.clone(),
            compare: self.compare.clone(),
            quiet: self.quiet,
        }
    }
}

impl EvalArgs {
    pub(crate) fn request(&self) -> EvalRequest {
        EvalRequest {
            settings: self.settings.command_line(Some(&self.limits), None),
            labels: self.labels.clone(),
            paths: self.paths.clone(),
            by: self.by,
            format: self.format,
            min: self.min.clone(),
            jobs: self.jobs,
        }
    }
}
