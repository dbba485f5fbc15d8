/* The editor's page (/review): sign in with a key, review items, edit their bullets, publish or reject,
 * and keep the pronunciation dictionary.
 *
 * The key lives in sessionStorage: it stays while the tab is open (a reload keeps you signed in) and is
 * forgotten when the tab closes; it is sent as `Authorization: Bearer` to the API and nowhere else.
 * Audio is fetched with the key and played from a blob: URL, since an <audio> element cannot send one.
 * Results are written to live regions (role=status), problems to alerts, and focus moves where the work is.
 */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const STORE = "khulasa.review.key";
  const MOST_BULLETS = 5;
  const RECENT_DAYS = 7;
  const RECENT_SHOWN = 20;
  const STATES = {
    queued: "في الطابور",
    running: "قيد الإعداد",
    review: "بانتظار المراجعة",
    done: "منشور",
    rejected: "مُعاد",
    failed: "تعذّر إعداده",
  };
  const T = {
    noKey: "اكتب مفتاح الواجهة البرمجية أولًا.",
    badKey: "المفتاح غير صحيح أو أُلغي؛ اطلب مفتاحًا جديدًا.",
    away: "تعذّر الوصول إلى الخدمة؛ حاول بعد قليل.",
    lists: (waiting, recent) => `بانتظار المراجعة: ${waiting}، وأحدث المواد: ${recent}.`,
    opened: (title) => `فُتحت المادة «${title}».`,
    bullet: (n) => `النقطة ${n}`,
    remove: (n) => `احذف النقطة ${n}`,
    added: (n) => `أُضيفت النقطة ${n}.`,
    removed: (n) => `حُذفت النقطة ${n}.`,
    empty: (n) => `النقطة ${n} فارغة: اكتبها أو احذفها.`,
    saving: "جارٍ حفظ الملخص…",
    saved: "حُفظ الملخص نسخةً جديدة، ويُعدّ صوته الآن.",
    clean: "لم يجد الفحص ما ينبّه إليه في هذا الملخص.",
    advice: "تنبيهات الفحص (للاستئناس: يمكنك النشر رغمها):",
    whole: "الملخص كله",
    audioReady: "الصوت الجديد جاهز.",
    noAudio: "لا صوت لهذا الملخص بعد.",
    guardClean: "اجتاز الملخص كل الفحوص.",
    noSummary: "لم يُعدّ ملخص لهذه المادة بعد.",
    published: (v) => `نُشر الملخص${v ? ` (النسخة ${v})` : ""}.`,
    waiting: "تنتظر هذه النسخة قرارك: انشرها، أو أعِدها مع ملاحظة.",
    notWaiting: (state) => `لا تنتظر هذه المادة المراجعة الآن (${state}): عدّل نقاطها واحفظها لتعود إليها.`,
    noNote: "اكتب سبب الإعادة في الملاحظة أولًا.",
    rejected: "أُعيد الملخص مع الملاحظة.",
    returned: (by, note) => `أُعيد${by ? ` من ${by}` : ""} بملاحظة: ${note}`,
    facts: (item) =>
      [
        `الحالة: ${STATES[item.state] || item.state}`,
        `النسخة ${item.version}`,
        item.summary_version ? `الملخص من النسخة ${item.summary_version}` : null,
        item.published_version ? `المنشور: النسخة ${item.published_version}` : item.publish ? "لم يُنشر بعد" : null,
      ]
        .filter(Boolean)
        .join(" · "),
    version: (v) =>
      [`النسخة ${v.version}`, v.engine ? `المحرّك: ${v.engine}` : null, v.author ? `الكاتب: ${v.author}` : null, v.created_at]
        .filter(Boolean)
        .join(" — "),
    lexicon: (n, v) => `مدخلات القاموس: ${n} (الإصدار ${v}).`,
    noLexicon: "القاموس غير متاح على هذه الخدمة.",
    entryAdded: (term) => `أُضيف «${term}» إلى القاموس.`,
    entryRemoved: (term) => `حُذف «${term}» من القاموس.`,
    needEntry: "اكتب المصطلح ونطقه كليهما.",
    needSay: "اكتب ما تريد سماعه في خانة «يُنطق» أو «المصطلح».",
    hearing: (text) => `يُقرأ الآن: «${text}».`,
    applied: (n) => (n ? `يُعاد إعداد صوت ${n} من المواد بالنطق الجديد.` : "لا مادة منشورة فيها مصطلح تغيّر نطقه."),
    hear: (term) => `اسمع نطق «${term}»`,
    drop: (term) => `احذف «${term}»`,
  };
  let key = sessionStorage.getItem(STORE) || "";
  let current = null; // the open item's JSON
  const blobs = { audio: null, word: null };
  let audioFrom = null; // the file URL the audio element now plays

  const el = (tag, props, kids) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") node.textContent = v;
      else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids || []) node.append(kid);
    return node;
  };
  const url = (path) => new URL(path.replace(/^\//, ""), document.baseURI);
  const itemPath = (id) => `v1/articles/${encodeURIComponent(id)}`;

  class SignedOut extends Error {}

  /** One API call with the key; a problem document's sentence becomes the error's message. */
  async function api(method, path, body, as = "json") {
    const init = { method, headers: { Authorization: "Bearer " + key }, cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let answer;
    try {
      answer = await fetch(url(path), init);
    } catch (e) {
      throw new Error(T.away);
    }
    if (answer.status === 401) throw new SignedOut(T.badKey);
    if (!answer.ok) {
      let detail = T.away;
      try {
        const problem = await answer.json();
        detail = problem.detail || problem.title || detail;
        if (Array.isArray(detail)) detail = detail.map((d) => d.msg || String(d)).join("؛ ");
      } catch (e) {
        // not a problem document: keep the general sentence
      }
      const error = new Error(detail);
      error.status = answer.status;
      throw error;
    }
    if (as === "blob") return answer.blob();
    if (as === "text") return answer.text();
    return answer.status === 204 ? null : answer.json();
  }

  /** Show an error where the user is working; a refused key sends them back to sign in. */
  function fail(where, error) {
    if (error instanceof SignedOut) {
      signOut(error.message);
      return;
    }
    where.textContent = error.message;
  }

  // ---------------------------------------------------------------- lists

  async function listed(params) {
    const found = [];
    let cursor = null;
    for (let page = 0; page < 10; page++) {
      const query = new URLSearchParams({ ...params, limit: "500" });
      if (cursor) query.set("cursor", cursor);
      const answer = await api("GET", "v1/articles?" + query);
      found.push(...answer.items);
      cursor = answer.next;
      if (!cursor) break;
    }
    return found;
  }

  function drawList(list, emptyNote, items, problem) {
    $(list).replaceChildren(
      ...items.map((i) => {
        const open = el("button", { type: "button", "data-id": i.external_id, "aria-current": current && current.external_id === i.external_id ? "true" : null }, [
          el("span", { dir: "auto", text: i.title || i.external_id }),
          el("span", { class: "state", text: STATES[i.state] || i.state }),
        ]);
        open.addEventListener("click", () => openItem(i.external_id));
        return el("li", {}, [open]);
      })
    );
    const note = $(emptyNote);
    note.dataset.empty = note.dataset.empty || note.textContent; // the page's own sentence, kept for when the problem has gone
    note.hidden = items.length > 0 && !problem;
    note.textContent = problem || note.dataset.empty;
  }

  /** Both lists; the recent one checks the key, so a refused key fails the sign-in. */
  async function loadLists() {
    const since = new Date(Date.now() - RECENT_DAYS * 86400_000).toISOString();
    const recent = (await listed({ updated_since: since })).reverse().slice(0, RECENT_SHOWN);
    let waiting = [];
    let problem = null;
    try {
      waiting = await listed({ state: "review" });
    } catch (error) {
      if (error instanceof SignedOut) throw error;
      problem = error.message;
    }
    drawList("waiting", "waiting-empty", waiting, problem);
    drawList("recent", "recent-empty", recent, null);
    $("desk-status").textContent = T.lists(waiting.length, recent.length);
  }

  // ---------------------------------------------------------------- one item

  async function openItem(id) {
    $("desk-status").textContent = "";
    try {
      const [item, text] = await Promise.all([api("GET", itemPath(id)), api("GET", itemPath(id) + "/text", undefined, "text")]);
      $("text").textContent = text;
      show(item, { bullets: true });
    } catch (error) {
      fail($("desk-status"), error);
      return;
    }
    for (const b of document.querySelectorAll(".items button")) b.setAttribute("aria-current", String(b.dataset.id === id));
    $("item").hidden = false;
    $("advice").replaceChildren();
    $("advice").className = "advice";
    $("decide-status").textContent = "";
    $("box-problem").textContent = "";
    $("note").value = "";
    $("item-heading").focus();
    $("desk-status").textContent = T.opened(current.title || current.external_id);
  }

  /** Draw the item; the bullets are redrawn only when asked, so an edit in progress is never lost. */
  function show(item, { bullets }) {
    current = item;
    $("item-heading").textContent = item.title || item.external_id;
    $("item-heading").setAttribute("dir", "auto");
    $("item-facts").textContent = T.facts(item);
    const review = item.review;
    $("item-note").hidden = !(review && review.note);
    if (review && review.note) $("item-note").textContent = T.returned(review.by, review.note);
    const waiting = item.state === "review";
    $("publish").disabled = !waiting;
    $("reject-button").disabled = !waiting;
    $("decide-hint").textContent = waiting ? T.waiting : T.notWaiting(STATES[item.state] || item.state);
    if (bullets) drawBullets(item.summary ? item.summary.bullets.map((b) => b.text) : [""]);
    drawGuard(item.summary);
    drawHistory(item.history || item.versions || []);
    loadAudio(item);
  }

  function drawBullets(texts) {
    $("bullets").replaceChildren(
      ...texts.map((text) => {
        const field = el("textarea", { rows: "3", dir: "rtl", lang: "ar" });
        field.value = text;
        const remove = el("button", { type: "button", class: "quiet small" });
        remove.addEventListener("click", () => removeBullet(remove.closest("li")));
        return el("li", {}, [el("label", {}), field, el("div", { class: "tools" }, [remove])]);
      })
    );
    numberBullets();
  }

  /** Labels, ids and the add/remove buttons follow the bullets' order and count (1 to 5). */
  function numberBullets() {
    const rows = [...$("bullets").children];
    rows.forEach((li, i) => {
      const n = i + 1;
      const [label, field, tools] = li.children;
      field.id = `bullet-${n}`;
      label.setAttribute("for", field.id);
      label.textContent = T.bullet(n);
      const remove = tools.firstChild;
      remove.textContent = T.remove(n);
      remove.disabled = rows.length <= 1;
    });
    $("add-bullet").disabled = rows.length >= MOST_BULLETS;
  }

  function bulletTexts() {
    return [...$("bullets").querySelectorAll("textarea")].map((t) => t.value.trim());
  }

  function removeBullet(li) {
    const rows = [...$("bullets").children];
    const at = rows.indexOf(li);
    if (rows.length <= 1 || at < 0) return;
    li.remove();
    numberBullets();
    const fields = $("bullets").querySelectorAll("textarea");
    fields[Math.min(at, fields.length - 1)].focus();
    $("box-status").textContent = T.removed(at + 1);
  }

  $("add-bullet").addEventListener("click", () => {
    if ($("bullets").children.length >= MOST_BULLETS) return;
    drawBullets([...bulletTexts(), ""]);
    const fields = $("bullets").querySelectorAll("textarea");
    fields[fields.length - 1].focus();
    $("box-status").textContent = T.added(fields.length);
  });

  function drawGuard(summary) {
    if (!summary) {
      $("guard").replaceChildren(el("li", { text: T.noSummary }));
      return;
    }
    const failed = (summary.guard || []).filter((g) => !g.passed);
    $("guard").replaceChildren(
      ...(failed.length
        ? failed.map((g) => el("li", { class: "failed", "data-check": g.check }, [el("span", { dir: "auto", text: g.detail || g.check })]))
        : [el("li", { text: T.guardClean })])
    );
  }

  function drawAdvice(advice) {
    const box = $("advice");
    const lead = el("p", { text: T.saved });
    if (!advice || advice.length === 0) {
      box.className = "advice clean";
      box.replaceChildren(lead, el("p", { text: T.clean }));
      return;
    }
    box.className = "advice";
    box.replaceChildren(
      lead,
      el("p", { text: T.advice }),
      el(
        "ul",
        {},
        advice.map((a) => {
          const which = Number.isInteger(a.bullet) ? T.bullet(a.bullet + 1) : T.whole;
          return el("li", { "data-check": a.check }, [el("strong", { text: which + ": " }), el("span", { dir: "auto", text: a.message })]);
        })
      )
    );
  }

  function drawHistory(history) {
    $("history").replaceChildren(...history.map((v) => el("li", { text: T.version(v) })));
  }

  async function loadAudio(item) {
    const file = item.audio && (item.audio.files || []).find((f) => f.format === "mp3");
    const player = $("audio");
    if (file && file.url === audioFrom) return;
    audioFrom = file ? file.url : null;
    if (blobs.audio) URL.revokeObjectURL(blobs.audio);
    blobs.audio = null;
    player.removeAttribute("src");
    if (!file) {
      $("audio-note").textContent = item.audio_unavailable || T.noAudio;
      player.hidden = true;
      return;
    }
    try {
      blobs.audio = URL.createObjectURL(await api("GET", file.url, undefined, "blob"));
      player.src = blobs.audio;
      player.hidden = false;
      $("audio-note").textContent = "";
    } catch (error) {
      fail($("audio-note"), error);
    }
  }

  /** After a save the audio is made again: wait for the job, then show the item as it now is. */
  async function settle(id) {
    for (let i = 0; i < 240; i++) {
      await new Promise((r) => setTimeout(r, 500));
      if (!current || current.external_id !== id) return;
      const item = await api("GET", itemPath(id));
      if (item.state !== "queued" && item.state !== "running") {
        show(item, { bullets: false });
        $("box-status").textContent = item.audio ? T.audioReady : "";
        await loadLists();
        return;
      }
    }
  }

  $("box").addEventListener("submit", async (e) => {
    e.preventDefault();
    const texts = bulletTexts();
    const blank = texts.findIndex((t) => !t);
    const problem = $("box-problem");
    if (blank >= 0) {
      problem.textContent = T.empty(blank + 1);
      $(`bullet-${blank + 1}`).focus();
      return;
    }
    problem.textContent = "";
    $("advice").replaceChildren();
    $("box-status").textContent = T.saving;
    try {
      const item = await api("PUT", itemPath(current.external_id) + "/summary", { bullets: texts });
      drawAdvice(item.advice);
      show(item, { bullets: false });
      $("box-status").textContent = "";
      settle(item.external_id).catch((error) => fail($("box-problem"), error));
    } catch (error) {
      $("box-status").textContent = "";
      fail(problem, error);
    }
  });

  /** A decision the service refused because the item moved on (409): say why, and show the item as it now is. */
  async function refused(status, error) {
    fail(status, error);
    if (error.status !== 409 || !current) return;
    try {
      const item = await api("GET", itemPath(current.external_id));
      await loadLists();
      show(item, { bullets: false });
    } catch (again) {
      fail(status, again);
    }
  }

  $("publish").addEventListener("click", async () => {
    const status = $("decide-status");
    status.textContent = "";
    try {
      const item = await api("POST", itemPath(current.external_id) + "/publish", {});
      show(item, { bullets: false });
      await loadLists(); // the lists first: when the result is said, the item has left the waiting list
      status.textContent = T.published(item.published_version || item.summary_version);
      $("decide-heading").focus(); // the button is gone from the tab order: keep the editor's place
    } catch (error) {
      await refused(status, error);
    }
  });

  $("reject").addEventListener("submit", async (e) => {
    e.preventDefault();
    const status = $("decide-status");
    const note = $("note").value.trim();
    if (!note) {
      status.textContent = T.noNote;
      $("note").focus();
      return;
    }
    try {
      const item = await api("POST", itemPath(current.external_id) + "/reject", { note });
      show(item, { bullets: false });
      $("note").value = "";
      await loadLists();
      status.textContent = T.rejected;
      $("decide-heading").focus();
    } catch (error) {
      await refused(status, error);
    }
  });

  // ---------------------------------------------------------------- the dictionary

  async function loadLexicon() {
    let book;
    try {
      book = await api("GET", "v1/lexicon");
    } catch (error) {
      if (error instanceof SignedOut) throw error;
      $("lexicon-status").textContent = error.status === 404 || error.status === 405 ? T.noLexicon : error.message;
      $("lexicon").tBodies[0].replaceChildren();
      return;
    }
    $("lexicon").tBodies[0].replaceChildren(
      ...book.entries.map((entry) => {
        const hear = el("button", { type: "button", class: "quiet small", "aria-label": T.hear(entry.term), text: "اسمع" });
        hear.addEventListener("click", () => sayAloud(entry.term));
        const drop = el("button", { type: "button", class: "quiet small", "aria-label": T.drop(entry.term), text: "احذف" });
        drop.addEventListener("click", () => removeEntry(entry, drop));
        return el("tr", { "data-id": entry.id }, [
          el("th", { scope: "row", dir: "auto", text: entry.term }),
          el("td", { lang: "ar", dir: "rtl", text: entry.say }),
          el("td", { dir: "auto", text: entry.note || "" }),
          el("td", {}, [el("div", { class: "row" }, [hear, drop])]),
        ]);
      })
    );
    $("lexicon-empty").hidden = book.entries.length > 0;
    $("lexicon-caption").textContent = T.lexicon(book.entries.length, book.version);
  }

  async function sayAloud(text) {
    const status = $("lexicon-status");
    try {
      const sound = await api("POST", "v1/lexicon/say", { text }, "blob");
      if (blobs.word) URL.revokeObjectURL(blobs.word);
      blobs.word = URL.createObjectURL(sound);
      $("word").src = blobs.word;
      status.textContent = T.hearing(text);
      await $("word").play();
    } catch (error) {
      if (error.name === "NotAllowedError") return; // the browser would not play without a gesture: the sound is still there
      fail(status, error);
    }
  }

  async function removeEntry(entry, button) {
    const status = $("lexicon-status");
    const row = button.closest("tr");
    const next = row.nextElementSibling || row.previousElementSibling;
    try {
      await api("DELETE", `v1/lexicon/${encodeURIComponent(entry.id)}`);
      await loadLexicon();
      $("entry-problem").textContent = "";
      status.textContent = T.entryRemoved(entry.term);
      const landing = next && $("lexicon").querySelector(`tr[data-id="${next.dataset.id}"] button`);
      (landing || $("term")).focus();
    } catch (error) {
      fail(status, error);
    }
  }

  $("entry").addEventListener("submit", async (e) => {
    e.preventDefault();
    const problem = $("entry-problem");
    const term = $("term").value.trim();
    const say = $("say").value.trim();
    const note = $("entry-note").value.trim();
    if (!term || !say) {
      problem.textContent = T.needEntry;
      $(term ? "say" : "term").focus();
      return;
    }
    problem.textContent = "";
    try {
      await api("POST", "v1/lexicon", note ? { term, say, note } : { term, say });
      for (const id of ["term", "say", "entry-note"]) $(id).value = "";
      await loadLexicon();
      $("lexicon-status").textContent = T.entryAdded(term);
      $("term").focus();
    } catch (error) {
      fail(problem, error);
    }
  });

  $("apply").addEventListener("click", async () => {
    try {
      const answer = await api("POST", "v1/lexicon/apply", {});
      $("lexicon-status").textContent = T.applied(answer.queued);
    } catch (error) {
      fail($("lexicon-status"), error);
    }
  });

  $("hear-new").addEventListener("click", () => {
    const text = $("say").value.trim() || $("term").value.trim();
    if (!text) {
      $("entry-problem").textContent = T.needSay;
      $("say").focus();
      return;
    }
    $("entry-problem").textContent = "";
    sayAloud(text);
  });

  // ---------------------------------------------------------------- signing in and out

  async function enter() {
    await loadLists();
    sessionStorage.setItem(STORE, key);
    $("key").value = "";
    $("signin").hidden = true;
    $("desk").hidden = false;
    loadLexicon().catch((error) => fail($("lexicon-status"), error));
  }

  function signOut(why) {
    key = "";
    current = null;
    sessionStorage.removeItem(STORE);
    for (const name of Object.keys(blobs)) if (blobs[name]) URL.revokeObjectURL(blobs[name]);
    audioFrom = null;
    $("audio").removeAttribute("src");
    $("desk").hidden = true;
    $("item").hidden = true;
    $("signin").hidden = false;
    $("signin-problem").textContent = why || "";
    $("key").focus();
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
      await enter();
    } catch (error) {
      key = "";
      sessionStorage.removeItem(STORE);
      problem.textContent = error.message;
      $("key").focus();
      return;
    }
    $("desk-heading").focus();
  });

  $("refresh").addEventListener("click", async () => {
    try {
      await loadLists();
      await loadLexicon();
    } catch (error) {
      fail($("desk-status"), error);
    }
  });

  $("signout").addEventListener("click", () => signOut(""));

  if (key) enter().catch((error) => signOut(error instanceof SignedOut ? error.message : ""));
})();
