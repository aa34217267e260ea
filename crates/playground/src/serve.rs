//! `playground serve`: serves the built app on 127.0.0.1 with the cross-origin isolation
//! headers Pyodide's interrupt buffer needs (a SharedArrayBuffer), plus the freeze API that
//! lets the app's freeze page run the native experiment.

use crate::args::ServeArgs;
use crate::experiment::{self, Plan, Progress};
use crate::CliError;
use cow::{FreezeReport, Workload};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use tiny_http::{Header, Method, Request, Response, Server};

/// Enough threads to load the wasm, the stdlib zip and the page in parallel.
const THREADS: usize = 4;

/// Limits on what a page may ask the companion to run.
const MAX_HEAP_MB: u32 = 1024;
const MAX_WORKERS: u32 = 8;
const MAX_RUNS: u32 = 5;
/// Finished experiments kept for polling.
const KEPT_JOBS: usize = 16;

pub fn main(args: ServeArgs) -> Result<(), CliError> {
    let ServeArgs { dist, port, pythons } = args;
    if !dist.join("index.html").is_file() {
        return Err(CliError::failed(format!(
            "no index.html in {} (build the app first, or pass --dist DIR)",
            dist.display()
        )));
    }
    let server = Server::http(("127.0.0.1", port))
        .map_err(|error| CliError::failed(format!("cannot listen on 127.0.0.1:{port}: {error}")))?;
    let port = server.server_addr().to_ip().map_or(port, |address| address.port());
    println!("serving {} at http://127.0.0.1:{port}/", dist.display());

    let app = Arc::new(App { dist, port, pythons, jobs: Mutex::new(Jobs::default()) });
    let server = Arc::new(server);
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let (server, app) = (Arc::clone(&server), Arc::clone(&app));
            thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    app.handle(request);
                }
            })
        })
        .collect();
    for thread in threads {
        let _ = thread.join();
    }
    Ok(())
}

struct App {
    dist: PathBuf,
    port: u16,
    pythons: Vec<String>,
    jobs: Mutex<Jobs>,
}

#[derive(Default)]
struct Jobs {
    next_id: u64,
    running: Option<u64>,
    by_id: BTreeMap<u64, Arc<Mutex<Job>>>,
}

#[derive(Clone, Serialize)]
struct Job {
    state: JobState,
    progress: Progress,
    report: Option<FreezeReport>,
    error: Option<String>,
}

#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
enum JobState {
    Running,
    Done,
    Failed,
}

/// The body of `POST /api/freeze`: the CLI flags, each optional.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FreezeRequest {
    python: Option<Vec<String>>,
    heap_mb: Option<u32>,
    workers: Option<u32>,
    workload: Option<Vec<Workload>>,
    runs: Option<u32>,
}

type Body = Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header names and values are valid")
}

fn isolated<R: Read>(response: Response<R>) -> Response<R> {
    response
        .with_header(header("Cross-Origin-Opener-Policy", "same-origin"))
        .with_header(header("Cross-Origin-Embedder-Policy", "require-corp"))
        .with_header(header("Cross-Origin-Resource-Policy", "same-origin"))
}

/// A file's validators: an ETag from its size and modification time, and that time as
/// Last-Modified, so that a browser revalidates with a cheap 304.
struct Validators {
    etag: String,
    last_modified: String,
}

impl Validators {
    fn of(file: &File) -> Option<Validators> {
        let metadata = file.metadata().ok()?;
        let modified = metadata.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(Validators {
            etag: format!("\"{:x}-{:x}\"", metadata.len(), modified.as_nanos()),
            last_modified: http_date(modified.as_secs()),
        })
    }

    /// Whether the request's `If-None-Match` names this version (it wins over
    /// `If-Modified-Since`, as RFC 9110 says).
    fn matches(&self, request: &Request) -> bool {
        let value = |name: &'static str| {
            request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_owned())
        };
        match value("If-None-Match") {
            Some(tags) => tags.split(',').any(|tag| tag.trim() == self.etag || tag.trim() == "*"),
            None => value("If-Modified-Since").is_some_and(|since| since == self.last_modified),
        }
    }
}

/// Trunk names the files whose content it hashes `stem-<hash>.ext` (or `_bg.wasm`): such a
/// name never changes content, so the browser may keep it for a year without asking. So does
/// a wheel's: the build's wheels carry their version and a hash of their content in the name
/// (`pydantic-2.14.4+pyc.<hash>-...whl`, see scripts/pyodide-packages.mjs). Anything else
/// (the page, the service worker, Pyodide's files and lock file) is revalidated on every use.
fn cache_control(file: &Path) -> &'static str {
    let name = file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem
        .rsplit_once('-')
        .is_some_and(|(_, hash)| (15..=16).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit()));
    if hashed || name.ends_with(".whl") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

fn with_caching<R: Read>(response: Response<R>, file: &Path, validators: Option<&Validators>) -> Response<R> {
    let response = response.with_header(header("Cache-Control", cache_control(file)));
    match validators {
        Some(v) => response.with_header(header("ETag", &v.etag)).with_header(header("Last-Modified", &v.last_modified)),
        None => response,
    }
}

