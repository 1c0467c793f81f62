/**
 * The composition chooser: version profile, raw allocator, object domain, free lists,
 * collector and thresholds. Choosing a profile sets every slot to the profile's; the other
 * controls then override one slot each.
 *
 * @module
 */
import {
  COLLECTORS,
  type Composition,
  compositionOf,
  describeComposition,
  OBJECT_DOMAINS,
  profileNames,
  RAW_ALLOCATORS,
} from "../engine/composition";
import { el } from "./selection";

let formCount = 0;

/** A labelled form for one composition. */
export class CompositionForm {
  /** The form's root element. */
  readonly element = el("fieldset", "composition");
  private readonly profile = el("select");
  private readonly raw = el("select");
  private readonly domain = el("select");
  private readonly freeLists = el("input");
  private readonly gc = el("select");
  private readonly thresholds = [el("input"), el("input"), el("input")];
  private readonly summary = el("p", "composition-summary");
  private value: Composition;

  constructor(
    label: string,
    initial: Composition,
    private readonly onChange: (c: Composition) => void,
  ) {
    const n = ++formCount;
    this.value = initial;
    this.element.append(el("legend", "", label));
    const field = (text: string, control: HTMLElement, name: string): void => {
      const id = `composition-${n}-${name}`;
      control.id = id;
      const wrapper = el("div", "field");
      const l = el("label", "", text);
      l.htmlFor = id;
      wrapper.append(l, control);
      this.element.append(wrapper);
    };
    const options = (select: HTMLSelectElement, values: readonly string[]): void => {
      select.replaceChildren(...values.map((v) => Object.assign(el("option", "", v), { value: v })));
    };
    options(this.profile, profileNames());
    options(this.raw, RAW_ALLOCATORS);
    options(this.domain, OBJECT_DOMAINS);
    options(this.gc, COLLECTORS);
    this.freeLists.type = "checkbox";
    field("Version profile", this.profile, "profile");
    field("Raw allocator", this.raw, "raw");
    field("Object domain", this.domain, "domain");
    field("Free lists", this.freeLists, "free-lists");
    field("Collector", this.gc, "gc");
    this.thresholds.forEach((input, g) => {
      input.type = "number";
      input.min = "0";
      input.max = "1000000";
      field(`Threshold ${g}`, input, `threshold-${g}`);
    });
    this.summary.setAttribute("aria-live", "polite");
    this.element.append(this.summary);
    this.profile.addEventListener("change", () => this.set(compositionOf(this.profile.value), true));
    for (const control of [this.raw, this.domain, this.freeLists, this.gc, ...this.thresholds]) {
      control.addEventListener("change", () => this.set(this.read(), true));
    }
    this.set(initial, false);
  }

  /** The composition shown. */
  get composition(): Composition {
    return this.value;
  }

  /** Shows `c`; tells the owner when `notify`. */
  set(c: Composition, notify: boolean): void {
    this.value = c;
    this.profile.value = c.profile;
    this.raw.value = c.raw;
    this.domain.value = c.objectDomain;
    this.freeLists.checked = c.freeLists;
    this.gc.value = c.gc;
    this.thresholds.forEach((input, g) => {
      input.value = String(c.thresholds[g]);
      input.disabled = c.gc === "none" || (c.gc === "mark-sweep" && g > 0);
    });
    this.summary.textContent = describeComposition(c);
    if (notify) this.onChange(c);
  }

  private read(): Composition {
    const t = this.thresholds.map((input, g) => {
      const v = Math.round(Number(input.value));
      return Number.isFinite(v) && v >= 0 ? Math.min(v, 1_000_000) : this.value.thresholds[g]!;
    }) as [number, number, number];
    return {
      profile: this.profile.value,
      raw: this.raw.value as Composition["raw"],
      objectDomain: this.domain.value as Composition["objectDomain"],
      freeLists: this.freeLists.checked,
      gc: this.gc.value as Composition["gc"],
      thresholds: t,
    };
  }
}
