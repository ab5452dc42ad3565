//! Which files might be linted: named files as given, and every file in the folders named.
//!
//! Folder walks skip what the folder's ignore files exclude, as ripgrep does: `.gitignore`
//! (inside a git repository), `.git/info/exclude`, git's global excludes, `.ignore`, and
//! `.policylintignore`, in gitignore syntax, nested files refining their parents'. walkdir walks
//! and the `ignore` crate's gitignore matcher decides, before a folder is entered, so an ignored
//! tree is never read. A file named on the command line is linted whatever these say.
//! Hidden files and folders (and Word's `~$` lock files) are skipped, symbolic links are not
//! followed unless asked (a loop among them is a warning, not a failure), FIFOs, sockets and
//! devices are never opened, and the result is sorted and free of duplicates (the same file
//! named twice, or by two spellings of its path, is linted once) so output order never depends
//! on the file system or on how the paths were typed.
//! Whether a found file is linted is up to its configuration's `include` and `exclude`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder, gitconfig_excludes_path};
use walkdir::{DirEntry, WalkDir};

use crate::results::NoticeLevel;

/// The ignore file of policylint's own, for what git should keep but policylint should not lint.
pub const IGNORE_FILE_NAME: &str = ".policylintignore";

#[derive(Clone, Copy, Debug, Default)]
pub struct WalkOptions {
    /// Follow symbolic links while walking folders.
    pub follow_links: bool,
    /// Walk into what ignore files exclude (`--no-ignore`).
    pub no_ignore: bool,
}

/// A problem met while walking: a path that does not exist, a folder that cannot be read, a
/// symbolic link loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkError {
    /// An error fails the run; a warning (a link loop, which only repeats files) does not.
    pub level: NoticeLevel,
    pub path: PathBuf,
    pub message: String,
}

/// A file found, and whether it was named on the command line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: PathBuf,
    /// Named on the command line: linted whatever its extension.
    pub named: bool,
}

/// The files found, and what could not be walked.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<Found>,
    pub errors: Vec<WalkError>,
    /// Symbolic links met in folders and not followed (without `follow_links`), in path order:
    /// each is worth a notice when it would have been linted.
    pub links: Vec<PathBuf>,
}

/// Collect the regular files named in `paths` and in the folders `paths` names.
pub fn collect(paths: &[PathBuf], options: WalkOptions) -> Walked {
    let mut walked = Walked::default();
    // Read once, when the first folder is walked.
    let mut global_excludes = None;
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let ignore_files = (!options.no_ignore).then(|| {
                    let global = global_excludes
                        .get_or_insert_with(|| read_global_excludes(&mut walked.errors));
                    IgnoreFiles::new(path, global)
                });
                walk_dir(path, options.follow_links, ignore_files, &mut walked);
            }
            Ok(meta) if meta.is_file() => walked.files.push(Found {
                path: path.clone(),
                named: true,
            }),
            // FIFOs, sockets and devices could block a read forever.
            Ok(_) => walked.errors.push(WalkError {
                level: NoticeLevel::Error,
                path: path.clone(),
                message: "not a regular file, skipped".into(),
            }),
            Err(err) => walked.errors.push(WalkError {
                level: NoticeLevel::Error,
                path: path.clone(),
                message: describe_io(&err),
            }),
        }
    }
    for found in &mut walked.files {
        found.path = without_dot_components(&found.path);
    }
    walked.files.sort();
    drop_duplicates(&mut walked.files);
    walked
}

/// `./a/./b.md` as `a/b.md`: the path a user means, whichever way it was typed.
fn without_dot_components(path: &Path) -> PathBuf {
    let clean: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if clean.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        clean
    }
}

/// Keep the first of the paths that lead to the same file (`a.md` given twice, `a.md` and
/// `/abs/a.md`, a link followed to a file also found directly), named if any of them was, so
/// no file is linted twice.
fn drop_duplicates(files: &mut Vec<Found>) {
    let mut first_of: HashMap<PathBuf, usize> = HashMap::new();
    let mut kept: Vec<Found> = Vec::with_capacity(files.len());
    for found in files.drain(..) {
        let key = found
            .path
            .canonicalize()
            .unwrap_or_else(|_| found.path.clone());
        match first_of.get(&key) {
            Some(&first) => kept[first].named |= found.named,
            None => {
                first_of.insert(key, kept.len());
                kept.push(found);
            }
        }
    }
    *files = kept;
}

