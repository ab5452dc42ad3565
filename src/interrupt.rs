//! A module of the binary, not of the library: a signal that ends the run (SIGINT, SIGTERM,
//! SIGHUP) first removes the temporary files of unfinished writes, then ends the process as it
//! would have. Signal handlers belong to the whole process, so only the program installs them.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// From now on, watch for the signals on a thread of their own, where cleaning up may lock and
/// touch files as a signal handler may not. Should the watch not start (no pipe could be
/// made), the signals end the process as usual, without the cleanup.
pub fn remove_temporary_files_on_signal() {
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            policylint::atomic::abandon_writes();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            // Not reached: each of these signals ends the process by default.
            std::process::exit(128 + signal);
        }
    });
}
