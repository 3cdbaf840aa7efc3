// The browser side of helpers.core.ui.LiveFigure: one plotly figure, redrawn in place.
//
// plotly.js comes from the plotly extension that JupyterLab and Voila already load
// (jupyterlab-plotly). The first figure is one Plotly.newPlot and every later one a
// Plotly.react on that same plot. (The extension's own renderer would draw each new figure three
// times: the plot, a redraw, and a hidden copy for a PNG snapshot of it.)
const MIME = "application/vnd.plotly.v1+json";

/** jupyterlab-plotly's renderer class, or null where that extension is not loaded. */
async function plotlyRenderer() {
  const container = globalThis._JUPYTERLAB && globalThis._JUPYTERLAB["jupyterlab-plotly"];
  if (!container) return null;
  const factory = await container.get("./mimeExtension");
  return factory().RenderedPlotly ?? null;
}

/** plotly.js, or null where there is none: on a Voila page that loads plotly's cartesian bundle
 * (see voila-template/lab-offline/page_fixes.js) that bundle, elsewhere the plotly extension's.
 * The extension's renderer loads plotly.js with its first figure, so it is given an empty one,
 * off the page, if it has not drawn one yet. One promise for the whole page. */
function loadPlotly() {
  globalThis.__ptoPlotly ??= (async () => {
    if (globalThis.ptoLightPlotly) return await globalThis.ptoLightPlotly;
    const Renderer = await plotlyRenderer();
    if (Renderer === null) return null;
    if (!Renderer.Plotly) {
      const empty = new Renderer({ mimeType: MIME });
      await empty.renderModel({ data: { [MIME]: { data: [], layout: {} } }, metadata: {},
                                setData() {} });
      Renderer.Plotly?.purge(empty.node);
      empty.dispose();
    }
    return Renderer.Plotly ?? null;
  })();
  return globalThis.__ptoPlotly;
}

/** Resolves once ``el`` is in the page (plotly sizes a plot from its container). */
function whenConnected(el) {
  return new Promise((resolve) => {
    const check = () => (el.isConnected ? resolve() : requestAnimationFrame(check));
    check();
  });
}

/** A copy of the model's figure (plotly writes into the layouts it draws). */
function currentFigure(model) {
  return structuredClone(model.get("figure") || {});
}

/** The figure's state, for tests and styling: "empty", "drawn", "error" or "unavailable". */
function mark(el, state) {
  el.dataset.liveFigure = state;
}

function note(el, text) {
  const p = document.createElement("p");
  p.className = "pto-live-figure-note";
  p.textContent = text;
  el.replaceChildren(p);
}

/** The figure's text alternative on its container, updated with every figure. */
function describe(el, model) {
  el.setAttribute("role", "figure");
  el.setAttribute("aria-label", model.get("alt") || "Chart");
}

async function render({ model, el }) {
  describe(el, model);
  model.on("change:alt", () => describe(el, model));
  const Plotly = await loadPlotly();
  if (Plotly === null) {
    const title = model.get("figure")?.layout?.title?.text ?? "";
    note(el, `Chart "${title}": it needs JupyterLab, Voila or Binder, where the plotly ` +
      "extension is loaded.");
    mark(el, "unavailable");
    return;
  }
  await whenConnected(el);
  let plot = null;
  let width = 0;
  let drawnConfig = "null";
  let drawing = false;
  let stale = false;
  const draw = async () => {
    const figure = currentFigure(model);
    if (!figure.data) {
      if (plot !== null) plot.style.display = "none";
      mark(el, "empty");
      return;
    }
    const config = JSON.stringify(figure.config ?? null);
    if (plot === null) {
      plot = document.createElement("div");
      plot.className = "pto-live-figure-plot";
      el.replaceChildren(plot);
      await Plotly.newPlot(plot, figure.data, figure.layout, figure.config || {});
    } else {
      plot.style.display = "";
      // a config passed to react is compared with the plot's own, and any difference (even in
      // flags plotly sets itself) makes react draw a whole new plot: pass it only if it changed
      await Plotly.react(plot, figure.data, figure.layout,
        config === drawnConfig ? undefined : figure.config || {});
    }
    drawnConfig = config;
    width = el.clientWidth;
    mark(el, "drawn");
  };
  // while a figure is being drawn, newer ones wait; only the latest is drawn after it
  const redraw = async () => {
    if (drawing) { stale = true; return; }
    drawing = true;
    try {
      do { stale = false; await draw(); } while (stale);
    } catch (error) {
      console.error("live figure:", error);
      note(el, `This chart could not be drawn (${error}). Run the cell again.`);
      plot = null;
      mark(el, "error");
    } finally {
      drawing = false;
    }
  };
  redraw();
  model.on("change:figure", redraw);
  const resized = new ResizeObserver(() => {
    if (plot === null || el.clientWidth === width) return;
    width = el.clientWidth;
    Plotly.Plots.resize(plot);
  });
  resized.observe(el);
  return () => {
    model.off("change:figure", redraw);
    resized.disconnect();
    if (plot !== null) Plotly.purge(plot);
  };
}

export default { render };
