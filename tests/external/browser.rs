//! The HTML report in a real browser: headless Chromium renders the report of
//! `fixtures/handbook` over the DevTools protocol. The test fails on any console error or
//! uncaught exception, on a chart that is missing, empty or without a text alternative, when
//! sorting and filtering do not work, when the page does not read without JavaScript, or when a
//! document's title runs as markup, and checks the print styles. It saves screenshots in
//! `target/tmp/browser/` (the whole page, on screen and for print, and each chart) for people
//! to look at.
//!
//! Chromium is the Debian package `chromium` (or the binary named by `CHROMIUM`). Without it
//! the tests are reported as ignored, except under CI (`CI` set), where `.ci/run` installs it
//! and a missing browser is a failure.

use std::io::ErrorKind;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

use crate::common::{self, policylint};

/// How long any one step may take before the test gives up, so it never hangs.
const STEP: Duration = Duration::from_secs(60);

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = ["chromium", "chromium-browser", "google-chrome"];
    std::env::split_paths(&std::env::var_os("PATH")?)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// This file's tests, each reported as ignored when what it needs is missing.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let missing = chromium().is_none().then(|| {
        "Chromium is not installed (`apt-get install chromium`, or set CHROMIUM to its path)"
            .to_string()
    });
    let mut trials = vec![
        common::needing(
            "the_html_report_renders_in_chromium",
            missing.clone(),
            the_html_report_renders_in_chromium,
        ),
        common::needing(
            "the_html_report_lays_out_at_1400_px",
            missing.clone(),
            the_html_report_lays_out_at_1400_px,
        ),
        common::needing(
            "the_html_report_reads_on_a_400_px_phone",
            missing.clone(),
            the_html_report_reads_on_a_400_px_phone,
        ),
        common::needing(
            "long_names_and_crowded_marks_stay_inside_their_charts",
            missing.clone(),
            long_names_and_crowded_marks_stay_inside_their_charts,
        ),
    ];
    if cfg!(unix) {
        trials.push(common::needing(
            "a_title_or_file_name_full_of_markup_stays_text_in_chromium",
            missing,
            a_title_or_file_name_full_of_markup_stays_text_in_chromium,
        ));
    }
    trials
}

/// The Chromium binary; [`trials`] runs the tests only when there is one.
fn browser() -> PathBuf {
    chromium().expect("Chromium is installed")
}

