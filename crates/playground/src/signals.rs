//! Leaves no Python behind: each run's interpreter leads its own process group, and SIGINT or
//! SIGTERM to the companion kills that group before the companion exits.

use std::sync::atomic::{AtomicI32, Ordering};

/// The process group of the running harness, 0 when none runs.
static RUNNING_GROUP: AtomicI32 = AtomicI32::new(0);

extern "C" fn kill_group_and_exit(signal: libc::c_int) {
    let group = RUNNING_GROUP.load(Ordering::SeqCst);
    // SAFETY: kill and _exit are async-signal-safe.
    unsafe {
        if group > 0 {
            libc::kill(-group, libc::SIGKILL);
        }
        libc::_exit(128 + signal);
    }
}

pub fn install_handlers() {
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: the handler only calls async-signal-safe functions.
        unsafe {
            libc::signal(signal, kill_group_and_exit as *const () as libc::sighandler_t);
        }
    }
}

/// Makes SIGINT and SIGTERM kill `group` (a harness's process group) from now on.
pub fn watch_group(group: u32) {
    RUNNING_GROUP.store(group as i32, Ordering::SeqCst);
}

/// Kills what is left of `group` and stops watching it. Call it before reaping the group's
/// leader, so that the group id cannot have been reused.
pub fn kill_group(group: u32) {
    let group = group as i32;
    let _ = RUNNING_GROUP.compare_exchange(group, 0, Ordering::SeqCst, Ordering::SeqCst);
    // SAFETY: plain syscall; ESRCH when the group already exited is fine.
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
}
