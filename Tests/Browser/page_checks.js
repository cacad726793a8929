// Accessibility and layout checks run inside the page (Selenium's execute_script).
// Returns a list of problems, each a short string naming the element; an empty list is a pass.
// Contrast follows WCAG 2.1: 4.5:1 for text, 3:1 for large text (24 px, or 18.66 px bold).
const problems = [];

function parse(color) {
  const m = color.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
  if (!m) return null;
  return { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] };
}

function over(top, bottom) {
  const a = top.a;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

function luminance(c) {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}

function contrast(a, b) {
  const la = luminance(a), lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// The colour painted behind an element: its own and its ancestors' backgrounds, blended.
function background(element) {
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0) { layers.push(c); if (c.a === 1) break; }
  }
  let result = { r: 255, g: 255, b: 255, a: 1 };
  for (let i = layers.length - 1; i >= 0; i--) result = over(layers[i], result);
  return result;
}

function opacity(element) {
  let o = 1;
  for (let e = element; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
  return o;
}

function describe(e) {
  let s = e.tagName.toLowerCase();
  if (e.id) s += "#" + e.id;
  if (e.className && typeof e.className === "string") s += "." + e.className.trim().split(/\s+/).join(".");
  const text = (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return text ? `${s} "${text}"` : s;
}

function onScreen(rect) {
  return rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.bottom > 0 && rect.left < document.documentElement.scrollWidth;
}

// Page structure.
if (!document.documentElement.lang) problems.push("html has no lang");
if (!/ · Tend$/.test(document.title)) problems.push(`title "${document.title}" does not end with " · Tend"`);
const h1s = document.querySelectorAll("h1");
if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements`);
if (!document.querySelector("main#main")) problems.push("no main#main for the skip link");
const ids = {};
for (const e of document.querySelectorAll("[id]")) {
  if (ids[e.id]) problems.push(`duplicate id ${e.id}`);
  ids[e.id] = true;
}
for (const e of document.querySelectorAll("[aria-describedby], [aria-labelledby]")) {
  for (const attr of ["aria-describedby", "aria-labelledby"]) {
    for (const id of (e.getAttribute(attr) || "").split(/\s+/).filter(Boolean)) {
      if (!document.getElementById(id)) problems.push(`${describe(e)} ${attr} points at missing #${id}`);
    }
  }
}
for (const e of document.querySelectorAll("[aria-invalid=true]")) {
  if (!e.getAttribute("aria-describedby")) problems.push(`${describe(e)} is invalid but no message is linked`);
}

// Every form control a person can reach has a name.
for (const e of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
  const named = (e.labels && e.labels.length > 0 && [...e.labels].some((l) => l.textContent.trim()))
    || e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") || (e.tagName === "BUTTON" && e.textContent.trim());
  if (!named) problems.push(`${describe(e)} has no label`);
}
for (const e of document.querySelectorAll("a[href]")) {
  if (!e.textContent.trim() && !e.getAttribute("aria-label")) problems.push(`${describe(e)} link has no text`);
}
for (const table of document.querySelectorAll("table")) {
  if (!table.querySelector("th")) problems.push(`${describe(table)} has no header cells`);
}

// Text contrast, for every element with its own visible text.
for (const e of document.body.querySelectorAll("*")) {
  const own = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  const isControl = ["INPUT", "SELECT", "TEXTAREA"].includes(e.tagName) && e.type !== "hidden" && e.type !== "checkbox";
  if (!own && !isControl) continue;
  const style = getComputedStyle(e);
  if (style.visibility === "hidden" || style.display === "none") continue;
  const rect = e.getBoundingClientRect();
  if (!onScreen(rect)) continue;
  const bg = background(e);
  const fg = parse(style.color);
  if (!fg) continue;
  const painted = over({ ...fg, a: fg.a * opacity(e) }, bg);
  const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  const ratio = contrast(painted, bg);
  if (ratio < needed) problems.push(`${describe(e)} contrast ${ratio.toFixed(2)} < ${needed}`);
}

// Nothing is wider than the window, and no text runs out of the box drawn around it.
if (document.documentElement.scrollWidth > window.innerWidth) {
  problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
}
const main = document.querySelector("main");
if (main) {
  const inner = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
  for (const e of main.querySelectorAll("table, form, fieldset, .card, .chart-header, .alert, .warning")) {
    const right = e.getBoundingClientRect().right;
    if (right > inner + 1) problems.push(`${describe(e).slice(0, 40)} is ${Math.round(right - inner)} px wider than the page column`);
  }
}
const boxes = document.querySelectorAll(".card, .chart-header, fieldset, .login-card, .alert, .warning, form.search, td, th");
for (const box of boxes) {
  const outer = box.getBoundingClientRect();
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && (r.right > outer.right + 1 || r.left < outer.left - 1)) {
        problems.push(`text "${n.textContent.trim().slice(0, 30)}" runs out of ${describe(box).slice(0, 40)}`);
        break;
      }
    }
  }
}
// Numbers are never broken over two lines.
for (const cell of document.querySelectorAll("td, th, dd, .result-count")) {
  for (const n of cell.childNodes) {
    if (n.nodeType !== Node.TEXT_NODE || !/^\d[\d,.]*$/.test(n.textContent.trim())) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    if (lines.size > 1) problems.push(`number "${n.textContent.trim()}" is broken over ${lines.size} lines`);
  }
}
return problems;
