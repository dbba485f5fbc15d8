/* The /stats page: sign in with an API key, then plays per day, the listening funnel and the top articles.
 *
 * The key is held in this page's memory only (never in storage), and sent as `Authorization: Bearer` to
 * GET /v1/stats. Figures are drawn from the JSON; the CSV button fetches the same figures as CSV.
 */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat("ar-u-nu-latn");
  const share = new Intl.NumberFormat("ar-u-nu-latn", { style: "percent", maximumFractionDigits: 0 });
  const SVG = "http://www.w3.org/2000/svg";
  const T = {
    noKey: "اكتب مفتاح الواجهة البرمجية أولًا.",
    badKey: "المفتاح غير صحيح أو أُلغي؛ اطلب مفتاحًا جديدًا.",
    away: "تعذّر الوصول إلى الخدمة؛ حاول بعد قليل.",
    loading: "جارٍ تحميل الأرقام…",
    shown: (a, b) => `الأرقام من ${a} إلى ${b} (بالتوقيت العالمي).`,
    chart: (a, b, total, best) =>
      `مرات التشغيل يوميًا من ${a} إلى ${b}: ${number.format(total)} في المجموع` +
      (best ? `، وأكثرها يوم ${best.day} بـ ${number.format(best.plays)}.` : "."),
    seconds: (s) => (s === null ? "—" : `${number.format(s)} ث`),
  };
  const TOTALS = [
    ["impressions", "ظهور الصندوق"],
    ["plays", "تشغيل"],
    ["play_rate", "نسبة التشغيل"],
    ["completions", "استماع حتى النهاية"],
    ["mean_listened_seconds", "متوسط الاستماع"],
    ["speed_changes", "تغيير السرعة"],
    ["downloads", "تنزيل"],
  ];
  const FUNNEL = [
    ["impressions", "ظهر الصندوق"],
    ["plays", "بدأ الاستماع"],
    ["q25", "ربع الملخص"],
    ["q50", "نصفه"],
    ["q75", "ثلاثة أرباعه"],
    ["q100", "حتى النهاية"],
  ];
  let key = "";

  const el = (tag, props, kids) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const kid of kids || []) node.append(kid);
    return node;
  };
  const shown = (name, value) => {
    if (value === null || value === undefined) return "—";
    if (name === "play_rate") return share.format(value);
    if (name === "mean_listened_seconds") return T.seconds(value);
    return number.format(value);
  };

  async function ask(params) {
    const url = new URL("v1/stats", location.href);
    for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
    const answer = await fetch(url, { headers: { Authorization: "Bearer " + key }, cache: "no-store" });
    if (answer.status === 401) throw new Error(T.badKey);
    if (!answer.ok) {
      let detail = T.away;
      try {
        detail = (await answer.json()).detail || detail;
      } catch (e) {
        // not a problem document: keep the general sentence
      }
      throw new Error(detail);
    }
    return params.format === "csv" ? answer.blob() : answer.json();
  }

  function range() {
    return { from: $("from").value, to: $("to").value };
  }

  async function load() {
    $("status").textContent = T.loading;
    const [days, top] = await Promise.all([ask({ ...range(), group: "day" }), ask({ ...range(), group: "article", limit: "20" })]);
    $("from").value = days.from;
    $("to").value = days.to;
    drawTotals(days.total);
    drawChart(days);
    drawFunnel(days.total);
    drawTop(top.rows);
    $("status").textContent = T.shown(days.from, days.to);
  }

  function drawTotals(total) {
    $("totals").replaceChildren(
      ...TOTALS.map(([name, label]) => el("div", {}, [el("dt", { text: label }), el("dd", { text: shown(name, total[name]) })]))
    );
  }

  function drawChart(days) {
    const rows = days.rows;
    const width = 720;
    const height = 220;
    const pad = 28;
    const most = Math.max(1, ...rows.map((r) => r.plays));
    const step = (width - 2 * pad) / Math.max(rows.length, 1);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("role", "img");
    const total = rows.reduce((n, r) => n + r.plays, 0);
    const best = rows.reduce((b, r) => (r.plays > (b ? b.plays : 0) ? r : b), null);
    svg.setAttribute("aria-label", T.chart(days.from, days.to, total, best));
    const base = document.createElementNS(SVG, "line");
    for (const [k, v] of Object.entries({ x1: pad, x2: width - pad, y1: height - pad, y2: height - pad })) base.setAttribute(k, v);
    svg.append(base);
    rows.forEach((row, i) => {
      const tall = ((height - 2 * pad) * row.plays) / most;
      const bar = document.createElementNS(SVG, "rect");
      const x = width - pad - (i + 1) * step + step * 0.15; // right to left: the first day on the right
      for (const [k, v] of Object.entries({ x, y: height - pad - tall, width: step * 0.7, height: tall })) bar.setAttribute(k, v);
      bar.setAttribute("data-day", row.day);
      bar.setAttribute("data-plays", row.plays);
      const tip = document.createElementNS(SVG, "title");
      tip.textContent = `${row.day}: ${number.format(row.plays)}`;
      bar.append(tip);
      svg.append(bar);
    });
    const top = document.createElementNS(SVG, "text");
    top.setAttribute("x", width - 4);
    top.setAttribute("y", pad - 8);
    top.textContent = number.format(most);
    svg.append(top);
    for (const [row, x] of [[rows[0], width - pad], [rows[rows.length - 1], pad]]) {
      if (!row) continue;
      const label = document.createElementNS(SVG, "text");
      label.setAttribute("x", x);
      label.setAttribute("y", height - 8);
      label.setAttribute("text-anchor", x === pad ? "start" : "end");
      label.textContent = row.day;
      svg.append(label);
    }
    $("chart").replaceChildren(svg);
    $("chart-caption").textContent = svg.getAttribute("aria-label");
    $("days").tBodies[0].replaceChildren(
      ...rows.map((r) =>
        el("tr", {}, [
          el("th", { scope: "row", dir: "ltr", text: r.day }),
          el("td", { class: "n", text: number.format(r.impressions) }),
          el("td", { class: "n", text: number.format(r.plays) }),
          el("td", { class: "n", text: number.format(r.completions) }),
        ])
      )
    );
  }

  function drawFunnel(total) {
    const first = Math.max(1, total.impressions, total.plays);
    $("funnel").replaceChildren(
      ...FUNNEL.map(([name, label]) => {
        const value = total[name];
        const of = name === "impressions" ? null : name === "plays" ? total.impressions : total.plays;
        const part = of ? ` (${share.format(value / of)})` : "";
        const fill = el("div", { class: "fill", style: `width:${Math.round((100 * value) / first)}%` });
        return el("li", { "data-step": name }, [
          el("span", { text: label }),
          el("div", { class: "track", "aria-hidden": "true" }, [fill]),
          el("span", { class: "v", text: number.format(value) + part }),
        ]);
      })
    );
  }

  function drawTop(rows) {
    $("top-empty").hidden = rows.length > 0;
    $("top").tBodies[0].replaceChildren(
      ...rows.map((r) =>
        el("tr", {}, [
          el("th", { scope: "row" }, [el("span", { text: r.title || r.article, dir: "auto" })]),
          el("td", { class: "n", text: number.format(r.impressions) }),
          el("td", { class: "n", text: number.format(r.plays) }),
          el("td", { class: "n", text: shown("play_rate", r.play_rate) }),
          el("td", { class: "n", text: number.format(r.completions) }),
          el("td", { class: "n", text: shown("mean_listened_seconds", r.mean_listened_seconds) }),
          el("td", { class: "n", text: number.format(r.downloads) }),
        ])
      )
    );
  }

  $("signin").addEventListener("submit", async (e) => {
    e.preventDefault();
    const problem = $("signin-problem");
    key = $("key").value.trim();
    if (!key) {
      problem.textContent = T.noKey;
      $("key").focus();
      return;
    }
    problem.textContent = "";
    try {
      await load();
    } catch (error) {
      key = "";
      problem.textContent = error.message;
      $("key").focus();
      return;
    }
    $("key").value = "";
    $("signin").hidden = true;
    $("figures").hidden = false;
    $("figures-heading").focus();
  });

  $("range").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await load();
    } catch (error) {
      $("status").textContent = error.message;
    }
  });

  $("csv").addEventListener("click", async () => {
    try {
      const blob = await ask({ ...range(), group: "article", format: "csv", limit: "10000" });
      const link = el("a", { href: URL.createObjectURL(blob), download: `khulasa-stats-${$("from").value}-${$("to").value}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (error) {
      $("status").textContent = error.message;
    }
  });

  $("signout").addEventListener("click", () => {
    key = "";
    $("figures").hidden = true;
    $("signin").hidden = false;
    $("key").focus();
  });
})();
