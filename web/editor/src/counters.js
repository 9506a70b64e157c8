// Live counters: characters of the headline and standfirst against their recommended
// limits, and the body's words and reading time. Formats come from the page.
const wordsPerMinute = 230;

function fill(format, values) {
  return format.replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : ""));
}

// countWords counts the words of Markdown as a reader sees them, roughly as the server's
// editorial.WordCount does.
export function countWords(md) {
  const text = md.replace(/<[^>]*>/g, " ").replace(/!\[[^\]]*\]\([^)]*\)/g, " ").replace(/\]\([^)]*\)/g, " ")
    .replace(/[#>*_`~|\[\]-]+/g, " ");
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu);
  return m ? m.length : 0;
}

export function startCounters(form, ui) {
  const charFormat = ui.getAttribute("data-chars") || "{n} / {max}";
  const over = ui.getAttribute("data-chars-over") || charFormat;
  form.querySelectorAll("[data-counter-for]").forEach(out => {
    const field = document.getElementById(out.getAttribute("data-counter-for"));
    const max = parseInt(out.getAttribute("data-limit"), 10);
    if (!field) { return; }
    const update = () => {
      const n = Array.from(field.value).length;
      out.textContent = fill(n > max ? over : charFormat, { n: n, max: max });
      out.classList.toggle("over", n > max);
    };
    field.addEventListener("input", update);
    update();
  });
  const body = document.getElementById("body");
  const words = document.getElementById("word-stats");
  if (body && words) {
    const format = ui.getAttribute("data-words") || "{n}";
    let timer = null;
    const update = () => {
      timer = null;
      const n = countWords(body.value);
      words.textContent = fill(format, { n: n, min: Math.max(1, Math.ceil(n / wordsPerMinute)) });
    };
    body.addEventListener("input", () => { if (!timer) { timer = setTimeout(update, 200); } });
    update();
  }
}
