// The search page, on Pagefind's own JS API (pagefind/pagefind.js, written by `gongkai build`): no UI
// library, nothing from another server. The query and filters live in the address (?q=…&year=…),
// so a search can be bookmarked, shared and reloaded.

const FILTERS = [  // Pagefind filter key, URL parameter, label
  { key: "类型", param: "kind", label: "类型" },
  { key: "年度", param: "year", label: "年度" },
  { key: "部门", param: "dept", label: "部门" },
  { key: "地区", param: "region", label: "地区" },
];
const PAGE_SIZE = 10;
const INDICATOR_KIND = "指标";  // generator/search.py's INDICATOR_KIND
const YEAR = "年度";  // the filter of fiscal years
const DEPARTMENT = "部门";  // the filter of departments, a text box (see departmentsNamed)
// Han characters, as generator/search.py's HAN: the index holds each as a word of its own.
const HAN = "[\\u2e80-\\u2fdf\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303b\\u3400-\\u4dbf\\u4e00-\\u9fff"
  + "\\uf900-\\ufaff\\u{20000}-\\u{3ffff}]";
const HAN_CHAR = new RegExp(`(${HAN})`, "gu");
// Where a query splits into parts: at whatever is not a letter or a number. The index splits the pages'
// text there too (generator/search.py), so a part is found as the words it is, 1415.43 as 1415 and 43.
const QUERY_SEPARATOR = /[^\p{L}\p{N}]+/u;
// The spaces the index put beside each character it keeps as a word of its own: Han, and whatever is not
// a letter or a number. Titles and excerpts drop them, to read as written (≥100人, 1415.43).
const ALONE = `(?:${HAN}|[^\\p{L}\\p{N}\\s])`;
const SPACE_BY_ALONE = new RegExp(`(?<=${ALONE})\\s+|\\s+(?=${ALONE})`, "gu");

// Relative to this file, so the site works under any path; Pagefind takes its base URL from there too.
const INDEX = new URL("../pagefind/", import.meta.url);
const SEARCH_OPTIONS = { excerptLength: 30 };
// A big site's index is in several bundles (generator/search.py): the first in pagefind/, the others listed
// in bundles.json and merged into it, so that one search searches them all. Merged bundles run on the first
// one's code and WebAssembly: each adds only its own metadata and the index chunks a query needs.
const pagefindReady = Promise.all([
  import(new URL("pagefind.js", INDEX).href),
  fetch(new URL("bundles.json", INDEX)).then((response) => response.json()),
]).then(async ([pagefind, bundles]) => {
  await pagefind.options(SEARCH_OPTIONS);
  // The first bundle loaded (a search for nothing fetches nothing): Pagefind 1.5 merges a bundle only once the
  // first one's WebAssembly is there, and waits for it forever if the first one failed to load.
  if (bundles.length) await pagefind.preload("");
  // By path, as Pagefind makes the first bundle's: it takes a bundle's result URLs from its path.
  await Promise.all(bundles.map((folder) => pagefind.mergeIndex(new URL(folder, INDEX).pathname, SEARCH_OPTIONS)));
  return pagefind;
});
// The choices of the filter menus, each filter's in menu order: a value, or a region as [name, depth in the
// region tree]; for 部门, a text box, the number of its files of names. They come with the index, written by
// `gongkai build` (see generator/search.py).
const filterValues = fetch(new URL("filter-values.json", INDEX)).then((response) => response.json()).catch(() => ({}));

// ---- The 部门 box: department names holding what was typed ---------------------------------------

// generator/search.py's DEPARTMENT_NAMES: the names are in files by the pairs of characters they hold, and the
// file of a text's first two characters holds every name holding the text. Each file is fetched when first
// needed, never before the first query.
const NAMES = new URL("departments/", INDEX);
const PAIR_WEIGHT = 1000003;  // generator/search.py's _PAIR_WEIGHT
const SUGGESTIONS = 20;
const nameFiles = new Map();

// Every name holding `text`, in name order; null if the files cannot tell (one character, when there are
// several files: the file of a character holds the names that are that character, not all that hold it).
export async function departmentsNamed(text) {
  const files = (await filterValues)[DEPARTMENT]?.files || 0;
  if (!files || (files > 1 && Array.from(text).length < 2)) return null;
  const number = nameFile(text, files);
  if (!nameFiles.has(number)) {
    nameFiles.set(number, fetch(new URL(`${number}.json`, NAMES)).then((response) => response.json()).catch(() => []));
  }
  return (await nameFiles.get(number)).filter((name) => name.includes(text));
}

// The 部门 filter of a text: that department, if it is a name; else every department whose name holds it
// (none: null), so that 司法局 finds every 司法局's pages.
async function departmentFilter(text) {
  const names = await departmentsNamed(text);
  if (!names || names.includes(text)) return text;
  return names.length ? { any: names } : null;
}