/// A headless Chromium with its own profile, driven over the DevTools protocol.
struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    next_id: u64,
    /// Events received while waiting for replies, with their session.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {}: {err}", binary.display()));
        // Chromium writes its port and browser path here once it listens.
        let port_file = profile.path().join("DevToolsActivePort");
        let started = Instant::now();
        let (port, path) = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file)
                && let Some((port, path)) = text.split_once('\n')
                && !path.trim().is_empty()
            {
                break (port.trim().to_string(), path.trim().to_string());
            }
            assert!(started.elapsed() < STEP, "chromium did not open DevTools");
            std::thread::sleep(Duration::from_millis(50));
        };
        let stream = TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
        stream.set_read_timeout(Some(STEP)).unwrap();
        let (socket, _) = tungstenite::client(format!("ws://127.0.0.1:{port}{path}"), stream)
            .expect("DevTools websocket handshake");
        Browser {
            child,
            socket,
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        }
    }

    /// Call a DevTools method (in a page's session when given) and return its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.receive();
            if reply["id"] == json!(id) {
                assert!(
                    reply.get("error").is_none(),
                    "{method} failed: {}",
                    reply["error"]
                );
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    fn receive(&mut self) -> Value {
        loop {
            match self.socket.read() {
                Ok(Message::Text(text)) => return serde_json::from_str(&text).unwrap(),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(err))
                    if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                {
                    panic!("chromium did not answer within {STEP:?}")
                }
                Err(err) => panic!("DevTools connection failed: {err}"),
            }
        }
    }

    /// Wait for an event of a session.
    fn wait_for(&mut self, session: &str, method: &str) -> Value {
        let seen = |e: &Value| e["method"] == json!(method) && e["sessionId"] == json!(session);
        if let Some(index) = self.events.iter().position(seen) {
            return self.events.remove(index);
        }
        loop {
            let event = self.receive();
            if seen(&event) {
                return event;
            }
            self.events.push(event);
        }
    }

    /// Open `url` in a new tab, with scripts on or off, and wait until it has loaded.
    fn open(&mut self, url: &str, scripts: bool) -> String {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            self.call(Some(&session), domain, json!({}));
        }
        self.call(
            Some(&session),
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
        );
        if !scripts {
            self.call(
                Some(&session),
                "Emulation.setScriptExecutionDisabled",
                json!({ "value": true }),
            );
        }
        self.call(Some(&session), "Page.navigate", json!({ "url": url }));
        self.wait_for(&session, "Page.loadEventFired");
        session
    }

    /// Lay the page out for a screen `width` CSS pixels wide, as a phone when `mobile`.
    fn resize(&mut self, session: &str, width: u32, mobile: bool) {
        self.call(
            Some(session),
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile }),
        );
    }

    /// Evaluate a JavaScript expression in a page and return its value.
    fn evaluate(&mut self, session: &str, expression: &str) -> Value {
        let reply = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        assert!(
            reply.get("exceptionDetails").is_none(),
            "evaluation failed: {}",
            reply["exceptionDetails"]
        );
        reply["result"]["value"].clone()
    }

    /// Console errors, uncaught exceptions, log errors and dialogs of a session so far.
    fn problems(&mut self, session: &str) -> Vec<String> {
        self.evaluate(session, "1"); // flush the events sent before this point
        self.events
            .iter()
            .filter(|e| e["sessionId"] == json!(session))
            .filter_map(|e| {
                let params = &e["params"];
                match e["method"].as_str()? {
                    "Runtime.consoleAPICalled"
                        if matches!(params["type"].as_str(), Some("error" | "assert")) =>
                    {
                        Some(format!("console.{}: {}", params["type"], params["args"]))
                    }
                    "Runtime.exceptionThrown" => {
                        Some(format!("exception: {}", params["exceptionDetails"]))
                    }
                    "Log.entryAdded" if params["entry"]["level"] == json!("error") => {
                        Some(format!("log: {}", params["entry"]["text"]))
                    }
                    "Page.javascriptDialogOpening" => {
                        Some(format!("dialog: {}", params["message"]))
                    }
                    _ => None,
                }
            })
            .collect()
    }

    /// A PNG of the whole page, or of one element.
    fn screenshot(&mut self, session: &str, selector: Option<&str>) -> Vec<u8> {
        let clip = match selector {
            Some(selector) => {
                let box_ = self.evaluate(
                    session,
                    &format!(
                        "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); \
                         return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }})()",
                        json!(selector)
                    ),
                );
                json!({ "x": box_[0], "y": box_[1], "width": box_[2], "height": box_[3], "scale": 1 })
            }
            None => {
                let metrics = self.call(Some(session), "Page.getLayoutMetrics", json!({}));
                let size = &metrics["cssContentSize"];
                json!({ "x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1 })
            }
        };
        let shot = self.call(
            Some(session),
            "Page.captureScreenshot",
            json!({ "format": "png", "clip": clip, "captureBeyondViewport": true }),
        );
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let close = json!({ "id": 0, "method": "Browser.close" }).to_string();
        let _ = self.socket.send(Message::text(close));
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// Where screenshots go: kept after the run for people (and CI artifacts).
fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_report(paths: &[&Path], output: &Path) {
    let mut args: Vec<String> = vec!["report".into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["-o".into(), output.display().to_string(), "-q".into()]);
    policylint().args(&args).assert().code(0);
}

/// What the page says about its charts and tables.
const INSPECT: &str = r##"(() => {
  const charts = Array.from(document.querySelectorAll("svg.chart")).map(svg => {
    const box = svg.getBoundingClientRect();
    const title = svg.querySelector("title");
    const desc = svg.querySelector("desc");
    return {
      id: svg.id,
      width: box.width,
      height: box.height,
      marks: svg.querySelectorAll("circle, rect, path").length,
      links: svg.querySelectorAll("a").length,
      labelled: svg.getAttribute("role") === "img" && !!title && title.textContent.trim() !== ""
        && !!desc && desc.textContent.trim() !== "",
    };
  });
  return {
    charts,
    rows: document.querySelectorAll("#documents-table tbody tr").length,
    sortButtons: document.querySelectorAll("#documents-table th button").length,
    controlsHidden: document.getElementById("document-controls").hidden,
    text: document.body.innerText,
  };
})()"##;

fn the_html_report_renders_in_chromium() {
    let binary = browser();
    let out = screenshots();
    let report = out.join("coverage.html");
    write_report(&[Path::new("fixtures/handbook")], &report);
    let mut browser = Browser::launch(&binary);
    let page = browser.open(&file_url(&report), true);

    let seen = browser.evaluate(&page, INSPECT);
    let charts = seen["charts"].as_array().unwrap();
    let ids: Vec<&str> = charts.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["quadrant-chart", "folder-bars-1", "heat-map-1"]);
    for chart in charts {
        assert!(
            chart["width"].as_f64().unwrap() > 300.0 && chart["height"].as_f64().unwrap() > 100.0,
            "chart too small or not shown: {chart}"
        );
        assert!(
            chart["marks"].as_u64().unwrap() >= 6,
            "empty chart: {chart}"
        );
        assert_eq!(
            chart["labelled"],
            json!(true),
            "no text alternative: {chart}"
        );
    }
    // One mark per assessed document, each a link to its row.
    assert_eq!(charts[0]["links"], json!(6));
    assert_eq!(seen["rows"], json!(6));
    assert_eq!(seen["sortButtons"], json!(21));
    assert_eq!(seen["controlsHidden"], json!(false));
    let text = seen["text"].as_str().unwrap();
    assert!(
        text.contains("4 of 4 policies never mention a road map"),
        "{text}"
    );

    std::fs::write(out.join("coverage.png"), browser.screenshot(&page, None)).unwrap();
    for chart in &ids {
        let png = browser.screenshot(&page, Some(&format!("#{chart}")));
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 2_000,
            "{chart}: blank screenshot"
        );
        std::fs::write(out.join(format!("{chart}.png")), png).unwrap();
    }

    // Sorting by "Managing things" (the fourth column), then the other way.
    let sorted = browser.evaluate(
        &page,
        r##"(() => {
          const table = document.getElementById("documents-table");
          const button = table.tHead.rows[0].cells[3].querySelector("button");
          const column = () => Array.from(table.tBodies[0].rows, r => Number(r.cells[3].dataset.value));
          button.click();
          const up = column();
          button.click();
          return { up, down: column(), sort: table.tHead.rows[0].cells[3].getAttribute("aria-sort") };
        })()"##,
    );
    let numbers = |v: &Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_f64().unwrap())
            .collect()
    };
    assert_eq!(numbers(&sorted["up"]), [0.0, 0.25, 0.5, 0.75, 0.75, 0.75]);
    assert_eq!(numbers(&sorted["down"]), [0.75, 0.75, 0.75, 0.5, 0.25, 0.0]);
    assert_eq!(sorted["sort"], json!("descending"));
    let filtered = browser.evaluate(
        &page,
        r##"(() => {
          const filter = document.getElementById("document-filter");
          filter.value = "expenses";
          filter.dispatchEvent(new Event("input"));
          const shown = Array.from(document.querySelectorAll("#documents-table tbody tr"))
            .filter(r => !r.hidden).map(r => r.id);
          return { shown, count: document.getElementById("document-count").textContent };
        })()"##,
    );
    assert_eq!(filtered["shown"].as_array().unwrap().len(), 1, "{filtered}");
    assert_eq!(filtered["count"], json!("1 of 6 shown"));
    browser.evaluate(
        &page,
        r##"(() => {
          const filter = document.getElementById("document-filter");
          filter.value = "";
          filter.dispatchEvent(new Event("input"));
        })()"##,
    );
    let problems = browser.problems(&page);
    assert!(problems.is_empty(), "the page logged errors: {problems:#?}");

    // On paper: no navigation or controls, every chart still there.
    browser.call(
        Some(&page),
        "Emulation.setEmulatedMedia",
        json!({ "media": "print" }),
    );
    let printed = browser.evaluate(
        &page,
        r##"({
          nav: getComputedStyle(document.querySelector("nav.toc")).display,
          controls: getComputedStyle(document.getElementById("document-controls")).display,
          charts: Array.from(document.querySelectorAll("svg.chart"))
            .filter(svg => svg.getBoundingClientRect().width > 300).length,
        })"##,
    );
    assert_eq!(
        printed,
        json!({ "nav": "none", "controls": "none", "charts": 3 })
    );
    std::fs::write(
        out.join("coverage-print.png"),
        browser.screenshot(&page, None),
    )
    .unwrap();

    // Without JavaScript the page shows the same charts and table, and no controls.
    let plain = browser.open(&file_url(&report), false);
    let seen = browser.evaluate(&plain, INSPECT);
    let ids: Vec<&str> = seen["charts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["width"].as_f64().unwrap() > 300.0)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["quadrant-chart", "folder-bars-1", "heat-map-1"]);
    assert_eq!(seen["rows"], json!(6));
    assert_eq!(seen["sortButtons"], json!(0));
    assert_eq!(seen["controlsHidden"], json!(true));
    let problems = browser.problems(&plain);
    assert!(problems.is_empty(), "the page logged errors: {problems:#?}");
}

