/**
 * Fluent 2 for the web (@fluentui/web-components v3, bundled by webpack, nothing from a CDN) and the Office theme.
 *
 * Used: fluent-button (every button), fluent-message-bar (the status line), fluent-tablist/fluent-tab (the views),
 * fluent-dropdown with fluent-listbox/fluent-option (the region, year, entity type, rule filter, what-if weight and
 * month, and language pickers) and fluent-dialog (the replace/insert confirmation and help).
 *
 * v3 gives listbox, option and the dropdown's host their role and state only through ElementInternals. Chromium's
 * accessibility tree reads ElementInternals, axe-core does not; so the elements below are Fluent's own classes with a
 * small subclass that writes the same role and state as host attributes too (role="listbox", role="option" with
 * aria-selected kept equal to the option's `selected`), and labels the dropdown's light-DOM combobox button with
 * the field's label (Fluent binds aria-labelledby only for its text-input combobox). The tab and tablist need no help:
 * their templates put role on the host and the tablist writes aria-selected itself. fluent-dialog's inner <dialog>
 * lives in a shadow root, so its name is given with aria-label (an id reference cannot cross the shadow boundary).
 *
 * Still native, on purpose: the mapping editor's sheet and column pickers (<select>; the column pickers have
 * <optgroup>s, which fluent-listbox does not have, and there are dozens of them in one long list).
 *
 * The theme: Office.context.officeTheme (body/control colours of the Office theme: white, colourful, dark grey,
 * black) → Fluent's light or dark token set plus the pane's own CSS variables, so the pane looks like Office's.
 * Excel has no theme-change event (OfficeThemeChanged is Outlook-only), so followOfficeTheme reads the theme again
 * whenever the pane gets the focus back or becomes visible.
 */
import {
  Button,
  ButtonDefinition,
  Dialog,
  DialogBody,
  DialogBodyDefinition,
  DialogDefinition,
  Dropdown,
  DropdownDefinition,
  DropdownOption,
  DropdownOptionDefinition,
  Listbox,
  ListboxDefinition,
  MessageBar,
  MessageBarDefinition,
  Tab,
  TabDefinition,
  Tablist,
  TablistDefinition,
  setTheme,
} from "@fluentui/web-components";
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import { Updates } from "@microsoft/fast-element";

/**
 * fluent-dropdown whose combobox button (Fluent renders it in the light DOM) is named by the field's label: the host
 * carries `data-labelledby`, the button gets it as aria-labelledby whenever Fluent (re)creates it.
 */
export class PaneDropdown extends Dropdown {
  /** Inert while a run goes (the pane sets `disabled-focusable`, as on its buttons): focusable, does nothing. */
  get busy(): boolean {
    return this.hasAttribute("disabled-focusable");
  }

  override controlChanged(prev: HTMLInputElement | undefined, next: HTMLInputElement | undefined): void {
    super.controlChanged(prev, next);
    const by = this.getAttribute("data-labelledby");
    if (next && by) next.setAttribute("aria-labelledby", by);
    if (next && this.busy) next.setAttribute("aria-disabled", "true");
    // Fluent binds aria-expanded to `open`, which is unset until the list first opens: a combobox must say it is closed.
    if (next && !next.hasAttribute("aria-expanded")) next.setAttribute("aria-expanded", "false");
  }

  override clickHandler(e: PointerEvent): boolean | void {
    if (this.busy) return true;
    return super.clickHandler(e);
  }

  override keydownHandler(e: KeyboardEvent): boolean | void {
    if (this.busy) {
      // Keys that would open the list or change the choice do nothing; Tab and the rest keep their default.
      if (["Enter", " ", "ArrowUp", "ArrowDown"].includes(e.key)) {
        e.preventDefault();
        return;
      }
      return true;
    }
    // Enter on the closed drop-down opens its list. Fluent leaves Enter's default alone there, so the button's own
    // click (Enter on a button clicks it) would toggle the list shut again at once: the default is prevented.
    if (e.key === "Enter" && !this.open) {
      super.keydownHandler(e);
      e.preventDefault();
      return;
    }
    return super.keydownHandler(e);
  }

  /**
   * Fluent adds the combobox button a frame after the drop-down is connected (Updates.enqueue, a requestAnimationFrame):
   * the pane re-renders its inputs and gives the focus back at once, so for that frame the focus sat on <body>. The
   * button is inserted now instead; the queued insertion then finds a control of the right kind in place and keeps it
   * (insertControl is Fluent's documented extension point for the control).
   */
  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.control) this.insertControl();
  }

  override insertControl(): void {
    const control = this.control;
    const wanted = this.type === "combobox" ? "INPUT" : "BUTTON";
    if (control && control.parentElement === this && control.tagName === wanted) return;
    super.insertControl();
  }

  /** Focus goes to the combobox button (added on connection, see connectedCallback; queued if it is not there yet). */
  override focus(options?: FocusOptions): void {
    if (this.control) super.focus(options);
    else Updates.enqueue(() => this.control?.focus(options));
  }
}