/// Walk one folder; `ignore_files` is `None` under `--no-ignore`.
fn walk_dir(
    root: &Path,
    follow_links: bool,
    mut ignore_files: Option<IgnoreFiles>,
    walked: &mut Walked,
) {
    let entries = WalkDir::new(root)
        .follow_links(follow_links)
        .sort_by_file_name()
        .into_iter()
        // Deciding as an entry is met, before walkdir enters it, keeps an ignored folder
        // (node_modules) from being read at all.
        .filter_entry(|entry| {
            entry.depth() == 0
                || (!is_hidden(entry.file_name())
                    && ignore_files
                        .as_mut()
                        .is_none_or(|ignore_files| !ignore_files.skip(entry)))
        });
    for entry in entries {
        match entry {
            Ok(entry) => {
                // With `follow_links`, walkdir reports a link's target type.
                if entry.file_type().is_file() && !is_lock_file(entry.file_name()) {
                    walked.files.push(Found {
                        path: entry.into_path(),
                        named: false,
                    });
                } else if !follow_links && entry.path_is_symlink() && entry.depth() > 0 {
                    walked.links.push(without_dot_components(entry.path()));
                }
            }
            Err(err) => {
                let path = without_dot_components(err.path().unwrap_or(root));
                let is_loop = err.loop_ancestor().is_some()
                    || err.io_error().and_then(std::io::Error::raw_os_error) == Some(ELOOP);
                let (level, message) = if is_loop {
                    (
                        NoticeLevel::Warning,
                        "symbolic link loop, not followed".to_string(),
                    )
                } else {
                    let message = err.io_error().map_or_else(|| err.to_string(), describe_io);
                    (NoticeLevel::Error, message)
                };
                walked.errors.push(WalkError {
                    level,
                    path,
                    message,
                });
            }
        }
    }
    if let Some(ignore_files) = ignore_files {
        walked.errors.extend(ignore_files.warnings);
    }
}

/// The error number of "too many levels of symbolic links": a link that points at itself.
#[cfg(unix)]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(unix))]
const ELOOP: i32 = -1;

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// The ignore files in force at the current point of one folder's walk: those of the folders
/// above the walked folder (as ripgrep reads them), of the walked folder, and of the folders
/// walkdir has entered down to the current entry, outermost first.
struct IgnoreFiles<'a> {
    /// The walked folder as given, the prefix of every path walkdir yields.
    root: PathBuf,
    /// The walked folder as an absolute path: paths are matched in this form, so the files of
    /// the folders above it match them too.
    absolute_root: PathBuf,
    /// How many of `folders` are above the walked folder.
    above: usize,
    folders: Vec<Folder>,
    /// git's global excludes (core.excludesFile), which apply inside a repository.
    global: &'a Gitignore,
    /// Ignore files that could not be read or hold lines that are not patterns: the walk goes
    /// on without those lines.
    warnings: Vec<WalkError>,
}

/// The ignore files of one folder.
struct Folder {
    policylintignore: Gitignore,
    ignore: Gitignore,
    gitignore: Gitignore,
    git_exclude: Gitignore,
    /// The top of a repository (git or Jujutsu): git's files apply from here down.
    is_repository: bool,
}

impl<'a> IgnoreFiles<'a> {
    fn new(root: &Path, global: &'a Gitignore) -> Self {
        let absolute_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut above: Vec<&Path> = absolute_root.ancestors().skip(1).collect();
        above.reverse();
        let mut warnings = Vec::new();
        let mut folders: Vec<Folder> = above
            .into_iter()
            .map(|folder| Folder::read(folder, folder, &mut warnings))
            .collect();
        folders.push(Folder::read(root, &absolute_root, &mut warnings));
        IgnoreFiles {
            root: root.to_path_buf(),
            absolute_root,
            above: folders.len() - 1,
            folders,
            global,
            warnings,
        }
    }

    /// Whether the walk skips `entry` (below the walked folder); a folder it keeps has its own
    /// ignore files read for what lies in it.
    fn skip(&mut self, entry: &DirEntry) -> bool {
        // walkdir goes depth first: the folders still in force are the entry's parent and
        // those above it.
        self.folders.truncate(self.above + entry.depth());
        let relative = entry
            .path()
            .strip_prefix(&self.root)
            .unwrap_or(entry.path());
        let path = self.absolute_root.join(relative);
        let is_dir = entry.file_type().is_dir();
        if self.ignore(&path, is_dir) {
            return true;
        }
        if is_dir {
            let folder = Folder::read(entry.path(), &path, &mut self.warnings);
            self.folders.push(folder);
        }
        false
    }

    /// Whether the ignore files exclude `path`, with ripgrep's precedence: `.policylintignore` over `.ignore` over `.gitignore` over
    /// `.git/info/exclude` over the global excludes, whichever folders they are in; among
    /// files of one kind, the deepest with a say (a pattern or a `!` pattern) decides.
    fn ignore(&self, path: &Path, is_dir: bool) -> bool {
        let repository = self.folders.iter().rposition(|folder| folder.is_repository);
        let in_repository = repository.map_or(&[][..], |top| &self.folders[top..]);
        let say = |folders: &[Folder], file: fn(&Folder) -> &Gitignore| {
            folders
                .iter()
                .rev()
                .find_map(|folder| verdict(file(folder), path, is_dir))
        };
        say(&self.folders, |folder| &folder.policylintignore)
            .or_else(|| say(&self.folders, |folder| &folder.ignore))
            .or_else(|| say(in_repository, |folder| &folder.gitignore))
            .or_else(|| say(in_repository, |folder| &folder.git_exclude))
            .or_else(|| repository.and_then(|_| verdict(self.global, path, is_dir)))
            .unwrap_or(false)
    }
}

