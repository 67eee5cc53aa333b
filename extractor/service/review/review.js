// The review page: draws every field of a filing as a box over its page image, shows
// a field's value, footnotes and findings on click, saves corrections and approves.
// Plain JS, no build step; every text from the server goes in through textContent.
"use strict";

const filingId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop());
const api = `/v1/filings/${encodeURIComponent(filingId)}`;
const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
let data = null;
let selected = null;

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}

function show(text, kind) {
  const box = document.getElementById("message");
  box.textContent = text;
  box.className = kind;
}

async function call(url, options = {}) {
  const response = await fetch(url, { credentials: "same-origin", ...options });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const msg = body.error ? body.error.message : `HTTP ${response.status}`;
    throw new Error(msg);
  }
  return body;
}

function worstSeverity(findings) {
  let worst = null;
  for (const f of findings) {
    if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  }
  return worst;
}

// The colour class: a finding outranks confidence; info findings keep the confidence colour.
function colourClass(field) {
  const worst = worstSeverity(field.findings);
  if (worst === "error" || worst === "warning") return `sev-${worst}`;
  const c = field.provenance ? field.provenance.confidence : 1;
  return c >= 0.9 ? "conf-high" : c >= 0.6 ? "conf-mid" : "conf-low";
}

function formatValue(v) {
  if (v === null || v === undefined) return "(empty)";
  return typeof v === "string" ? v : JSON.stringify(v);
}

function correctedPaths() {
  return new Set(data.corrections.map((c) => c.path));
}

function placeBox(node, box, page) {
  const [x0, top, x1, bottom] = box;
  node.style.left = `${(100 * x0) / page.width}%`;
  node.style.top = `${(100 * top) / page.height}%`;
  node.style.width = `${(100 * (x1 - x0)) / page.width}%`;
  node.style.height = `${(100 * (bottom - top)) / page.height}%`;
}

function drawPages() {
  const holder = document.getElementById("pages");
  holder.replaceChildren();
  document.querySelector("main").classList.toggle("no-pages", !data.pages.length);
  if (!data.pages.length) {
    holder.append(el("p", {}, "No page images: this filing came as XML. Its fields are listed on the right."));
    return;
  }
  const corrected = correctedPaths();
  for (const page of data.pages) {
    const div = el("div", { class: "page", "data-page": page.number });
    div.append(el("img", { src: page.image, alt: `Page ${page.number}` }));
    for (const field of data.fields) {
      const p = field.provenance;
      if (!p || p.page !== page.number) continue;
      const cls = `field-box ${colourClass(field)}${corrected.has(field.path) ? " corrected" : ""}`;
      const box = el("button", { type: "button", class: cls, "data-path": field.path, title: field.path });
      placeBox(box, p.box, page);
      box.addEventListener("click", () => select(field.path));
      div.append(box);
    }
    for (const f of data.findings) {
      if (f.page === page.number && f.box && !f.path) {
        const box = el("div", { class: "finding-box", title: f.message });
        placeBox(box, f.box, page);
        div.append(box);
      }
    }
    holder.append(div);
  }
}

function drawLists() {
  const fields = document.getElementById("fields");
  fields.replaceChildren();
  for (const field of data.fields) {
    const li = el("li", { class: `field-item ${colourClass(field)}`, "data-path": field.path });
    li.append(el("span", { class: "path" }, field.path), el("br"), el("span", {}, formatValue(field.value)));
    li.addEventListener("click", () => select(field.path));
    fields.append(li);
  }
  const findings = document.getElementById("findings");
  findings.replaceChildren(
    ...data.findings.map((f) => {
      const li = el("li", { class: `sev-${f.severity}` }, `${f.severity}: ${f.message}`);
      const field = f.path && data.fields.find((x) => x.path === f.path || x.path.startsWith(`${f.path}.`));
      if (field) li.addEventListener("click", () => select(field.path));
      return li;
    }),
  );
  const corrections = document.getElementById("corrections");
  corrections.replaceChildren(
    ...data.corrections.map((c) =>
      el("li", {}, `${c.path}: ${formatValue(c.old)} → ${formatValue(c.new)} (${c.who}, ${c.at})`)),
  );
}

function drawHeader() {
  document.getElementById("title").textContent = data.name;
  document.getElementById("status").textContent = `${data.input_kind}, ${data.status}`;
  const approval = document.getElementById("approval");
  approval.textContent = data.approval ? `approved by ${data.approval.who} at ${data.approval.at}` : "not approved";
  approval.className = data.approval ? "badge approved" : "badge";
  document.getElementById("approve").disabled = Boolean(data.approval);
  document.getElementById("save").disabled = Boolean(data.approval);
}

function select(path) {
  const field = data.fields.find((f) => f.path === path);
  if (!field) return;
  selected = path;
  for (const node of document.querySelectorAll(".selected")) node.classList.remove("selected");
  for (const node of document.querySelectorAll(`[data-path="${CSS.escape(path)}"]`)) node.classList.add("selected");
  const box = document.querySelector(`.field-box[data-path="${CSS.escape(path)}"]`);
  if (box) box.scrollIntoView({ block: "nearest" });
  document.getElementById("detail").hidden = false;
  document.getElementById("detail-path").textContent = path;
  document.getElementById("detail-value").textContent = formatValue(field.value);
  document.getElementById("detail-raw").textContent = field.raw ?? "—";
  const p = field.provenance;
  document.getElementById("detail-where").textContent = p ? `page ${p.page}, ${p.confidence} (${p.source})` : "—";
  document.getElementById("detail-footnotes").replaceChildren(
    ...field.footnote_ids.map((id) => el("li", {}, `${id}: ${data.footnotes[id] ?? "(no text)"}`)),
  );
  document.getElementById("detail-findings").replaceChildren(
    ...field.findings.map((f) => el("li", { class: `sev-${f.severity}` }, `${f.severity}: ${f.message}`)),
  );
  const input = document.getElementById("value-input");
  input.value = field.value === null ? "" : typeof field.value === "string" ? field.value : JSON.stringify(field.value);
  input.focus();
}

// The typed value to send: booleans and numbers stay JSON, an empty box clears the field.
function parseInput(text, current) {
  if (text === "") return null;
  if (typeof current === "boolean" || typeof current === "number") {
    try { return JSON.parse(text); } catch { return text; }
  }
  return text;
}

async function saveCorrection(event) {
  event.preventDefault();
  if (!selected) return;
  const field = data.fields.find((f) => f.path === selected);
  const value = parseInput(document.getElementById("value-input").value, field.value);
  try {
    const c = await call(`${api}/corrections`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path: selected, value }),
    });
    await load();
    show(`Saved: ${c.path} = ${formatValue(c.new)}`, "ok");
  } catch (err) {
    show(`Not saved: ${err.message}`, "error");
  }
}

async function approve() {
  try {
    const a = await call(`${api}/approve`, { method: "POST" });
    await load();
    show(`Approved by ${a.approved_by}`, "ok");
  } catch (err) {
    show(`Not approved: ${err.message}`, "error");
  }
}

async function load() {
  data = await call(`${api}/review`);
  drawHeader();
  drawPages();
  drawLists();
  if (selected) select(selected);
  document.body.dataset.loaded = "true";
}

document.getElementById("correct").addEventListener("submit", saveCorrection);
document.getElementById("approve").addEventListener("click", approve);
load().catch((err) => show(`Could not load the filing: ${err.message}`, "error"));
