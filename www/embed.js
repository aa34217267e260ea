// Pattern Playground embeds for docs pages. Include this script from the
// playground's folder and write, anywhere in the page:
//
//   <div data-pattern-playground="dispatch">print("hello")</div>
//
// Each such div becomes an iframe of that pattern's page in embed mode, with
// the div's text (never its HTML) as the code, sized by the embed's `resize`
// messages. Optional attributes: data-start="interaction" (Python starts on
// the first click or key in the embed, not when it scrolls into view) and
// data-height (the height in pixels before the embed reports its own).
//
// `PatternPlayground.embeds` holds a handle per embed (setCode, run, stop,
// on(type, listener)); `PatternPlayground.ready` resolves once they exist.
// The message API is documented in README.md, section "Embedding".
(() => {
  const VERSION = 1;
  const PATTERNS = ["protocol", "annotated", "freeze", "dispatch", "finalize"];
  const script = document.currentScript;
  const app = new URL("./", script ? script.src : location.href);
  const hostOrigin = location.origin === "null" ? null : location.origin;
  const embeds = [];

  /** Deflate-raw and base64url, as the playground's permalinks carry code (crates/urlstate). */
  async function encodeCode(code) {
    const stream = new Blob([code]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /** The div's code without the indentation and blank lines around it in the page's source. */
  function dedent(text) {
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    while (lines.length && !lines[0].trim()) lines.shift();
    while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
    const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
    const cut = indents.length ? Math.min(...indents) : 0;
    return lines.map((l) => l.slice(cut)).join("\n") + "\n";
  }

  async function create(div) {
    const pattern = div.dataset.patternPlayground;
    if (!PATTERNS.includes(pattern)) {
      console.warn(`Pattern Playground: no pattern named ${JSON.stringify(pattern)}; expected one of ${PATTERNS.join(", ")}`);
      return null;
    }
    const code = dedent(div.textContent);
    const query = [`code=${await encodeCode(code)}`, "embed=1"];
    if (hostOrigin) query.push(`origin=${encodeURIComponent(hostOrigin)}`);
    if (div.dataset.start === "interaction") query.push("start=interaction");
    const iframe = document.createElement("iframe");
    iframe.src = new URL(`#/${pattern}?${query.join("&")}`, app).href;
    iframe.title = `Pattern Playground: ${pattern} example`;
    iframe.className = "pattern-playground-embed";
    iframe.style.cssText = `width: 100%; border: 1px solid #8884; border-radius: 6px; height: ${Number(div.dataset.height) || 480}px`;
    div.replaceChildren(iframe);

    const listeners = new Map();
    // Commands wait until the embed has said something (its first resize):
    // before that, nobody in the iframe is listening.
    let connected = false;
    const queue = [];
    const send = (message) => {
      const data = { version: VERSION, ...message };
      if (connected) iframe.contentWindow.postMessage(data, app.origin);
      else queue.push(data);
    };
    const handle = {
      pattern,
      iframe,
      setCode: (text) => send({ type: "set-code", code: String(text) }),
      run: () => send({ type: "run" }),
      stop: () => send({ type: "stop" }),
      /** Calls `listener(event)` for each event of `type` ("*": every event); returns an unsubscribe. */
      on(type, listener) {
        if (!listeners.has(type)) listeners.set(type, new Set());
        listeners.get(type).add(listener);
        return () => listeners.get(type).delete(listener);
      },
      receive(data) {
        if (!connected) {
          connected = true;
          for (const message of queue.splice(0)) iframe.contentWindow.postMessage(message, app.origin);
        }
        if (data.type === "resize" && Number.isFinite(data.height)) iframe.style.height = `${Math.ceil(data.height) + 2}px`;
        for (const type of [data.type, "*"]) for (const listener of listeners.get(type) ?? []) listener(data);
      },
    };
    return handle;
  }

  // Only the embeds' own windows, from the playground's origin, are heard.
  window.addEventListener("message", (event) => {
    const embed = embeds.find((e) => e.iframe.contentWindow === event.source);
    if (!embed) return;
    const data = event.data;
    if (event.origin !== app.origin || !data || data.version !== VERSION || typeof data.type !== "string") {
      console.warn("Pattern Playground: ignored a message that is not from the embed API", event.origin, data);
      return;
    }
    embed.receive(data);
  });

  async function start() {
    const divs = [...document.querySelectorAll("div[data-pattern-playground]")];
    for (const div of divs) {
      const embed = await create(div);
      if (embed) embeds.push(embed);
    }
    return embeds;
  }

  const ready = document.readyState === "loading"
    ? new Promise((ok) => document.addEventListener("DOMContentLoaded", () => ok(start()), { once: true }))
    : start();
  window.PatternPlayground = { embeds, ready };
})();
