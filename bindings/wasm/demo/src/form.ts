// The form: organisation, raters, standards (grouped by CHIME domain) and evidence.
//
// Every control edits `store.doc` in place and calls `hooks.changed()`; main.ts then scores the
// assessment (debounced). Each field's wrapper names what it edits, so messages.ts can put a
// diagnostic next to the control its JSON Pointer concerns:
//   data-path="/evidence/2/collected"     a fixed place in the document
//   data-judge="std-id|rater-id" data-part="rating|justification|narrative|strengths|actions"
//                                          one judgement (found by standard and rater, since
//                                          judgements have no fixed index while the user edits)
//   data-action="1" data-action-part="description|due"
//                                          inside data-part="actions": one action, one field of it

import type { Evidence, EvidenceKind, Rater, RaterRole, Rating, Report, Sensitivity, Source, Standard, Structure } from "../chime/index.js";
import { byId, capitalise, fill, h, icon, num, plural, uid } from "./dom.js";
import { said } from "./results.js";
import type { Attrs, Child } from "./dom.js";
import {
  addAction,
  findJudgement,
  homeDomain,
  hooks,
  isLinked,
  judgeKey,
  levels,
  nextId,
  removeAction,
  setAction,
  setJudgementText,
  setLinked,
  setRating,
  store,
  today,
} from "./store.js";

/** Set by main.ts: runs a change that removes something, with an Undo offered afterwards. */
export const actions = {
  undoable: (_message: string, _change: () => void, _focus?: string): void => undefined,
};

export const KINDS: [EvidenceKind, string][] = [
  ["document", "Document"],
  ["policy", "Policy"],
  ["testimony", "Testimony (own story)"],
  ["observation", "Observation"],
  ["survey", "Survey"],
  ["activity_record", "Activity record"],
  ["outcome_data", "Outcome data"],
  ["case_study", "Case study"],
  ["external_review", "External review"],
  ["media", "Media"],
  ["other", "Other"],
];

const SENSITIVITIES: [Sensitivity, string][] = [
  ["public", "Public"],
  ["internal", "Internal"],
  ["personal", "Personal"],
];

const ROLES: [RaterRole, string][] = [
  ["member", "Member"],
  ["volunteer", "Volunteer"],
  ["staff", "Staff"],
  ["trustee", "Trustee or board member"],
  ["peer", "Peer (from another LERO)"],
  ["external", "External (commissioner, funder, evaluator)"],
];

/** The review statuses in the engine's words, in the order the format declares them. */
function statuses(): [string, string][] {
  return ["draft", "submitted", "peer_reviewed", "verified"].map((name) => [
    name,
    capitalise(said("assessment_status", name)),
  ]);
}

export function kindLabel(kind: string): string {
  return KINDS.find(([id]) => id === kind)?.[1] ?? kind;
}

function roleLabel(role: string): string {
  return ROLES.find(([id]) => id === role)?.[1] ?? role;
}

// ---- controls -----------------------------------------------------------------------------

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * A labelled field: label, optional hint, the control. `where` names what the field edits
 * (data-path, or data-judge and data-part).
 */
function field(label: Child, control: Control, where: Attrs, hint?: Child): HTMLDivElement {
  control.id ||= uid("f");
  const hintId = hint ? uid("hint") : null;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h(
    "div",
    { class: "field", ...where },
    h("label", { for: control.id }, label),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    control,
  );
}

function edited(): void {
  hooks.changed();
}

function textInput(value: string, set: (value: string) => void, attrs: Attrs = {}): HTMLInputElement {
  return h("input", {
    type: "text",
    value,
    ...attrs,
    oninput: (event: Event) => {
      set((event.target as HTMLInputElement).value);
      edited();
    },
  });
}

function dateInput(value: string, set: (value: string) => void, attrs: Attrs = {}): HTMLInputElement {
  return h("input", {
    type: "date",
    value,
    placeholder: "YYYY-MM-DD",
    ...attrs,
    oninput: (event: Event) => {
      set((event.target as HTMLInputElement).value.trim());
      edited();
    },
  });
}

function textArea(value: string, set: (value: string) => void, attrs: Attrs = {}): HTMLTextAreaElement {
  return h("textarea", {
    rows: 2,
    value,
    ...attrs,
    oninput: (event: Event) => {
      set((event.target as HTMLTextAreaElement).value);
      edited();
    },
  });
}

