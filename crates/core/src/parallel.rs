//! Linting many files on a thread pool while reporting them strictly in order.
//!
//! Workers take files in order and may run at most a small window ahead of the file being
//! reported, so memory holds a few documents at a time, not the whole folder, and output is the
//! same for any number of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use crate::lint::Worker;
use crate::results::FileReport;

/// Lint items `0..count` with `lint` on `jobs` threads; `sink` receives each in index order.
pub fn lint_in_order(
    count: usize,
    jobs: usize,
    lint: impl Fn(usize, &mut Worker) -> FileReport + Sync,
    mut sink: impl FnMut(usize, FileReport),
) {
    let jobs = jobs.clamp(1, count.max(1));
    let window = jobs * 4;
    let next = AtomicUsize::new(0);
    let reported = (Mutex::new(0usize), Condvar::new());
    let (sender, receiver) = mpsc::channel::<(usize, FileReport)>();
    let work = |sender: mpsc::Sender<(usize, FileReport)>| {
        let mut worker = Worker::default();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= count {
                break;
            }
            wait_for_window(&reported, index, window);
            if sender.send((index, lint(index, &mut worker))).is_err() {
                break;
            }
        }
    };
    let mut receive = |receiver: mpsc::Receiver<(usize, FileReport)>| {
        let mut pending = BTreeMap::new();
        let mut expected = 0usize;
        for (index, report) in receiver {
            pending.insert(index, report);
            while let Some(report) = pending.remove(&expected) {
                sink(expected, report);
                expected += 1;
                *lock(&reported.0) = expected;
                reported.1.notify_all();
            }
        }
    };
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool.in_place_scope(|scope| {
            spawn_workers(scope, jobs, &work, sender);
            receive(receiver);
        }),
        // No threads of our own to be had: share the global pool.
        Err(_) => rayon::in_place_scope(|scope| {
            spawn_workers(scope, jobs, &work, sender);
            receive(receiver);
        }),
    }
}

/// Start `jobs` workers on `scope`, each with its own sender.
fn spawn_workers<'scope, W>(
    scope: &rayon::Scope<'scope>,
    jobs: usize,
    work: &'scope W,
    sender: mpsc::Sender<(usize, FileReport)>,
) where
    W: Fn(mpsc::Sender<(usize, FileReport)>) + Sync,
{
    for _ in 0..jobs {
        let sender = sender.clone();
        scope.spawn(move |_| work(sender));
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Block until item `index` is within `window` items of the last one reported.
fn wait_for_window(reported: &(Mutex<usize>, Condvar), index: usize, window: usize) {
    let mut done = lock(&reported.0);
    while index >= *done + window {
        done = reported
            .1
            .wait(done)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
    }
}
