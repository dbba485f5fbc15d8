/* The demo page: send the pasted text (or the uploaded file, as is) to POST /v1/demo/articles,
 * then show <khulasa-player> for the id it answers, with the snippet a publisher would embed. */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const form = $("article");
  const problem = $("problem");

  const say = (message) => {
    problem.textContent = message;
    problem.hidden = !message;
  };

  const send = async (body, type) => {
    const answer = await fetch("v1/demo/articles", { method: "POST", body, headers: { "Content-Type": type } });
    const json = await answer.json().catch(() => null);
    if (!answer.ok) throw new Error((json && json.detail) || "HTTP " + answer.status);
    return json;
  };

  const show = (id) => {
    const player = document.createElement("khulasa-player");
    player.setAttribute("article", id);
    $("player").replaceChildren(player);
    const script = new URL("player.js", location.href).href;
    $("snippet").textContent =
      `<script src="${script}" defer></script>\n<khulasa-player article="${id}"></khulasa-player>`;
    $("result").hidden = false;
    $("result-heading").focus(); // a screen reader hears the result; Tab goes on into the box
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    say("");
    const file = $("file").files[0];
    const text = $("text").value;
    if (!file && !text.trim()) {
      say("ألصق نص المقالة أو اختر ملفًا أولًا.");
      $("text").focus();
      return;
    }
    $("submit").disabled = true;
    try {
      const made = file
        ? await send(file, file.type || "application/octet-stream")
        : await send(text, "text/plain; charset=utf-8");
      show(made.external_id);
    } catch (error) {
      say("تعذّر إنشاء الملخص: " + error.message);
    } finally {
      $("submit").disabled = false;
    }
  });

  $("example").addEventListener("click", async () => {
    say("");
    try {
      const answer = await fetch("v1/demo/example");
      if (!answer.ok) throw new Error("HTTP " + answer.status);
      $("text").value = await answer.text();
      $("file").value = "";
      $("text").focus();
    } catch (error) {
      say("تعذّر تحميل المقالة النموذجية: " + error.message);
    }
  });
})();
