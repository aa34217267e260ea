//! Runs `playground serve` on a free port against a temporary dist directory.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

struct Served {
    child: Child,
    port: u16,
    root: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn serve(name: &str) -> Served {
    let root = std::env::temp_dir().join(format!("playground-serve-{name}-{}", std::process::id()));
    let dist = root.join("dist");
    fs::create_dir_all(dist.join("assets")).unwrap();
    fs::write(dist.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    fs::write(dist.join("assets/app.wasm"), wasm_bytes()).unwrap();
    fs::write(dist.join("assets/app.js"), "export {};").unwrap();
    fs::write(dist.join("assets/app-0123456789abcdef.js"), "export {};").unwrap();
    fs::write(root.join("secret.txt"), "outside dist").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_playground"))
        .args(["serve", "--port", "0", "--dist"])
        .arg(&dist)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.trim().rsplit(':').next().unwrap().trim_end_matches('/').parse().expect(&line);
    Served { child, port, root }
}

/// A 3 MB wasm-looking file, big enough to take several reads.
fn wasm_bytes() -> Vec<u8> {
    let mut bytes = b"\0asm\x01\0\0\0".to_vec();
    bytes.extend((0..3_000_000u32).map(|i| (i % 251) as u8));
    bytes
}

struct Reply {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

fn request(port: u16, method: &str, path: &str, headers: &str, body: &str) -> Reply {
    request_to_host(&format!("127.0.0.1:{port}"), port, method, path, headers, body)
}

fn request_to_host(host: &str, port: u16, method: &str, path: &str, headers: &str, body: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    Reply { status, headers, body: raw[split + 4..].to_vec() }
}

fn get(port: u16, path: &str) -> Reply {
    request(port, "GET", path, "", "")
}

fn assert_isolated(reply: &Reply) {
    assert_eq!(reply.headers["cross-origin-opener-policy"], "same-origin");
    assert_eq!(reply.headers["cross-origin-embedder-policy"], "require-corp");
    assert_eq!(reply.headers["cross-origin-resource-policy"], "same-origin");
}

#[test]
fn serves_the_app_with_isolation_headers_and_mime_types() {
    let served = serve("static");
    let index = get(served.port, "/");
    assert_eq!(index.status, 200);
    assert!(index.headers["content-type"].starts_with("text/html"));
    assert_isolated(&index);

    let wasm = get(served.port, "/assets/app.wasm");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.headers["content-type"], "application/wasm");
    assert_isolated(&wasm);
    assert!(wasm.body == wasm_bytes(), "the wasm arrived changed ({} bytes)", wasm.body.len());

    assert!(get(served.port, "/assets/app.js?v=1").headers["content-type"].starts_with("text/javascript"));
    assert_eq!(get(served.port, "/missing.css").status, 404);
}

#[test]
fn content_hashed_files_are_immutable_and_others_revalidate_with_a_304() {
    let served = serve("caching");
    let hashed = get(served.port, "/assets/app-0123456789abcdef.js");
    assert_eq!(hashed.headers["cache-control"], "public, max-age=31536000, immutable");

    let page = get(served.port, "/");
    assert_eq!(page.headers["cache-control"], "no-cache");
    let etag = page.headers["etag"].clone();
    let last_modified = page.headers["last-modified"].clone();
    assert!(last_modified.ends_with(" GMT"), "{last_modified}");

    let again = request(served.port, "GET", "/", &format!("If-None-Match: {etag}\r\n"), "");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.headers["etag"], etag);
    assert_isolated(&again);
    let since = request(served.port, "GET", "/", &format!("If-Modified-Since: {last_modified}\r\n"), "");
    assert_eq!(since.status, 304);

    let changed = request(served.port, "GET", "/", "If-None-Match: \"other\"\r\n", "");
    assert_eq!(changed.status, 200);
    assert!(!changed.body.is_empty());
}

#[test]
fn parallel_wasm_loads_all_complete() {
    let served = serve("parallel");
    let port = served.port;
    let loads: Vec<_> = (0..6).map(|_| thread::spawn(move || get(port, "/assets/app.wasm"))).collect();
    for load in loads {
        let reply = load.join().unwrap();
        assert_eq!((reply.status, reply.body.len()), (200, wasm_bytes().len()));
    }
}

#[test]
fn paths_cannot_leave_dist() {
    let served = serve("traversal");
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/..\\secret.txt", "/%ff"] {
        let reply = get(served.port, path);
        assert!(matches!(reply.status, 400 | 404), "{path} answered {}", reply.status);
        assert!(!String::from_utf8_lossy(&reply.body).contains("outside dist"), "{path} leaked");
    }
}

fn json(reply: &Reply) -> serde_json::Value {
    serde_json::from_slice(&reply.body).unwrap_or_else(|_| panic!("JSON: {}", String::from_utf8_lossy(&reply.body)))
}

#[test]
fn the_freeze_api_runs_one_experiment_at_a_time() {
    let served = serve("api");
    let port = served.port;
    let health = get(port, "/api/health");
    assert_eq!(json(&health)["companion"], true);
    assert_isolated(&health);

    // DNS rebinding: a foreign name resolving to 127.0.0.1 gets nothing.
    assert_eq!(request_to_host("attacker.example", port, "GET", "/api/health", "", "").status, 403);

    let post = |body: &str| request(port, "POST", "/api/freeze", "Content-Type: application/json\r\n", body);
    assert_eq!(request(port, "POST", "/api/freeze", "Content-Type: text/plain\r\n", "{}").status, 415);
    assert_eq!(post(r#"{"heap_mb": 5000}"#).status, 400);
    assert_eq!(post(r#"{"heap": 10}"#).status, 400);
    assert_eq!(post(r#"{"python": ["/bin/sh"]}"#).status, 400);

    let config = r#"{"heap_mb": 10, "workers": 1, "workload": ["requests"], "runs": 3}"#;
    let started = post(config);
    assert_eq!(started.status, 202, "{}", String::from_utf8_lossy(&started.body));
    let id = json(&started)["id"].as_u64().unwrap();
    assert_eq!(post(config).status, 409);

    let deadline = Instant::now() + Duration::from_secs(120);
    let job = loop {
        let job = json(&get(port, &format!("/api/freeze/{id}")));
        if job["state"] != "running" {
            break job;
        }
        assert!(Instant::now() < deadline, "the experiment never finished: {job}");
        thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(job["state"], "done", "{job}");
    assert_eq!(job["progress"]["done"], job["progress"]["total"]);
    let report = cow::FreezeReport::from_json(&job["report"].to_string()).unwrap();
    assert_eq!(report.results.len(), 2);
    assert_eq!(get(port, "/api/freeze/999").status, 404);
}