function selectInput<T extends string>(
  options: [T, string][],
  value: string,
  set: (value: T) => void,
): HTMLSelectElement {
  const select = h(
    "select",
    {
      onchange: (event: Event) => {
        set((event.target as HTMLSelectElement).value as T);
        edited();
      },
    },
    options.map(([id, label]) => h("option", { value: id }, label)),
  );
  // A value the list does not have (from an opened file) stays visible, so the diagnostic
  // about it makes sense and nothing is silently changed.
  if (!options.some(([id]) => id === value)) select.appendChild(h("option", { value }, value));
  select.value = value;
  return select;
}

// ---- organisation -------------------------------------------------------------------------

export function renderOrganisation(): void {
  const doc = store.doc;
  const org = doc.organisation;
  fill(
    byId("org-fields"),
    field(
      "Organisation name (optional)",
      textInput(org.name ?? "", (v) => {
        if (v) org.name = v;
        else delete org.name;
      }, { autocomplete: "organization" }),
      { "data-path": "/organisation/name" },
      "Kept in your assessment file; never copied into the report.",
    ),
    field(
      "Organisation id",
      textInput(org.id, (v) => (org.id = v), { required: true, spellcheck: "false", autocapitalize: "none" }),
      { "data-path": "/organisation/id" },
      "A short id, such as willow-lane. Reports carry this id, not the name.",
    ),
    field(
      "How the organisation is set up",
      selectInput<Structure>(
        [
          ["informal", "Informal group"],
          ["formally_constituted", "Formally constituted"],
        ],
        org.structure,
        (v) => (org.structure = v),
      ),
      { "data-path": "/organisation/structure" },
      "Formally constituted: a charity, CIC or company with a governing document. Some standards apply only to these.",
    ),
    field(
      "Assessment date",
      dateInput(doc.assessed_on, (v) => (doc.assessed_on = v), { required: true }),
      { "data-path": "/assessed_on" },
      "Evidence counts as current or out of date on this day.",
    ),
    field(
      "Assessment id",
      textInput(doc.id, (v) => (doc.id = v), { required: true, spellcheck: "false", autocapitalize: "none" }),
      { "data-path": "/id" },
      "Names this assessment in files and reports.",
    ),
    field(
      "Stage",
      selectInput(statuses(), doc.status ?? "draft", (v) => (doc.status = v as typeof doc.status)),
      { "data-path": "/status" },
    ),
  );
}

// ---- raters -------------------------------------------------------------------------------

/** Set by main.ts: switches whose ratings this device edits (null: the group's view). */
export const me = {
  use: (_rater: string | null): void => undefined,
};

/** Whose ratings are being edited, in words: "rater r3 (member, lived experience)". */
export function raterWords(rater: Rater): string {
  return `rater ${rater.id} (${rater.role}${rater.lived_experience ? ", lived experience" : ""})`;
}

/** "Rate on your own device": say who you are, or (while rating) who you are rating as. */
export function renderMe(): void {
  const box = byId("me-box");
  const rater = store.doc.raters.find((r) => r.id === store.me);
  if (rater) {
    fill(
      box,
      h("h3", null, `Rating as ${raterWords(rater)}`),
      h("p", null, `Only the ratings of rater ${rater.id} are edited on this device; the other raters' and the agreed ratings are left as they are. When you are done, save your ratings and give the file to your coordinator.`),
      h("div", { class: "toolbar" },
        h("button", { type: "button", id: "save-mine" }, "Save my ratings"),
        h("button", { type: "button", class: "secondary", id: "stop-me", onclick: () => me.use(null) }, `Stop rating as ${rater.id}`),
      ),
    );
    return;
  }
  const id = h("input", { type: "text", id: uid("me-id"), spellcheck: "false", autocapitalize: "none", autocomplete: "off", value: nextId("r", store.doc.raters.map((r) => r.id)) });
  const role = selectInput<RaterRole>(ROLES, "member", () => undefined);
  const lived = h("input", { type: "checkbox", id: uid("me-lived") });
  const problem = h("p", { class: "msg error", id: uid("me-problem"), hidden: true });
  fill(
    box,
    h("h3", null, "Rate on your own device"),
    h("p", { class: "hint" }, "Each person can rate on their own phone or computer, then save their ratings to a file for the coordinator. Use an id such as r3, not your name."),
    h(
      "div",
      { class: "grid" },
      field("Your rater id", id, { "data-me": "id" }, "Letters, digits and dashes; the coordinator tells each person theirs. If the file already lists you, your details there are kept."),
      field("Your role", role, { "data-me": "role" }),
      h("div", { class: "field check", "data-me": "lived" }, lived, h("label", { for: lived.id }, "I have lived experience of recovery")),
    ),
    problem,
    h(
      "button",
      {
        type: "button",
        id: "rate-as",
        onclick: () => {
          const wanted = id.value.trim();
          if (!wanted) {
            fill(problem, icon("✖"), h("strong", null, "Error: "), "Enter your rater id, such as r3.");
            problem.hidden = false;
            id.setAttribute("aria-invalid", "true");
            id.setAttribute("aria-describedby", problem.id);
            id.focus();
            return;
          }
          // A rater already in the file keeps the role recorded there (change it in the list
          // below): nothing in the coordinator's file is replaced without being seen.
          if (!store.doc.raters.some((r) => r.id === wanted)) {
            store.doc.raters.push({ id: wanted, role: role.value as RaterRole, ...(lived.checked ? { lived_experience: true } : {}) });
          }
          me.use(wanted);
        },
      },
      "Rate as this person",
    ),
  );
}

