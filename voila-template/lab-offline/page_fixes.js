// Three workarounds, run in every Voila page before the JupyterLab extensions load.
(() => {
  "use strict";
  // 1. Voila 0.5 draws a plain plotly output (a figure left last in a cell) by handing
  //    jupyterlab-plotly the output's bare JSON as its model; once the chart is drawn, the
  //    renderer calls model.setData() to cache a PNG of it, which throws "r.setData is not a
  //    function" in every such page. The chart itself is fine: give such models a setData that
  //    does nothing (the PNG cache only matters in a saved notebook, which Voila has not).
  const patched = new WeakSet();
  const patchPlotly = (exports) => {
    const Rendered = exports && exports.RenderedPlotly;
    if (!Rendered || patched.has(Rendered)) return exports;
    patched.add(Rendered);
    const renderModel = Rendered.prototype.renderModel;
    Rendered.prototype.renderModel = function (model) {
      if (model && typeof model.setData !== "function") model = { ...model, setData() {} };
      return renderModel.call(this, model);
    };
    return exports;
  };
  const federated = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  let plotly;
  Object.defineProperty(federated, "jupyterlab-plotly", {
    configurable: true,
    enumerable: true,
    get: () => plotly,
    // the extension's remoteEntry.js assigns its module container here; Voila then calls get()
    set: (container) => {
      plotly = {
        init: (...args) => container.init(...args),
        get: (module, ...args) => container.get(module, ...args).then(
          (factory) => () => patchPlotly(factory())),
      };
    },
  });

  // 2. anywidget 0.11 gives a widget's module 2 seconds, counted from the moment its model is
  //    created, to load; if it takes longer, the model fails with "[anywidget] Failed to
  //    initialize model." and drops every later update from the kernel: the chart freezes while
  //    its sliders still move. A page that creates a hundred widgets at once on a busy machine
  //    (or a slow laptop) can take longer than that. Give anywidget's own 2-second timer a minute.
  const timeout = AbortSignal.timeout.bind(AbortSignal);
  AbortSignal.timeout = (ms) =>
    timeout(ms === 2000 && /anywidget/.test(new Error().stack || "") ? 60000 : ms);

  // 3. Voila's widget manager (ipywidgets 8) asks the kernel for every widget's state at once
  //    and gives the answer 4 seconds; after that it falls back to asking widget by widget,
  //    which never finishes here: the page stays without a single widget. When a class opens
  //    the dashboard together, the kernel's answer (the state of ~100 widgets and five charts)
  //    can take longer than 4 s to arrive and be read. Give that one request two minutes.
  const setTimer = window.setTimeout.bind(window);
  window.setTimeout = (handler, ms, ...args) =>
    setTimer(handler, ms === 4000 && /_loadFromKernel/.test(new Error().stack || "")
      ? 120000 : ms, ...args);
})();