fn a_title_or_file_name_full_of_markup_stays_text_in_chromium() {
    let binary = browser();
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    std::fs::write(
        policies.join("<img src=x onerror=alert(2)>.md"),
        "---\ntitle: \"<script>alert(1)</script>\"\n---\n\nWe must submit expenses so that we can \
         pay people.\n",
    )
    .unwrap();
    let report = dir.path().join("coverage.html");
    write_report(&[&policies], &report);
    let mut browser = Browser::launch(&binary);
    let page = browser.open(&file_url(&report), true);
    let seen = browser.evaluate(
        &page,
        r##"({
          scripts: document.scripts.length,
          images: document.images.length,
          text: document.body.innerText,
        })"##,
    );
    assert_eq!(seen["scripts"], json!(1), "only the report's own script");
    assert_eq!(seen["images"], json!(0));
    let text = seen["text"].as_str().unwrap();
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
    assert!(text.contains("<img src=x onerror=alert(2)>.md"), "{text}");
    let problems = browser.problems(&page);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// What is wrong with the page's layout, measured by the page itself: text boxes that overlap
/// (as quadrilaterals, so slanted chart labels count by their real outline), chart text cut
/// off at its chart's edge, chart marks outside their chart's `.plot`, text smaller than `MIN` pixels, charts wider than the
/// window, and a page wider than the window (a wide table must scroll in its own box).
const LAYOUT: &str = r##"((MIN) => {
  const problems = [];
  const boxes = [];
  const name = t => t.replace(/\s+/g, " ").trim().slice(0, 50);
  const rect = r => [[r.left, r.top], [r.right, r.top], [r.right, r.bottom], [r.left, r.bottom]];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    // Text folded away in a closed <details> keeps boxes but is not shown.
    if (!node.textContent.trim() || parent.closest("svg, script, style") || !parent.checkVisibility()) { continue; }
    const range = document.createRange();
    range.selectNodeContents(node);
    const size = parseFloat(getComputedStyle(parent).fontSize);
    for (const r of range.getClientRects()) {
      if (r.width > 0.5 && r.height > 0.5) { boxes.push({ corners: rect(r), size, text: name(node.textContent) }); }
    }
  }
  for (const text of document.querySelectorAll("svg text")) {
    const matrix = text.getScreenCTM();
    if (!matrix || !text.checkVisibility()) { continue; }
    const b = text.getBBox();
    if (b.width === 0) { continue; }
    const at = (x, y) => { const p = new DOMPoint(x, y).matrixTransform(matrix); return [p.x, p.y]; };
    const corners = [at(b.x, b.y), at(b.x + b.width, b.y), at(b.x + b.width, b.y + b.height), at(b.x, b.y + b.height)];
    const frame = text.ownerSVGElement.getBoundingClientRect();
    if (corners.some(([x, y]) => x < frame.left - 0.5 || x > frame.right + 0.5 || y < frame.top - 0.5 || y > frame.bottom + 0.5)) {
      problems.push(`"${name(text.textContent)}" is cut off at the edge of ${text.ownerSVGElement.id}`);
    }
    boxes.push({
      corners,
      size: parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b),
      text: name(text.firstChild ? text.firstChild.textContent : ""),
    });
  }
  // Separating axes: two convex outlines overlap when they overlap by more than a pixel on
  // every edge normal of both.
  const overlap = (a, b) => {
    for (const shape of [a, b]) {
      for (let i = 0; i < 4; i++) {
        const [x1, y1] = shape[i], [x2, y2] = shape[(i + 1) % 4];
        const length = Math.hypot(x2 - x1, y2 - y1);
        if (length === 0) { continue; }
        const n = [(y1 - y2) / length, (x2 - x1) / length];
        const project = s => s.map(([x, y]) => x * n[0] + y * n[1]);
        const pa = project(a), pb = project(b);
        const depth = Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb));
        if (depth <= 1) { return false; }
      }
    }
    return true;
  };
  for (let i = 0; i < boxes.length; i++) {
    if (boxes[i].size < MIN - 0.05) {
      problems.push(`text of ${boxes[i].size.toFixed(1)} px: "${boxes[i].text}"`);
    }
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlap(boxes[i].corners, boxes[j].corners)) {
        problems.push(`"${boxes[i].text}" overlaps "${boxes[j].text}"`);
      }
    }
  }
  const charts = Array.from(document.querySelectorAll("svg.chart"));
  for (const svg of charts) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) { continue; }
    const plot = svg.querySelector(".plot");
    if (!plot) { problems.push(`${svg.id} has no plot`); continue; }
    const p = plot.getBoundingClientRect();
    const marks = svg.querySelectorAll(".mark");
    if (marks.length === 0) { problems.push(`${svg.id} has no marks`); }
    for (const mark of marks) {
      const m = mark.getBoundingClientRect();
      if (m.left < p.left - 0.5 || m.right > p.right + 0.5 || m.top < p.top - 0.5 || m.bottom > p.bottom + 0.5) {
        problems.push(`a mark of ${svg.id} lies outside its plot: ${name(mark.textContent)}`);
      }
    }
    if (svg.classList.contains("scales") && box.right > innerWidth + 0.5) {
      problems.push(`${svg.id} is wider than the window`);
    }
  }
  if (document.documentElement.scrollWidth > innerWidth) {
    problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${innerWidth} px window`);
  }
  return { problems, texts: boxes.length, charts: charts.length };
})"##;

/// The report of the handbook laid out `width` pixels wide: no overlapping text, every mark in
/// its plot, no text under 11 px, nothing wider than the window. Saves a screenshot.
fn report_lays_out_at(width: u32, mobile: bool) {
    let out = screenshots();
    let report = out.join(format!("coverage-{width}.html"));
    write_report(&[Path::new("fixtures/handbook")], &report);
    let seen = layout(
        &report,
        width,
        mobile,
        &out.join(format!("coverage-{width}.png")),
    );
    assert!(
        seen["texts"].as_u64().unwrap() > 300,
        "too few text boxes measured: {seen}"
    );
    assert_eq!(seen["charts"], json!(3));
}

/// The handbook three times over, in folders with long names, one document with a very long
/// title and a dozen documents at the same place: labels must be cut, not cut off, and the
/// crowd must stay inside its quadrant, at both widths.
fn long_names_and_crowded_marks_stay_inside_their_charts() {
    let dir = tempfile::tempdir().unwrap();
    let long = "departments-of-people-and-organisational-development-europe";
    for region in ["north", "south", "east"] {
        common::copy_tree(
            Path::new("fixtures/handbook"),
            &dir.path().join(format!("{long}/{region}-{long}")),
        );
    }
    let crowd = dir.path().join(format!("{long}/crowd"));
    std::fs::create_dir_all(&crowd).unwrap();
    for n in 0..12 {
        std::fs::write(
            crowd.join(format!("policy-{n}.md")),
            "# Leave policy\n\nYou must ask your manager before you take leave.\n",
        )
        .unwrap();
    }
    std::fs::write(
        crowd.join("long-title.md"),
        format!(
            "# {}\n\nWe have this policy so that people can rest. You must book leave.\n",
            "The extremely long title of a policy that goes on and on ".repeat(4)
        ),
    )
    .unwrap();
    let report = dir.path().join("coverage.html");
    write_report(&[dir.path()], &report);
    let out = screenshots();
    for (width, mobile) in [(1400, false), (400, true)] {
        layout(
            &report,
            width,
            mobile,
            &out.join(format!("crowded-{width}.png")),
        );
    }
}

/// Lay `report` out `width` pixels wide, save a screenshot to `png`, and fail on any problem
/// [`LAYOUT`] finds; returns what it measured.
fn layout(report: &Path, width: u32, mobile: bool, png: &Path) -> Value {
    let binary = browser();
    let mut browser = Browser::launch(&binary);
    let page = browser.open(&file_url(report), true);
    browser.resize(&page, width, mobile);
    let seen = browser.evaluate(&page, &format!("{LAYOUT}(11)"));
    std::fs::write(png, browser.screenshot(&page, None)).unwrap();
    let problems: Vec<&str> = seen["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(problems.is_empty(), "at {width} px: {problems:#?}");
    seen
}

fn the_html_report_lays_out_at_1400_px() {
    report_lays_out_at(1400, false);
}

fn the_html_report_reads_on_a_400_px_phone() {
    report_lays_out_at(400, true);
}
