//! The content cache: a re-run over unchanged files restores their results instead of parsing.
//!
//! A result is re-used when three things match: the file's bytes (an XXH3-128 hash, fast
//! enough to hash a large folder in a few milliseconds), the path as reported (findings and
//! fingerprints name it, and configuration overrides match it), and the [`SettingsKey`] of
//! its linter: the tool and cache format versions, the configuration file's path and text, the
//! packs' text, `--select`/`--ignore` and the limits (`max-file-size`, `max-parse-time`: a file
//! cut short under one budget must not be restored whole under another). Suppression comments are part of the bytes, so the
//! stored findings are the suppressed ones; a baseline filters them afterwards, as it does fresh
//! ones.
//!
//! Each settings key has one file in the cache folder, `<key>.bin`, rewritten at the end of a
//! run with the entries of the files that run linted (so it never grows past one folder's
//! worth), and not rewritten at all when nothing changed. The file is framed by hand — a
//! header, entries of path, content hash and a postcard payload, and an HMAC-SHA256 over
//! everything keyed with this user's [`secret`] — and read without trust: a file that is short,
//! foreign, from another version, or signed by another user or machine (a cache committed to a
//! repository, say) counts as empty, and an entry whose payload does not decode or does
//! not fit the text and the packs is linted afresh. Writes go through [`crate::atomic`].
//!
//! The cache is a step of the one lint path, not a pipeline of its own: [`Linter::lint_path_with`]
//! reads and decodes a file, asks the [`Memo`] for a kept result, and lints afresh (handing the
//! result back to keep) only when there is none.
//!
//! Word and OpenDocument files are not cached: their text is extracted from the package, so a
//! cached result would have to keep the text and its paragraph places. Nor are results with an
//! error: an error may pass (a parse cut short), and it must not stick.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::config::Config;
use crate::date::Date;
use crate::limits::Limits;
use crate::lint::{Linter, Memo, Selection};
use crate::read;
use crate::results::{FileReport, FileResult, Notice, NoticeLevel, Skip};
use crate::rules::{PackSource, RuleSet};
use crate::source::{DecodeError, Decoded, Format, Source, Span};

mod secret;

pub use secret::KeyError;

/// The cache folder's name, next to the configuration file in use.
pub const FOLDER: &str = ".policylint_cache";

/// Bumped whenever what an entry holds, or how it is framed, changes.
const FORMAT_VERSION: u32 = 7;
const MAGIC: &[u8; 8] = b"plcache\0";
const HEADER_LEN: usize = MAGIC.len() + 4 + 16 + 4;
/// An HMAC-SHA256.
const CHECKSUM_LEN: usize = 32;

/// Marks the folder as a cache to backup and archiving tools (<https://bford.info/cachedir/>).
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
    # This file is a cache directory tag created by policylint.\n\
    # For information about cache directory tags see https://bford.info/cachedir/\n";

/// Everything besides a file's path and bytes that decides its results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SettingsKey(u128);

/// The build of policylint running: the size and modification time of its executable. A
/// rebuild of the same version (from a checkout, or a newer install from git) may judge
/// differently, so its results are not reused.
fn build_identity() -> &'static [u8] {
    static IDENTITY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    IDENTITY.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|meta| {
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}:{modified}", meta.len()).into_bytes()
            })
            .unwrap_or_default()
    })
}

