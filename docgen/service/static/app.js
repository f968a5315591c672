// The clerks' page: a form generated from the JSON Schema of the act type, problems shown next
// to the fields they concern, documents downloaded; or a spreadsheet uploaded for a batch.
// Plain JavaScript, no framework, no network beyond this server.
"use strict";

(function () {
  const UI = {
    ru: {
      login: "Логин",
      password: "Пароль",
      logIn: "Войти",
      logOut: "Выйти",
      tabJournal: "Журнал",
      tabDue: "Сроки",
      tabJournals: "Журналы п. 22 и п. 57",
      register: "Зарегистрировать в реестре",
      filterType: "Вид",
      filterStatus: "Статус",
      filterYear: "Год",
      filterApply: "Показать",
      filterAll: "все",
      colNumber: "Номер",
      colDate: "Дата",
      colType: "Вид",
      colAddressee: "Адресат",
      colStatus: "Статус",
      colDue: "Срок",
      colWhat: "Что",
      dueIntro: "Просроченное и истекающее в ближайшие 7 дней.",
      journalKind: "Журнал",
      journalNotifications: "уведомления (п. 22)",
      journalSanctions: "санкции (п. 57)",
      download: "Скачать",
      history: "История акта № {number}",
      loggedIn: "{login} — {office}, {role}",
      loginFailed: "Вход не выполнен: {message}",
      registered: "Зарегистрирован: № {number}",
      reasonPrompt: "Основание:",
      outcomePrompt: "Итог ответа (satisfied, partly, rejected):",
      actionDone: "Записано: {action}",
      noActs: "Актов нет",
      overdue: "просрочен",
      role_clerk: "делопроизводитель",
      role_prosecutor: "прокурор",
      role_admin: "администратор",
      act_deliver: "Вручён",
      act_answer: "Ответ получен",
      act_execute: "Исполнен",
      act_enforce: "Принудительно (п. 12)",
      act_court: "В суд (п. 14)",
      act_annul: "Аннулировать",
      act_suspend: "Приостановить (п. 19)",
      act_withdraw: "Отозвать (п. 19)",
      act_cancel: "Отменить (п. 19)",
      status_pending: "оформляется",
      status_registered: "зарегистрирован",
      status_delivered: "вручён",
      status_answered: "получен ответ",
      status_executed: "исполнен",
      status_enforcement: "принудительное исполнение",
      status_court: "в суде",
      status_suspended: "приостановлен",
      status_withdrawn: "отозван",
      status_cancelled: "отменён",
      status_annulled: "аннулирован",
      appTitle: "Акты прокурорского надзора",
      actType: "Вид акта",
      actLang: "Язык акта",
      langRu: "русский",
      langKk: "казахский",
      tabForm: "Заполнить форму",
      tabBatch: "Пакет из таблицы",
      loadExample: "Загрузить пример",
      clearForm: "Очистить форму",
      requiredHint: "* — обязательный реквизит",
      format: "Формат",
      submit: "Сформировать документ",
      batchIntro:
        "Заполните таблицу (одна строка — один акт), загрузите её и получите архив ZIP " +
        "с документами и отчётом report_ru.csv.",
      sheetLink: "Скачать пустую таблицу",
      batchFile: "Заполненная таблица (.xlsx или .csv)",
      batchSubmit: "Сформировать пакет",
      add: "Добавить",
      remove: "Удалить",
      item: "№ {n}",
      fill: "заполнить",
      choose: "— выберите —",
      notChosen: "— не указано —",
      paragraph: "п. {n}",
      busy: "Подождите, документ формируется…",
      busyBatch: "Подождите, пакет формируется…",
      loading: "Загрузка…",
      done: "Готово: {name} ({size} КБ)",
      refused: "Акт не может быть сформирован. Исправьте отмеченные поля.",
      problemsTitle: "Найденные проблемы ({count}):",
      noFile: "Выберите файл таблицы.",
      noExample: "Для этого вида акта нет примера.",
      exampleLoaded: "Пример загружен.",
      httpError: "Ошибка сервера (HTTP {status}).",
      network: "Сервер недоступен: {error}",
      whole: "весь акт",
      uiLang: "Язык интерфейса",
      datePlaceholder: "дд.мм.гггг",
      dateTimePlaceholder: "дд.мм.гггг чч:мм",
      timePlaceholder: "чч:мм",
      batchDone:
        "Готово: {name}. Актов составлено: {ok}, отказано: {refused}, ошибок: {failed}. " +
        "Подробности — в report_ru.csv внутри архива.",
    },
    kk: {
      login: "Логин",
      password: "Құпиясөз",
      logIn: "Кіру",
      logOut: "Шығу",
      tabJournal: "Журнал",
      tabDue: "Мерзімдер",
      tabJournals: "22-т. және 57-т. журналдары",
      register: "Тізілімге тіркеу",
      filterType: "Түрі",
      filterStatus: "Мәртебесі",
      filterYear: "Жыл",
      filterApply: "Көрсету",
      filterAll: "барлығы",
      colNumber: "Нөмірі",
      colDate: "Күні",
      colType: "Түрі",
      colAddressee: "Адресат",
      colStatus: "Мәртебесі",
      colDue: "Мерзімі",
      colWhat: "Не",
      dueIntro: "Мерзімі өткен және алдағы 7 күнде өтетіндер.",
      journalKind: "Журнал",
      journalNotifications: "хабарламалар (22-т.)",
      journalSanctions: "санкциялар (57-т.)",
      download: "Жүктеу",
      history: "№ {number} актінің тарихы",
      loggedIn: "{login} — {office}, {role}",
      loginFailed: "Кіру орындалмады: {message}",
      registered: "Тіркелді: № {number}",
      reasonPrompt: "Негіздеме:",
      outcomePrompt: "Жауаптың қорытындысы (satisfied, partly, rejected):",
      actionDone: "Жазылды: {action}",
      noActs: "Актілер жоқ",
      overdue: "мерзімі өтті",
      role_clerk: "іс жүргізуші",
      role_prosecutor: "прокурор",
      role_admin: "әкімші",
      act_deliver: "Табыс етілді",
      act_answer: "Жауап алынды",
      act_execute: "Орындалды",
      act_enforce: "Мәжбүрлеп (12-т.)",
      act_court: "Сотқа (14-т.)",
      act_annul: "Күшін жою (тіркеуді)",
      act_suspend: "Тоқтата тұру (19-т.)",
      act_withdraw: "Кері қайтарып алу (19-т.)",
      act_cancel: "Күшін жою (19-т.)",
      status_pending: "ресімделуде",
      status_registered: "тіркелген",
      status_delivered: "табыс етілген",
      status_answered: "жауап алынған",
      status_executed: "орындалған",
      status_enforcement: "мәжбүрлеп орындау",
      status_court: "сотта",
      status_suspended: "тоқтатыла тұрған",
      status_withdrawn: "кері қайтарылған",
      status_cancelled: "күші жойылған",
      status_annulled: "жойылған",
      appTitle: "Прокурорлық қадағалау актілері",
      actType: "Акт түрі",
      actLang: "Акт тілі",
      langRu: "орыс тілі",
      langKk: "қазақ тілі",
      tabForm: "Нысанды толтыру",
      tabBatch: "Кестеден топтама",
      loadExample: "Үлгіні жүктеу",
      clearForm: "Нысанды тазарту",
      requiredHint: "* — міндетті деректеме",
      format: "Пішім",
      submit: "Құжатты жасау",
      batchIntro:
        "Кестені толтырыңыз (бір жол — бір акт), оны жүктеп, құжаттар мен report_kk.csv " +
        "есебі бар ZIP мұрағатын алыңыз.",
      sheetLink: "Бос кестені жүктеп алу",
      batchFile: "Толтырылған кесте (.xlsx немесе .csv)",
      batchSubmit: "Топтаманы жасау",
      add: "Қосу",
      remove: "Жою",
      item: "№ {n}",
      fill: "толтыру",
      choose: "— таңдаңыз —",
      notChosen: "— көрсетілмеген —",
      paragraph: "{n}-тармақ",
      busy: "Күте тұрыңыз, құжат жасалуда…",
      busyBatch: "Күте тұрыңыз, топтама жасалуда…",
      loading: "Жүктелуде…",
      done: "Дайын: {name} ({size} КБ)",
      refused: "Акт жасалмайды. Белгіленген өрістерді түзетіңіз.",
      problemsTitle: "Табылған мәселелер ({count}):",
      noFile: "Кесте файлын таңдаңыз.",
      noExample: "Бұл акт түрінің үлгісі жоқ.",
      exampleLoaded: "Үлгі жүктелді.",
      httpError: "Сервер қатесі (HTTP {status}).",
      network: "Сервер қолжетімсіз: {error}",
      whole: "бүкіл акт",
      uiLang: "Интерфейс тілі",
      datePlaceholder: "кк.аа.жжжж",
      dateTimePlaceholder: "кк.аа.жжжж сс:мм",
      timePlaceholder: "сс:мм",
      batchDone:
        "Дайын: {name}. Жасалған актілер: {ok}, бас тартылғаны: {refused}, қателер: {failed}. " +
        "Толығырақ — мұрағаттағы report_kk.csv ішінде.",
    },
  };

  // Fields whose text is short enough for one line; every other text gets a text area.
  const SHORT_TEXT = new Set([
    "act", "attachment", "competent_body", "event_place", "expertise_kind", "initials",
    "issuing_body", "kind", "name", "name_kk", "name_ru", "number", "organization", "place",
    "position", "position_title", "provision", "registration_number", "results_form",
    "surname", "title",
  ]);

  const state = {
    ui: "ru",
    types: [],
    schema: null,
    root: null,
    serial: 0,
  };

  const $ = (id) => document.getElementById(id);

  function t(key, params) {
    const text = (UI[state.ui] && UI[state.ui][key]) || UI.ru[key] || key;
    return fill(text, params);
  }

  function fill(text, params) {
    return text.replace(/\{(\w+)\}/g, (m, name) =>
      params && params[name] !== undefined ? String(params[name]) : m,
    );
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "dataset") Object.assign(node.dataset, value);
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function nextId() {
    state.serial += 1;
    return "f" + state.serial;
  }

  // -- status line ---------------------------------------------------------------------------

  function setStatus(kind, text, extra) {
    const status = $("status");
    for (const key of Object.keys(status.dataset)) delete status.dataset[key];
    status.dataset.state = kind;
    status.textContent = text || "";
    if (extra) Object.assign(status.dataset, extra);
  }

  // -- schema helpers ------------------------------------------------------------------------

  function deref(node) {
    let current = node || {};
    const seen = new Set();
    while (current.$ref && !seen.has(current.$ref)) {
      seen.add(current.$ref);
      const name = current.$ref.split("/").pop();
      const target = (state.schema.$defs || {})[name] || {};
      const rest = Object.assign({}, current);
      delete rest.$ref;
      // The field's own title, paragraph and default win over those of the definition.
      current = Object.assign({}, target, rest);
      if (!rest.title && target.title) current.title = target.title;
    }
    return current;
  }

  // Return the schema of a field with its "or null" taken apart.
  function describe(raw) {
    const node = deref(raw);
    if (!Array.isArray(node.anyOf)) return { node, nullable: false };
    const branches = node.anyOf.map(deref);
    const real = branches.filter((b) => b.type !== "null");
    const nullable = real.length < branches.length;
    const outer = Object.assign({}, node);
    delete outer.anyOf;
    if (real.length === 1) return { node: Object.assign({}, real[0], outer), nullable };
    // A choice between kinds (an amount as number or text): one line of text.
    return { node: Object.assign({ type: "string", inputmode: "decimal" }, outer), nullable };
  }

  // -- building the form ---------------------------------------------------------------------

  function labelFor(node, key, required, forId) {
    const label = el("label", { for: forId, class: "field-label" }, [
      el("span", { class: "title", text: node.title || key }),
    ]);
    if (required) label.append(el("span", { class: "req", text: " *" }));
    if (node["x-paragraph"]) {
      label.append(el("span", { class: "para", text: " " + t("paragraph", { n: node["x-paragraph"] }) }));
    }
    return label;
  }

  function errorBox() {
    return el("div", { class: "field-error", hidden: true });
  }

  function build(raw, key, path, required, value) {
    const { node, nullable } = describe(raw);
    if (node.type === "object" || node.properties) return buildObject(node, key, path, required && !nullable, value);
    if (node.type === "array") return buildList(node, key, path, required, value);
    if (Array.isArray(node.enum)) return buildEnum(node, key, path, required && !nullable, value);
    if (node.type === "boolean") return buildBoolean(node, key, path, value);
    return buildText(node, key, path, required && !nullable, value);
  }

  function buildObject(node, key, path, required, value) {
    const props = node.properties || {};
    const need = new Set(node.required || []);
    const children = {};
    const body = el("div", { class: "group-body" });
    const present = value !== undefined && value !== null;
    for (const [name, sub] of Object.entries(props)) {
      const childPath = path ? path + "." + name : name;
      const childValue = present && typeof value === "object" ? value[name] : undefined;
      children[name] = build(sub, name, childPath, need.has(name), childValue);
      body.append(children[name].el);
    }
    if (path === "") {
      return { el: body, get: () => collect(children) };
    }
    const legend = el("legend", {}, [el("span", { class: "title", text: node.title || key })]);
    if (required) legend.append(el("span", { class: "req", text: " *" }));
    if (node["x-paragraph"]) {
      legend.append(el("span", { class: "para", text: " " + t("paragraph", { n: node["x-paragraph"] }) }));
    }
    const box = el("fieldset", { class: "group", dataset: { path } }, [legend]);
    let toggle = null;
    if (!required) {
      toggle = el("input", { type: "checkbox", class: "include", "aria-label": t("fill") });
      toggle.checked = present;
      legend.prepend(el("label", { class: "include-label" }, [toggle, " "]));
      legend.append(el("span", { class: "include-hint", text: " (" + t("fill") + ")" }));
      body.hidden = !present;
      toggle.addEventListener("change", () => {
        body.hidden = !toggle.checked;
      });
    }
    box.append(body, errorBox());
    return {
      el: box,
      get: () => (toggle && !toggle.checked ? undefined : collect(children)),
    };
  }

  function collect(children) {
    const result = {};
    for (const [name, child] of Object.entries(children)) {
      const v = child.get();
      if (v !== undefined) result[name] = v;
    }
    return result;
  }

  function buildList(node, key, path, required, value) {
    const itemSchema = node.items || { type: "string" };
    const box = el("fieldset", { class: "list", dataset: { path } });
    const legend = el("legend", {}, [el("span", { class: "title", text: node.title || key })]);
    if (required) legend.append(el("span", { class: "req", text: " *" }));
    if (node["x-paragraph"]) {
      legend.append(el("span", { class: "para", text: " " + t("paragraph", { n: node["x-paragraph"] }) }));
    }
    const itemsBox = el("div", { class: "items" });
    let items = [];

    function render(values) {
      itemsBox.replaceChildren();
      items = values.map((v, index) => {
        const itemPath = path + "[" + (index + 1) + "]";
        const child = build(Object.assign({ title: t("item", { n: index + 1 }) }, itemSchema),
          "", itemPath, true, v);
        const removeButton = el("button", {
          type: "button",
          class: "remove",
          text: t("remove"),
          onclick: () => {
            const current = items.map((i) => i.get());
            current.splice(index, 1);
            render(current);
          },
        });
        const wrapper = el("div", { class: "item" }, [child.el, removeButton]);
        itemsBox.append(wrapper);
        return child;
      });
    }

    const initial = Array.isArray(value)
      ? value
      : Array.from({ length: Math.max(node.minItems || 0, required ? 1 : 0) }, () => undefined);
    render(initial);
    const addButton = el("button", {
      type: "button",
      class: "add",
      text: "+ " + t("add"),
      onclick: () => {
        const current = items.map((i) => i.get());
        current.push(undefined);
        render(current);
        const last = itemsBox.lastElementChild;
        const focusable = last && last.querySelector("input, textarea, select");
        if (focusable) focusable.focus();
      },
    });
    box.append(legend, itemsBox, addButton, errorBox());
    return {
      el: box,
      get: () => {
        if (!items.length) return required ? [] : undefined;
        return items.map((i) => {
          const v = i.get();
          return v === undefined ? "" : v;
        });
      },
    };
  }

  function fieldWrapper(node, key, path, required, control) {
    return el("div", { class: "field", dataset: { path } }, [
      labelFor(node, key, required, control.id),
      control,
      errorBox(),
    ]);
  }

  function buildEnum(node, key, path, required, value) {
    const id = nextId();
    const labels = node["x-labels"] || {};
    const select = el("select", { id, name: path });
    const hasDefault = node.default !== undefined && node.default !== null;
    if (!hasDefault) select.append(el("option", { value: "", text: required ? t("choose") : t("notChosen") }));
    for (const option of node.enum) {
      select.append(el("option", { value: option, text: labels[option] || option }));
    }
    const initial = value !== undefined && value !== null ? value : hasDefault ? node.default : "";
    select.value = initial;
    if (select.value !== String(initial)) {
      // A value the schema does not know: keep it, so the server can say what is wrong.
      select.append(el("option", { value: initial, text: String(initial) }));
      select.value = initial;
    }
    return {
      el: fieldWrapper(node, key, path, required, select),
      get: () => (select.value === "" ? undefined : select.value),
    };
  }

  function buildBoolean(node, key, path, value) {
    const id = nextId();
    const box = el("input", { id, type: "checkbox", name: path });
    box.checked = value !== undefined && value !== null ? Boolean(value) : Boolean(node.default);
    const wrapper = el("div", { class: "field checkbox", dataset: { path } }, [
      box,
      labelFor(node, key, false, id),
      errorBox(),
    ]);
    return { el: wrapper, get: () => box.checked };
  }

  // Dates are typed and shown as dd.mm.yyyy, whatever the browser's locale: the browser's own
  // date inputs follow its locale (mm/dd/yyyy in an English one), so they are plain text boxes.
  const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/;
  const pad = (s) => String(s).padStart(2, "0");

  function toInputValue(format, value) {
    if (value === undefined || value === null) return "";
    const text = String(value).trim();
    let m;
    if (format === "date" && (m = ISO_DATE.exec(text))) return `${m[3]}.${m[2]}.${m[1]}`;
    if (format === "date-time" && (m = ISO_DATETIME.exec(text))) {
      return `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}`;
    }
    if (format === "time") return text.slice(0, 5);
    return text;
  }

  function buildText(node, key, path, required, value) {
    const id = nextId();
    const format = node.format;
    let control;
    const placeholder = { date: "datePlaceholder", "date-time": "dateTimePlaceholder", time: "timePlaceholder" }[format];
    if (placeholder) {
      control = el("input", {
        id, type: "text", name: path, inputmode: "numeric", autocomplete: "off",
        placeholder: t(placeholder), dataset: { placeholder },
      });
    } else if (node.type === "number" || node.type === "integer" || node.inputmode) {
      control = el("input", { id, type: "text", inputmode: "decimal", name: path });
    } else if (SHORT_TEXT.has(key)) control = el("input", { id, type: "text", name: path });
    else control = el("textarea", { id, rows: 3, name: path });
    control.value = toInputValue(format, value);
    const numeric = node.type === "number" || node.type === "integer";
    return {
      el: fieldWrapper(node, key, path, required, control),
      get: () => {
        const text = control.value.trim();
        if (text === "") return undefined;
        if (numeric && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
        return control.value;
      },
    };
  }

  // -- problems next to the fields -----------------------------------------------------------

  function clearProblems() {
    for (const box of document.querySelectorAll("#act-form .field-error")) {
      box.hidden = true;
      box.replaceChildren();
    }
    for (const node of document.querySelectorAll("#act-form .invalid")) node.classList.remove("invalid");
    const summary = $("summary");
    summary.hidden = true;
    summary.replaceChildren();
  }

  function parentPath(path) {
    const m = /^(.*?)(\[\d+\]|\.[^.[\]]+)$/.exec(path);
    if (m) return m[1];
    return "";
  }

  function targetOf(path) {
    let current = path;
    while (current) {
      const found = document.querySelector(`#fields [data-path="${CSS.escape(current)}"]`);
      if (found) return found;
      current = parentPath(current);
    }
    return null;
  }

  function problemText(problem) {
    const cited = !problem.paragraph || problem.message.includes(problem.paragraph);
    return problem.message + (cited ? "" : ` (${problem.paragraph})`);
  }

  function showProblems(problems, summaryBox, heading, withTargets) {
    const list = el("ul");
    let first = null;
    for (const problem of problems) {
      const target = withTargets && problem.path ? targetOf(problem.path) : null;
      if (target) {
        const box = target.querySelector(":scope > .field-error");
        if (box) {
          box.append(el("div", { class: "problem", dataset: { code: problem.code }, text: problemText(problem) }));
          box.hidden = false;
        }
        target.classList.add("invalid");
        if (!first) first = target;
      }
      const where = el("code", { text: problem.path || t("whole") });
      const item = el("li", { dataset: { path: problem.path } }, [where, " — " + problemText(problem)]);
      if (target) {
        item.classList.add("linked");
        item.addEventListener("click", () => {
          target.scrollIntoView({ block: "center" });
          const focusable = target.querySelector("input, textarea, select");
          if (focusable) focusable.focus();
        });
      }
      list.append(item);
    }
    summaryBox.replaceChildren(
      el("p", { class: "summary-head", text: heading }),
      el("p", { text: t("problemsTitle", { count: problems.length }) }),
      list,
    );
    summaryBox.hidden = false;
    if (first) first.scrollIntoView({ block: "center" });
  }

  // -- talking to the server -----------------------------------------------------------------

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => null);
    return { response, body };
  }

  function filenameFrom(header, fallback) {
    if (!header) return fallback;
    const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) {
      try {
        return decodeURIComponent(star[1]);
      } catch (e) {
        /* fall through to the plain name */
      }
    }
    const plain = /filename="([^"]+)"/i.exec(header);
    return plain ? plain[1] : fallback;
  }

  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  async function download(response, fallbackName) {
    const blob = await response.blob();
    const name = filenameFrom(response.headers.get("Content-Disposition"), fallbackName);
    saveBlob(blob, name);
    setStatus("done", t("done", { name, size: Math.max(1, Math.round(blob.size / 1024)) }), {
      filename: name,
      size: String(blob.size),
      contentType: blob.type,
    });
  }

  async function failure(response, summaryBox, withTargets) {
    const body = await response.json().catch(() => null);
    if (body && Array.isArray(body.problems) && body.problems.length) {
      const heading = body.error === "refused" ? t("refused") : body.message;
      showProblems(body.problems, summaryBox, heading, withTargets);
      setStatus(body.error === "refused" ? "refused" : "error", body.message, {});
      return;
    }
    setStatus("error", (body && body.message) || t("httpError", { status: response.status }));
  }

  function actType() {
    return $("act-type").value;
  }

  function actLang() {
    return $("act-lang").value;
  }

  async function submitAct(event) {
    event.preventDefault();
    clearProblems();
    const fmt = $("format").value;
    const data = state.root ? state.root.get() : {};
    setStatus("busy", t("busy"));
    $("submit").disabled = true;
    try {
      const registry = window.docgenRegistry;
      const register = Boolean(registry && $("register") && $("register").checked);
      const url =
        `/api/acts/${encodeURIComponent(actType())}/render?lang=${actLang()}&format=${fmt}` +
        (register ? "&register=true" : "");
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json, */*",
          ...(registry ? registry.headers() : {}),
        },
        body: JSON.stringify(data),
      });
      if (response.ok) {
        await download(response, `${actType()}.${fmt}`);
        if (register) registry.registered(response);
      }
      else await failure(response, $("summary"), true);
    } catch (error) {
      setStatus("error", t("network", { error: error.message }));
    } finally {
      $("submit").disabled = false;
    }
  }

  async function submitBatch(event) {
    event.preventDefault();
    const summary = $("batch-summary");
    summary.hidden = true;
    summary.replaceChildren();
    const file = $("batch-file").files[0];
    if (!file) {
      setStatus("error", t("noFile"));
      return;
    }
    const form = new FormData();
    form.append("file", file, file.name);
    setStatus("busy", t("busyBatch"));
    $("batch-submit").disabled = true;
    try {
      const url = `/api/acts/${encodeURIComponent(actType())}/batch?lang=${actLang()}`;
      const response = await fetch(url, { method: "POST", body: form });
      if (response.ok) {
        await download(response, `${actType()}.zip`);
        const count = (name) => response.headers.get("X-Docgen-" + name) || "0";
        const status = $("status");
        status.textContent = t("batchDone", {
          name: status.dataset.filename,
          ok: count("Ok"),
          refused: count("Refused"),
          failed: count("Failed"),
        });
        status.dataset.made = count("Ok");
        status.dataset.refused = count("Refused");
      }
      else await failure(response, summary, false);
    } catch (error) {
      setStatus("error", t("network", { error: error.message }));
    } finally {
      $("batch-submit").disabled = false;
    }
  }

  // -- page state ----------------------------------------------------------------------------

  async function loadSchema(value) {
    const type = actType();
    if (!type) return;
    const { response, body } = await getJson(
      `/api/types/${encodeURIComponent(type)}/schema?lang=${state.ui}`,
    );
    if (!response.ok || !body) {
      setStatus("error", (body && body.message) || t("httpError", { status: response.status }));
      return;
    }
    state.schema = body;
    renderForm(value);
  }

  function renderForm(value) {
    clearProblems();
    state.root = build(state.schema, "", "", true, value || {});
    $("fields").replaceChildren(state.root.el);
    $("fields").dataset.actType = actType();
  }

  async function loadExample() {
    // The example is written in the language of the act: one act, one language.
    const { response, body } = await getJson(
      `/api/types/${encodeURIComponent(actType())}/example?lang=${actLang()}`,
    );
    if (!response.ok || !body) {
      setStatus("error", response.status === 404 ? t("noExample") : (body && body.message) || t("httpError", { status: response.status }));
      return;
    }
    renderForm(body);
    setStatus("example", t("exampleLoaded"));
  }

  function updateSheetLink() {
    $("sheet-link").href = `/api/types/${encodeURIComponent(actType())}/sheet?lang=${actLang()}`;
  }

  function fillTypeOptions() {
    const select = $("act-type");
    const current = select.value;
    select.replaceChildren(
      ...state.types.map((type) =>
        el("option", { value: type.name, text: (type.title && type.title[state.ui]) || type.name }),
      ),
    );
    if (current) select.value = current;
  }

  function applyUiLanguage() {
    document.documentElement.lang = state.ui;
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll("[data-i18n-label]")) {
      node.setAttribute("aria-label", t(node.dataset.i18nLabel));
    }
    for (const button of document.querySelectorAll("[data-ui-lang]")) {
      button.classList.toggle("active", button.dataset.uiLang === state.ui);
    }
    fillTypeOptions();
  }

  async function switchUi(lang) {
    if (lang === state.ui) return;
    const value = state.root ? state.root.get() : undefined;
    state.ui = lang;
    setStatus("idle", "");
    applyUiLanguage();
    await loadSchema(value);
  }

  function switchTab(name) {
    setStatus("idle", "");
    for (const button of document.querySelectorAll("[data-tab]")) {
      button.classList.toggle("active", button.dataset.tab === name);
    }
    for (const panel of document.querySelectorAll(".panel")) panel.hidden = panel.id !== `panel-${name}`;
  }

  async function start() {
    const { response, body } = await getJson("/api/types");
    if (!response.ok || !Array.isArray(body)) {
      setStatus("error", t("httpError", { status: response.status }));
      return;
    }
    state.types = body;
    const wanted = new URLSearchParams(location.search);
    if (wanted.get("ui") === "kk") state.ui = "kk";
    applyUiLanguage();
    if (wanted.get("type")) $("act-type").value = wanted.get("type");
    if (!$("act-type").value && state.types.length) $("act-type").value = state.types[0].name;
    updateSheetLink();
    await loadSchema();
    $("act-type").addEventListener("change", () => {
      updateSheetLink();
      loadSchema();
      setStatus("idle", "");
    });
    $("act-lang").addEventListener("change", updateSheetLink);
    $("act-form").addEventListener("submit", submitAct);
    $("batch-form").addEventListener("submit", submitBatch);
    $("load-example").addEventListener("click", loadExample);
    $("clear-form").addEventListener("click", () => renderForm({}));
    for (const button of document.querySelectorAll("[data-ui-lang]")) {
      button.addEventListener("click", () => switchUi(button.dataset.uiLang));
    }
    for (const button of document.querySelectorAll("[data-tab]")) {
      button.addEventListener("click", () => switchTab(button.dataset.tab));
    }
    document.body.dataset.ready = "true";
  }

  window.docgenUi = { t, el, setStatus, download, failure, lang: () => state.ui };

  start().catch((error) => setStatus("error", t("network", { error: error.message })));
})();