export function renderRaters(): void {
  renderMe();
  const doc = store.doc;
  const list = byId("raters-list");
  if (!doc.raters.length) {
    fill(list, h("p", { class: "empty" }, "No raters: each standard has one rating, agreed together."));
    return;
  }
  fill(
    list,
    h(
      "ul",
      { class: "raters" },
      doc.raters.map((rater, i) => {
        const lived = h("input", {
          type: "checkbox",
          id: uid("lived"),
          checked: rater.lived_experience === true,
          onchange: (event: Event) => {
            if ((event.target as HTMLInputElement).checked) rater.lived_experience = true;
            else delete rater.lived_experience;
            relabelRater(rater);
            edited();
          },
        });
        return h(
          "li",
          { class: "rater", "data-path": `/raters/${i}` },
          h("h3", { class: "rater-name" }, `Rater ${rater.id}`),
          field(
            "Role",
            selectInput<RaterRole>(ROLES, rater.role, (v) => {
              rater.role = v;
              relabelRater(rater);
            }),
            { "data-path": `/raters/${i}/role` },
          ),
          h(
            "div",
            { class: "field check", "data-path": `/raters/${i}/lived_experience` },
            lived,
            h("label", { for: lived.id }, "Has lived experience of recovery"),
          ),
          rater.id === store.me
            ? h("p", { class: "you" }, "You are rating as this rater.")
            : h("button", { type: "button", class: "secondary small", onclick: () => me.use(rater.id) }, `Rate as ${rater.id}`),
          h(
            "button",
            {
              type: "button",
              class: "quiet",
              onclick: () =>
                actions.undoable(
                  `Removed rater ${rater.id} and their ratings.`,
                  () => removeRater(rater.id),
                  "#add-rater",
                ),
            },
            `Remove rater ${rater.id}`,
          ),
        );
      }),
    ),
  );
}

function relabelRater(rater: Rater): void {
  for (const legend of document.querySelectorAll<HTMLElement>(`[data-rater-legend="${CSS.escape(rater.id)}"] [data-legend-text]`)) {
    legend.textContent = rater.id === store.me ? `Your rating, as ${raterWords(rater)}` : raterLegend(rater);
  }
  if (rater.id === store.me) renderMe();
}

/** Brings a standard's agreed rating and justification in its card in line with the document. */
export function syncAgreedCard(standard: string): void {
  const key = CSS.escape(judgeKey(standard, null));
  const value = ratingValue(findJudgement(standard, null)?.rating);
  const radio = document.querySelector<HTMLInputElement>(`[data-judge="${key}"][data-part="rating"] input[value="${CSS.escape(value)}"]`);
  if (radio) radio.checked = true;
  const wrapper = document.querySelector<HTMLElement>(`[data-judge="${key}"][data-part="justification"]`);
  const area = wrapper?.querySelector("textarea");
  if (area && area !== document.activeElement) area.value = findJudgement(standard, null)?.justification ?? "";
  showJustification(wrapper ?? null, standard, null);
}

function raterLegend(rater: Rater): string {
  return `Rater ${rater.id} (${roleLabel(rater.role).toLowerCase()})`;
}

export function addRater(): void {
  const doc = store.doc;
  const id = nextId("r", doc.raters.map((r) => r.id));
  doc.raters.push({ id, role: "member" });
  renderRaters();
  renderStandards();
  edited();
  const rows = byId("raters-list").querySelectorAll("select");
  (rows[rows.length - 1] as HTMLSelectElement | undefined)?.focus();
}