impl SettingsKey {
    pub fn new(
        config: &Config,
        packs: &[PackSource],
        selection: &Selection,
        limits: Limits,
        today: Date,
    ) -> SettingsKey {
        let mut hasher = Xxh3::new();
        let mut part = |bytes: &[u8]| {
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        part(env!("CARGO_PKG_VERSION").as_bytes());
        part(build_identity());
        part(&FORMAT_VERSION.to_le_bytes());
        let config_path = config.path.as_ref().map(|p| p.display().to_string());
        part(config_path.unwrap_or_default().as_bytes());
        part(config.root.display().to_string().as_bytes());
        for (path, text) in config.files() {
            part(path.display().to_string().as_bytes());
            part(text.as_bytes());
        }
        for pack in packs {
            part(pack.origin.as_bytes());
            part(pack.text.as_bytes());
        }
        let mut select: Vec<&String> = selection.select.iter().flatten().collect();
        select.sort();
        part(if selection.select.is_some() {
            b"select"
        } else {
            b"all"
        });
        for id in select {
            part(id.as_bytes());
        }
        let mut ignore: Vec<&String> = selection.ignore.iter().collect();
        ignore.sort();
        for id in ignore {
            part(id.as_bytes());
        }
        part(&limits.max_file_size.to_le_bytes());
        part(&limits.max_parse_time.as_nanos().to_le_bytes());
        part(today.to_string().as_bytes());
        SettingsKey(hasher.digest128())
    }

    fn file_name(self) -> String {
        format!("{:032x}.bin", self.0)
    }
}

/// The cache of one run: a store per linter, in linter order.
pub struct Cache {
    /// `--cache-dir`; else each store lives next to its configuration.
    dir: Option<PathBuf>,
    stores: Vec<Store>,
    /// The key that signs cache files, or why there is none (then nothing is read or kept).
    secret: Result<secret::Secret, Arc<KeyError>>,
}

impl Cache {
    pub fn new(dir: Option<PathBuf>) -> Cache {
        Cache {
            dir,
            stores: Vec::new(),
            secret: secret::load().map_err(Arc::new),
        }
    }

    /// Open the store for the next linter, built from `config`, `packs`, `selection` and
    /// `limits`.
    pub fn open(
        &mut self,
        config: &Config,
        packs: &[PackSource],
        selection: &Selection,
        limits: Limits,
        today: Date,
    ) {
        // A configuration's root is its file's folder, or the working directory without one.
        let dir = self.dir.clone().unwrap_or_else(|| config.root.join(FOLDER));
        let key = SettingsKey::new(config, packs, selection, limits, today);
        let secret = self.secret.as_ref().ok().copied();
        self.stores.push(Store::load(dir, key, secret));
    }

    /// The results kept for linter number `index`, for [`Linter::lint_path_with`].
    pub fn memo(&self, index: usize) -> &dyn Memo {
        &self.stores[index]
    }

    /// Files restored from the cache so far.
    pub fn hits(&self) -> usize {
        self.stores
            .iter()
            .map(|s| s.hits.load(Ordering::Relaxed))
            .sum()
    }