// generator/search.py's name_file: the pair's code points (Array.from splits at code points, as Python does).
function nameFile(text, files) {
  return Array.from(text).slice(0, 2).reduce((key, character) => key * PAIR_WEIGHT + character.codePointAt(0), 0) % files;
}

// ---- Finding: query → ranked results -------------------------------------------------------------

// Each part of the query (split at spaces and punctuation) is searched as an exact phrase, Han
// characters one word each as in the index: a result holds every part, as written. Pagefind scores exact
// phrases all alike, so the order comes from the same words searched loosely (relevance), equal scores
// newest year first (a search sorted by year: sort keys ship with the index, nothing more to download).
// Pagefind scores a page by the words of its own bundle, and ranks it in a search sorted by year by its place
// in its bundle: a department's pages share a bundle (generator/search.py), so its filings of several years,
// much alike, score alike and go newest first; pages of different bundles are ordered by score.
// A result is a page; its `data()` also names the indicator rows on it that hold every part (`rows`).
export async function find(query, filters = {}) {
  const pagefind = await pagefindReady;
  const parts = (query || "").split(QUERY_SEPARATOR).filter(Boolean).map(spaced);
  if (!parts.length) return query ? [] : inYearOrder(pagefind, filters);
  const words = parts.join(" ");
  const [scored, byYear, ...exact] = await Promise.all([
    pagefind.search(words, { filters }),
    pagefind.search(words, { filters, sort: { year: "desc" } }),
    ...parts.map((part) => pagefind.search(`"${part}"`, { filters })),
  ]);
  const phrase = exact.map((found) => new Map(found.results.map((r) => [r.id, r])));
  const yearRank = new Map(byYear.results.map((r, n) => [r.id, n]));
  const rank = (r) => yearRank.get(r.id) ?? Infinity;
  return scored.results
    .filter((r) => phrase.every((found) => found.has(r.id)))
    .sort((a, b) => b.score - a.score || rank(a) - rank(b))
    // The excerpt of the exact search shows the phrase itself, not every place one of its characters is.
    .map((r) => ({ id: r.id, score: r.score, data: () => withRows(phrase[0].get(r.id), parts) }));
}

// A search by filters alone scores every result alike: its order is the years', newest first, a search for
// each year (a department's page is in each of its years: it goes where its newest is, its sort key). Not one
// search sorted by year: places in different bundles do not compare, and bundles of departments mix years.
async function inYearOrder(pagefind, filters) {
  const years = filters[YEAR] ? [filters[YEAR]] : (await filterValues)[YEAR] || [];
  const found = await Promise.all(years.length ? years.map((year) => pagefind.search(null, { filters: { ...filters, [YEAR]: year } }))
                                               : [pagefind.search(null, { filters })]);
  const seen = new Set();
  return found.flatMap((f) => f.results).filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ id: r.id, score: r.score, data: async () => ({ ...await r.data(), rows: [] }) }));
}

// ---- Indicators: the rows of a page that hold the query -----------------------------------------------

// Pagefind keeps the position of every element with an id in the page's text ("anchors"): an indicator
// row (templates/_indicator_table.html) runs from its own anchor to the next one. The project list's
// withheld rows have ids too (withheld-…, generator/sitemodel.py) but are no indicators.
const ROW_WORDS = 60;  // the most of a row an excerpt shows

async function withRows(found, parts) {
  const data = await found.data();
  const words = wordsOf(data);
  const anchors = [...data.anchors].sort((a, b) => a.location - b.location);
  const spans = anchors.map((a, n) => ({ anchor: a, start: a.location,
                                         end: Math.min(anchors[n + 1]?.location ?? words.length, a.location + ROW_WORDS) }))
    .filter((s) => s.anchor.element === "tr" && !s.anchor.id.startsWith("withheld-"));
  // Where each part is on the page. Pagefind's phrase search gives only its first place, often in a heading
  // or a note; the page's text (Pagefind's words, numbered as its anchors are) has them all.
  const partLocations = parts.map((part) => occurrences(words, part));
  const inside = (s, at) => at >= s.start && at < s.end;
  const rows = spans.filter((s) => partLocations.every((locations) => locations.some((at) => inside(s, at))))
    .map((s) => row(data.url, words, s, partLocations.flat().filter((at) => inside(s, at))));
  const first = Math.min(...partLocations.flat());
  return { ...data, rows, inRow: rows.length > 0 && first >= rows[0].start && first < rows[0].end };
}

// The page's words as Pagefind numbers them: its text split at white space (the index's language is one
// Pagefind does not segment, generator/search.py), each followed by the space that was after it. The text
// as written: `content`, not `raw_content` (that one is escaped for HTML, "&gt;=100").
function wordsOf(data) {
  return data.content.split(/[\r\n\s]+/g).map((w) => `${w} `);
}

