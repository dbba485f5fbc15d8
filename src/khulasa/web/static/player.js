/* Khulasa player: <khulasa-player article="EXTERNAL_ID"> shows the «الملخص» box and reads it aloud.
 *
 * When the service also read the whole article aloud (KHULASA_NARRATE=article|both), a second control
 * «استمع إلى المقال» switches to it: the list becomes the article's paragraphs, each highlighted as it is
 * read. mode="article" on the element starts there.
 *
 * One script tag from the Khulasa service defines it; no framework, no requests beyond that service.
 * The service's address comes from this script's own src, or from a `base` attribute on the element.
 * Everything lives in a shadow root, so the host page's CSS cannot break the box and the box cannot
 * touch the page. Theme it with the --khulasa-* custom properties listed in the README.
 *
 * Listening figures: the player tells its service what the reader did (box seen, play, 25/50/75/100 %,
 * speed, download, error, seconds heard) with navigator.sendBeacon, naming only the article, never the
 * reader: no cookie, no stored id. Nothing is sent when the browser asks not to be tracked (Do Not Track,
 * Global Privacy Control) or the element has data-analytics="off".
 *
 * Seek bar in right-to-left: progress fills from the right, the way Arabic is read, and the arrow
 * keys move the way the bar fills (Left = later, Right = earlier; Up/Down and Page keys as usual).
 */
