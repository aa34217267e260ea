//! Progress on stderr: a redrawn bar on a terminal, one line per step otherwise.

use crate::experiment::Progress;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressStyle {
    Bar,
    Lines,
    Off,
}

impl ProgressStyle {
    pub fn for_stderr(enabled: bool) -> ProgressStyle {
        // SAFETY: isatty only inspects the descriptor.
        let terminal = unsafe { libc::isatty(libc::STDERR_FILENO) } == 1;
        match (enabled, terminal) {
            (false, _) => ProgressStyle::Off,
            (true, true) => ProgressStyle::Bar,
            (true, false) => ProgressStyle::Lines,
        }
    }

    pub fn show(self, progress: &Progress) {
        let mut stderr = io::stderr().lock();
        let _ = match self {
            ProgressStyle::Off => Ok(()),
            ProgressStyle::Lines => writeln!(stderr, "[{}/{}] {}", progress.done, progress.total, progress.message),
            ProgressStyle::Bar => {
                const WIDTH: u32 = 30;
                let filled = (WIDTH * progress.done / progress.total.max(1)) as usize;
                let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH as usize - filled));
                let end = if progress.done == progress.total { "\n" } else { "" };
                write!(stderr, "\r\x1b[K[{bar}] {}/{} {}{end}", progress.done, progress.total, progress.message)
            }
        };
        let _ = stderr.flush();
    }
}