impl Folder {
    /// Read the ignore files in the folder at `shown` (the path warnings are reported at),
    /// for paths under `absolute`.
    fn read(shown: &Path, absolute: &Path, warnings: &mut Vec<WalkError>) -> Folder {
        let mut read = |file: Option<PathBuf>| read_ignore_file(absolute, file, warnings);
        Folder {
            policylintignore: read(Some(shown.join(IGNORE_FILE_NAME))),
            ignore: read(Some(shown.join(".ignore"))),
            gitignore: read(Some(shown.join(".gitignore"))),
            git_exclude: read(git_dir(shown).map(|dir| dir.join("info/exclude"))),
            is_repository: shown.join(".git").exists() || shown.join(".jj").exists(),
        }
    }
}

/// What one ignore file says about `path`: `Some(true)` excluded, `Some(false)` brought back by
/// a `!` pattern, `None` nothing.
fn verdict(file: &Gitignore, path: &Path, is_dir: bool) -> Option<bool> {
    let matched = file.matched(path, is_dir);
    (!matched.is_none()).then(|| matched.is_ignore())
}

/// The folder holding `info/exclude`: `.git`, or for a linked worktree (whose `.git` is a file
/// naming its own git folder) the main repository's.
fn git_dir(folder: &Path) -> Option<PathBuf> {
    let dot_git = folder.join(".git");
    if dot_git.is_dir() {
        return Some(dot_git);
    }
    let pointer = std::fs::read_to_string(&dot_git).ok()?;
    let own = folder.join(pointer.lines().next()?.strip_prefix("gitdir: ")?);
    match std::fs::read_to_string(own.join("commondir")) {
        Ok(common) => Some(own.join(common.trim_end())),
        Err(_) => Some(own),
    }
}

/// git's global excludes file (core.excludesFile, else `~/.config/git/ignore`), its patterns
/// anchored at the working directory as ripgrep anchors them.
fn read_global_excludes(warnings: &mut Vec<WalkError>) -> Gitignore {
    match std::env::current_dir() {
        Ok(here) => read_ignore_file(&here, gitconfig_excludes_path(), warnings),
        Err(_) => Gitignore::empty(),
    }
}

/// The patterns of `file`, if it exists, for paths under `root`. A line that is not a pattern,
/// or a file that cannot be read, is a warning: the walk goes on with what could be read.
fn read_ignore_file(
    root: &Path,
    file: Option<PathBuf>,
    warnings: &mut Vec<WalkError>,
) -> Gitignore {
    let Some(file) = file.filter(|file| file.is_file()) else {
        return Gitignore::empty();
    };
    let mut builder = GitignoreBuilder::new(root);
    if let Some(err) = builder.add(&file) {
        warn(&file, &err, None, warnings);
    }
    builder.build().unwrap_or_else(|err| {
        warn(&file, &err, None, warnings);
        Gitignore::empty()
    })
}

/// One warning per problem of an ignore file, at the file and line.
fn warn(file: &Path, err: &ignore::Error, line: Option<u64>, warnings: &mut Vec<WalkError>) {
    let problem = match err {
        ignore::Error::Partial(errors) => {
            for err in errors {
                warn(file, err, line, warnings);
            }
            return;
        }
        ignore::Error::WithPath { err, .. } => return warn(file, err, line, warnings),
        ignore::Error::WithLineNumber { line, err } => {
            return warn(file, err, Some(*line), warnings);
        }
        // The ignore crate stops reading a file at a line it cannot read (not UTF-8).
        ignore::Error::Io(err) if line.is_some() => {
            format!("{}; the lines from here on are left out", describe_io(err))
        }
        ignore::Error::Io(err) => describe_io(err),
        err => err.to_string(),
    };
    warnings.push(WalkError {
        level: NoticeLevel::Warning,
        path: without_dot_components(file),
        message: match line {
            Some(line) => format!("line {line}: {problem}"),
            None => problem,
        },
    });
}

/// Word's owner file (`~$licy.docx`) beside a document someone has open: not a document.
fn is_lock_file(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with("~$"))
}

/// The folder a file is in, `.` for a bare file name.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// An I/O error as a short lower-case phrase.
pub fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lock_files_are_not_documents() {
        assert!(is_lock_file("~$licy.docx".as_ref()));
        assert!(!is_lock_file("policy.docx".as_ref()));
    }
}
