(() => {
  // Presentation mode: ← / PageUp previous slide, → / space / PageDown next, F full screen,
  // Esc leaves; the control bar hides after a few seconds without mouse movement.
  const w = window;
  const doc = w.document;
  if (w.__hnparksPresenter) return;
  w.__hnparksPresenter = true;
  const KEYS = {
    ArrowLeft: "present_prev", PageUp: "present_prev",
    ArrowRight: "present_next", PageDown: "present_next", " ": "present_next",
    Escape: "present_exit", f: "fullscreen", F: "fullscreen",
  };
  // the buttons are there only in presentation mode (F needs one of them as that sign)
  const button = (key) => doc.querySelector(".st-key-" + (key === "fullscreen" ? "present_next" : key) + " button");
  w.addEventListener("keydown", (event) => {
    const key = KEYS[event.key];
    if (!key || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [role=listbox]")) return;
    const found = button(key);
    if (!found) return;  // not in presentation mode
    event.preventDefault();
    if (key === "fullscreen") {
      const change = doc.fullscreenElement ? doc.exitFullscreen() : doc.documentElement.requestFullscreen();
      change.catch(() => {});  // refused (a browser setting): the slides stay as they are
    } else {
      found.click();
    }
  }, true);
  let timer = null;
  const awake = () => {
    doc.body.classList.remove("hnparks-idle");
    clearTimeout(timer);
    timer = setTimeout(() => doc.body.classList.add("hnparks-idle"), 3000);
  };
  for (const type of ["mousemove", "pointerdown", "touchstart"]) {
    w.addEventListener(type, awake, { passive: true, capture: true });
  }
  awake();
})();
