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
// 3. Tooltips for the keyboard and screen readers: ipywidgets puts a control's explanation in a
//    `title` (shown only on mouse hover). Each focusable control gets that text as its
//    accessible description (aria-describedby, so it is announced) and, when focused from the
//    keyboard, as a visible tip beside it (WCAG 1.4.13: Esc hides it without moving focus, the
//    pointer can move onto it, it stays until focus leaves). A slider whose label is cut short
//    shows the whole label in its tip.
//    (Slider labels wrap onto two lines rather than being cut short, see EXERCISE_CSS.)
// 4. A focus ring that is always visible: 3 px #0072B2 (5:1 on white) around whatever has
//    keyboard focus in the package's output.
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
  describeControls(scope);
}

// ---- 3. tooltips reachable by keyboard --------------------------------------------------------
const FOCUSABLE = '[role="slider"], input, textarea, select, button, [contenteditable="true"]';
let tipCount = 0;

function tipBox() {
  let box = document.getElementById("pto-tips");
  if (!box) {
    box = document.createElement("div");
    box.id = "pto-tips";
    document.body.appendChild(box);
  }
  return box;
}

// The controls a `title` explains: the element itself when it can take focus (a button),
// otherwise the focusable parts of the widget whose description label carries it (a slider's
// handle, a text box, a check box) that have no title of their own.
function explained(holder) {
  if (holder.matches(FOCUSABLE)) return [holder];
  if (!holder.classList.contains("widget-label")) return [];
  const root = holder.parentElement;
  if (!root) return [];
  return [...root.querySelectorAll(FOCUSABLE)].filter((el) => !el.hasAttribute("title"));
}

function tipText(holder, target) {
  const tip = (holder.getAttribute("title") || "").trim();
  const name = (target.getAttribute("aria-label") || target.textContent || "").trim();
  if (!tip || tip === name || name.endsWith(": " + tip)) return null;
  // a description label cut short ("Fear of alienat...") is shown whole in the tip
  if (holder.classList.contains("widget-label") && holder.scrollWidth > holder.clientWidth + 1) {
    return { label: holder.textContent.trim(), tip };
  }
  return { label: "", tip };
}

function describeControls(scope) {
  const holders = scope.querySelectorAll(
    ".jupyter-widgets .widget-label[title], .jupyter-widgets button[title], " +
    ".jupyter-widgets input[title], .jupyter-widgets textarea[title], " +
    ".jupyter-widgets select[title], .jupyter-widgets[title]");
  for (const holder of holders) {
    for (const target of explained(holder)) {
      const text = tipText(holder, target);
      let tip = target.__ptoTip;
      if (!text) {
        if (tip) {
          target.removeAttribute("aria-describedby");
          tip.remove();
          target.__ptoTip = null;
        }
        continue;
      }
      if (!tip) {
        tip = document.createElement("div");
        tip.id = `pto-tip-${++tipCount}`;
        tip.className = "pto-tip";
        tip.setAttribute("role", "tooltip");
        tip.hidden = true;
        tip.__ptoOwner = target;
        tipBox().appendChild(tip);
        target.__ptoTip = tip;
      }
      const key = text.label + "\n" + text.tip;
      if (tip.__ptoKey !== key) {
        tip.__ptoKey = key;
        tip.replaceChildren();
        if (text.label) {
          const b = document.createElement("b");
          b.textContent = text.label + ": ";
          tip.appendChild(b);
        }
        tip.appendChild(document.createTextNode(text.tip));
      }
      if (target.getAttribute("aria-describedby") !== tip.id) {
        target.setAttribute("aria-describedby", tip.id);
      }
    }
  }
  // tips of controls that left the page go too
  const box = document.getElementById("pto-tips");
  for (const tip of box ? [...box.children] : []) {
    if (!tip.__ptoOwner || !tip.__ptoOwner.isConnected) tip.remove();
  }
}

let shownTip = null;

function placeTip(tip, target) {
  const r = target.getBoundingClientRect();
  tip.style.maxWidth = `${Math.min(420, window.innerWidth - 16)}px`;
  tip.hidden = false;
  const h = tip.offsetHeight;
  const w = tip.offsetWidth;
  const below = r.bottom + 6 + h <= window.innerHeight || r.top - 6 - h < 0;
  tip.style.top = `${below ? r.bottom + 6 : r.top - 6 - h}px`;
  tip.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - w - 8))}px`;
}

function hideTip() {
  if (shownTip) shownTip.hidden = true;
  shownTip = null;
}

function watchTips() {
  document.addEventListener("focusin", (event) => {
    const target = event.target;
    hideTip();
    const tip = target && target.__ptoTip;
    if (!tip || !tip.isConnected) return;
    let keyboard = true;
    try {
      keyboard = target.matches(":focus-visible");
    } catch (error) { /* an old browser: show it */ }
    if (!keyboard) return;
    shownTip = tip;
    placeTip(tip, target);
  });
  document.addEventListener("focusout", (event) => {
    if (shownTip && shownTip.__ptoOwner === event.target) hideTip();
  });
  // Esc hides the tip and nothing else (focus stays where it is); caught before the front end
  window.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && shownTip) {
      hideTip();
      event.stopPropagation();
    }
  }, true);
  window.addEventListener("scroll", () => {
    if (shownTip) placeTip(shownTip, shownTip.__ptoOwner);
  }, true);
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
/* A slider's label wraps onto a second line instead of ending in "..." (the longest factor
   names in 06 are wider than the label column); the slider grows to fit it. */
.jupyter-widgets.widget-hslider { height: auto; min-height: var(--jp-widgets-inline-height, 28px); }
.jupyter-widgets.widget-hslider > .widget-label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  line-height: 1.25; padding: 2px 0; overflow-wrap: break-word;
}
#pto-tips .pto-tip {
  position: fixed; z-index: 10001; box-sizing: border-box; padding: 6px 10px;
  background: #1a1a1a; color: #ffffff; border-radius: 4px; font-size: 14px; line-height: 1.4;
  font-family: Arial, Helvetica, sans-serif; white-space: normal; box-shadow: 0 2px 6px #0005;
}
#pto-tips .pto-tip[hidden] { display: none; }
:is(.jp-OutputArea-output, .widget-area, .jupyter-widgets)
  :is(button, input, select, textarea, a, summary, [tabindex], [role="slider"]):focus-visible,
.jupyter-widgets:is(button, input, select, textarea):focus-visible {
  outline: 3px solid #0072B2 !important; outline-offset: 2px !important;
}
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
  watchTips();
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
                              attributeFilter: ["class", "aria-valuenow", "aria-pressed",
                                                "title"] });
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
