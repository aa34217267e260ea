//! The watchdog: a thread that ends the run when one case has been running for more than
//! [`HANG`], after writing the case's reproducer, since a hung model cannot be interrupted.

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::finding::{Finding, Kind};

/// A case running longer than this is a hang.
pub const HANG: Duration = Duration::from_secs(2);

struct Current {
    lab: &'static str,
    seed: u64,
    index: u64,
    code: String,
    input: String,
    python_minor: u8,
    started: Instant,
}

#[derive(Clone)]
pub struct Watchdog {
    current: Arc<Mutex<Option<Current>>>,
}

impl Watchdog {
    /// Starts the watching thread.
    pub fn start() -> Watchdog {
        let watchdog = Watchdog { current: Arc::new(Mutex::new(None)) };
        let watched = watchdog.current.clone();
        thread::spawn(move || loop {
            thread::sleep(Duration::from_millis(100));
            let guard = watched.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(c) = guard.as_ref().filter(|c| c.started.elapsed() > HANG) {
                let finding = Finding {
                    lab: c.lab.into(),
                    kind: Kind::Hang,
                    message: format!("one case has run for over {} s", HANG.as_secs()),
                    code: c.code.clone(),
                    input: c.input.clone(),
                    python_minor: c.python_minor,
                    seed: c.seed,
                    index: c.index,
                };
                finding.report();
                std::process::exit(1);
            }
        });
        watchdog
    }

    pub fn begin(&self, lab: &'static str, seed: u64, index: u64, code: &str, input: String, python_minor: u8) {
        let current = Current { lab, seed, index, code: code.to_owned(), input, python_minor, started: Instant::now() };
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Some(current);
    }

    pub fn end(&self) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Replaces the default panic hook (which would print every caught panic) with one that
/// records where the panic happened, for the finding's message.
pub fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| l.to_string());
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = location;
    }));
}

pub fn last_panic_location() -> Option<String> {
    LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

use std::panic;