/// `secs` since the Unix epoch as an HTTP date (RFC 9110's IMF-fixdate), e.g.
/// `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(secs: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let days = secs / 86_400;
    let (hour, minute, second) = (secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    // Howard Hinnant's days_from_civil, inverted: the proleptic Gregorian date of day `days`.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{}, {day:02} {} {year} {hour:02}:{minute:02}:{second:02} GMT",
        DAYS[(days % 7) as usize],
        MONTHS[(month - 1) as usize]
    )
}

fn json(status: u16, value: &impl Serialize) -> Body {
    let body = serde_json::to_vec(value).expect("API values serialize");
    Response::from_data(body).with_status_code(status).with_header(header("Content-Type", "application/json"))
}

fn error(status: u16, message: impl Into<String>) -> Body {
    json(status, &serde_json::json!({ "error": message.into() }))
}

impl App {
    fn handle(self: &Arc<Self>, mut request: Request) {
        let path = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
        let result = if let Some(api) = path.strip_prefix("/api/") {
            let response = self.api(&mut request, api);
            request.respond(isolated(response))
        } else if !matches!(request.method(), Method::Get | Method::Head) {
            request.respond(isolated(error(405, "only GET and HEAD outside /api/")))
        } else {
            match resolve(&self.dist, &path).and_then(|file| Some((File::open(&file).ok()?, file))) {
                Some((file, name)) => {
                    let validators = Validators::of(&file);
                    let cached = validators.as_ref().is_some_and(|v| v.matches(&request));
                    if cached {
                        let response = Response::empty(304);
                        let response = with_caching(response, &name, validators.as_ref());
                        drop(request.respond(isolated(response)));
                        return;
                    }
                    // A Content-Length rather than chunks lets the browser show wasm download progress.
                    let mut response = Response::from_file(file)
                        .with_header(header("Content-Type", mime_type(&name)))
                        .with_header(header("X-Content-Type-Options", "nosniff"))
                        .with_chunked_threshold(usize::MAX);
                    if name.file_name().is_some_and(|n| n == "index.html") {
                        let policy = std::fs::read_to_string(&name).ok().and_then(|html| page_policy(&html));
                        if let Some(policy) = policy {
                            response = response.with_header(header("Content-Security-Policy", &policy));
                        }
                    }
                    request.respond(isolated(with_caching(response, &name, validators.as_ref())))
                }
                None => request.respond(isolated(error(404, "not found"))),
            }
        };
        // The client went away; nothing to tell it.
        drop(result);
    }

    fn api(self: &Arc<Self>, request: &mut Request, path: &str) -> Body {
        // A page on another site may reach 127.0.0.1, and with DNS rebinding may even look
        // same-origin: accept only our own host name, and JSON bodies (which need a CORS
        // preflight this server never grants).
        let host_ok = request.headers().iter().any(|h| {
            h.field.equiv("Host")
                && [format!("127.0.0.1:{}", self.port), format!("localhost:{}", self.port)]
                    .contains(&h.value.as_str().to_ascii_lowercase())
        });
        if !host_ok {
            return error(403, "the API answers only requests to 127.0.0.1");
        }
        match (request.method(), path) {
            (Method::Get, "health") => {
                json(200, &serde_json::json!({ "companion": true, "version": env!("CARGO_PKG_VERSION") }))
            }
            (Method::Post, "freeze") => {
                let is_json = request
                    .headers()
                    .iter()
                    .any(|h| h.field.equiv("Content-Type") && h.value.as_str().starts_with("application/json"));
                if !is_json {
                    return error(415, "send the experiment config as application/json");
                }
                let mut body = String::new();
                if request.as_reader().take(64 * 1024).read_to_string(&mut body).is_err() {
                    return error(400, "the body is not UTF-8");
                }
                self.start_freeze(&body)
            }
            (Method::Get, id) => match id.strip_prefix("freeze/").and_then(|id| id.parse::<u64>().ok()) {
                Some(id) => match self.jobs.lock().expect("jobs lock").by_id.get(&id) {
                    Some(job) => json(200, &*job.lock().expect("job lock")),
                    None => error(404, format!("no experiment {id}")),
                },
                None => error(404, "unknown API path"),
            },
            _ => error(404, "unknown API path"),
        }
    }

    fn plan(&self, body: &str) -> Result<Plan, String> {
        let request: FreezeRequest = serde_json::from_str(body).map_err(|error| error.to_string())?;
        let defaults = Plan { pythons: vec![self.pythons[0].clone()], ..Plan::default() };
        let plan = Plan {
            pythons: request.python.unwrap_or(defaults.pythons),
            heap_mb: request.heap_mb.unwrap_or(defaults.heap_mb),
            workers: request.workers.unwrap_or(defaults.workers),
            workloads: request.workload.unwrap_or(defaults.workloads),
            runs: request.runs.unwrap_or(defaults.runs),
        };
        if let Some(python) = plan.pythons.iter().find(|python| !self.pythons.contains(python)) {
            return Err(format!("python {python:?} was not allowed by `playground serve --python`"));
        }
        if plan.heap_mb > MAX_HEAP_MB || plan.workers > MAX_WORKERS || plan.runs > MAX_RUNS {
            return Err(format!("limits: heap_mb ≤ {MAX_HEAP_MB}, workers ≤ {MAX_WORKERS}, runs ≤ {MAX_RUNS}"));
        }
        Ok(plan)
    }

