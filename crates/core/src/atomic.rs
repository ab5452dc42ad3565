//! Every file policylint writes goes through here, so a write never replaces what is not its
//! own and an interrupted run never leaves a half-written file behind.
//!
//! - A regular file (or a path not there yet) is written to a temporary file in the same
//!   folder, created with a random name and `O_EXCL` so nothing planted beforehand can redirect
//!   it, then renamed over the target: readers see the old file or the new one. An existing
//!   file keeps its permissions; a new one gets the usual `0666` less the umask.
//! - A symbolic link is written through: the file it points at is replaced, the link stays.
//! - A FIFO, a character or block device or a socket (`/dev/stdout`, `/dev/null`) is written
//!   in place, never replaced by a regular file.
//!
//! The temporary files of writes under way are known here, so that a process ending on a
//! signal can remove them first ([`abandon_writes`]); the binary installs the signal handling,
//! since signal handlers belong to the whole process.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Links followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// The temporary files of the writes under way. A write holds the lock while it creates its
/// temporary file and while it renames it, so [`abandon_writes`] sees each write either before
/// its file exists, with its file listed here, or done.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_flight() -> MutexGuard<'static, Vec<PathBuf>> {
    IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Remove the temporary file of every write under way, and let no write start or finish
/// after: for a process about to end on a signal, which would otherwise leave them behind.
/// Writes that try wait until the process ends.
pub fn abandon_writes() {
    let in_flight = in_flight();
    for temp in in_flight.iter() {
        let _ = std::fs::remove_file(temp);
    }
    // The lock stays taken for the rest of the process.
    std::mem::forget(in_flight);
}

/// Write `bytes` to `path`: atomically for a regular file, in place for a stream or device.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder",
        )),
        Ok(meta) if !meta.is_file() => write_in_place(path, bytes),
        Ok(meta) => replace(&through_links(path)?, bytes, Some(meta.permissions())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            replace(&through_links(path)?, bytes, None)
        }
        Err(err) => Err(err),
    }
}

/// Whether `output` is the same file as one of `inputs`: writing it would destroy an input.
/// A path that does not exist yet is no input.
pub fn same_file_as<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Option<&'a Path> {
    let output = output.canonicalize().ok()?;
    inputs
        .into_iter()
        .find(|input| input.canonicalize().is_ok_and(|i| i == output))
}

/// A FIFO or a device: opened for writing as it is, neither created nor truncated.
fn write_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// The path at the end of `path`'s chain of symbolic links, which need not exist yet.
fn through_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&at)?;
                at = crate::walk::folder_of(&at).join(target);
            }
            _ => return Ok(at),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Replace the regular file `path` (or create it) through a temporary file and a rename.
fn replace(
    path: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<()> {
    let dir = crate::walk::folder_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".policylint-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Subject to the umask, as any new file is.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = {
        let mut in_flight = in_flight();
        let temp = builder.tempfile_in(&dir)?;
        in_flight.push(temp.path().to_path_buf());
        temp
    };
    let written = fill(temp.as_file_mut(), bytes, permissions);
    let mut in_flight = in_flight();
    in_flight.retain(|listed| listed != temp.path());
    // Renamed, or removed on failure, while the lock is held.
    match written {
        Ok(()) => temp.persist(path).map(drop).map_err(|err| err.error),
        Err(err) => {
            drop(temp);
            Err(err)
        }
    }
}

/// Give the temporary file its permissions and bytes, on disk before it is renamed.
fn fill(
    file: &mut File,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<()> {
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.toml");
        std::fs::write(&path, "old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["out.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/report.md");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("report.md");
        std::os::unix::fs::symlink("real/report.md", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(names(&dir.path().join("real")), ["report.md"]);
        // A link to a file not there yet creates the file it names.
        std::fs::remove_file(&target).unwrap();
        write(&link, b"again").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "again");
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_file_keeps_its_permissions_and_a_new_one_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.toml");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(path.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        let fresh = dir.path().join("fresh.toml");
        write(&fresh, b"new").unwrap();
        std::fs::write(dir.path().join("plain"), "").unwrap();
        let plain = dir.path().join("plain").metadata().unwrap().permissions();
        assert_eq!(fresh.metadata().unwrap().permissions(), plain);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place_not_replaced() {
        // /dev/null stands for any device: were it replaced, the write would need root and fail.
        write(Path::new("/dev/null"), b"report").unwrap();
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(!std::fs::metadata(&fifo).unwrap().is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_an_old_temporary_name_redirects_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let name = format!(".report.md.{}.tmp", std::process::id());
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
        write(&dir.path().join("report.md"), b"report").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("report.md")).unwrap(),
            "report"
        );
    }

    #[test]
    fn an_output_that_is_an_input_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let policy = dir.path().join("policy.md");
        std::fs::write(&policy, "# Policy").unwrap();
        let spelled_otherwise = dir.path().join(".").join("policy.md");
        let inputs = [policy.as_path()];
        assert_eq!(
            same_file_as(&spelled_otherwise, inputs),
            Some(policy.as_path())
        );
        assert_eq!(same_file_as(&dir.path().join("new.md"), inputs), None);
    }
}