(() => {
  "use strict";
  if (window.customElements.get("khulasa-player")) return; // the page included the script twice

  const here = document.currentScript && document.currentScript.src;
  const DEFAULT_BASE = here ? new URL(".", here).href : new URL("/", location.href).href;
  const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
  const STEP = 5; // seconds per arrow key
  const T = {
    heading: "الملخص",
    article: "المقال",
    play: "استمع إلى الملخص",
    playArticle: "استمع إلى المقال",
    pause: "أوقف القراءة مؤقتًا",
    resume: "تابع الاستماع",
    seek: "موضع القراءة",
    of: "من",
    speed: "السرعة",
    download: "نزّل الصوت",
    fromHere: "استمع من هذه النقطة",
    loading: "جارٍ تحميل الملخص…",
    generating: "يُعَدّ الملخص وصوته الآن؛ سيظهر هنا حين يجهز.",
    failed: "تعذّر إعداد الملخص.",
    reason: "السبب:",
    noAudio: "لا يتوفّر صوت لهذا الملخص.",
    notFound: "لا يوجد ملخص لهذه المقالة.",
    noId: "لم يُحدَّد معرّف المقالة: أضف السمة article إلى العنصر.",
    unreachable: "تعذّر الوصول إلى خدمة الملخص؛ سنحاول مجددًا بعد قليل.",
    private: "هذا الملخص غير متاح للقراءة العامة.",
    error: "تعذّر عرض الملخص.",
    audioError: "تعذّر تشغيل الصوت.",
  };

  const CSS = `
:host{all:initial;display:block;contain:content;
--_bg:var(--khulasa-bg,#fff);--_fg:var(--khulasa-fg,#1a1d21);--_muted:var(--khulasa-muted,#4a5360);
--_accent:var(--khulasa-accent,#0a58a8);--_on-accent:var(--khulasa-on-accent,#fff);
--_mark:var(--khulasa-highlight,#fff0b3);--_on-mark:var(--khulasa-on-highlight,#1a1d21);
--_word:var(--khulasa-word,#f5c400);--_track:var(--khulasa-track,#767f8c);--_border:var(--khulasa-border,#d5d9de);
--_focus:var(--khulasa-focus,#0a58a8);--_radius:var(--khulasa-radius,12px);
--_font:var(--khulasa-font,system-ui,"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,sans-serif)}
@media (prefers-color-scheme:dark){:host{
--_bg:var(--khulasa-bg,#16191d);--_fg:var(--khulasa-fg,#eef1f4);--_muted:var(--khulasa-muted,#b9c1cb);
--_accent:var(--khulasa-accent,#8cc2ff);--_on-accent:var(--khulasa-on-accent,#0d1826);
--_mark:var(--khulasa-highlight,#43390f);--_on-mark:var(--khulasa-on-highlight,#fff6d1);
--_word:var(--khulasa-word,#e0b400);--_track:var(--khulasa-track,#8d96a3);--_border:var(--khulasa-border,#3a4049);
--_focus:var(--khulasa-focus,#8cc2ff)}}
:host([hidden]){display:none}
*{box-sizing:border-box}
.box{display:block;margin:0;padding:16px 18px;background:var(--_bg);color:var(--_fg);border:1px solid var(--_border);
border-radius:var(--_radius);font:400 17px/1.75 var(--_font);letter-spacing:normal;word-spacing:normal;text-align:start;
text-transform:none;text-indent:0;white-space:normal;visibility:visible;opacity:1}
.art{max-height:24em;overflow:auto;position:relative}
.mode{min-height:44px;padding:6px 14px;border:2px solid var(--_accent);border-radius:999px;background:var(--_bg);
color:var(--_accent);font-weight:700;cursor:pointer}
h2{margin:0 0 6px;font:700 1.15em/1.4 var(--_font);color:var(--_fg)}
ul{margin:0;padding:0;list-style:none}
li{margin:0 0 6px;padding:0}
.b{display:block;width:100%;min-height:44px;margin:0;padding:6px 10px;border:0;border-radius:8px;background:transparent;
color:inherit;font:inherit;text-align:start;position:relative;padding-inline-start:22px}
button.b{cursor:pointer}
.b::before{content:"";position:absolute;inset-inline-start:8px;top:1.05em;width:6px;height:6px;border-radius:50%;background:var(--_accent)}
button.b:hover{background:color-mix(in srgb,var(--_mark) 45%,transparent)}
.b[aria-current=true]{background:var(--_mark);color:var(--_on-mark)}
.w.on{box-shadow:inset 0 -3px 0 var(--_word)}
.b,.w{transition:background-color .2s,box-shadow .15s}
.status{margin:6px 0;color:var(--_muted);font-size:.95em}
.status:empty{display:none}
.why{unicode-bidi:isolate}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;margin-top:10px}
.bar[hidden],.status[hidden]{display:none}
button,select,a{font:inherit}
.play{display:inline-flex;align-items:center;gap:8px;min-height:44px;min-width:44px;padding:6px 16px;border:0;border-radius:999px;
background:var(--_accent);color:var(--_on-accent);font-weight:700;cursor:pointer}
.play svg{width:18px;height:18px;fill:currentColor;flex:none}
.seek{flex:1 1 160px;min-width:120px;height:44px;display:flex;align-items:center;cursor:pointer;touch-action:none;border-radius:8px}
.track{position:relative;width:100%;height:6px;border-radius:3px;background:color-mix(in srgb,var(--_track) 40%,transparent);
outline:1px solid var(--_track);outline-offset:0}
.fill{position:absolute;top:0;bottom:0;inset-inline-start:0;width:0;border-radius:3px;background:var(--_accent)}
.thumb{position:absolute;top:50%;inset-inline-start:0;width:18px;height:18px;margin-top:-9px;margin-inline-start:-9px;border-radius:50%;
background:var(--_accent);border:2px solid var(--_bg)}
.time{font-variant-numeric:tabular-nums;color:var(--_muted);white-space:nowrap;direction:ltr;unicode-bidi:isolate}
label{display:inline-flex;align-items:center;gap:6px;color:var(--_muted)}
select{min-height:44px;padding:4px 8px;border:1px solid var(--_track);border-radius:8px;background:var(--_bg);color:var(--_fg)}
a{display:inline-flex;align-items:center;min-height:44px;padding:0 4px;color:var(--_accent);text-decoration:underline;text-underline-offset:3px}
:focus{outline:none}
:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.seek:focus-visible{outline-offset:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (prefers-reduced-motion:reduce){.b,.w{transition:none}}
@media (forced-colors:active){.fill,.thumb{background:Highlight}.b[aria-current=true]{outline:2px solid Highlight}}`;

  const ICON = {
    play: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M17 5v14L5 12z"/></svg>', // points left: forward in RTL
    pause: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 5h4v14H6zM14 5h4v14h-4z"/></svg>',
  };

  const clock = (s) => {
    s = Math.max(0, Math.floor(s || 0));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  };
  const spoken = (s) => {
    s = Math.max(0, Math.floor(s || 0));
    const m = Math.floor(s / 60);
    return (m ? m + " دقيقة و" : "") + (s % 60) + " ثانية";
  };
  const el = (tag, props, kids) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") node.textContent = v;
      else if (k === "cls") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const kid of kids || []) node.append(kid);
    return node;
  };
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
  const optedOut = () =>
    navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true;
  const tenths = (s) => Math.round((s || 0) * 10) / 10;

  class KhulasaPlayer extends HTMLElement {
    static get observedAttributes() {
      return ["article", "base", "mode"];
    }

    constructor() {
      super();
      this._run = 0; // bumped to cancel a load in progress
      this._root = this.attachShadow({ mode: "open" });
      this._root.innerHTML = `<style>${CSS}</style>`;
      const id = "h" + Math.random().toString(36).slice(2, 8);
      this._status = el("p", { cls: "status", role: "status", "aria-live": "polite" });
      this._list = el("ul");
      this._play = el("button", { type: "button", cls: "play" });
      this._switch = el("button", { type: "button", cls: "mode", hidden: "" });
      this._fill = el("div", { cls: "fill" });
      this._thumb = el("div", { cls: "thumb" });
      this._seek = el("div", { cls: "seek", role: "slider", tabindex: "0", "aria-label": T.seek, "aria-valuemin": "0" }, [
        el("div", { cls: "track" }, [this._fill, this._thumb]),
      ]);
      this._time = el("span", { cls: "time", "aria-hidden": "true" });
      this._speed = el("select", {}, SPEEDS.map((v) => el("option", { value: String(v), text: v + "×" })));
      this._speed.value = "1";
      this._link = el("a", { download: "", text: T.download });
      this._hint = el("span", { cls: "sr", id: id + "d", text: T.fromHere });
      this._bar = el("div", { cls: "bar", hidden: "" }, [
        this._play,
        this._switch,
        this._seek,
        this._time,
        el("label", {}, [T.speed, this._speed]),
        this._link,
      ]);
      this._audio = el("audio", { preload: "metadata" });
      this._box = el("section", { cls: "box", part: "box", lang: "ar", "aria-labelledby": id }, [
        (this._title = el("h2", { id, text: T.heading })),
        this._status,
        this._list,
        this._bar,
        this._hint,
        this._audio,
      ]);
      this._root.append(this._box);
      this._wire();
      document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && this._paused());
    }

    connectedCallback() {
      this._connected = true;
      this._box.dir = this.getAttribute("dir") || "rtl";
      this._load();
    }

    disconnectedCallback() {
      this._connected = false;
      this._run++;
      this._audio.pause();
      if (this._seen) this._seen.disconnect();
    }

    attributeChangedCallback(name, old, now) {
      if (old !== now && this._connected) this._load();
    }

    /** The current state: loading, generating, ready, no-audio, failed, not-found, unreachable, private or error. */
    get state() {
      return this.getAttribute("state") || "loading";
    }

    _base() {
      try {
        return new URL(this.getAttribute("base") || DEFAULT_BASE, location.href).href;
      } catch (e) {
        return DEFAULT_BASE;
      }
    }

    _show(state, message, reason) {
      this.setAttribute("state", state);
      this._status.textContent = message || "";
      if (reason) {
        this._status.append(" " + T.reason + " ", el("span", { cls: "why", lang: "en", dir: "auto", text: reason }));
      }
    }

    async _get(path) {
      const answer = await fetch(new URL(path, this._base()), { credentials: "omit", cache: "no-cache" });
      let body = null;
      try {
        body = await answer.json();
      } catch (e) {
        body = null;
      }
      return { status: answer.status, body };
    }

    async _load() {
      const run = ++this._run;
      const article = (this.getAttribute("article") || "").trim();
      this._audio.pause();
      this._heard = null;
      if (this._seen) this._seen.disconnect();
      this._bar.hidden = true;
      this._switch.hidden = true;
      this._mode = "summary";
      this._title.textContent = T.heading;
      this._list.replaceChildren();
      if (!article) return this._show("error", T.noId);
      const id = encodeURIComponent(article);
      this._show("loading", T.loading);
      let pending = false; // once the item is known to be unfinished, poll its light state answer instead
      for (let attempt = 0; ; attempt++) {
        let next;
        try {
          next = await this._ask(id, pending, run);
        } catch (e) {
          if (run !== this._run) return; // another article was asked for meanwhile
          next = "retry";
        }
        if (next === "" || next === "stop") return; // shown: ready, no audio, failed or a problem
        if (next === "retry") this._show("unreachable", T.unreachable);
        if (next === "wait") this._show("generating", T.generating);
        pending = next === "wait";
        await sleep(next === "again" ? 200 : Math.min(1000 * 1.5 ** attempt, next === "retry" ? 30000 : 15000));
        if (run !== this._run) return;
      }
    }

    /** One look at the item: "" or "stop" when something final is shown, else "wait", "again" or "retry". */
    async _ask(id, pending, run) {
      const look = async (path) => {
        const got = await this._get(path);
        if (run !== this._run) throw new Error("stale");
        return got;
      };
      if (pending) {
        const state = await look("v1/player/" + id);
        if (state.status !== 200 || !state.body) return this._problem(state);
        if (state.body.state !== "done") return this._item(state.body);
      }
      const got = await look("v1/articles/" + id);
      if (got.status === 200 && got.body) return this._item(got.body);
      if (got.status !== 401) return this._problem(got);
      const state = await look("v1/player/" + id); // unfinished items are not public: ask for the state alone
      return state.status === 200 && state.body ? this._item(state.body) : this._problem(state);
    }

    _problem(got) {
      if (got.status >= 500) return "retry";
      if (got.status === 404) this._show("not-found", T.notFound);
      else if (got.status === 401 || got.status === 403) this._show("private", T.private);
      else this._show("error", T.error, got.body && got.body.detail);
      return "stop";
    }

    /** Show an item (or a state answer); returns "" when shown, "wait" to poll again, "again" to fetch at once. */
    _item(item) {
      const summary = item.summary;
      if (summary && summary.bullets && summary.bullets.length) {
        const whole = item.article_audio;
        const heard = item.audio && item.audio.files && item.audio.files.length;
        this._whole = whole && whole.files && whole.files.length ? whole : null;
        this._sum = { bullets: summary.bullets, audio: item.audio };
        this._switch.hidden = !(this._whole && heard);
        if (this._whole && (!heard || this.getAttribute("mode") === "article")) this._article(false);
        else this._summary();
        if (heard || this._whole) {
          this._show("ready", "");
          this._listen(item.summary_version || item.version);
        } else {
          this._show("no-audio", T.noAudio, item.audio_unavailable);
        }
        return "";
      }
      if (item.state === "failed") {
        this._show("failed", T.failed, item.error && item.error.message);
        return "";
      }
      return item.state === "done" ? "again" : "wait";
    }

    /** The summary's bullets and audio; the switch offers the whole article. */
    _summary() {
      const { bullets, audio } = this._sum;
      this._mode = "summary";
      this._title.textContent = T.heading;
      this._switch.textContent = T.playArticle;
      this._list.className = "";
      this._render(bullets, audio, "bullet");
    }

    /** The whole article: its paragraphs from the timing file, highlighted as they are read; ``play`` starts it. */
    async _article(play) {
      const whole = this._whole;
      const run = this._run;
      const got = await this._get(whole.timings.json.url);
      if (run !== this._run) return;
      if (got.status !== 200 || !got.body) return this._show("error", T.audioError);
      const segments = got.body.segments.filter((s) => s.kind === "paragraph");
      this._mode = "article";
      this._title.textContent = T.article;
      this._switch.textContent = T.play;
      this._list.className = "art";
      this._render(segments, { files: whole.files, duration: whole.duration, segments }, "paragraph");
      if (this._heard) Object.assign(this._heard, { played: false, quarters: {}, last: null });
      if (play) this._start();
    }

    _render(bullets, audio, kind) {
      this._audio.pause();
      this._list.replaceChildren();
      const segments = (audio && audio.segments) || [];
      this._spans = bullets.map((bullet, i) => {
        const words = segments.filter((s) => s.kind === "word" && s.index === i);
        const whole = segments.find((s) => s.kind === kind && s.index === (kind === "bullet" ? i : bullet.index));
        // a bullet plays from its start when the audio has its timing; otherwise it is plain text
        const button = whole
          ? el("button", { type: "button", cls: "b", "aria-describedby": this._hint.id })
          : el("div", { cls: "b" });
        const text = bullet.text;
        let at = 0;
        const marks = [];
        for (const word of words) {
          const found = text.indexOf(word.text, at);
          if (found < 0) continue;
          button.append(text.slice(at, found));
          const span = el("span", { cls: "w", text: word.text });
          button.append(span);
          marks.push({ span, start: word.start, end: word.end });
          at = found + word.text.length;
        }
        button.append(text.slice(at));
        if (whole) button.addEventListener("click", () => this._from(whole.start));
        this._list.append(el("li", {}, [button]));
        return { button, marks, start: whole ? whole.start : null, end: whole ? whole.end : null };
      });
      this._current = -1;
      this._word = null;
      if (!audio || !audio.files || !audio.files.length) return;
      const base = this._base();
      const files = audio.files.slice().sort((a, b) => (a.format === "mp3" ? -1 : b.format === "mp3" ? 1 : 0));
      const playable = files.filter((f) => this._audio.canPlayType(f.media_type) !== "");
      const chosen = playable[0] || files[0];
      this._audio.src = new URL(chosen.url, base).href;
      this._audio.playbackRate = Number(this._speed.value);
      this._total = audio.duration || 0;
      const mp3 = files.find((f) => f.format === "mp3") || chosen;
      this._link.href = new URL(mp3.url, base).href;
      this._link.setAttribute("download", "khulasa-" + this._mode + "." + mp3.format);
      this._link.setAttribute("type", mp3.media_type);
      this._bar.hidden = false;
      this._paint();
    }

    /** Start reporting for a ready item: the box seen (half of it on screen), then what the reader does. */
    _listen(version) {
      const article = (this.getAttribute("article") || "").trim();
      this._heard = { article, version, played: false, quarters: {}, last: null, listened: 0 };
      if (!window.IntersectionObserver) return;
      this._seen = new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          this._seen.disconnect();
          this._report("impression");
        },
        { threshold: 0.5 }
      );
      this._seen.observe(this);
    }

    _report(event, more) {
      const heard = this._heard;
      if (!heard || this.getAttribute("data-analytics") === "off" || optedOut()) return;
      const said = { article: heard.article, event, audio: this._mode };
      if (heard.version) said.version = heard.version;
      const body = JSON.stringify(Object.assign(said, more));
      const url = new URL("v1/events", this._base()).href;
      try {
        if (navigator.sendBeacon && navigator.sendBeacon(url, body)) return;
      } catch (e) {
        // a blocked beacon: try fetch below
      }
      const sent = fetch(url, { method: "POST", body, keepalive: true, credentials: "omit", mode: "no-cors" });
      sent.catch(() => {});
    }

    /** Seconds heard since the last report, reset. */
    _take() {
      const heard = this._heard;
      const seconds = tenths(heard.listened);
      heard.listened = 0;
      return seconds;
    }

    _paused() {
      const heard = this._heard;
      if (heard && heard.listened >= 0.5) this._report("pause", { position: tenths(this._audio.currentTime), listened: this._take() });
    }

    _progress() {
      const heard = this._heard;
      const audio = this._audio;
      if (!heard) return;
      const now = audio.currentTime || 0;
      const step = heard.last === null ? 0 : now - heard.last;
      if (!audio.paused && step > 0 && step < 2 * Math.max(1, audio.playbackRate)) heard.listened += step; // not a seek
      heard.last = now;
      const total = this._length();
      if (!heard.played || !total) return;
      for (const q of [25, 50, 75]) {
        if (!heard.quarters[q] && (now / total) * 100 >= q) {
          heard.quarters[q] = true;
          this._report("progress", { percent: q, position: tenths(now), listened: this._take() });
        }
      }
    }

    _wire() {
      const audio = this._audio;
      audio.addEventListener("play", () => {
        const heard = this._heard;
        if (!heard || heard.played) return;
        heard.played = true;
        heard.last = audio.currentTime;
        this._report("play", { position: tenths(audio.currentTime) });
      });
      audio.addEventListener("timeupdate", () => this._progress());
      audio.addEventListener("pause", () => audio.ended || this._paused());
      audio.addEventListener("ended", () => {
        const heard = this._heard;
        if (!heard || !heard.played) return;
        this._report("progress", { percent: 100, position: tenths(audio.currentTime), listened: this._take() });
        heard.played = false; // another play from here is another play
        heard.quarters = {};
      });
      this._link.addEventListener("click", () => this._report("download"));
      this._play.addEventListener("click", () => (audio.paused ? this._start() : audio.pause()));
      this._switch.addEventListener("click", () => {
        if (this._mode === "article") {
          this._summary();
          if (this._heard) Object.assign(this._heard, { played: false, quarters: {}, last: null });
          this._start();
        } else this._article(true);
      });
      for (const name of ["play", "pause", "ended", "timeupdate", "seeked", "loadedmetadata", "ratechange"]) {
        audio.addEventListener(name, () => this._paint());
      }
      audio.addEventListener("play", () => this._tick());
      audio.addEventListener("error", () => {
        if (!audio.getAttribute("src")) return;
        this._show("error", T.audioError);
        this._report("error", { position: tenths(audio.currentTime) });
      });
      this._speed.addEventListener("change", () => {
        audio.playbackRate = Number(this._speed.value);
        this._report("speed", { rate: audio.playbackRate, position: tenths(audio.currentTime) });
      });
      this._seek.addEventListener("keydown", (e) => this._key(e));
      const drag = (e) => {
        const box = this._seek.getBoundingClientRect();
        let share = (e.clientX - box.left) / box.width;
        if (this._box.dir !== "ltr") share = 1 - share; // the bar fills from the right
        this._to(Math.min(Math.max(share, 0), 1) * this._length());
      };
      this._seek.addEventListener("pointerdown", (e) => {
        this._seek.setPointerCapture(e.pointerId);
        this._seek.focus();
        drag(e);
        const move = (m) => drag(m);
        const up = () => {
          this._seek.removeEventListener("pointermove", move);
          this._seek.removeEventListener("pointerup", up);
        };
        this._seek.addEventListener("pointermove", move);
        this._seek.addEventListener("pointerup", up);
      });
    }

    _key(e) {
      const rtl = this._box.dir !== "ltr";
      const later = { ArrowUp: STEP, ArrowDown: -STEP, PageUp: 30, PageDown: -30 };
      later.ArrowLeft = rtl ? STEP : -STEP;
      later.ArrowRight = rtl ? -STEP : STEP;
      const now = this._audio.currentTime;
      if (e.key in later) this._to(now + later[e.key]);
      else if (e.key === "Home") this._to(0);
      else if (e.key === "End") this._to(this._length());
      else return;
      e.preventDefault();
    }

    _length() {
      const d = this._audio.duration;
      return Number.isFinite(d) && d > 0 ? d : this._total || 0;
    }

    _to(seconds) {
      this._audio.currentTime = Math.min(Math.max(seconds, 0), this._length());
      this._paint();
    }

    _from(seconds) {
      this._to(seconds + 0.001);
      this._start();
    }

    _start() {
      const playing = this._audio.play();
      if (playing && playing.catch) playing.catch((e) => e.name !== "AbortError" && this._show("error", T.audioError));
    }

    _tick() {
      if (this._ticking) return;
      this._ticking = true;
      const step = () => {
        this._paint();
        if (!this._audio.paused && this.isConnected) requestAnimationFrame(step);
        else this._ticking = false;
      };
      requestAnimationFrame(step);
    }

    _paint() {
      const audio = this._audio;
      const now = audio.currentTime || 0;
      const total = this._length();
      const share = total ? Math.min(now / total, 1) : 0;
      this._fill.style.width = share * 100 + "%";
      this._thumb.style.insetInlineStart = share * 100 + "%";
      this._time.textContent = clock(now) + " / " + clock(total);
      this._seek.setAttribute("aria-valuemax", String(Math.round(total)));
      this._seek.setAttribute("aria-valuenow", String(Math.round(now)));
      this._seek.setAttribute("aria-valuetext", spoken(now) + " " + T.of + " " + spoken(total));
      const paused = audio.paused;
      const start = this._mode === "article" ? T.playArticle : T.play;
      const label = paused ? (now > 0 && !audio.ended ? T.resume : start) : T.pause;
      if (this._play.dataset.label !== label) {
        this._play.dataset.label = label;
        this._play.innerHTML = paused ? ICON.play : ICON.pause;
        this._play.append(label);
      }
      this._follow(now, !paused || now > 0);
    }

    _follow(now, active) {
      const spans = this._spans || [];
      let current = -1;
      if (active) {
        current = spans.findIndex((s) => s.start !== null && now >= s.start && now < s.end);
      }
      if (current !== this._current) {
        if (this._current >= 0 && spans[this._current]) spans[this._current].button.removeAttribute("aria-current");
        if (current >= 0) {
          const button = spans[current].button;
          button.setAttribute("aria-current", "true");
          const list = this._list; // a long article scrolls within its box, never the page
          if (list.className) list.scrollTop = button.parentNode.offsetTop - list.clientHeight / 3;
        }
        this._current = current;
      }
      const marks = current >= 0 ? spans[current].marks : [];
      const word = marks.find((m) => now >= m.start && now < m.end) || null;
      if (word !== this._word) {
        if (this._word) this._word.span.classList.remove("on");
        if (word) word.span.classList.add("on");
        this._word = word;
      }
    }
  }

  window.customElements.define("khulasa-player", KhulasaPlayer);
})();
