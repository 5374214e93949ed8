/**
 * The task pane's entry point (dist/taskpane.html loads it after Office.js). In the shared runtime the same page also
 * hosts the LEVY.* custom functions (functions.js). Outside Excel it says so and does nothing else.
 */
import { todayInChina } from "../core/dates";
import { analyseWorkbook } from "../validation/analyse";
import { inlineAnalyser, workerAnalyser, type WorkerLike } from "./analyser";
import { createOfficeGateway, officeHostFromGlobals } from "./excel-gateway";
import { TEXT, languageFromDisplay } from "./i18n";
import { PaneController } from "./pane";
import { defineFluent, followOfficeTheme, type OfficeThemeLike } from "./fluent";
import { mountPane } from "./ui";
import { registerYoyView } from "./yoy-view";

function appRoot(): HTMLElement {
  const existing = document.getElementById("app");
  if (existing) return existing;
  const root = document.createElement("div");
  root.id = "app";
  document.body.appendChild(root);
  return root;
}

function message(root: HTMLElement, text: string): void {
  const p = document.createElement("p");
  p.className = "empty";
  p.setAttribute("role", "status");
  p.textContent = text;
  root.replaceChildren(p);
}

function createWorker(): WorkerLike {
  // webpack 5 turns this into a separate worker bundle (the URL is resolved at build time).
  // @ts-expect-error import.meta is not allowed by tsconfig's CommonJS module setting; webpack (ES modules) handles it.
  return new Worker(new URL("./analysis.worker.ts", import.meta.url)) as unknown as WorkerLike;
}

function startInExcel(root: HTMLElement): void {
  defineFluent();
  // Read again when the pane regains the focus or becomes visible (Excel has no theme-change event).
  followOfficeTheme(() => (Office.context as unknown as { officeTheme?: OfficeThemeLike }).officeTheme ?? null);
  const officeLanguage = languageFromDisplay(Office.context.displayLanguage);
  // The gateway asks the pane before replacing one of the add-in's sheets; the pane exists once the gateway does.
  let controller: PaneController | null = null;
  const gateway = createOfficeGateway(officeHostFromGlobals(), {
    confirmReplace: (sheet) => (controller ? controller.confirmReplace(sheet) : Promise.resolve(false)),
  });
  const analyser = workerAnalyser(createWorker, inlineAnalyser(analyseWorkbook));
  controller = new PaneController({ gateway, analyser, officeLanguage });
  registerYoyView();
  mountPane(root, controller, todayInChina());
  void controller.start();
}

function start(): void {
  const root = appRoot();
  const outside = `${TEXT.openInExcel.zh} ${TEXT.openInExcel.en}`;
  if (typeof Office === "undefined") {
    // Opened outside Office (or Office.js could not be loaded from the CDN).
    message(root, outside);
    return;
  }
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) startInExcel(root);
    else message(root, outside);
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