    fn start_freeze(self: &Arc<Self>, body: &str) -> Body {
        let plan = match self.plan(body) {
            Ok(plan) => plan,
            Err(message) => return error(400, message),
        };
        let mut jobs = self.jobs.lock().expect("jobs lock");
        if let Some(id) = jobs.running {
            return json(409, &serde_json::json!({ "error": "an experiment is already running", "id": id }));
        }
        let machine = match experiment::preflight(&plan) {
            Ok(machine) => machine,
            Err(message) => return error(400, message.0),
        };
        let id = jobs.next_id;
        jobs.next_id += 1;
        jobs.running = Some(id);
        let job = Arc::new(Mutex::new(Job {
            state: JobState::Running,
            progress: Progress { done: 0, total: 0, message: "starting".into() },
            report: None,
            error: None,
        }));
        jobs.by_id.insert(id, Arc::clone(&job));
        while jobs.by_id.len() > KEPT_JOBS {
            jobs.by_id.pop_first();
        }
        drop(jobs);

        let app = Arc::clone(self);
        thread::spawn(move || {
            let mut on_progress = |progress: &Progress| {
                job.lock().expect("job lock").progress = progress.clone();
            };
            let result = experiment::run(&plan, machine, &mut on_progress);
            let mut finished = job.lock().expect("job lock");
            match result {
                Ok(report) => (finished.state, finished.report) = (JobState::Done, Some(report)),
                Err(message) => (finished.state, finished.error) = (JobState::Failed, Some(message.0)),
            }
            app.jobs.lock().expect("jobs lock").running = None;
        });
        json(202, &serde_json::json!({ "id": id }))
    }
}

/// Who may frame the app when `playground serve` serves it: itself and pages
/// on this machine (a docs preview on another port).
const FRAME_ANCESTORS: &str = "frame-ancestors 'self' http://127.0.0.1:* http://localhost:*";

/// The policy `scripts/write-csp.mjs` wrote into the page's `<meta>`, sent as
/// a header too, with what a `<meta>` cannot say (`frame-ancestors`). None
/// when the page declares no policy.
fn page_policy(html: &str) -> Option<String> {
    let meta = html.find(r#"http-equiv="Content-Security-Policy""#)?;
    let content = &html[meta..];
    let start = content.find(r#"content=""#)? + r#"content=""#.len();
    let end = content[start..].find('"')?;
    Some(format!("{}; {FRAME_ANCESTORS}", &content[start..start + end]))
}

/// The file under `dist` that `path` names, `index.html` for directories; `None` for
/// anything that is missing or tries to leave `dist`.
fn resolve(dist: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let mut file = dist.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            _ if segment.contains(['\\', '\0']) => return None,
            _ => file.push(segment),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

fn mime_type(file: &Path) -> &'static str {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "py" => "text/plain; charset=utf-8",
        "zip" | "whl" => "application/zip",
        "tar" => "application/x-tar",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_are_imf_fixdates() {
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(1_709_164_800), "Thu, 29 Feb 2024 00:00:00 GMT");
    }

    #[test]
    fn only_content_hashed_names_are_immutable() {
        let immutable = "public, max-age=31536000, immutable";
        assert_eq!(cache_control(Path::new("pattern-playground-c22fc617af94525b_bg.wasm")), immutable);
        assert_eq!(cache_control(Path::new("pattern-playground-d7d4fa7aea89a18.js")), immutable);
        assert_eq!(cache_control(Path::new("style-f87ae3bb71df6c74.css")), immutable);
        assert_eq!(cache_control(Path::new("pyodide/pydantic-2.14.4+pyc.e860cc4c2387-py3-none-any.whl")), immutable);
        for name in [
            "index.html",
            "sw.js",
            "pyodide/pyodide.asm.wasm",
            "pyodide/pyodide-lock.json",
            "python-worker.js",
            "reference-freeze-report.json",
        ] {
            assert_eq!(cache_control(Path::new(name)), "no-cache", "{name}");
        }
    }

    #[test]
    fn the_pages_policy_is_sent_with_frame_ancestors() {
        let html = r#"<meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'sha256-x='" />"#;
        assert_eq!(
            page_policy(html).as_deref(),
            Some("default-src 'self'; script-src 'self' 'sha256-x='; frame-ancestors 'self' http://127.0.0.1:* http://localhost:*")
        );
        assert_eq!(page_policy("<title>no policy</title>"), None);
    }
}
