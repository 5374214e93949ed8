/* Placeholder task pane: shows the add-in's title and whether Office is ready. The real views replace renderPane.
 * In the shared runtime this page also hosts the LEVY.* custom functions (functions.js is loaded by the same page). */

export const TITLE = "残保金助手 / Levy Assistant";

export function renderPane(root: HTMLElement, status: string): void {
  const heading = document.createElement("h1");
  heading.textContent = TITLE;
  const line = document.createElement("p");
  line.id = "status";
  line.textContent = status;
  root.replaceChildren(heading, line);
}

function appRoot(): HTMLElement {
  const existing = document.getElementById("app");
  if (existing) return existing;
  const root = document.createElement("div");
  root.id = "app";
  document.body.appendChild(root);
  return root;
}

function start(): void {
  const root = appRoot();
  renderPane(root, "正在加载… Loading…");
  if (typeof Office === "undefined") {
    // Opened outside Office (or Office.js could not be loaded from the CDN).
    renderPane(root, "请在 Excel 中打开。 Open this add-in in Excel.");
    return;
  }
  Office.onReady((info) => {
    renderPane(
      root,
      info.host === Office.HostType.Excel
        ? "在单元格中输入 =LEVY. 使用函数。 Type =LEVY. in a cell to use the functions."
        : "请在 Excel 中打开。 Open this add-in in Excel.",
    );
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