function removeRater(id: string): void {
  const doc = store.doc;
  doc.raters = doc.raters.filter((r) => r.id !== id);
  doc.judgements = doc.judgements.filter((j) => j.rater !== id);
}

// ---- standards ----------------------------------------------------------------------------

/**
 * The standard's title, for screen readers only, after a legend, summary or button that every
 * card repeats: listed by a screen reader's form-field or button list, each then says which
 * standard it belongs to ("Your rating (Peer support offer)").
 */
function ofStandard(std: Standard): HTMLSpanElement {
  // The leading space: Chromium adds one before an out-of-flow element, other browsers do not.
  return h("span", { class: "visually-hidden" }, ` (${std.title})`);
}

export function renderStandards(): void {
  const fw = store.fw;
  const container = byId("standards-list");
  fill(
    container,
    h(
      "nav",
      { class: "jump", "aria-label": "CHIME domains" },
      h(
        "ul",
        null,
        fw.domains.map((domain) =>
          h("li", null, h("a", { href: `#domain-${domain.id}` }, domain.name)),
        ),
      ),
    ),
    fw.domains.map((domain) => {
      const headingId = `domain-${domain.id}-h`;
      const standards = fw.standards.filter((s) => homeDomain(s) === domain.id);
      return h(
        "section",
        { class: "domain", id: `domain-${domain.id}`, "aria-labelledby": headingId },
        h(
          "h3",
          { id: headingId, class: "domain-name" },
          h("span", { class: "code", "aria-hidden": "true" }, domain.code),
          " ",
          domain.name,
        ),
        domain.description ? h("p", { class: "domain-desc" }, domain.description) : null,
        h("p", { class: "domain-result", "data-domain-line": domain.id }),
        standards.length
          ? standards.map(standardCard)
          : h("p", { class: "empty" }, "Standards of other domains count here too; see the results."),
      );
    }),
  );
  updateApplicability(store.paused ? null : store.report);
}

function standardCard(std: Standard): HTMLElement {
  const titleId = uid("std");
  const also = std.domains.slice(1).map((tag) => store.fw.domains.find((d) => d.id === tag.domain)?.name ?? tag.domain);
  const section = std.section ? store.fw.sections?.find((s) => s.id === std.section)?.title : undefined;
  return h(
    "article",
    { class: "std", id: `std-${std.id}`, "data-standard": std.id, "aria-labelledby": titleId },
    h(
      "header",
      { class: "std-head" },
      h("h4", { id: titleId }, std.title),
      h(
        "p",
        { class: "tags" },
        std.core ? h("span", { class: "tag core" }, icon("★"), "Core: must be met for the award") : null,
        std.applies_to === "formally_constituted"
          ? h("span", { class: "tag" }, "Formally constituted organisations only")
          : null,
        section ? h("span", { class: "tag" }, `Section: ${section}`) : null,
      ),
    ),
    h("p", { class: "applies", "data-applies": std.id, hidden: true }),
    h("p", { class: "statement" }, std.statement),
    h(
      "details",
      { class: "guidance" },
      h("summary", null, "Guidance and indicators", ofStandard(std)),
      std.guidance ? h("p", null, std.guidance) : null,
      std.indicators?.length
        ? [h("p", { class: "sub" }, "Signs that it is met:"), h("ul", null, std.indicators.map((i) => h("li", null, i.text)))]
        : null,
      std.typical_evidence?.length
        ? h("p", null, h("span", { class: "sub" }, "Typical evidence: "), std.typical_evidence.map(kindLabel).join(", ").toLowerCase(), ".")
        : null,
      also.length ? h("p", null, h("span", { class: "sub" }, "Also counts for: "), also.join(", "), ".") : null,
    ),
    ratings(std),
    h("div", { class: "std-result", "data-std-result": std.id }),
    evidenceLinks(std),
    notes(std),
  );
}

function ratings(std: Standard): Child {
  const raters = store.doc.raters;
  const mine = raters.find((r) => r.id === store.me);
  if (mine) return [ratingGroup(std, mine, `Your rating, as ${raterWords(mine)}`, true), justification(std, mine.id)];
  if (!raters.length) return [ratingGroup(std, null, "Your rating", true), justification(std, null)];
  return [
    ratingGroup(std, null, "Agreed rating (optional)", true),
    justification(std, null),
    h(
      "div",
      { class: "rater-ratings", "data-standard-raters": std.id },
      h(
        "p",
        { class: "hint" },
        "Each rater's own view. Without an agreed rating, the middle one counts (the lower middle when there are two).",
      ),
      raters.map((rater) => [ratingGroup(std, rater, raterLegend(rater), false), justification(std, rater.id)]),
    ),
  ];
}

