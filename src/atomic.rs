//! Every file policylint writes goes through a temporary file in the same folder and a rename,
//! so an interrupted run never leaves a half-written file behind: readers see the old file or
//! the new one. Should SIGINT, SIGTERM or SIGHUP arrive while the temporary file exists, it is
//! removed before the process ends as the signal asks.

use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically: readers see the old file or the new one, never a part.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = crate::walk::folder_of(path);
    let name = path
        .file_name()
        .map_or_else(|| "policylint".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    #[cfg(unix)]
    let _in_flight = interrupt::remove_on_signal(&temp);
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(unix)]
mod interrupt {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::ptr::null_mut;
    use std::sync::Once;
    use std::sync::atomic::{AtomicPtr, Ordering};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    /// The temporary file being written, as a C string the signal handler can pass to `unlink`
    /// (allocating or locking is not allowed there). policylint writes one file at a time.
    static IN_FLIGHT: AtomicPtr<libc::c_char> = AtomicPtr::new(null_mut());

    /// While alive, a signal that ends the process removes `temp` first.
    pub(super) struct InFlight(*mut libc::c_char);

    pub(super) fn remove_on_signal(temp: &Path) -> InFlight {
        static HANDLERS: Once = Once::new();
        HANDLERS.call_once(|| {
            for signal in [SIGINT, SIGTERM, SIGHUP] {
                // Safety: the action only swaps an atomic, calls `unlink` and re-raises the
                // signal, all of which are async-signal-safe.
                let _ = unsafe { signal_hook::low_level::register(signal, move || end(signal)) };
            }
        });
        let path = CString::new(temp.as_os_str().as_bytes()).map_or(null_mut(), CString::into_raw);
        IN_FLIGHT.store(path, Ordering::SeqCst);
        InFlight(path)
    }

    /// Remove the file in flight, then do what the signal does by default: end the process.
    fn end(signal: libc::c_int) {
        let path = IN_FLIGHT.swap(null_mut(), Ordering::SeqCst);
        if !path.is_null() {
            // Safety: a live, NUL-terminated string that only `InFlight::drop` frees, and only
            // when the handler has not taken it.
            unsafe { libc::unlink(path) };
        }
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }

    impl Drop for InFlight {
        fn drop(&mut self) {
            let ours = IN_FLIGHT
                .compare_exchange(self.0, null_mut(), Ordering::SeqCst, Ordering::SeqCst)
                .is_ok();
            if ours && !self.0.is_null() {
                // Safety: made by `CString::into_raw` above and no longer published.
                drop(unsafe { CString::from_raw(self.0) });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = std::env::temp_dir().join(format!("policylint-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.toml");
        std::fs::write(&path, "old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.toml"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
