// The registry on the clerks' page: login, the office's journal of acts with history, actions
// and downloads, the terms due, the journals of p. 22 and p. 57. Texts come from app.js's
// dictionaries (docgenUi.t), in Russian and Kazakh.
"use strict";

(function () {
  const ui = window.docgenUi;
  const $ = (id) => document.getElementById(id);
  const STATUSES = [
    "registered", "delivered", "answered", "executed", "enforcement", "court",
    "suspended", "withdrawn", "cancelled", "annulled",
  ];
  const OWN_ACTIONS = ["deliver", "answer", "execute", "enforce", "court", "annul"];
  const SUPERIOR_ACTIONS = ["suspend", "withdraw", "cancel"];
  const state = { account: null, csrf: null, selected: null, below: new Set() };

  function headers() {
    return state.csrf ? { "X-CSRF-Token": state.csrf } : {};
  }

  function lang() {
    return ui.lang();
  }

  async function api(method, url, body) {
    const sep = url.includes("?") ? "&" : "?";
    const response = await fetch(`${url}${sep}lang=${lang()}`, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json", ...headers() },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    const data = await response.json().catch(() => null);
    return { response, data };
  }

  function showAccount() {
    const logged = Boolean(state.account);
    $("login-form").hidden = logged;
    $("account").hidden = !logged;
    for (const id of ["tab-journal", "tab-due", "tab-journals", "register-label"]) {
      $(id).hidden = !logged;
    }
    if (logged) {
      const a = state.account;
      $("account-name").textContent = ui.t("loggedIn", {
        login: a.login,
        office: a.office,
        role: ui.t(`role_${a.role}`),
      });
    }
  }

  async function whoAmI() {
    const { response, data } = await api("GET", "/api/auth/me");
    if (response.ok) {
      state.account = data;
      state.csrf = data.csrf;
    }
    showAccount();
  }

  async function logIn(event) {
    event.preventDefault();
    const { response, data } = await api("POST", "/api/auth/login", {
      login: $("login-name").value,
      password: $("login-password").value,
    });
    $("login-password").value = "";
    if (!response.ok) {
      ui.setStatus("error", ui.t("loginFailed", { message: (data && data.message) || response.status }));
      return;
    }
    state.account = data;
    state.csrf = data.csrf;
    ui.setStatus("idle", "");
    showAccount();
  }

  async function logOut() {
    await api("POST", "/api/auth/logout");
    state.account = null;
    state.csrf = null;
    showAccount();
    document.querySelector('[data-tab="form"]').click();
  }

  function fillFilters() {
    const type = $("filter-type");
    const current = type.value;
    const names = Array.from($("act-type").options).map((o) => [o.value, o.textContent]);
    type.replaceChildren(
      ui.el("option", { value: "", text: ui.t("filterAll") }),
      ...names.map(([value, text]) => ui.el("option", { value, text })),
    );
    type.value = current;
    const status = $("filter-status");
    const chosen = status.value;
    status.replaceChildren(
      ui.el("option", { value: "", text: ui.t("filterAll") }),
      ...STATUSES.map((s) => ui.el("option", { value: s, text: ui.t(`status_${s}`) })),
    );
    status.value = chosen;
  }

  function date(iso) {
    if (!iso) return "";
    const [y, m, d] = iso.slice(0, 10).split("-");
    return `${d}.${m}.${y}`;
  }

  async function loadActs(event) {
    if (event) event.preventDefault();
    fillFilters();
    const params = new URLSearchParams();
    if ($("filter-type").value) params.set("type", $("filter-type").value);
    if ($("filter-status").value) params.set("status", $("filter-status").value);
    if ($("filter-year").value) params.set("year", $("filter-year").value);
    params.set("per_page", "500");
    const [acts, due] = await Promise.all([
      api("GET", `/api/registry/acts?${params}`),
      api("GET", "/api/registry/due?within=366"),
    ]);
    if (!acts.response.ok) {
      ui.setStatus("error", acts.data && acts.data.message);
      return;
    }
    const terms = new Map();
    for (const item of due.response.ok ? due.data : []) if (item.id !== null) terms.set(item.id, item);
    const body = $("acts-table").querySelector("tbody");
    const rows = acts.data.acts.map((act) => {
      const term = terms.get(act.id);
      const row = ui.el("tr", {
        class: term && term.overdue ? "overdue" : undefined,
        dataset: { actId: String(act.id), number: act.number, status: act.status },
      }, [
        ui.el("td", {}, [ui.el("a", { href: "#", text: act.number, onclick: (e) => {
          e.preventDefault();
          showAct(act.id);
        } })]),
        ui.el("td", { text: date(act.date) }),
        ui.el("td", { text: act.type }),
        ui.el("td", { text: act.addressee }),
        ui.el("td", { text: ui.t(`status_${act.status}`) }),
        ui.el("td", {
          text: term ? `${date(term.due)}${term.overdue ? ` (${ui.t("overdue")})` : ""}` : "",
        }),
        ui.el("td", {}, [ui.el("a", {
          href: `/api/registry/acts/${act.id}/document`,
          download: true,
          class: "download",
          text: ui.t("download"),
        })]),
      ]);
      return row;
    });
    body.replaceChildren(...(rows.length ? rows : [ui.el("tr", {}, [ui.el("td", { colspan: "7", text: ui.t("noActs") })])]));
    $("acts-table").dataset.count = String(acts.data.acts.length);
  }

  async function showAct(id) {
    const { response, data } = await api("GET", `/api/registry/acts/${id}`);
    if (!response.ok) {
      ui.setStatus("error", data && data.message);
      return;
    }
    state.selected = data;
    $("act-detail").hidden = false;
    $("act-detail").dataset.actId = String(id);
    $("act-title").textContent = ui.t("history", { number: data.number });
    $("act-history").replaceChildren(
      ...data.events.map((e) =>
        ui.el("li", {
          text: `${date(e.date)} — ${ui.t(`status_${e.kind}`)} — ${e.by}${e.reason ? ` — ${e.reason}` : ""}`,
        }),
      ),
    );
    const account = state.account;
    const own = data.office === account.office;
    let actions = [];
    if (own && (account.role === "clerk" || account.role === "prosecutor")) actions = OWN_ACTIONS;
    if (!own && account.role === "prosecutor") actions = SUPERIOR_ACTIONS;
    $("act-actions").replaceChildren(
      ...actions.map((action) =>
        ui.el("button", {
          type: "button",
          dataset: { action },
          text: ui.t(`act_${action}`),
          onclick: () => act(id, action),
        }),
      ),
    );
  }

  async function act(id, action) {
    const body = {};
    if (["annul", "court", "suspend", "withdraw", "cancel", "enforce"].includes(action)) {
      const reason = window.prompt(ui.t("reasonPrompt"));
      if (reason === null) return;
      body.reason = reason;
    }
    if (action === "answer") {
      const outcome = window.prompt(ui.t("outcomePrompt"), "satisfied");
      if (outcome === null) return;
      body.outcome = outcome;
    }
    const { response, data } = await api("POST", `/api/registry/acts/${id}/${action}`, body);
    if (!response.ok) {
      ui.setStatus("error", data && data.message);
      return;
    }
    ui.setStatus("done", ui.t("actionDone", { action: ui.t(`act_${action}`) }));
    await loadActs();
    await showAct(id);
  }

  async function loadDue() {
    const { response, data } = await api("GET", "/api/registry/due?within=7");
    if (!response.ok) return;
    $("due-table").querySelector("tbody").replaceChildren(
      ...data.map((item) =>
        ui.el("tr", { class: item.overdue ? "overdue" : undefined }, [
          ui.el("td", { text: item.number }),
          ui.el("td", { text: item.type || item.act_type }),
          ui.el("td", { text: item.addressee }),
          ui.el("td", { text: item.what }),
          ui.el("td", { text: date(item.due) }),
        ]),
      ),
    );
  }

  async function loadJournal(event) {
    if (event) event.preventDefault();
    const kind = $("journal-kind").value;
    if (!$("journal-year").value) $("journal-year").value = String(new Date().getFullYear());
    const year = $("journal-year").value;
    const base = `/api/registry/journal/${kind}?year=${year}&lang=${lang()}`;
    $("journal-xlsx").href = `${base}&format=xlsx`;
    $("journal-docx").href = `${base}&format=docx`;
    const { response, data } = await api("GET", `/api/registry/journal/${kind}?year=${year}`);
    if (!response.ok) {
      ui.setStatus("error", data && data.message);
      return;
    }
    const table = $("journal-table");
    table.querySelector("thead").replaceChildren(
      ui.el("tr", {}, data.header.map((h) => ui.el("th", { text: h }))),
    );
    table.querySelector("tbody").replaceChildren(
      ...data.rows.map((r) => ui.el("tr", {}, r.map((c) => ui.el("td", { text: c })))),
    );
  }

  window.docgenRegistry = {
    headers,
    registered(response) {
      const number = decodeURIComponent(response.headers.get("X-Docgen-Number") || "");
      const status = $("status");
      status.dataset.number = number;
      status.dataset.registryId = response.headers.get("X-Docgen-Registry-Id") || "";
      status.textContent = `${status.textContent} ${ui.t("registered", { number })}`;
    },
  };

  $("login-form").addEventListener("submit", logIn);
  $("logout").addEventListener("click", logOut);
  $("acts-filter").addEventListener("submit", loadActs);
  $("journal-form").addEventListener("submit", loadJournal);
  $("tab-journal").addEventListener("click", () => loadActs());
  $("tab-due").addEventListener("click", loadDue);
  $("tab-journals").addEventListener("click", () => loadJournal());
  for (const button of document.querySelectorAll("[data-ui-lang]")) {
    button.addEventListener("click", () => setTimeout(showAccount, 0));
  }
  whoAmI();
})();