export function ratingValue(rating: Rating | undefined): string {
  if (rating === "not_applicable") return "na";
  if (rating === null || rating === undefined) return "";
  return String(rating);
}

function ratingGroup(std: Standard, rater: Rater | null, legend: string, full: boolean): HTMLFieldSetElement {
  const raterId = rater ? rater.id : null;
  const current = ratingValue(findJudgement(std.id, raterId)?.rating);
  const name = `rate:${std.id}:${raterId ?? ""}`;
  const change = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    const rating: Rating = value === "" ? null : value === "na" ? "not_applicable" : Number(value);
    setRating(std.id, raterId, rating);
    const key = CSS.escape(judgeKey(std.id, raterId));
    showJustification(document.querySelector(`[data-judge="${key}"][data-part="justification"]`), std.id, raterId);
    edited();
  };
  // The whole box is the label, for a big target; the descriptor is the radio's description
  // rather than part of its name, so a screen reader says "3 Established" first.
  const option = (value: string, text: Child, detail?: string): HTMLLabelElement => {
    const detailId = detail ? uid("level") : null;
    return h(
      "label",
      { class: "option" },
      h("input", { type: "radio", name, value, checked: current === value, onchange: change, "aria-describedby": detailId }),
      h("span", { class: "option-name" }, text),
      detail ? h("span", { class: "option-desc", id: detailId, "aria-hidden": "true" }, detail) : null,
    );
  };
  return h(
    "fieldset",
    { class: full ? "rating" : "rating compact", "data-judge": judgeKey(std.id, raterId), "data-part": "rating" },
    h("legend", rater ? { "data-rater-legend": rater.id } : null, h("span", { "data-legend-text": "" }, legend), ofStandard(std)),
    h(
      "div",
      { class: "levels", style: `--levels:${levels().length}` },
      levels().map((level) =>
        option(
          String(level.value),
          [h("span", { class: "num" }, String(level.value)), " ", level.label],
          full ? (std.level_descriptors?.[level.value] ?? level.description) : undefined,
        ),
      ),
    ),
    h(
      "div",
      { class: "extra" },
      option("", "Not assessed yet"),
      option("na", "Not applicable to us"),
    ),
  );
}

function justification(std: Standard, rater: string | null): HTMLDivElement {
  const judgement = findJudgement(std.id, rater);
  const area = textArea(judgement?.justification ?? "", (v) => setJudgementText(std.id, rater, "justification", v));
  const wrapper = field(
    h("span", { "data-justification-label": "" }),
    area,
    { "data-judge": judgeKey(std.id, rater), "data-part": "justification", class: "field justification" },
  );
  showJustification(wrapper, std.id, rater);
  return wrapper;
}

/**
 * The justification shows when the standard is marked not applicable (it is needed then), and
 * whenever it holds text, so nothing in the file is out of sight.
 */
function showJustification(wrapper: HTMLElement | null, standard: string, rater: string | null): void {
  if (!wrapper) return;
  const judgement = findJudgement(standard, rater);
  const needed = judgement?.rating === "not_applicable";
  wrapper.hidden = !needed && !judgement?.justification;
  const label = wrapper.querySelector("[data-justification-label]");
  if (label) label.textContent = needed ? "Why does this standard not apply? (needed)" : "Why this rating (optional)";
  const area = wrapper.querySelector("textarea");
  if (area) area.required = needed;
}

/**
 * Standards whose notes section the user has opened: it stays open when the form is rebuilt
 * (after removing an action, or undoing that), so the focus can go back inside it.
 */
const notesOpen = new Set<string>();

const PRIVATE_HINT = "Kept in your assessment file; never copied into the report.";

