// Four workarounds and one saving, run in every Voila page before the JupyterLab extensions
// load.
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
  // An extension's remoteEntry.js assigns its module container to window._JUPYTERLAB[name];
  // Voila then calls get(module): pass each module's exports through patch() first (with no
  // patch, the extension offers an empty list of plugins and none of its code is fetched).
  const federated = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  const patchExtension = (name, patch) => {
    let wrapped;
    Object.defineProperty(federated, name, {
      configurable: true,
      enumerable: true,
      get: () => wrapped,
      set: (container) => {
        wrapped = {
          init: (...args) => container.init(...args),
          get: (module, ...args) => (patch === null
            ? Promise.resolve(() => ({ __esModule: true, default: [] }))
            : container.get(module, ...args).then((factory) => () => patch(factory()))),
        };
      },
    });
  };
  // 5. The saving: a page whose template loaded plotly's cartesian bundle (index.html.j2) draws
  //    every chart as a live figure (helpers/core/live_figure.js) with that bundle, through
  //    window.ptoLightPlotly. jupyterlab-plotly then offers the page nothing, so its 4.8 MB module
  //    (plotly.js in full) is never fetched: a student's page loads 3.4 MB less, and spends
  //    about 0.1 s less preparing plotly, which also runs while the page waits for the server.
  const light = document.getElementById("pto-light-plotly");
  if (light) {
    window.ptoLightPlotly = new Promise((resolve) => {
      // the bundle's UMD wrapper leaves plotly in window.moduleName
      const loaded = () => resolve(window.moduleName || null);
      if (window.moduleName) loaded();
      light.addEventListener("load", loaded);
      light.addEventListener("error", () => resolve(null));
    });
    patchExtension("jupyterlab-plotly", null);
  } else {
    patchExtension("jupyterlab-plotly", patchPlotly);
  }

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

  // 4. A widget output asks the widget manager for its model; ipywidgets 8's get_model waits
  //    up to 2 seconds for it, checking every 100 ms, but does not check again once the time
  //    is up. When a busy page's main thread is blocked for more than 2 seconds (a class
  //    loading the dashboard at once), the models arrive during the block, the check never
  //    sees them, and the output shows "widget model not found" for good: about one page in
  //    twenty under class load had no panel. Wait up to two minutes, checking after each pause.
  const waitForModels = (manager) => {
    let owner = manager;  // the class every widget manager of the page shares
    while (owner && !Object.prototype.hasOwnProperty.call(owner, "get_model")) {
      owner = Object.getPrototypeOf(owner);
    }
    if (!owner || owner.get_model.waitsForModels) return;
    const getModel = owner.get_model;
    const patient = async function (id) {
      const started = Date.now();
      while (!this.has_model(id) && Date.now() - started < 120000) {
        await new Promise((resolve) => setTimer(resolve, 100));
      }
      return getModel.call(this, id);
    };
    patient.waitsForModels = true;
    owner.get_model = patient;
  };
  // patched the moment Voila's widget-manager plugin hands its manager to the page's app (the
  // plugin is wrapped when its extension registers), before any output can ask for a model
  const patchPlugins = (exports) => {
    const plugins = exports && exports.default;
    for (const plugin of Array.isArray(plugins) ? plugins : [plugins]) {
      if (!plugin || !/widget-manager8$/.test(plugin.id || "") || plugin.patched) continue;
      plugin.patched = true;
      const activate = plugin.activate;
      plugin.activate = function (voilaApp, ...args) {
        const found = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(voilaApp),
                                                      "widgetManager");
        if (found && found.get && found.set) {
          Object.defineProperty(voilaApp, "widgetManager", {
            configurable: true,
            get() { return found.get.call(this); },
            set(manager) { waitForModels(manager); found.set.call(this, manager); },
          });
        }
        return activate.call(this, voilaApp, ...args);
      };
    }
    return exports;
  };
  patchExtension("@voila-dashboards/widgets-manager8", patchPlugins);
})();
