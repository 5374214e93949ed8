/**
 * Fluent 2 for the web (@fluentui/web-components v3, bundled by webpack, nothing from a CDN) and the Office theme.
 *
 * Used: fluent-button (every button) and fluent-message-bar (the status line). Tabs, drop-downs and dialogs stay
 * native elements styled with the same Fluent 2 tokens: v3's tablist, dropdown and dialog carry their role and state
 * only in ElementInternals (no role/aria-selected attributes), which axe-core cannot read and which the ARIA tabs
 * pattern, <select> form values and the tests rely on.
 *
 * The theme: Office.context.officeTheme (body/control colours of the Office theme: white, colourful, dark grey,
 * black) → Fluent's light or dark token set plus the pane's own CSS variables, so the pane looks like Office's.
 */
import { Button, ButtonDefinition, MessageBar, MessageBarDefinition, setTheme } from "@fluentui/web-components";
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";

let defined = false;

/** Registers the Fluent elements the pane uses (once). */
export function defineFluent(): void {
  if (defined || typeof customElements === "undefined") return;
  defined = true;
  if (!customElements.get(ButtonDefinition.name)) Button.define(ButtonDefinition);
  if (!customElements.get(MessageBarDefinition.name)) MessageBar.define(MessageBarDefinition);
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
