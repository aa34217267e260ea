//! Runs `playground freeze` for real against the python3 on PATH.

use cow::{FreezeReport, Reads, Role, Workload};
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

fn playground() -> Command {
    Command::new(env!("CARGO_BIN_EXE_playground"))
}

fn freeze(args: &[&str]) -> Output {
    playground().arg("freeze").args(args).output().expect("playground runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn freeze_saves_the_collection_copies_and_nothing_when_everything_is_read() {
    let output = freeze(&[
        "--heap-mb",
        "20",
        "--workers",
        "2",
        "--workload",
        "requests",
        "--workload",
        "read-all",
        "--runs",
        "3",
        "--format",
        "json",
        "--no-progress",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = FreezeReport::from_json(&String::from_utf8_lossy(&output.stdout)).expect("a valid report");
    let python = &report.machine.pythons[0].version;
    assert_eq!(report.results.len(), 4);

    let requests = Workload { requests: true, reads: Reads::None };
    let saving = report.saving(python, requests).expect("requests measured both ways");
    assert!(saving.saved_percent > 30.0, "freeze saved only {:.1}%", saving.saved_percent);
    for run in &report.result(python, requests, false).unwrap().runs {
        assert_eq!(run.processes.len(), 3);
        assert_eq!(run.processes[0].role, Role::Master);
        assert!(run.processes[1..].iter().all(|worker| worker.gen2_collections >= Some(1)));
    }

    let read_all = Workload { requests: false, reads: Reads::All };
    let saving = report.saving(python, read_all).expect("read-all measured both ways");
    assert!(saving.saved_percent.abs() < 5.0, "reading everything copies all either way: {saving:?}");
    assert!(saving.no_freeze_mb > 40.0, "two workers copied the 20 MB heap: {saving:?}");
}

#[test]
fn a_wrong_flag_prints_the_usage() {
    let output = freeze(&["--heap", "20"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: unexpected argument '--heap' found\n"), "{}", stderr(&output));
    assert!(stderr(&output).contains("a similar argument exists: '--heap-mb'"), "{}", stderr(&output));
    assert!(stderr(&output).contains("Usage: playground freeze"));
    let output = playground().arg("fry").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: unrecognized subcommand 'fry'"), "{}", stderr(&output));
    let output = playground().output().unwrap();
    assert_eq!(output.status.code(), Some(2), "no command shows the help, as an error");
    assert!(stderr(&output).contains("Usage: playground <COMMAND>"), "{}", stderr(&output));
}

#[test]
fn a_missing_python_is_one_clear_line() {
    let output = freeze(&["--python", "/nonexistent/python3", "--heap-mb", "10"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output).lines().count(), 1, "{}", stderr(&output));
    assert!(stderr(&output).contains("no python found at \"/nonexistent/python3\""));
}

#[test]
fn python_3_6_has_no_gc_freeze() {
    let prefix = Command::new("pyenv").args(["prefix", "3.6.15"]).output();
    let python = match prefix {
        Ok(output) if output.status.success() => {
            Path::new(String::from_utf8_lossy(&output.stdout).trim()).join("bin/python3")
        }
        _ => {
            eprintln!("skipped: pyenv has no Python 3.6.15 here");
            return;
        }
    };
    let output = freeze(&["--python", python.to_str().unwrap(), "--heap-mb", "10"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is Python 3.6.15, which has no gc.freeze"), "{}", stderr(&output));
}

#[test]
fn a_heap_larger_than_memory_is_refused() {
    let output = freeze(&["--heap-mb", "4000000", "--workers", "8"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("MemAvailable"), "{}", stderr(&output));
}

/// Process ids whose process group is `group`.
fn group_members(group: u32) -> Vec<u32> {
    let mut members = Vec::new();
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // Fields after the parenthesised command name: state, ppid, pgrp, ...
        let after_name = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        if fields[0] != "Z" && fields[2].parse::<u32>() == Ok(group) {
            members.push(pid);
        }
    }
    members
}

fn children_of(parent: u32) -> Vec<u32> {
    let tasks = fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).unwrap_or_default();
    tasks.split_whitespace().filter_map(|pid| pid.parse().ok()).collect()
}

/// Starts a long experiment and returns it with its harness's process group once the workers
/// of a run are alive.
fn start_until_workers_run() -> (Child, u32) {
    let mut child = playground()
        .args(["freeze", "--heap-mb", "60", "--workers", "3", "--workload", "read-all", "--runs", "5", "--no-progress"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        for python in children_of(child.id()) {
            if group_members(python).len() >= 3 {
                return (child, python);
            }
        }
        thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the harness never forked its workers");
}

fn assert_group_gone(group: u32) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !group_members(group).is_empty() {
        assert!(
            Instant::now() < deadline,
            "processes of group {group} outlived the companion: {:?}",
            group_members(group)
        );
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_leaves_no_python_behind() {
    let (mut child, group) = start_until_workers_run();
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert_group_gone(group);
}

#[test]
fn sigkill_leaves_no_python_behind() {
    let (mut child, group) = start_until_workers_run();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_group_gone(group);
}