// The numbers of the words of every place the part (spaced, as the query) is, as written.
function occurrences(words, part) {
  const wanted = part.toLowerCase().split(" ");
  const found = [];
  for (let n = 0; n + wanted.length <= words.length; n++) {
    if (wanted.every((w, k) => words[n + k].trim().toLowerCase() === w)) found.push(...wanted.map((_, k) => n + k));
  }
  return found;
}

function row(pageUrl, words, span, marked) {
  const at = new Set(marked);
  const html = [];
  for (let n = span.start; n < span.end; n++) html.push(at.has(n) ? `<mark>${escaped(words[n])}</mark>` : escaped(words[n]));
  // The title: the cell holding the first match (cells end with a "·" in the index's text).
  let from = Math.min(...marked), to = from;
  while (from > span.start && words[from - 1].trim() !== "·") from--;
  while (to < span.end && words[to].trim() !== "·") to++;
  const title = words.slice(from, to).join("").replace(SPACE_BY_ALONE, "").trim();
  return { url: `${pageUrl}#${span.anchor.id}`, title, excerpt: html.join(""), start: span.start, end: span.end };
}

function escaped(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function spaced(text) {
  return text.replace(HAN_CHAR, " $1 ").trim().replace(/\s+/g, " ");
}

// ---- The page --------------------------------------------------------------------------------------

const root = document.getElementById("search");
if (root) start(root);

function start(root) {
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const filterBox = document.getElementById("filters");
  const status = document.getElementById("search-status");
  const list = document.getElementById("results");
  let latest = 0;  // the number of the newest search: an older one that finishes later is not shown
  let moreButton = null;
  let shown = 0;  // how many of the current search's results (pages) were shown or left out

  Promise.all([pagefindReady, filterValues]).then(([, values]) => {
    renderFilters(filterBox, values);
    readAddress();
    form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
    filterBox.addEventListener("change", update);
    window.addEventListener("popstate", readAddress);
  }, () => say("搜索索引暂时无法使用。可以从部门列表浏览。"));

  function readAddress() {  // address → form → search
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const f of FILTERS) selectFor(f).value = params.get(f.param) || "";
    run();
  }

  function update() {  // form → address → search
    const params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    for (const [f, value] of chosenFilters()) params.set(f.param, value);
    const address = location.pathname + (params.toString() ? `?${params}` : "");
    if (address === location.pathname + location.search) return;  // a chosen name, then the box left: said once
    history.pushState(null, "", address);
    run();
  }

  async function run() {
    const number = ++latest;
    const query = input.value.trim();
    const filters = {};
    for (const [f, value] of chosenFilters()) filters[f.key] = value;
    list.replaceChildren();
    showMoreButton(null);
    if (!query && !Object.keys(filters).length) return say("请输入要搜索的部门、项目或指标名称。");
    say("正在搜索…");
    let results;
    try {
      const department = filters[DEPARTMENT] && await departmentFilter(filters[DEPARTMENT]);
      if (number !== latest) return;
      if (department === null) return say(`没有名称含“${filters[DEPARTMENT]}”的部门。`);
      if (department) filters[DEPARTMENT] = department;
      results = await find(query || null, filters);
    } catch (error) {
      return say("搜索出错，请稍后再试。");
    }
    if (number !== latest) return;
    if (!results.length) return say(nothingFound(query, filters));
    shown = 0;
    await showPage(results, number, filters["类型"]);
  }

  // Pages, PAGE_SIZE at a time. Under the 指标 filter a page shows as its first matching row; a page
  // with none (the query is elsewhere on it) is left out.
  async function showPage(results, number, kind) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (number !== latest) return;
    const before = list.children.length;
    data.forEach((d, n) => {
      if (kind === INDICATOR_KIND && !d.rows.length) return;
      list.append(resultItem(d, batch[n], kind === INDICATOR_KIND || (!kind && d.inRow)));
    });
    shown += batch.length;
    const count = shown;
    say(`找到 ${results.length} 条结果` + (count < results.length ? `，显示前 ${count} 条。` : "。"));
    showMoreButton(count < results.length ? async () => {
      await showPage(results, number, kind);
      list.children[before + batch.length]?.querySelector("a")?.focus();  // keyboard users go on where the new ones begin
    } : null, results.length - count);
  }

  function showMoreButton(onClick, remaining) {
    moreButton?.remove();
    moreButton = null;
    if (!onClick) return;
    moreButton = element("button", { type: "button", class: "more-results" },
                         `显示更多结果（还有 ${remaining} 条）`);
    moreButton.addEventListener("click", onClick);
    list.after(moreButton);
  }

  function say(text) { status.textContent = text; }
}

