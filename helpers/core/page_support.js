// The browser side of helpers.core.page_support.PageSupport, shown once per notebook by
// helpers.setup(). Two jobs for the whole page:
//
// 1. A banner when the kernel stops answering (it died or restarted, or the page lost its
//    connection), so sliders that silently do nothing are explained. Every few seconds the page
//    asks the kernel "still there?"; after LOST_AFTER_MS without an answer the banner shows, and
//    it hides again once answers resume.
// 2. Accessibility that ipywidgets and plotly leave out: every slider handle gets an accessible
//    name from its label (prefixed "Weight of: " or "Score of: " for sliders marked with the
//    classes pto-weight / pto-score), a toggle button says whether it is pressed, a row of
//    toggle buttons is a radio group (one Tab stop, arrow keys), and chart toolbars leave the
//    Tab order (their buttons stay usable with the mouse).
const EVERY_MS = 3000;
const LOST_AFTER_MS = 20000; // generous: a busy kernel (running all cells) answers late
const PREFIXES = { "pto-weight": "Weight of: ", "pto-score": "Score of: " };

function sliderName(root) {
  const label = root.querySelector(".widget-label");
  let name = (label && label.textContent.trim()) || root.getAttribute("title") || "slider";
  for (const [cls, prefix] of Object.entries(PREFIXES)) {
    if (root.classList.contains(cls)) name = prefix + name;
  }
  return name;
}

function improve(scope) {
  for (const root of scope.querySelectorAll(".widget-slider, .widget-hslider")) {
    const name = sliderName(root);
    for (const handle of root.querySelectorAll('[role="slider"]')) {
      if (handle.getAttribute("aria-label") !== name) handle.setAttribute("aria-label", name);
      const shown = root.querySelector(".widget-readout");
      const text = shown && (shown.value || shown.textContent || "").trim();
      if (text && handle.getAttribute("aria-valuetext") !== text) {
        handle.setAttribute("aria-valuetext", text);
      }
    }
  }
  for (const button of scope.querySelectorAll(".widget-toggle-button")) {
    const pressed = button.classList.contains("mod-active") ? "true" : "false";
    if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
  }
  for (const group of scope.querySelectorAll(".widget-toggle-buttons")) radioGroup(group);
  for (const area of scope.querySelectorAll(".pto-feedback")) {
    if (area.getAttribute("aria-live") !== "polite") {
      area.setAttribute("role", "status");
      area.setAttribute("aria-live", "polite");
    }
  }
  for (const link of scope.querySelectorAll(".modebar a, .modebar button")) {
    if (link.getAttribute("tabindex") !== "-1") link.setAttribute("tabindex", "-1");
  }
}

// A row of toggle buttons (one choice among several) behaves as a radio group: one Tab stop
// (the chosen button), arrow keys move the choice, and each button says whether it is chosen.
function radioGroup(group) {
  const buttons = [...group.querySelectorAll("button")];
  if (!buttons.length) return;
  if (group.getAttribute("role") !== "radiogroup") {
    group.setAttribute("role", "radiogroup");
    const label = group.querySelector(".widget-label");
    if (label && label.textContent.trim()) group.setAttribute("aria-label", label.textContent.trim());
    group.addEventListener("keydown", (event) => {
      const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
      if (!(event.key in keys)) return;
      const all = [...group.querySelectorAll("button")];
      const at = all.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      const next = all[(at + keys[event.key] + all.length) % all.length];
      next.click();
      next.focus();
    });
  }
  const chosen = buttons.find((b) => b.classList.contains("mod-active")) || buttons[0];
  for (const button of buttons) {
    const checked = button === chosen ? "true" : "false";
    if (button.getAttribute("role") !== "radio") button.setAttribute("role", "radio");
    if (button.hasAttribute("aria-pressed")) button.removeAttribute("aria-pressed");
    if (button.getAttribute("aria-checked") !== checked) button.setAttribute("aria-checked", checked);
    const stop = button === chosen ? "0" : "-1";
    if (button.getAttribute("tabindex") !== stop) button.setAttribute("tabindex", stop);
  }
}

// Exercise boxes: long check-box labels wrap instead of ending in "...", buttons fit their text.
const EXERCISE_CSS = `
.pto-exercise .widget-checkbox { width: auto; height: auto; }
.pto-exercise .widget-checkbox .widget-label-basic, .pto-exercise .widget-radio-box label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.4;
}
.pto-exercise .widget-button, .pto-exercise .jupyter-button { width: auto; min-width: 90px; }
`;

function addStyles() {
  if (document.getElementById("pto-styles")) return;
  const style = document.createElement("style");
  style.id = "pto-styles";
  style.textContent = EXERCISE_CSS;
  document.head.appendChild(style);
}

function watchAccessibility() {
  if (globalThis.__ptoAccessibility) return;
  globalThis.__ptoAccessibility = true;
  addStyles();
  let queued = false;
  const run = () => {
    queued = false;
    improve(document);
  };
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(run);
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true,
                              attributeFilter: ["class", "aria-valuenow", "aria-pressed"] });
  run();
}

function render({ model, el }) {
  el.classList.add("pto-page-support");
  const banner = document.createElement("div");
  banner.setAttribute("role", "alert");
  banner.className = "pto-connection-banner";
  banner.hidden = true;
  banner.style.cssText =
    "position:fixed;top:0;left:0;right:0;z-index:10000;border-bottom:4px solid #D55E00;" +
    "background:#fdf0e9;color:#1a1a1a;padding:10px 16px;font-size:16px;text-align:center";
  banner.textContent = model.get("message");
  el.replaceChildren(banner);
  watchAccessibility();

  let asked = 0;
  let lastAnswer = Date.now();
  const onMessage = (content) => {
    if (content && content.pong !== undefined) {
      lastAnswer = Date.now();
      banner.hidden = true;
      el.dataset.connection = "ok";
    }
  };
  model.on("msg:custom", onMessage);
  el.dataset.connection = "ok";
  const timer = setInterval(() => {
    if (!el.isConnected) return;
    try {
      model.send({ ping: ++asked });
    } catch (error) {
      lastAnswer = 0; // the comm is closed: the kernel is gone
    }
    if (Date.now() - lastAnswer > LOST_AFTER_MS) {
      banner.hidden = false;
      el.dataset.connection = "lost";
    }
  }, EVERY_MS);
  return () => {
    clearInterval(timer);
    model.off("msg:custom", onMessage);
  };
}

export default { render };