/** The agreed judgement's free text and planned actions: for the team, never in the report. */
function notes(std: Standard): HTMLElement {
  const judgement = findJudgement(std.id, null);
  const key = judgeKey(std.id, null);
  const narrative = textArea(judgement?.narrative ?? "", (v) => setJudgementText(std.id, null, "narrative", v));
  const strengths = textArea(judgement?.strengths ?? "", (v) => setJudgementText(std.id, null, "strengths", v));
  // Open whenever it holds something, so nothing in the file is out of sight.
  const open = !!(judgement?.narrative || judgement?.strengths || judgement?.actions?.length) || notesOpen.has(std.id);
  return h(
    "details",
    {
      class: "notes",
      open: open || null,
      ontoggle: (event: Event) => {
        if ((event.target as HTMLDetailsElement).open) notesOpen.add(std.id);
        else notesOpen.delete(std.id);
      },
    },
    h("summary", null, "Notes, strengths and actions", ofStandard(std)),
    field(["Notes", ofStandard(std)], narrative, { "data-judge": key, "data-part": "narrative" }, PRIVATE_HINT),
    field(["What is going well", ofStandard(std)], strengths, { "data-judge": key, "data-part": "strengths" }, PRIVATE_HINT),
    actionsBox(std),
  );
}

function addActionId(standard: string): string {
  return `add-action-${standard}`;
}

function actionsBox(std: Standard): HTMLElement {
  const hintId = uid("hint");
  const rows = h("ol", { class: "action-rows", "data-actions-for": std.id });
  fillActions(rows, std);
  return h(
    "fieldset",
    { class: "actions", "data-judge": judgeKey(std.id, null), "data-part": "actions", "aria-describedby": hintId },
    h("legend", null, "Actions", ofStandard(std)),
    h("p", { class: "hint", id: hintId }, "Improvements you plan, each with a date if you have one. Kept in your assessment file; never copied into the report."),
    rows,
    h(
      "button",
      {
        type: "button",
        class: "secondary small",
        id: addActionId(std.id),
        onclick: () => {
          const index = addAction(std.id);
          fillActions(rows, std);
          edited();
          rows.querySelector<HTMLInputElement>(`[data-action="${index}"] input[type=text]`)?.focus();
        },
      },
      "Add an action",
      ofStandard(std),
    ),
  );
}

/** (Re)builds a standard's action rows from the document, numbered as they are stored. */
function fillActions(rows: HTMLElement, std: Standard): void {
  fill(rows, (findJudgement(std.id, null)?.actions ?? []).map((action, i) => actionRow(std, i, action.description, action.due ?? "")));
  rows.hidden = !rows.childElementCount;
}

function actionRow(std: Standard, i: number, description: string, due: string): HTMLLIElement {
  // The numbers are for screen readers: every row's fields and button are otherwise alike.
  const hidden = (text: string): HTMLSpanElement => h("span", { class: "visually-hidden" }, text);
  return h(
    "li",
    { class: "action", "data-action": String(i) },
    field(
      ["Action", hidden(` ${i + 1}`)],
      textInput(description, (v) => setAction(std.id, i, { description: v })),
      { "data-action-part": "description", class: "field action-what" },
    ),
    field(
      ["Due by (optional)", hidden(`, action ${i + 1}`)],
      dateInput(due, (v) => setAction(std.id, i, { due: v })),
      { "data-action-part": "due", class: "field action-due" },
    ),
    h(
      "button",
      {
        type: "button",
        class: "quiet small",
        onclick: () =>
          actions.undoable(
            `Removed action ${i + 1} of “${std.title}”.`,
            () => removeAction(std.id, i),
            `#${CSS.escape(addActionId(std.id))}`,
          ),
      },
      "Remove",
      hidden(` action ${i + 1}`),
    ),
  );
}

function evidenceLinks(std: Standard): HTMLElement {
  return h(
    "fieldset",
    { class: "links", "data-std-evidence": std.id },
    h("legend", null, "Evidence for this standard", ofStandard(std)),
    h("div", { class: "link-list", "data-links-for": std.id }, linkList(std.id)),
    h(
      "button",
      { type: "button", class: "secondary small", onclick: () => addEvidence(std.id) },
      "Add new evidence for this standard",
      ofStandard(std),
    ),
  );
}

function evidenceName(item: Evidence): string {
  return `${item.id}: ${item.title.trim() || "untitled"}`;
}

function linkList(standard: string): Child {
  const items = store.doc.evidence;
  if (!items.length) return h("p", { class: "empty" }, "No evidence items yet.");
  return items.map((item, i) =>
    h(
      "label",
      { class: "check-option" },
      h("input", {
        type: "checkbox",
        "data-link": `${i}|${standard}`,
        checked: isLinked(item, standard),
        onchange: (event: Event) => link(i, standard, (event.target as HTMLInputElement).checked),
      }),
      h("span", { "data-ev-title": String(i) }, evidenceName(item)),
    ),
  );
}

function link(index: number, standard: string, on: boolean): void {
  const item = store.doc.evidence[index];
  if (!item) return;
  setLinked(item, standard, on);
  syncLinks();
  edited();
}