/** fluent-listbox with its role (and name, from the field's label) as host attributes, where axe-core reads them. */
export class PaneListbox extends Listbox {
  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("role", "listbox");
    const by = this.closest("[data-labelledby]")?.getAttribute("data-labelledby");
    if (by) this.setAttribute("aria-labelledby", by);
  }
}

/** fluent-option with role="option" and aria-selected on the host, always equal to its `selected` state. */
export class PaneOption extends DropdownOption {
  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("role", "option");
    this.setAttribute("aria-selected", this.selected ? "true" : "false");
  }
  override get selected(): boolean {
    return super.selected;
  }
  override set selected(next: boolean) {
    super.selected = next;
    // Not while constructing (a custom element may not add attributes then): connectedCallback writes it.
    if (this.isConnected) this.setAttribute("aria-selected", next ? "true" : "false");
  }
}

let defined = false;

/** Registers the Fluent elements the pane uses (once). */
export function defineFluent(): void {
  if (defined || typeof customElements === "undefined") return;
  defined = true;
  const define = (name: string, run: () => void) => {
    if (!customElements.get(name)) run();
  };
  define(ButtonDefinition.name, () => Button.define(ButtonDefinition));
  define(MessageBarDefinition.name, () => MessageBar.define(MessageBarDefinition));
  define(TabDefinition.name, () => Tab.define(TabDefinition));
  define(TablistDefinition.name, () => Tablist.define(TablistDefinition));
  define(DropdownOptionDefinition.name, () => PaneOption.define(DropdownOptionDefinition));
  define(ListboxDefinition.name, () => PaneListbox.define(ListboxDefinition));
  define(DropdownDefinition.name, () => PaneDropdown.define(DropdownDefinition));
  define(DialogDefinition.name, () => Dialog.define(DialogDefinition));
  define(DialogBodyDefinition.name, () => DialogBody.define(DialogBodyDefinition));
}

export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
}

/** Relative luminance of "#rrggbb" (0 black … 1 white), or null when it is not a colour. */
export function luminance(colour: string | undefined): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec((colour ?? "").trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** "light" or "dark" for an Office theme (no theme: light). */
export function themeKind(theme: OfficeThemeLike | null | undefined): "light" | "dark" {
  const l = luminance(theme?.bodyBackgroundColor);
  return l !== null && l < 0.2 ? "dark" : "light";
}

/** Applies an Office theme: Fluent tokens, and the pane's variables where Office gives a colour. */
export function applyOfficeTheme(theme: OfficeThemeLike | null | undefined, root: HTMLElement = document.documentElement): void {
  const kind = themeKind(theme);
  setTheme(kind === "dark" ? webDarkTheme : webLightTheme);
  root.dataset.theme = kind;
  const set = (name: string, colour: string | undefined) => {
    if (colour && /^#?[0-9a-f]{6}$/i.test(colour.trim())) root.style.setProperty(name, colour.startsWith("#") ? colour : `#${colour}`);
    else root.style.removeProperty(name);
  };
  set("--bg", theme?.bodyBackgroundColor);
  set("--fg", theme?.bodyForegroundColor);
  set("--control-bg", theme?.controlBackgroundColor);
  set("--control-fg", theme?.controlForegroundColor);
}

/** The host's current theme (Office.context.officeTheme), or null outside Office. */
export type ThemeSource = () => OfficeThemeLike | null | undefined;

/**
 * Applies the Office theme now and again whenever the pane regains the focus or becomes visible: Excel has no
 * theme-change event (OfficeThemeChanged is Mailbox-only), and a theme switched while the pane was open shows up in
 * Office.context.officeTheme on the next read. Re-applied only when the colours changed. Returns a stop function.
 */
export function followOfficeTheme(read: ThemeSource, win: Window = window, root: HTMLElement = win.document.documentElement): () => void {
  let shown = "";
  const refresh = () => {
    let theme: OfficeThemeLike | null | undefined = null;
    try {
      theme = read();
    } catch {
      theme = null;
    }
    const key = JSON.stringify(theme ?? null);
    if (key === shown) return;
    shown = key;
    applyOfficeTheme(theme, root);
  };
  refresh();
  const onVisible = () => {
    if (win.document.visibilityState === "visible") refresh();
  };
  win.addEventListener("focus", refresh);
  win.document.addEventListener("visibilitychange", onVisible);
  return () => {
    win.removeEventListener("focus", refresh);
    win.document.removeEventListener("visibilitychange", onVisible);
  };
}
