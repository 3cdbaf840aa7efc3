// The browser side of helpers.core.ui.LiveFigure: one plotly figure, redrawn in place.
//
// plotly.js comes from the plotly extension that JupyterLab and Voila already load
// (jupyterlab-plotly): its renderer draws the first figure, the same way it draws any figure
// output, and every later figure is one Plotly.react on that same plot. A new figure output
// instead costs a fresh plot, a second draw and a PNG snapshot.
const MIME = "application/vnd.plotly.v1+json";

/** jupyterlab-plotly's renderer class, or null where that extension is not loaded. */
async function plotlyRenderer() {
  const container = globalThis._JUPYTERLAB && globalThis._JUPYTERLAB["jupyterlab-plotly"];
  if (!container) return null;
  const factory = await container.get("./mimeExtension");
  return factory().RenderedPlotly ?? null;
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
  const Renderer = await plotlyRenderer();
  if (Renderer === null) {
    const title = model.get("figure")?.layout?.title?.text ?? "";
    note(el, `Chart "${title}": it needs JupyterLab, Voila or Binder, where the plotly ` +
      "extension is loaded.");
    mark(el, "unavailable");
    return;
  }
  await whenConnected(el);
  let renderer = null;
  let width = 0;
  let drawnConfig = "null";
  let drawing = false;
  let stale = false;
  const draw = async () => {
    const figure = currentFigure(model);
    if (!figure.data) {
      if (renderer !== null) renderer.node.style.display = "none";
      mark(el, "empty");
      return;
    }
    if (renderer === null || Renderer.Plotly === null) {
      // first figure (or plotly not reachable yet): the extension's own renderer draws it
      renderer?.node.remove();
      renderer = new Renderer({ mimeType: MIME });
      el.replaceChildren(renderer.node);
      await renderer.renderModel({ data: { [MIME]: figure }, metadata: {}, setData() {} });
      drawnConfig = JSON.stringify(figure.config ?? null);
    } else {
      renderer.node.style.display = "";
      // a config passed to react is compared with the plot's own, and any difference (even in
      // flags plotly sets itself) makes react draw a whole new plot: pass it only if it changed
      const config = JSON.stringify(figure.config ?? null);
      await Renderer.Plotly.react(renderer.node, figure.data, figure.layout,
        config === drawnConfig ? undefined : figure.config || {});
      drawnConfig = config;
    }
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
      renderer = null;
      mark(el, "error");
    } finally {
      drawing = false;
    }
  };
  redraw();
  model.on("change:figure", redraw);
  const resized = new ResizeObserver(() => {
    if (renderer === null || Renderer.Plotly === null || el.clientWidth === width) return;
    width = el.clientWidth;
    Renderer.Plotly.Plots.resize(renderer.node);
  });
  resized.observe(el);
  return () => {
    model.off("change:figure", redraw);
    resized.disconnect();
    if (renderer !== null && Renderer.Plotly !== null) Renderer.Plotly.purge(renderer.node);
  };
}

export default { render };