    /// Write every store that changed; what went wrong with each.
    pub fn save(&self) -> Vec<CacheError> {
        if let Err(reason) = &self.secret {
            return vec![CacheError::NoKey(Arc::clone(reason))];
        }
        self.stores
            .iter()
            .filter_map(|store| {
                let source = store.save().err()?;
                Some(if store.dir.exists() && !store.dir.is_dir() {
                    CacheError::NotAFolder(store.dir.clone())
                } else {
                    CacheError::Write {
                        path: store.path(),
                        source,
                    }
                })
            })
            .collect()
    }
}

/// Why results could not be kept for the next run: a cost in speed, never in results.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("no cache kept: {0}")]
    NoKey(#[source] Arc<KeyError>),
    #[error("cannot keep the cache in {}: it is a file, not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot write the cache {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The result of linting one file, as kept: a [`FileReport`] whose [`FileResult`] leaves out
/// its source, which is decoded again from the bytes that matched.
#[derive(Serialize, Deserialize)]
struct Stored {
    notices: Vec<Notice>,
    linted: Option<FileResult>,
    skipped: Option<Skip>,
}

impl Stored {
    /// What to keep of `report`, unless it must not be kept.
    fn of(report: &FileReport) -> Option<Stored> {
        if report.notices.iter().any(|n| n.level == NoticeLevel::Error) {
            return None;
        }
        Some(Stored {
            notices: report.notices.clone(),
            skipped: report.skipped,
            linted: report.linted.clone(),
        })
    }
}

/// The checks a kept result passes before it is used again.
impl FileResult {
    /// Whether every index and span fits the packs and the text, so no output can be sent
    /// out of bounds by an entry that decoded but is not what this version wrote.
    fn fits(&self, text: &str, rules: &RuleSet) -> bool {
        let span_fits = |span: Span| {
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
        };
        let rule_known = |id: &str| rules.rule(id).is_some();
        self.kind.kind.is_none_or(|kind| kind < rules.kinds.len())
            && self.coverage.concepts.len() == rules.concepts.len()
            && self.coverage.dimensions.len() == rules.dimensions.len()
            && self.title.as_ref().is_none_or(|t| span_fits(t.span))
            && self.anchors.iter().all(|s| span_fits(s.span))
            && self.checked.iter().all(|id| rule_known(id))
            && self.findings.iter().all(|f| {
                rule_known(&f.rule)
                    && span_fits(f.primary.span)
                    && f.secondary.iter().all(|l| span_fits(l.span))
            })
    }

    /// Whether every file the result was judged with still holds the same bytes: a link's
    /// target deleted, renamed to, or edited (a heading renamed, a status changed) makes the
    /// file's cross-document findings stale.
    ///
    /// A result whose figures were compared with the run's other documents holds only while
    /// they are the same documents stating the same figures (at the same places, for those its
    /// findings point to): one added, removed or given other figures may contradict it now.
    fn dependencies_hold(&self, linter: &Linter, path: &str) -> bool {
        let folder = &linter.folder;
        let same_documents = self.compared_with.is_none_or(|digest| {
            folder.figures_digest(path, |other| {
                self.findings
                    .iter()
                    .any(|f| f.related.iter().any(|r| r.path == other))
            }) == digest
        });
        self.depends_on
            .iter()
            .all(|d| folder.target(Path::new(&d.path)).content == d.content)
            && same_documents
    }

    /// The kept result, with the source it was found by.
    fn restore(self, source: Source) -> FileResult {
        FileResult { source, ..self }
    }
}

/// Where an entry of the last run's file is, and whether this run used it.
struct Slot {
    content: u128,
    payload: Range<usize>,
    used: AtomicBool,
}

/// A result to write: the path as reported, the hash of the bytes, the encoded [`Stored`].
struct Entry {
    path: String,
    content: u128,
    payload: Vec<u8>,
}

/// The cache file of one settings key: the last run's entries, and this run's new ones.
struct Store {
    dir: PathBuf,
    key: SettingsKey,
    /// Without it nothing is read or written.
    secret: Option<secret::Secret>,
    /// The last run's file, checked; `slots` point into it.
    old: Vec<u8>,
    slots: HashMap<String, Slot>,
    fresh: Mutex<Vec<Entry>>,
    hits: AtomicUsize,
}

impl Store {
    fn load(dir: PathBuf, key: SettingsKey, secret: Option<secret::Secret>) -> Store {
        let old = match &secret {
            Some(_) => read_cache_file(&dir.join(key.file_name())),
            None => Vec::new(),
        };
        let slots = secret
            .and_then(|secret| read_slots(&old, key, &secret))
            .unwrap_or_default();
        Store {
            dir,
            key,
            secret,
            old,
            slots,
            fresh: Mutex::new(Vec::new()),
            hits: AtomicUsize::new(0),
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.join(self.key.file_name())
    }

    /// The stored result for `path` if its bytes hashed to `content` and it decodes.
    fn lookup(&self, path: &str, content: u128) -> Option<Stored> {
        let slot = self.slots.get(path).filter(|s| s.content == content)?;
        postcard::from_bytes(&self.old[slot.payload.clone()]).ok()
    }

    /// Rewrite the file with the entries this run used or made, unless that is what it holds
    /// or this run linted nothing with these settings.
    fn save(&self) -> std::io::Result<()> {
        let Some(secret) = &self.secret else {
            return Ok(());
        };
        let fresh = std::mem::take(&mut *lock(&self.fresh));
        let used = self
            .slots
            .values()
            .filter(|s| s.used.load(Ordering::Relaxed))
            .count();
        if fresh.is_empty() && (used == self.slots.len() || used == 0) {
            return Ok(());
        }
        let fresh_paths: std::collections::HashSet<&str> =
            fresh.iter().map(|e| e.path.as_str()).collect();
        let mut entries: Vec<(&str, u128, &[u8])> = self
            .slots
            .iter()
            .filter(|(path, s)| {
                s.used.load(Ordering::Relaxed) && !fresh_paths.contains(path.as_str())
            })
            .map(|(path, s)| (path.as_str(), s.content, &self.old[s.payload.clone()]))
            .chain(
                fresh
                    .iter()
                    .map(|e| (e.path.as_str(), e.content, e.payload.as_slice())),
            )
            .collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        prepare_folder(&self.dir)?;
        crate::atomic::write(&self.path(), &write_file(self.key, &entries, secret))
    }
}

impl Memo for Store {
    fn content(&self, bytes: &[u8]) -> u128 {
        xxh3_128(bytes)
    }

    /// The report kept for `path` when its bytes hashed to `content` and it still fits.
    fn recall(
        &self,
        linter: &Linter,
        path: &Path,
        content: u128,
        format: Format,
        decoded: Result<Decoded, DecodeError>,
    ) -> Result<FileReport, Result<Decoded, DecodeError>> {
        let reported = path.display().to_string();
        let Some(stored) = self.lookup(&reported, content) else {
            return Err(decoded);
        };
        let linted = match (stored.linted, decoded) {
            (None, _) => None,
            (Some(lint), Ok(d))
                if lint.fits(&d.text, &linter.rules)
                    && lint.dependencies_hold(linter, &reported) =>
            {
                Some(lint.restore(Source::plain(reported.clone(), format, d.text)))
            }
            (Some(_), decoded) => return Err(decoded),
        };
        self.hits.fetch_add(1, Ordering::Relaxed);
        if let Some(slot) = self.slots.get(&reported) {
            slot.used.store(true, Ordering::Relaxed);
        }
        Ok(FileReport {
            path: path.to_path_buf(),
            notices: stored.notices,
            linted,
            skipped: stored.skipped,
        })
    }

    fn keep(&self, path: &Path, content: u128, report: &FileReport) {
        if let Some(stored) = Stored::of(report)
            && let Ok(payload) = postcard::to_stdvec(&stored)
        {
            lock(&self.fresh).push(Entry {
                path: path.display().to_string(),
                content,
                payload,
            });
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The bytes of a cache file, if it is a regular file: a FIFO or device planted at its name
/// must not block or flood the run.
fn read_cache_file(path: &Path) -> Vec<u8> {
    read::read_document(path, u32::MAX.into()).unwrap_or_default()
}

/// Create the cache folder with its tag and a `.gitignore` that keeps it out of version control.
fn prepare_folder(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in [("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "*\n")] {
        let path = dir.join(name);
        if !path.exists() {
            crate::atomic::write(&path, text.as_bytes())?;
        }
    }
    Ok(())
}

/// An HMAC-SHA256 of `body` under `secret`, to finish or to verify.
fn mac(body: &[u8], secret: &secret::Secret) -> Hmac<Sha256> {
    // HMAC pads a key shorter than SHA-256's 64-byte block with zeros; padding it here gives a
    // key of the one length `new` takes.
    let mut key = [0u8; 64];
    key[..secret::LEN].copy_from_slice(secret);
    let mut mac = <Hmac<Sha256> as KeyInit>::new(&key.into());
    mac.update(body);
    mac
}

/// `magic, version u32, key u128, count u32, entries..., signature [u8; 32]`, little-endian; an
/// entry is `path length u32, path, content hash u128, payload length u32, payload`.
fn write_file(
    key: SettingsKey,
    entries: &[(&str, u128, &[u8])],
    secret: &secret::Secret,
) -> Vec<u8> {
    let size: usize = entries.iter().map(|(p, _, b)| p.len() + b.len() + 24).sum();
    let mut out = Vec::with_capacity(HEADER_LEN + size + CHECKSUM_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&key.0.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (path, content, payload) in entries {
        out.extend_from_slice(&(path.len() as u32).to_le_bytes());
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(&content.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        out.extend_from_slice(payload);
    }
    let signature = mac(&out, secret).finalize().into_bytes();
    out.extend_from_slice(&signature);
    out
}

/// The entries of a cache file, or `None` when it is not a whole, intact file for `key`.
fn read_slots(
    bytes: &[u8],
    key: SettingsKey,
    secret: &secret::Secret,
) -> Option<HashMap<String, Slot>> {
    let body_len = bytes.len().checked_sub(CHECKSUM_LEN)?;
    let (body, checksum) = bytes.split_at(body_len);
    mac(body, secret).verify_slice(checksum).ok()?;
    let mut reader = Reader { bytes: body, at: 0 };
    if reader.take(MAGIC.len())? != MAGIC
        || reader.u32()? != FORMAT_VERSION
        || reader.u128()? != key.0
    {
        return None;
    }
    let count = reader.u32()?;
    let mut slots = HashMap::new();
    for _ in 0..count {
        let len = reader.u32()? as usize;
        let path = std::str::from_utf8(reader.take(len)?).ok()?.to_string();
        let content = reader.u128()?;
        let len = reader.u32()? as usize;
        let start = reader.at;
        reader.take(len)?;
        let slot = Slot {
            content,
            payload: start..start + len,
            used: AtomicBool::new(false),
        };
        slots.insert(path, slot);
    }
    (reader.at == body.len()).then_some(slots)
}

/// Reads a cache file front to back; every read is bounds-checked.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(len)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: secret::Secret = [7; secret::LEN];

    fn key() -> SettingsKey {
        SettingsKey(0x1234)
    }

    fn sample() -> Vec<u8> {
        write_file(
            key(),
            &[("a.md", 7, b"one"), ("b/c.md", 9, b"two!")],
            &SECRET,
        )
    }

    #[test]
    fn a_restored_result_is_the_fresh_result() {
        let rules = crate::check::load(&[PackSource::builtin(crate::rules::DEFAULT_PACK).unwrap()])
            .unwrap();
        let linter = Linter::new(rules, Selection::default());
        let text = "# Expenses\n\nStaff submit claims. Managers might approve them.\n";
        let path = Path::new("expenses.md");
        let mut worker = crate::lint::Worker::default();
        let fresh = linter.lint_bytes(path, Format::Markdown, text.into(), &mut worker);
        let fresh = fresh.linted.unwrap();
        assert!(!fresh.findings.is_empty());
        let report = FileReport {
            path: path.to_path_buf(),
            notices: Vec::new(),
            linted: Some(fresh.clone()),
            skipped: None,
        };
        let payload = postcard::to_stdvec(&Stored::of(&report).unwrap()).unwrap();
        let stored: Stored = postcard::from_bytes(&payload).unwrap();
        let source = Source::plain("expenses.md".into(), Format::Markdown, text.into());
        assert_eq!(stored.linted.unwrap().restore(source), fresh);
    }

    #[test]
    fn a_written_file_reads_back() {
        let bytes = sample();
        let slots = read_slots(&bytes, key(), &SECRET).unwrap();
        assert_eq!(slots.len(), 2);
        let slot = &slots["b/c.md"];
        assert_eq!(slot.content, 9);
        assert_eq!(&bytes[slot.payload.clone()], b"two!");
    }

    #[test]
    fn damaged_or_foreign_files_read_as_nothing() {
        let bytes = sample();
        for len in 0..bytes.len() {
            assert!(
                read_slots(&bytes[..len], key(), &SECRET).is_none(),
                "cut at {len}"
            );
        }
        for at in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x40;
            assert!(
                read_slots(&flipped, key(), &SECRET).is_none(),
                "flipped at {at}"
            );
        }
        assert!(read_slots(&bytes, SettingsKey(0x4321), &SECRET).is_none());
        assert!(read_slots(b"not a cache file at all, just text", key(), &SECRET).is_none());
    }

    #[test]
    fn a_file_signed_with_another_secret_reads_as_nothing() {
        let other: secret::Secret = [8; secret::LEN];
        assert!(read_slots(&sample(), key(), &other).is_none());
    }

    #[test]
    fn a_signed_file_with_lying_lengths_reads_as_nothing() {
        let mut bytes = sample();
        bytes.truncate(bytes.len() - CHECKSUM_LEN);
        // The first entry's path length, made huge, with the signature made to match.
        bytes[HEADER_LEN..HEADER_LEN + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        let signature = mac(&bytes, &SECRET).finalize().into_bytes();
        bytes.extend_from_slice(&signature);
        assert!(read_slots(&bytes, key(), &SECRET).is_none());
    }

    #[test]
    fn every_limit_is_part_of_the_settings_key() {
        let config = Config::defaults(PathBuf::from("/repo"));
        let key = |limits| {
            SettingsKey::new(
                &config,
                &[],
                &Selection::default(),
                limits,
                Date::parse("2026-01-15").unwrap(),
            )
        };
        let base = Limits::default();
        let shorter = Limits {
            max_parse_time: std::time::Duration::from_millis(1),
            ..base
        };
        let smaller = Limits {
            max_file_size: 1_000,
            ..base
        };
        assert_ne!(key(base), key(shorter));
        assert_ne!(key(base), key(smaller));
    }
}