function nothingFound(query, filters) {
  const filtered = Object.keys(filters).length > 0;
  if (!query) return "没有符合筛选条件的结果。";
  const hint = filtered ? "可以减少筛选条件再试。" : "可以换一个词，或从部门列表浏览。";
  return `没有找到与“${query}”相关的结果。${hint}`;
}

function renderFilters(box, values) {
  for (const f of FILTERS) {
    const id = `filter-${f.param}`;
    const choices = values[f.key] || [];
    const control = f.key === DEPARTMENT ? nameBox(id, f.param) : menu(id, f.param, choices);
    box.append(element("div", { class: "filter" }, element("label", { for: id }, f.label), ...control));
  }
}

function menu(id, param, choices) {
  const select = element("select", { id, name: param }, element("option", { value: "" }, "全部"));
  for (const choice of choices) {
    const [value, depth] = Array.isArray(choice) ? choice : [choice, 0];
    select.append(element("option", { value }, "\u3000".repeat(depth) + value));  // 地区 indented as a tree
  }
  return [select];
}

// A text box (empty: 全部) suggesting the names that hold what was typed. It filters when its text is changed
// (Enter, or leaving it) or a suggestion is chosen: by that department, or by every one whose name holds the
// text (departmentFilter).
function nameBox(id, param) {
  const list = element("datalist", { id: `${id}-names` });
  const input = element("input", { id, name: param, type: "search", list: list.id, autocomplete: "off",
                                   placeholder: "全部（输入名称）" });
  input.addEventListener("input", async (event) => {
    const text = input.value.trim();
    const names = (text && await departmentsNamed(text)) || [];
    if (input.value.trim() !== text) return;  // typed on meanwhile
    list.replaceChildren(...names.slice(0, SUGGESTIONS).map((name) => element("option", { value: name })));
    // A suggestion chosen, or the box emptied: no "change" until the box is left, so say it now.
    if (!event.inputType || event.inputType === "insertReplacementText" || !text) {
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
  return [input, list];
}

function selectFor(f) { return document.getElementById(`filter-${f.param}`); }

// The filters given a value, with it (a typed department trimmed).
function chosenFilters() {
  return FILTERS.map((f) => [f, selectFor(f).value.trim()]).filter(([, value]) => value);
}

// A page, or, when `asIndicator`, its first matching indicator row, linked to that row; either way the
// page's other matching rows follow as links of their own.
function resultItem(data, result, asIndicator) {
  const meta = data.meta;
  const [main, ...others] = asIndicator ? data.rows : [null, ...data.rows];
  const year = meta.year ? `${meta.year}年${meta.document || ""}` : "";
  const facts = [meta.department, year, main && meta.title].filter(Boolean);
  const kind = main ? INDICATOR_KIND : meta.kind;
  const item = element("li", { class: "result", "data-kind": kind || "", "data-year": meta.year || "",
                               "data-score": String(result.score) });
  item.append(
    element("p", { class: "result-meta" },
            element("span", { class: "result-kind" }, kind || "页面"), ` · ${facts.join(" · ")}`),
    element("h2", { class: "result-title" },
            main ? element("a", { href: main.url }, main.title) : element("a", { href: data.url }, meta.title || data.url)),
    excerpt(main ? main.excerpt : data.excerpt),
  );
  if (others.length) {
    item.append(element("ul", { class: "result-rows" }, ...others.map((r) => element("li", {},
      element("span", { class: "result-kind" }, INDICATOR_KIND), " ", element("a", { href: r.url }, r.title),
      excerpt(r.excerpt)))));
  }
  return item;
}

// Pagefind's excerpt is HTML with <mark> around the matches, taken from the index's spaced text. Keep the
// text and the marks, nothing else; drop the spaces the index put beside characters; join marks that touch.
function excerpt(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
  const units = [];  // UTF-16 code units, as String.replace counts them, each with whether it is marked
  for (const node of parsed.childNodes) {
    const text = node.textContent;
    for (let n = 0; n < text.length; n++) units.push({ unit: text[n], marked: node.nodeName === "MARK" });
  }
  const dropped = new Set();
  units.map((u) => u.unit).join("").replace(SPACE_BY_ALONE, (spaces, at) => {
    for (let n = at; n < at + spaces.length; n++) dropped.add(n);
    return spaces;
  });
  const p = element("p", { class: "result-excerpt" });
  let run = "", marked = false;
  const flush = () => { if (run) p.append(marked ? element("mark", {}, run) : run); run = ""; };
  units.forEach((u, n) => {
    if (dropped.has(n)) return;
    if (u.marked !== marked) { flush(); marked = u.marked; }
    run += u.unit;
  });
  flush();
  return p;
}

function element(name, attributes, ...children) {
  const el = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
  el.append(...children);
  return el;
}