/** Rebuilds each standard's list of evidence items (after items are added or removed). */
function refreshLinks(): void {
  for (const list of document.querySelectorAll<HTMLElement>("[data-links-for]")) {
    fill(list, linkList(list.dataset["linksFor"] ?? ""));
  }
}

/** Ticks every link checkbox, in standards and evidence alike, as the document has it. */
export function syncLinks(): void {
  const items = store.doc.evidence;
  for (const box of document.querySelectorAll<HTMLInputElement>("input[data-link]")) {
    const [index, standard] = (box.dataset["link"] ?? "").split("|");
    const item = items[Number(index)];
    box.checked = !!item && !!standard && isLinked(item, standard);
  }
  items.forEach((item, i) => {
    const count = store.fw.standards.filter((s) => isLinked(item, s.id)).length;
    const summary = document.querySelector(`[data-supports-count="${i}"]`);
    if (summary) summary.textContent = `Standards this supports: ${count} ticked`;
  });
}

/**
 * Shows "does not apply" on the standards the engine's live report says do not apply to the
 * organisation as it is set up. Without a live report (while errors stop scoring) the page
 * does not guess: it says the question waits for the next score.
 */
export function updateApplicability(report: Report | null): void {
  const results = new Map((report?.standards ?? []).map((s) => [s.standard, s]));
  for (const std of store.fw.standards) {
    const note = document.querySelector<HTMLElement>(`[data-applies="${CSS.escape(std.id)}"]`);
    const card = document.getElementById(`std-${std.id}`);
    if (!note || !card) continue;
    const off = results.get(std.id)?.applies === false;
    card.classList.toggle("off", off);
    note.hidden = !off;
    fill(note, icon("⊘"), "Does not apply to your organisation as it is set up now: it is not scored, and you can skip it.");
  }
  const status = document.getElementById("applies-status");
  if (status) {
    status.hidden = report !== null;
    status.textContent = "Which standards apply to your organisation is shown again once the problems that stop scoring are fixed.";
  }
}

// ---- evidence -----------------------------------------------------------------------------

export function renderEvidence(): void {
  const items = store.doc.evidence;
  fill(
    byId("evidence-list"),
    items.length
      ? items.map(evidenceCard)
      : h("p", { class: "empty" }, "No evidence yet. Add an item for each document, record, survey or story you can show."),
  );
}

function sourceOptions(): [Source, string][] {
  const w = store.fw.scoring.evidence.source_weights;
  const pts = (n: number): string => `${num(n)} ${plural(n, "point", "points")}`;
  return [
    ["self", `Own organisation: ${pts(w.self)}`],
    ["peer", `Peer: ${pts(w.peer)}`],
    ["external", `External: ${pts(w.external)}`],
  ];
}

