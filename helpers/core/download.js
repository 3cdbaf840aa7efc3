// The browser side of helpers.core.download.DownloadButton: a button that asks the kernel for
// a file and hands it to the browser as a download (no server folder involved, works offline
// in JupyterLab and Voila).
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button pto-download";
  button.type = "button";
  const label = () => {
    button.textContent = model.get("description");
    button.title = model.get("tooltip");
    button.setAttribute("aria-label", model.get("tooltip") || model.get("description"));
  };
  label();
  model.on("change:description", label);
  model.on("change:tooltip", label);
  button.addEventListener("click", () => model.send({ request: true }));
  const onMessage = (content) => {
    if (!content || typeof content.content !== "string") return;
    const blob = new Blob([content.content], { type: content.mime || "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = content.filename || "scenario.json";
    document.body.appendChild(link);
    link.click();
    setTimeout(() => {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 1000);
  };
  model.on("msg:custom", onMessage);
  el.replaceChildren(button);
  return () => model.off("msg:custom", onMessage);
}

export default { render };
