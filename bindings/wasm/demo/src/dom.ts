// A few DOM helpers. Text is always set as text (never as HTML): titles and names come from
// files the user opens, and must not be able to inject markup.

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

/** Creates an element: `h("p", { class: "hint" }, "text", child)`. `on*` attributes listen. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "style") {
      // Through the CSSOM: the Content-Security-Policy (style-src 'self') refuses style attributes.
      element.style.cssText = String(value);
    } else if (name === "value" || name === "checked") {
      (element as unknown as Record<string, unknown>)[name] = value;
      if (name === "checked") element.setAttribute("checked", "");
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.textContent = "";
  append(parent, children);
}

let counter = 0;
/** A fresh id for label/for and aria-describedby pairs. */
export function uid(prefix = "f"): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** Icon characters are decoration; the words beside them carry the meaning. */
export function icon(symbol: string): HTMLSpanElement {
  return h("span", { class: "icon", "aria-hidden": "true" }, symbol);
}

/** "one", "two", ... for counts said in a sentence. */
export function countWord(n: number): string {
  const words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  return Number.isInteger(n) && n >= 0 && n < words.length ? (words[n] as string) : String(n);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** A number as written in a report: at most three decimals, no trailing zeros. */
export function num(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** Saves text as a file through the browser's download. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A safe file name from an id: `willow-lane-2025` + `.json`. */
export function fileName(id: string, suffix: string): string {
  return `${id.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "") || "assessment"}${suffix}`;
}

/** Makes an element a drop zone for files from the user's file manager (it shows `.over` meanwhile). */
export function dropZone<T extends HTMLElement>(zone: T, take: (files: File[]) => void): T {
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length) take(files);
  });
  return zone;
}