function evidenceCard(item: Evidence, i: number): HTMLElement {
  const base = `/evidence/${i}`;
  const headingId = uid("ev");
  const heading = h("span", { "data-ev-heading": String(i) }, `Evidence ${evidenceName(item)}`);
  const consentInput = dateInput(item.consent?.recorded_on ?? "", (v) => {
    if (v) item.consent = { recorded_on: v };
    else delete item.consent;
  });
  const consentLabel = h("span", null);
  const consentHint = h("span", null);
  const consent = field(consentLabel, consentInput, { "data-path": `${base}/consent/recorded_on`, class: "field wide" }, consentHint);
  const updateConsent = (): void => {
    const testimony = item.kind === "testimony";
    consent.hidden = !(testimony || item.sensitivity === "personal" || item.consent);
    consentInput.required = testimony;
    consentLabel.textContent = testimony ? "Consent recorded on (required for testimony)" : "Consent recorded on";
    consentHint.textContent = testimony
      ? "Testimony is someone's own story of recovery. It is used only with their consent: enter the date they gave it. Without it the assessment cannot be scored."
      : "This item is about a person: enter the date they gave consent for it to be used.";
  };
  updateConsent();
  const aboutId = uid("about");
  const source = selectInput<Source>(sourceOptions(), item.source, (v) => (item.source = v));
  const sensitivity = selectInput<Sensitivity>(SENSITIVITIES, item.sensitivity, (v) => {
    item.sensitivity = v;
    updateConsent();
  });
  source.setAttribute("aria-describedby", aboutId);
  sensitivity.setAttribute("aria-describedby", aboutId);
  const title = textInput(item.title, (v) => {
    item.title = v;
    heading.textContent = `Evidence ${evidenceName(item)}`;
    for (const span of document.querySelectorAll(`[data-ev-title="${i}"]`)) span.textContent = evidenceName(item);
  });
  return h(
    "section",
    { class: "ev", id: `ev-${i}`, "data-path": base, "aria-labelledby": headingId },
    h("h3", { id: headingId }, heading),
    h(
      "div",
      { class: "grid" },
      field("Title", title, { "data-path": `${base}/title`, class: "field wide" }, "A short description. Kept in your file; never copied into the report."),
      field(
        "Kind",
        selectInput<EvidenceKind>(KINDS, item.kind, (v) => {
          item.kind = v;
          updateConsent();
        }),
        { "data-path": `${base}/kind` },
      ),
      field("Source", source, { "data-path": `${base}/source` }),
      field("Sensitivity", sensitivity, { "data-path": `${base}/sensitivity` }),
      h(
        "p",
        { class: "hint wide", id: aboutId },
        "Source: a peer is another LERO or a peer reviewer, external is a commissioner, funder or evaluator; both are independent. Sensitivity: personal means about someone who could be recognised.",
      ),
      field("Collected on", dateInput(item.collected, (v) => (item.collected = v), { required: true }), { "data-path": `${base}/collected` }),
      field(
        "Expires on (optional)",
        dateInput(item.expires ?? "", (v) => {
          if (v) item.expires = v;
          else delete item.expires;
        }),
        { "data-path": `${base}/expires` },
      ),
      consent,
      field(
        "Where it is kept (optional)",
        textInput(item.uri ?? "", (v) => {
          if (v) item.uri = v;
          else delete item.uri;
        }),
        { "data-path": `${base}/uri`, class: "field wide" },
      ),
    ),
    supports(item, i),
    h(
      "button",
      {
        type: "button",
        class: "quiet",
        onclick: () =>
          actions.undoable(`Removed evidence ${item.id}.`, () => removeEvidence(i), "#add-evidence"),
      },
      `Remove evidence ${item.id}`,
    ),
  );
}

function supports(item: Evidence, i: number): HTMLElement {
  const fw = store.fw;
  const count = fw.standards.filter((s) => isLinked(item, s.id)).length;
  return h(
    "div",
    { class: "supports", "data-path": `/evidence/${i}/standards` },
    h(
      "details",
      { open: count === 0 ? true : null },
      h("summary", { "data-supports-count": String(i) }, `Standards this supports: ${count} ticked`),
      h(
        "fieldset",
        null,
        h("legend", { class: "visually-hidden" }, `Standards evidence ${item.id} supports`),
        fw.domains.map((domain) => {
          const standards = fw.standards.filter((s) => homeDomain(s) === domain.id);
          if (!standards.length) return null;
          return h(
            "div",
            { class: "supports-group" },
            h("p", { class: "sub" }, domain.name),
            standards.map((std) =>
              h(
                "label",
                { class: "check-option" },
                h("input", {
                  type: "checkbox",
                  "data-link": `${i}|${std.id}`,
                  checked: isLinked(item, std.id),
                  onchange: (event: Event) => link(i, std.id, (event.target as HTMLInputElement).checked),
                }),
                h("span", null, std.title),
              ),
            ),
          );
        }),
      ),
    ),
  );
}

export function addEvidence(standard?: string): void {
  const doc = store.doc;
  const id = nextId("e", doc.evidence.map((e) => e.id));
  doc.evidence.push({
    id,
    kind: "document",
    title: "",
    source: "self",
    collected: doc.assessed_on || today(),
    standards: standard ? [standard] : [],
    sensitivity: "internal",
  });
  renderEvidence();
  refreshLinks();
  edited();
  const card = document.getElementById(`ev-${doc.evidence.length - 1}`);
  const input = card?.querySelector("input");
  card?.scrollIntoView({ block: "start" });
  input?.focus();
}

function removeEvidence(index: number): void {
  const doc = store.doc;
  const [item] = doc.evidence.splice(index, 1);
  if (!item) return;
  for (const judgement of doc.judgements) {
    if (!judgement.evidence) continue;
    judgement.evidence = judgement.evidence.filter((id) => id !== item.id);
    if (!judgement.evidence.length) delete judgement.evidence;
  }
}

/** Builds the whole form from the framework and the document. */
export function renderForm(): void {
  renderOrganisation();
  renderRaters();
  renderStandards();
  renderEvidence();
  syncLinks();
}
